/**
 * json-rules-engine's built-in operators and operator decorators, mirrored line for line so
 * the compiled evaluator behaves exactly as the engine does, down to its quirks:
 * - `equal`/`notEqual` use `===`/`!==`, so a list or map is never equal to anything;
 * - `in`/`notIn` call `value.indexOf(fact)`: on a string value that is a substring test, and
 *   on a value with no `indexOf` (a number, `null`, a missing fact) the engine throws;
 * - `contains`/`doesNotContain` are false unless the fact is an array;
 * - the numeric operators are false unless `parseFloat(fact)` is a number, then compare with
 *   JavaScript's `<`, so `"10"` is greater than `9` and `[5]` is less than `6`.
 * The reference evaluator uses the engine's own operators; a property test holds these equal.
 *
 * Upstream: json-rules-engine src/engine-default-operators.js and
 * src/engine-default-operator-decorators.js (v7.3); docs/rules.md "Operators" and
 * "Operator Decorators".
 */
import { defineOperator, show, type DecoratorDefinition, type KnownValue, type OperatorDefinition } from './definition';
import type { JsonValue } from '../types';

type Compare = (a: any, b: any) => boolean; // the engine's callbacks are untyped JavaScript

const isScalar = (v: JsonValue) => v === null || typeof v !== 'object';
const never = () => false;

function scalarValue(operator: string): (v: JsonValue) => string | undefined {
  return (v) =>
    isScalar(v)
      ? undefined
      : `must be a string, number, boolean or null: ${operator} compares with ===, so a list or map never matches`;
}

function builtin(name: string, summary: string, fact: string, value: string, rest: Omit<OperatorDefinition, 'name' | 'summary' | 'fact' | 'value' | 'origin' | 'prepare' | 'test'> & { test: Compare }): OperatorDefinition {
  return defineOperator<unknown>({ name, summary, fact, value, origin: 'json-rules-engine', prepare: (v) => v, ...rest });
}

// `b.indexOf` throws unless `b` has one; on a string it also turns the fact into a string,
// which throws for an object that cannot be converted. Only a list never throws.
const indexOfCanThrow = (v: KnownValue) => !(v !== undefined && Array.isArray(v.literal));
const listOfScalars = (v: JsonValue) =>
  Array.isArray(v) && v.every(isScalar) ? undefined : 'must be a list of strings, numbers, booleans or nulls';

// json-rules-engine's numberValidator: `Number.parseFloat(factValue).toString() !== 'NaN'`.
const numeric = (factValue: unknown) => Number.parseFloat(factValue as string).toString() !== 'NaN';
const numberValue = (v: JsonValue) =>
  typeof v === 'number' && Number.isFinite(v)
    ? undefined
    : 'must be a number (for Kubernetes quantities such as "500m" use the quantity operators)';

/** The built-in operators, in the engine's order. */
export const BUILTIN_OPERATORS: readonly OperatorDefinition[] = [
  builtin('equal', 'the fact is strictly equal (===) to the value', 'any', 'a string, number, boolean or null', {
    test: (a, b) => a === b, checkValue: scalarValue('equal'), canThrow: never,
  }),
  builtin('notEqual', 'the fact is not strictly equal (!==) to the value', 'any', 'a string, number, boolean or null', {
    test: (a, b) => a !== b, checkValue: scalarValue('notEqual'), canThrow: never,
  }),
  builtin('in', 'the value (a list) includes the fact', 'any', 'a list', {
    test: (a, b) => b.indexOf(a) > -1, checkValue: listOfScalars, canThrow: indexOfCanThrow,
  }),
  builtin('notIn', 'the value (a list) does not include the fact', 'any', 'a list', {
    test: (a, b) => b.indexOf(a) === -1, checkValue: listOfScalars, canThrow: indexOfCanThrow,
  }),
  builtin('contains', 'the fact (a list) includes the value', 'a list', 'a string, number, boolean or null', {
    test: (a, b) => a.indexOf(b) > -1, acceptsFact: Array.isArray, checkValue: scalarValue('contains'), canThrow: never,
  }),
  builtin('doesNotContain', 'the fact (a list) does not include the value', 'a list', 'a string, number, boolean or null', {
    test: (a, b) => a.indexOf(b) === -1, acceptsFact: Array.isArray, checkValue: scalarValue('doesNotContain'), canThrow: never,
  }),
  // parseFloat of an object whose `toString` is not a function throws, so these always can.
  builtin('lessThan', 'the fact is a number less than the value', 'a number', 'a number', {
    test: (a, b) => a < b, acceptsFact: numeric, checkValue: numberValue, canThrow: () => true,
  }),
  builtin('lessThanInclusive', 'the fact is a number less than or equal to the value', 'a number', 'a number', {
    test: (a, b) => a <= b, acceptsFact: numeric, checkValue: numberValue, canThrow: () => true,
  }),
  builtin('greaterThan', 'the fact is a number greater than the value', 'a number', 'a number', {
    test: (a, b) => a > b, acceptsFact: numeric, checkValue: numberValue, canThrow: () => true,
  }),
  builtin('greaterThanInclusive', 'the fact is a number greater than or equal to the value', 'a number', 'a number', {
    test: (a, b) => a >= b, acceptsFact: numeric, checkValue: numberValue, canThrow: () => true,
  }),
];

const eachElement = (what: string) => (v: JsonValue, inner: (v: JsonValue) => string | undefined) => {
  if (!Array.isArray(v)) return `must be a list: ${what} applies the operator to each element, got ${show(v)}`;
  for (const [i, element] of v.entries()) {
    const problem = inner(element);
    if (problem !== undefined) return `[${i}]: ${problem}`;
  }
  return undefined;
};
// `value.some` / `value.every` throw unless the value is an array.
const eachElementCanThrow = (v: KnownValue, inner: (v: KnownValue) => boolean) =>
  v === undefined || !Array.isArray(v.literal) || v.literal.some((element) => inner({ literal: element }));

/** The built-in operator decorators, in the engine's order. */
export const BUILTIN_DECORATORS: readonly DecoratorDefinition[] = [
  {
    name: 'someFact', summary: 'the fact is a list and the operator holds for at least one of its elements',
    acceptsFact: Array.isArray, passesValueThrough: true,
    apply: (a, b, next) => (a as unknown[]).some((fv) => next(fv, b)),
    checkValue: (v, inner) => inner(v), canThrow: (v, inner) => inner(v),
  },
  {
    name: 'someValue', summary: 'the operator holds against at least one element of the value (a list)',
    passesValueThrough: false,
    apply: (a, b, next) => (b as unknown[]).some((jv) => next(a, jv)),
    checkValue: eachElement('someValue'), canThrow: eachElementCanThrow,
  },
  {
    name: 'everyFact', summary: 'the fact is a list and the operator holds for each of its elements',
    acceptsFact: Array.isArray, passesValueThrough: true,
    apply: (a, b, next) => (a as unknown[]).every((fv) => next(fv, b)),
    checkValue: (v, inner) => inner(v), canThrow: (v, inner) => inner(v),
  },
  {
    name: 'everyValue', summary: 'the operator holds against each element of the value (a list)',
    passesValueThrough: false,
    apply: (a, b, next) => (b as unknown[]).every((jv) => next(a, jv)),
    checkValue: eachElement('everyValue'), canThrow: eachElementCanThrow,
  },
  {
    name: 'swap', summary: 'the operator with fact and value swapped',
    passesValueThrough: false,
    apply: (a, b, next) => next(b, a),
    // The literal becomes the wrapped operator's fact, which any value may be.
    checkValue: () => undefined, canThrow: (_v, inner) => inner(undefined),
  },
  {
    name: 'not', summary: 'the operator does not hold',
    passesValueThrough: true,
    apply: (a, b, next) => !next(a, b),
    checkValue: (v, inner) => inner(v), canThrow: (v, inner) => inner(v),
  },
];
