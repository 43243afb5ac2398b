/**
 * Kata 02-label-selector.
 *
 * Examples are upstream's TestLabelSelectorAsSelector
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers_test.go; its expected selectors,
 * written there with labels.Parse, are spelled out as requirements here) and TestSetMatches /
 * TestNilMapIsValid / TestSetIsEmpty (pkg/labels/selector_test.go). The error wording is
 * LabelSelectorAsSelector's ("%q is not a valid label selector operator") and NewRequirement's.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { labelSelectorAsSelector, selectorFromSet } from '@kata/02-labels-selectors/label-selector';
import { labelKey, labels, labelValue } from '../../core/labels/arbitraries';
import { everything, nothing, type LabelSelector, type LabelSelectorOperator, type Operator, type Requirement, type Selector } from '../../core/labels/types';
import { runs } from '../../core/testing/runs';

const req = (key: string, operator: Operator, values: string[] = []): Requirement => ({ key, operator, values });
const sel = (...requirements: Requirement[]): Selector => ({ type: 'requirements', requirements });

const matchLabels = { foo: 'bar' };
const matchExpressions = [{ key: 'baz', operator: 'In' as const, values: ['qux', 'norf'] }];

describe('labelSelectorAsSelector', () => {
  test('a nil selector selects nothing', () => {
    expect(labelSelectorAsSelector(null)).toEqual(nothing());
  });

  test('an absent (undefined) selector selects nothing', () => {
    expect(labelSelectorAsSelector(undefined)).toEqual(nothing());
  });

  test('an empty selector {} selects everything', () => {
    expect(labelSelectorAsSelector({})).toEqual(everything());
  });

  test('empty matchLabels and matchExpressions also select everything', () => {
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] })).toEqual(everything());
  });

  test('a matchLabels entry becomes an = requirement', () => {
    expect(labelSelectorAsSelector({ matchLabels })).toEqual(sel(req('foo', '=', ['bar'])));
  });

  test('an In expression becomes an in requirement with its values as given', () => {
    expect(labelSelectorAsSelector({ matchExpressions })).toEqual(sel(req('baz', 'in', ['qux', 'norf'])));
  });

  test('matchLabels and matchExpressions are ANDed into one list sorted by key', () => {
    expect(labelSelectorAsSelector({ matchLabels, matchExpressions })).toEqual(
      sel(req('baz', 'in', ['qux', 'norf']), req('foo', '=', ['bar'])),
    );
  });

  test.each<[LabelSelectorOperator, string[] | undefined, Operator]>([
    ['NotIn', ['a'], 'notin'],
    ['Exists', undefined, 'exists'],
    ['DoesNotExist', [], '!'],
  ])('a %s expression becomes a %j requirement', (operator, values, expected) => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'k', operator, ...(values ? { values } : {}) }] })).toEqual(
      sel(req('k', expected, values ?? [])),
    );
  });

  test('rejects Exists with values', () => {
    const ls: LabelSelector = { matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] };
    expect(() => labelSelectorAsSelector(ls)).toThrow(
      'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
    );
  });

  test('rejects In without values', () => {
    const ls: LabelSelector = { matchExpressions: [{ key: 'name', operator: 'In', values: [] }] };
    expect(() => labelSelectorAsSelector(ls)).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  test('rejects an operator the API does not have', () => {
    const ls = { matchExpressions: [{ key: 'name', operator: 'Seriously' }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(ls)).toThrow('"Seriously" is not a valid label selector operator');
  });

  test('rejects an expression without an operator, quoting the empty string', () => {
    const ls = { matchExpressions: [{ key: 'name', values: ['a'] }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(ls)).toThrow('"" is not a valid label selector operator');
  });

  test('rejects the selector-string spelling of an operator too', () => {
    const ls = { matchExpressions: [{ key: 'name', operator: 'in', values: ['a'] }] } as unknown as LabelSelector;
    expect(() => labelSelectorAsSelector(ls)).toThrow('"in" is not a valid label selector operator');
  });

  test('rejects an invalid matchLabels value, naming the key', () => {
    expect(() => labelSelectorAsSelector({ matchLabels: { app: 'web_' } })).toThrow('values[0][app]: Invalid value: "web_": a valid label must be');
  });

  test('rejects an invalid key', () => {
    expect(() => labelSelectorAsSelector({ matchLabels: { 'a/b/c': 'x' } })).toThrow('key: Invalid value: "a/b/c": a valid label key must consist');
  });

  test('does not modify the selector it is given', () => {
    const ls: LabelSelector = { matchLabels: { b: '1', a: '2' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }] };
    const copy = structuredClone(ls);
    labelSelectorAsSelector(ls);
    expect(ls).toEqual(copy);
  });

  test('every matchLabels entry becomes exactly one = requirement, in key order', () => {
    fc.assert(
      fc.property(fc.dictionary(labelKey(), labelValue(), { minKeys: 1, maxKeys: 6 }), (ml) => {
        const keys = Object.keys(ml).sort();
        expect(labelSelectorAsSelector({ matchLabels: ml })).toEqual(sel(...keys.map((k) => req(k, '=', [ml[k]!]))));
      }),
      runs(100),
    );
  });
});

describe('selectorFromSet', () => {
  test('a set becomes = requirements sorted by key', () => {
    expect(selectorFromSet({ foo: 'bar', baz: 'blah' })).toEqual(sel(req('baz', '=', ['blah']), req('foo', '=', ['bar'])));
  });

  test('an empty set selects everything (TestSetIsEmpty)', () => {
    expect(selectorFromSet({})).toEqual(everything());
  });

  test('a nil set selects everything too, unlike a nil LabelSelector (TestNilMapIsValid)', () => {
    expect(selectorFromSet(null)).toEqual(everything());
  });

  test('has one requirement per label, whatever the labels', () => {
    fc.assert(
      fc.property(labels(), (ls) => {
        const s = selectorFromSet(ls);
        expect(s.type === 'requirements' ? s.requirements.length : -1).toBe(Object.keys(ls).length);
      }),
      runs(100),
    );
  });
});
