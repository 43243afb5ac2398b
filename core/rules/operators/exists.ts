/**
 * `exists`: whether a fact (at its path) is there at all. json-rules-engine has no such
 * operator, and `notEqual` cannot say it (a missing path is `undefined`, which is not equal
 * to every literal a file can hold), yet policies keep asking "is `spec.nodeName` set?".
 * `null` counts as present: it is a value the object holds.
 */
import { defineOperator, type OperatorDefinition } from './definition';

/** `exists`. */
export const EXISTS_OPERATOR: OperatorDefinition = defineOperator<unknown>({
  name: 'exists',
  summary: 'with value true, the fact is present (not undefined); with false, it is absent',
  fact: 'any',
  value: 'true or false',
  origin: 'core',
  checkValue: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  prepare: (v) => v,
  test: (factValue, value) => (value === true || value === false) && (factValue !== undefined) === value,
  canThrow: () => false,
});
