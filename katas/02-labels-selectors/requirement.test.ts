/**
 * Kata 02-label-validation, second file: newRequirement.
 *
 * Accept/reject cases are upstream's TestRequirementConstructor
 * (staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go). The messages are the ones
 * NewRequirement builds in selector.go, worded by field.Invalid / field.NotSupported
 * (pkg/util/validation/field/errors.go); "values: Invalid value: []string(nil): for 'in',
 * 'notin' operators, values set can't be empty" is also what LabelSelectorAsSelector callers
 * see for an In expression without values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newRequirement } from '@kata/02-labels-selectors/requirement';
import { integerLabelValue, labelKey, labelValue, requirement } from '../../core/labels/arbitraries';
import type { Operator } from '../../core/labels/types';
import { runs } from '../../core/testing/runs';

const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('newRequirement', () => {
  // TestRequirementConstructor, the cases that succeed
  test.each<[string, Operator, string[]]>([
    ['x', 'in', ['foo']],
    ['x', 'notin', ['foo']],
    ['x', 'exists', []],
    ['x', '!', []],
    ['1foo', 'in', ['bar']],
    ['1234', 'in', ['bar']],
    ['y', 'gt', ['1']],
    ['z', 'lt', ['6']],
  ])('accepts key %j, operator %j, values %j', (key, operator, values) => {
    expect(newRequirement(key, operator, values)).toEqual({ key, operator, values });
  });

  test('keeps the values in the order given (only printing sorts them)', () => {
    expect(newRequirement('x', 'in', ['b', 'a'])).toEqual({ key: 'x', operator: 'in', values: ['b', 'a'] });
  });

  test('copies the values, so later changes to the input do not leak in', () => {
    const values = ['a'];
    const r = newRequirement('x', 'in', values);
    values.push('b');
    expect(r.values).toEqual(['a']);
  });

  test('rejects in without values', () => {
    expect(() => newRequirement('x', 'in', [])).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  test('rejects notin without values', () => {
    expect(() => newRequirement('x', 'notin', [])).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  test('rejects = with two values', () => {
    expect(() => newRequirement('x', '=', ['a', 'b'])).toThrow(
      'values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value',
    );
  });

  test('rejects exists with values', () => {
    expect(() => newRequirement('x', 'exists', ['a'])).toThrow(
      'values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist',
    );
  });

  test('rejects gt with a value that is not an integer', () => {
    expect(() => newRequirement('foo', 'gt', ['bar'])).toThrow(
      "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  test('rejects lt with a value that is not an integer', () => {
    expect(() => newRequirement('barz', 'lt', ['blah'])).toThrow(
      "values[0]: Invalid value: \"blah\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  test('rejects gt with two values', () => {
    expect(() => newRequirement('x', 'gt', ['1', '2'])).toThrow(
      "values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is required",
    );
  });

  test('rejects a 254-character key (its name part is over 63 bytes)', () => {
    const key = 'a'.repeat(254);
    expect(() => newRequirement(key, 'exists', [])).toThrow(`key: Invalid value: "${key}": name part must be no more than 63 bytes`);
  });

  test('rejects an invalid value, naming its index and key', () => {
    expect(() => newRequirement('tier', 'in', ['web', '-db'])).toThrow(`values[1][tier]: Invalid value: "-db": ${VALUE_REGEX_MSG}`);
  });

  test('reports several problems at once, in brackets', () => {
    expect(() => newRequirement('x', 'gt', ['a-'])).toThrow(
      "[values[0]: Invalid value: \"a-\": for 'Gt', 'Lt' operators, the value must be an integer, " +
        `values[0][x]: Invalid value: "a-": ${VALUE_REGEX_MSG}]`,
    );
  });

  test('rejects an operator it does not know, listing the ones it does', () => {
    expect(() => newRequirement('x', 'In' as Operator, ['a'])).toThrow(
      'operator: Unsupported value: "In": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    );
  });

  test('accepts every generated valid requirement and returns it unchanged', () => {
    fc.assert(
      fc.property(requirement(), (r) => {
        expect(newRequirement(r.key, r.operator, r.values)).toEqual(r);
      }),
      runs(200),
    );
  });

  test('with a valid key and valid values, it throws exactly when the operator gets the wrong number of values', () => {
    const operators: Operator[] = ['=', '==', '!=', 'in', 'notin', 'exists', '!', 'gt', 'lt'];
    const allowed = (op: Operator, n: number) =>
      op === 'in' || op === 'notin' ? n >= 1 : op === 'exists' || op === '!' ? n === 0 : n === 1;
    fc.assert(
      fc.property(
        labelKey(),
        fc.constantFrom(...operators).chain((op) =>
          // gt/lt values are integers, so that only their number can be wrong
          fc.tuple(fc.constant(op), fc.array(op === 'gt' || op === 'lt' ? integerLabelValue() : labelValue(), { maxLength: 3 })),
        ),
        (key, [op, values]) => {
          let threw = false;
          try {
            newRequirement(key, op, values);
          } catch (e) {
            threw = true;
            expect((e as Error).message, 'the error names the values field').toMatch(/^values: Invalid value: /);
          }
          expect(threw, `${op} with ${values.length} value(s)`).toBe(!allowed(op, values.length));
        },
      ),
      runs(200),
    );
  });
});
