/**
 * Kata 02-selector-to-string.
 *
 * Expected strings are upstream's: TestToString, the restring check of TestSelectorParse
 * (parse, then String() equals the input without spaces) and TestSafeSort in
 * staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go; Nothing() prints as "" per
 * nothingSelector.String in selector.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseSelector } from '@kata/02-labels-selectors/parse-selector';
import { requirementToString, selectorToString } from '@kata/02-labels-selectors/selector-to-string';
import { keyPool, selector, valuePool } from '../../core/labels/arbitraries';
import { everything, nothing, type Operator, type Requirement, type Selector } from '../../core/labels/types';
import { runs } from '../../core/testing/runs';

const req = (key: string, operator: Operator, values: string[] = []): Requirement => ({ key, operator, values });
const sel = (...requirements: Requirement[]): Selector => ({ type: 'requirements', requirements });

describe('requirementToString', () => {
  test.each<[Requirement, string]>([
    [req('x', '=', ['abc']), 'x=abc'],
    [req('y', '==', ['jkl']), 'y==jkl'],
    [req('z', '!=', ['a']), 'z!=a'],
    [req('x', 'in', ['abc', 'def']), 'x in (abc,def)'],
    [req('y', 'notin', ['jkl']), 'y notin (jkl)'],
    [req('z', 'notin', ['']), 'z notin ()'],
    [req('z', 'exists'), 'z'],
    [req('z', '!'), '!z'],
    [req('x', 'gt', ['2']), 'x>2'],
    [req('y', 'lt', ['8']), 'y<8'],
    [req('x', '=', ['']), 'x='],
  ])('prints %j as %j', (r, expected) => {
    expect(requirementToString(r)).toBe(expected);
  });

  test('prints set values in sorted order without reordering the caller’s array (TestSafeSort)', () => {
    const values = ['foo', 'bar', 'foo', 'bar'];
    expect(requirementToString(req('x', 'in', values))).toBe('x in (bar,bar,foo,foo)');
    expect(values, 'the input array is unchanged').toEqual(['foo', 'bar', 'foo', 'bar']);
  });
});

describe('selectorToString', () => {
  // TestToString
  test.each<[Selector, string]>([
    [sel(req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')), 'x in (abc,def),y notin (jkl),z'],
    [sel(req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')), 'x notin (abc,def),y!=jkl,!z'],
    [sel(req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])), 'x notin (abc),y in (jkl,mno),z notin ()'],
    [sel(req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')), 'x=abc,y==jkl,z!=a,z'],
    [sel(req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')), 'x>2,y<8,z'],
  ])('prints %j as %j', (s, expected) => {
    expect(selectorToString(s)).toBe(expected);
  });

  test('prints the selector that matches everything as the empty string', () => {
    expect(selectorToString(everything())).toBe('');
  });

  test('prints the selector that matches nothing as the empty string too', () => {
    expect(selectorToString(nothing())).toBe('');
  });

  test('prints requirements in key order whatever order they are stored in', () => {
    expect(selectorToString(sel(req('x', '=', ['a']), req('a', '=', ['x'])))).toBe('a=x,x=a');
  });

  // TestSelectorParse: String() of each good string equals the string without spaces.
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    'prints the parse of %j as that text without spaces',
    (text) => {
      expect(selectorToString(parseSelector(text))).toBe(text.replaceAll(' ', ''));
    },
  );

  test('parsing the printed form gives back the same selector', () => {
    fc.assert(
      fc.property(fc.oneof(selector(), selector({ keys: keyPool(), values: valuePool() })), (s) => {
        const text = selectorToString(s);
        expect(parseSelector(text), `parsing ${JSON.stringify(text)}`).toEqual(s);
      }),
      runs(200),
    );
  });

  test('the printed form does not depend on the order of the values', () => {
    fc.assert(
      fc.property(selector({ keys: keyPool(), values: valuePool() }), (s) => {
        if (s.type !== 'requirements') return;
        const reversed = sel(...s.requirements.map((r) => ({ ...r, values: [...r.values].reverse() })));
        expect(selectorToString(reversed)).toBe(selectorToString(s));
      }),
      runs(100),
    );
  });
});
