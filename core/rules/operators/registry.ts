/**
 * The operator registry: every operator a rule file may name, each defined once and used by
 * both evaluators. The reference evaluator keeps json-rules-engine's own built-in operators
 * and decorators and registers ours (`origin: 'core'`) with `engine.addOperator`; the compiled
 * evaluator calls the definitions here directly.
 *
 * Operator names may carry decorators, as in json-rules-engine v7: `someFact:equal`,
 * `not:selectorMatches`, `everyValue:quantityLessThan`. The leftmost decorator is the
 * outermost (operator-map.js `get`).
 */
import { BUILTIN_DECORATORS, BUILTIN_OPERATORS } from './builtin';
import { type DecoratorDefinition, type KnownValue, type OperatorDefinition } from './definition';
import { EXISTS_OPERATOR } from './exists';
import { QUANTITY_OPERATORS } from './quantity';
import { SELECTOR_OPERATORS } from './selector';
import { TOLERATION_OPERATORS } from './tolerations';
import type { JsonValue } from '../types';

/** Every operator, json-rules-engine's first. */
export const OPERATORS: readonly OperatorDefinition[] = [
  ...BUILTIN_OPERATORS,
  EXISTS_OPERATOR,
  ...SELECTOR_OPERATORS,
  ...TOLERATION_OPERATORS,
  ...QUANTITY_OPERATORS,
];

/** Every operator decorator (all of them json-rules-engine's). */
export const DECORATORS: readonly DecoratorDefinition[] = BUILTIN_DECORATORS;

const operatorsByName = new Map(OPERATORS.map((o) => [o.name, o]));
const decoratorsByName = new Map(DECORATORS.map((d) => [d.name, d]));

/** An operator name taken apart: its decorators, outermost first, and the operator they wrap. */
export type ResolvedOperator = {
  readonly name: string;
  readonly decorators: readonly DecoratorDefinition[];
  readonly base: OperatorDefinition;
};

/** The operator a name denotes, or `undefined` when json-rules-engine would not find one either. */
export function resolveOperator(name: string): ResolvedOperator | undefined {
  const decorators: DecoratorDefinition[] = [];
  let rest = name;
  while (!operatorsByName.has(rest)) {
    const colon = rest.indexOf(':');
    const decorator = colon > 0 ? decoratorsByName.get(rest.slice(0, colon)) : undefined;
    if (decorator === undefined) return undefined;
    decorators.push(decorator);
    rest = rest.slice(colon + 1);
  }
  return { name, decorators, base: operatorsByName.get(rest)! };
}

/** What is wrong with a literal value for this operator, or `undefined`. */
export function checkOperatorValue(operator: ResolvedOperator, value: JsonValue, from = 0): string | undefined {
  const decorator = operator.decorators[from];
  if (decorator === undefined) return operator.base.checkValue(value);
  return decorator.checkValue(value, (inner) => checkOperatorValue(operator, inner, from + 1));
}

/** Whether evaluating this operator can throw, given what is known of the value. */
export function operatorCanThrow(operator: ResolvedOperator, value: KnownValue, from = 0): boolean {
  const decorator = operator.decorators[from];
  if (decorator === undefined) return operator.base.canThrow(value);
  return decorator.canThrow(value, (inner) => operatorCanThrow(operator, inner, from + 1));
}

/** The operator as json-rules-engine evaluates it: `(factValue, value) => boolean`. */
export function operatorFunction(operator: ResolvedOperator): (factValue: unknown, value: unknown) => boolean {
  const { acceptsFact, prepare, test } = operator.base;
  // evaluateOperator, specialised once for whether the operator has a fact validator.
  let evaluate =
    acceptsFact === undefined
      ? (a: unknown, b: unknown) => test(a, prepare(b))
      : (a: unknown, b: unknown) => acceptsFact(a) && test(a, prepare(b));
  for (let i = operator.decorators.length - 1; i >= 0; i--) evaluate = decorate(operator.decorators[i]!, evaluate);
  return evaluate;
}

function decorate(decorator: DecoratorDefinition, next: (a: unknown, b: unknown) => boolean) {
  const accepts = decorator.acceptsFact;
  return accepts === undefined
    ? (a: unknown, b: unknown) => decorator.apply(a, b, next)
    : (a: unknown, b: unknown) => accepts(a) && decorator.apply(a, b, next);
}

/**
 * The operator with a literal value fixed and prepared once, as `(factValue) => boolean`, when
 * every decorator hands the value through unchanged; otherwise `undefined`.
 */
export function preparedOperator(operator: ResolvedOperator, value: unknown): ((factValue: unknown) => boolean) | undefined {
  if (!operator.decorators.every((d) => d.passesValueThrough)) return undefined;
  const { acceptsFact, test } = operator.base;
  const prepared = operator.base.prepare(value);
  let evaluate: (a: unknown) => boolean =
    acceptsFact === undefined ? (a) => test(a, prepared) : (a) => acceptsFact(a) && test(a, prepared);
  for (let i = operator.decorators.length - 1; i >= 0; i--) {
    const inner = evaluate;
    const withValue = decorate(operator.decorators[i]!, (a) => inner(a));
    evaluate = (a) => withValue(a, value);
  }
  return evaluate;
}

/** The names a rule file may use, for messages and docs. */
export function operatorNames(): string[] {
  return OPERATORS.map((o) => o.name);
}

/** The decorator names, for messages and docs. */
export function decoratorNames(): string[] {
  return DECORATORS.map((d) => d.name);
}
