/**
 * Compiles a condition tree into a synchronous predicate `(facts) => boolean` that decides
 * exactly what json-rules-engine decides (rule.js `evaluate`):
 *
 * - `all`/`any` with no conditions hold (json-rules-engine returns true for an empty list);
 *   with one condition they are that condition.
 * - Otherwise the conditions are grouped by `priority` (default 1) and the groups run from
 *   the highest priority down; `all` stops at the first group with a false condition, `any`
 *   at the first group with a true one.
 * - Inside a group json-rules-engine evaluates every condition in parallel, so an error in
 *   any of them surfaces even when a sibling already decided the result. The compiled
 *   predicate stops early inside a group only when no condition in it can throw; otherwise it
 *   evaluates them all, to throw where the engine rejects.
 *
 * Closures are built once here; fact reads are shared between conditions (fact-reads.ts), and
 * evaluating allocates nothing.
 */
import { factReads, type FactReads } from './fact-reads';
import { operatorCanThrow, operatorFunction, preparedOperator, resolveOperator } from './operators/registry';
import { isFactReference, type Condition, type FactCondition, type Facts } from './types';

/** A compiled condition. */
export type Predicate = (facts: Facts) => boolean;

type Compiled = { readonly test: Predicate; readonly canThrow: boolean; readonly priority: number };

/** Compiles one condition tree (a rule's `conditions`, or any node of one) on its own. */
export function compileCondition(condition: Condition): Predicate {
  const reads = factReads();
  const test = compileConditionWith(condition, reads);
  return (facts) => {
    reads.begin();
    return test(facts);
  };
}

/**
 * Compiles a condition tree whose fact reads are shared through `reads`; the caller calls
 * `reads.begin()` before each evaluation.
 */
export function compileConditionWith(condition: Condition, reads: FactReads): Predicate {
  return compile(condition, reads).test;
}

function compile(condition: Condition, reads: FactReads): Compiled {
  const priority = condition.priority ?? 1;
  const children = (list: readonly Condition[]) => list.map((c) => compile(c, reads));
  if ('all' in condition) return { ...list(children(condition.all), 'all'), priority };
  if ('any' in condition) return { ...list(children(condition.any), 'any'), priority };
  if ('not' in condition) {
    const inner = compile(condition.not, reads);
    const test = inner.test;
    return { test: (facts) => !test(facts), canThrow: inner.canThrow, priority };
  }
  return { ...factTest(condition, reads), priority };
}

function list(children: readonly Compiled[], kind: 'all' | 'any'): Omit<Compiled, 'priority'> {
  const canThrow = children.some((c) => c.canThrow);
  if (children.length === 0) return { test: () => true, canThrow };
  if (children.length === 1) return { test: children[0]!.test, canThrow };
  const priorities = [...new Set(children.map((c) => c.priority))].sort((a, b) => b - a);
  const groups = priorities.map((p) => {
    const members = children.filter((c) => c.priority === p);
    const tests = members.map((c) => c.test);
    const eager = members.some((c) => c.canThrow);
    return kind === 'all' ? (eager ? allEager(tests) : all(tests)) : eager ? anyEager(tests) : any(tests);
  });
  return { test: kind === 'all' ? all(groups) : any(groups), canThrow };
}

function all(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (facts) => a(facts) && b(facts);
  }
  return (facts) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(facts)) return false;
    return true;
  };
}

function any(tests: readonly Predicate[]): Predicate {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (facts) => a(facts) || b(facts);
  }
  return (facts) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(facts)) return true;
    return false;
  };
}

function allEager(tests: readonly Predicate[]): Predicate {
  return (facts) => {
    let result = true;
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(facts)) result = false;
    return result;
  };
}

function anyEager(tests: readonly Predicate[]): Predicate {
  return (facts) => {
    let result = false;
    for (let i = 0; i < tests.length; i++) if (tests[i]!(facts)) result = true;
    return result;
  };
}

function factTest(condition: FactCondition, reads: FactReads): Omit<Compiled, 'priority'> {
  const operator = resolveOperator(condition.operator);
  if (operator === undefined) throw new Error(`operator ${JSON.stringify(condition.operator)}: unknown operator`);
  const read = reads.reader(condition.fact, condition.path);
  const value = condition.value;
  if (isFactReference(value)) {
    const readValue = reads.reader(value.fact, value.path);
    const evaluate = operatorFunction(operator);
    return { test: (facts) => evaluate(read(facts), readValue(facts)), canThrow: operatorCanThrow(operator, undefined) };
  }
  const canThrow = operatorCanThrow(operator, { literal: value });
  const prepared = preparedOperator(operator, value);
  if (prepared !== undefined) return { test: (facts) => prepared(read(facts)), canThrow };
  const evaluate = operatorFunction(operator);
  return { test: (facts) => evaluate(read(facts), value), canThrow };
}
