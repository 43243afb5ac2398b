/**
 * Code generation for the compiled evaluator: condition trees become the body of one
 * JavaScript function, so that V8 gives every property load and every operator call its own
 * inline cache instead of sharing one generic closure between all of them.
 *
 * What the generated code does, and why it decides exactly what json-rules-engine decides:
 * - Each distinct fact path is read once, at the top, as a chain of property loads
 *   (`n1 = f0 ? f0["spec"] : undefined`), with `Object.hasOwn` only for names that JSON values
 *   inherit (`length`, `constructor`, ...), which is jsonpath-plus's "own property of a truthy
 *   value" (json-path.ts `readPath`). A path is ignored when the fact is not an object
 *   (json-path.ts `resolveFactPath`). Reading cannot throw, so reading early changes nothing.
 * - A fact test calls its operator: the closure `preparedOperator` builds once for a literal
 *   value, or `operatorFunction` for a fact reference. Operators live in the registry; no
 *   operator's meaning is written here.
 * - `all`/`any` with no conditions are `true`, with one they are that condition; otherwise the
 *   conditions are grouped by priority, highest first, and the groups joined with `&&`/`||`.
 *   Inside a group, json-rules-engine evaluates every condition, so an error in one surfaces
 *   even if a sibling already decided: a group with a condition that can throw is joined with
 *   the non-short-circuiting `&`/`|`; one whose conditions cannot throw uses `&&`/`||`.
 * Rule data never becomes code: fact names and keys are JSON-quoted, and values, operators and
 * events are passed in as constants (`K[0]`, `K[1]`, ...).
 */
import { parsePath } from './json-path';
import { operatorCanThrow, operatorFunction, preparedOperator, resolveOperator } from './operators/registry';
import { isFactReference, type Condition, type FactCondition } from './types';

type Expression = { readonly code: string; readonly canThrow: boolean; readonly priority: number };

/** A function body under construction: the reads it needs and the constants it uses. */
export type Program = {
  /** Statements that read facts, in order. */
  readonly reads: string[];
  /** Values the body refers to as `K[i]`. */
  readonly constants: unknown[];
  /** Local names already given to facts and path nodes, by key. */
  readonly names: Map<string, string>;
};

/** An empty program. */
export function program(): Program {
  return { reads: [], constants: [], names: new Map() };
}

const INHERITED = new Set([Object, Array, String, Number, Boolean].flatMap((type) => Object.getOwnPropertyNames(type.prototype)));

/** `K[i]` for a constant, added once. */
export function constant(p: Program, value: unknown): string {
  let index = p.constants.indexOf(value);
  if (index < 0) index = p.constants.push(value) - 1;
  return `K[${index}]`;
}

/** A local holding a value computed once, named by `key`; `compute` gives its expression. */
function local(p: Program, key: string, compute: () => string): string {
  const known = p.names.get(key);
  if (known !== undefined) return known;
  const expression = compute();
  const name = `v${p.names.size}`;
  p.reads.push(`const ${name} = ${expression};`);
  p.names.set(key, name);
  return name;
}

/** The local holding `fact` read at `path`, as json-rules-engine resolves it. */
function read(p: Program, fact: string, path: string | undefined): string {
  const factName = local(p, JSON.stringify([fact]), () => `facts[${JSON.stringify(fact)}]`);
  const segments = path === undefined ? [] : parsePath(path);
  if ('error' in segments) throw new Error(`path ${JSON.stringify(path)}: ${segments.error}`);
  if (segments.length === 0) return factName;
  let node = factName;
  segments.forEach((key, i) => {
    const parent = node;
    const quoted = JSON.stringify(key);
    node = local(p, JSON.stringify([fact, ...segments.slice(0, i + 1)]), () =>
      INHERITED.has(key) ? `${parent} && hasOwn(${parent}, ${quoted}) ? ${parent}[${quoted}] : undefined` : `${parent} ? ${parent}[${quoted}] : undefined`,
    );
  });
  const last = node;
  return local(p, JSON.stringify(['resolved', fact, path]), () => `${factName} !== null && typeof ${factName} === "object" ? ${last} : ${factName}`);
}

/** The expression for a condition tree. */
export function condition(p: Program, c: Condition): string {
  return expression(p, c).code;
}

function expression(p: Program, c: Condition): Expression {
  const priority = c.priority ?? 1;
  if ('all' in c) return { ...list(c.all.map((x) => expression(p, x)), 'all'), priority };
  if ('any' in c) return { ...list(c.any.map((x) => expression(p, x)), 'any'), priority };
  if ('not' in c) {
    const inner = expression(p, c.not);
    return { code: `!${inner.code}`, canThrow: inner.canThrow, priority };
  }
  return { ...factTest(p, c), priority };
}

function list(children: readonly Expression[], kind: 'all' | 'any'): Omit<Expression, 'priority'> {
  const canThrow = children.some((c) => c.canThrow);
  if (children.length === 0) return { code: 'true', canThrow };
  if (children.length === 1) return { code: children[0]!.code, canThrow };
  const priorities = [...new Set(children.map((c) => c.priority))].sort((a, b) => b - a);
  const groups = priorities.map((priority) => {
    const members = children.filter((c) => c.priority === priority);
    if (members.length === 1) return members[0]!.code;
    const eager = members.some((c) => c.canThrow);
    const join = kind === 'all' ? (eager ? ' & ' : ' && ') : eager ? ' | ' : ' || ';
    const joined = `(${members.map((m) => m.code).join(join)})`;
    // `&` and `|` give 0 or 1; `!!` turns them back into booleans.
    return eager ? `!!${joined}` : joined;
  });
  return { code: groups.length === 1 ? groups[0]! : `(${groups.join(kind === 'all' ? ' && ' : ' || ')})`, canThrow };
}

function factTest(p: Program, c: FactCondition): Omit<Expression, 'priority'> {
  const operator = resolveOperator(c.operator);
  if (operator === undefined) throw new Error(`operator ${JSON.stringify(c.operator)}: unknown operator`);
  const fact = read(p, c.fact, c.path);
  const value = c.value;
  if (isFactReference(value)) {
    const call = constant(p, operatorFunction(operator));
    return { code: `${call}(${fact}, ${read(p, value.fact, value.path)})`, canThrow: operatorCanThrow(operator, undefined) };
  }
  const canThrow = operatorCanThrow(operator, { literal: value });
  const prepared = preparedOperator(operator, value);
  if (prepared !== undefined) return { code: `${constant(p, prepared)}(${fact})`, canThrow };
  return { code: `${constant(p, operatorFunction(operator))}(${fact}, ${constant(p, value)})`, canThrow };
}

/**
 * Turns a program and its body into a function. The source is kept for people: it is what
 * the rules compiled to, readable with the constants numbered.
 */
export function link<F>(p: Program, body: string[]): { readonly fn: F; readonly source: string } {
  const source = ['return function evaluate(facts) {', ...p.reads.map((r) => `  ${r}`), ...body.map((b) => `  ${b}`), '};'].join('\n');
  // Rule data reaches this source only JSON-quoted; everything else is passed as K.
  const fn = new Function('K', 'hasOwn', `"use strict";\n${source}`)(p.constants, Object.hasOwn) as F;
  return { fn, source };
}
