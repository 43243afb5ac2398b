/**
 * Kata 02-selector-matches.
 *
 * Examples are upstream's TestSelectorMatches (each selector string is written out as the
 * requirements Parse gives for it), TestRequirementSelectorMatching and TestEverything in
 * staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go. Integer handling follows
 * Requirement.Matches in selector.go, which uses Go's strconv.ParseInt(value, 10, 64).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { requirementMatches, selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { keyPool, labelKey, labels, requirement, selector, valuePool } from '../../core/labels/arbitraries';
import { everything, nothing, type Labels, type Operator, type Requirement, type Selector } from '../../core/labels/types';
import { runs } from '../../core/testing/runs';

const req = (key: string, operator: Operator, values: string[] = []): Requirement => ({ key, operator, values });
const sel = (...requirements: Requirement[]): Selector => ({ type: 'requirements', requirements });

describe('selectorMatches: upstream examples', () => {
  // TestSelectorMatches: [selector text, selector, labels, expected]
  test.each<[string, Selector, Labels, boolean]>([
    ['', sel(), { x: 'y' }, true],
    ['x=y', sel(req('x', '=', ['y'])), { x: 'y' }, true],
    ['x=y,z=w', sel(req('x', '=', ['y']), req('z', '=', ['w'])), { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', sel(req('x', '!=', ['y']), req('z', '!=', ['w'])), { x: 'z', z: 'a' }, true],
    ['notin=in', sel(req('notin', '=', ['in'])), { notin: 'in' }, true],
    ['x', sel(req('x', 'exists')), { x: 'z' }, true],
    ['!x', sel(req('x', '!')), { y: 'z' }, true],
    ['x>1', sel(req('x', 'gt', ['1'])), { x: '2' }, true],
    ['x<1', sel(req('x', 'lt', ['1'])), { x: '0' }, true],
    ['x=z', sel(req('x', '=', ['z'])), {}, false],
    ['x=y', sel(req('x', '=', ['y'])), { x: 'z' }, false],
    ['x=y,z=w', sel(req('x', '=', ['y']), req('z', '=', ['w'])), { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', sel(req('x', '!=', ['y']), req('z', '!=', ['w'])), { x: 'z', z: 'w' }, false],
    ['x', sel(req('x', 'exists')), { y: 'z' }, false],
    ['!x', sel(req('x', '!')), { x: 'z' }, false],
    ['x>1', sel(req('x', 'gt', ['1'])), { x: '0' }, false],
    ['x<1', sel(req('x', 'lt', ['1'])), { x: '2' }, false],
    ['foo=bar', sel(req('foo', '=', ['bar'])), { foo: 'bar', baz: 'blah' }, true],
    ['baz=blah', sel(req('baz', '=', ['blah'])), { foo: 'bar', baz: 'blah' }, true],
    ['foo=bar,baz=blah', sel(req('baz', '=', ['blah']), req('foo', '=', ['bar'])), { foo: 'bar', baz: 'blah' }, true],
    ['foo=blah', sel(req('foo', '=', ['blah'])), { foo: 'bar', baz: 'blah' }, false],
    ['baz=bar', sel(req('baz', '=', ['bar'])), { foo: 'bar', baz: 'blah' }, false],
    [
      'foo=bar,foobar=bar,baz=blah',
      sel(req('baz', '=', ['blah']), req('foo', '=', ['bar']), req('foobar', '=', ['bar'])),
      { foo: 'bar', baz: 'blah' },
      false,
    ],
  ])('%j against %j', (_text, s, ls, expected) => {
    expect(selectorMatches(s, ls), `expected ${expected ? 'a match' : 'no match'}`).toBe(expected);
  });

  // TestRequirementSelectorMatching
  test.each<[Labels, Requirement[], boolean]>([
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])], true],
    [{ x: 'foo', y: 'baz' }, [req('x', 'in', ['foo']), req('y', 'in', ['alpha'])], false],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', 'exists')], true],
    [{ y: '' }, [req('x', '!'), req('y', 'exists')], true],
    [{ y: '' }, [req('x', 'notin', ['']), req('y', '!')], false],
    [{ y: 'baz' }, [req('x', 'in', [''])], false],
    [{ z: '2' }, [req('z', 'gt', ['1'])], true],
    [{ z: 'v2' }, [req('z', 'gt', ['1'])], false],
  ])('labels %j against %j', (ls, requirements, expected) => {
    expect(selectorMatches(sel(...requirements), ls), `expected ${expected ? 'a match' : 'no match'}`).toBe(expected);
  });

  test('the selector with no requirements matches any labels (TestEverything)', () => {
    expect(selectorMatches(everything(), { x: 'y' })).toBe(true);
  });

  test('the selector that matches nothing does not match even an empty label map', () => {
    expect(selectorMatches(nothing(), {})).toBe(false);
  });
});

describe('requirementMatches: edge cases', () => {
  test('a label whose value is "" exists', () => {
    expect(requirementMatches(req('x', 'exists'), { x: '' })).toBe(true);
  });

  test('"constructor" is just a key: an empty label map does not have it', () => {
    expect(requirementMatches(req('constructor', 'exists'), {})).toBe(false);
  });

  test('"constructor" is absent, so != matches', () => {
    expect(requirementMatches(req('constructor', '!=', ['a']), {})).toBe(true);
  });

  test('gt accepts a signed label value, as strconv.ParseInt does', () => {
    expect(requirementMatches(req('x', 'gt', ['1']), { x: '+5' })).toBe(true);
  });

  test('lt compares negative numbers as numbers', () => {
    expect(requirementMatches(req('x', 'lt', ['-1']), { x: '-2' })).toBe(true);
  });

  test('gt compares as integers, not as strings ("10" > "9")', () => {
    expect(requirementMatches(req('x', 'gt', ['9']), { x: '10' })).toBe(true);
  });

  test('gt does not match a value beyond int64', () => {
    expect(requirementMatches(req('x', 'gt', ['1']), { x: '9223372036854775808' })).toBe(false);
  });

  test('gt matches the largest int64 against a large operand, exactly', () => {
    expect(requirementMatches(req('x', 'gt', ['9223372036854775806']), { x: '9223372036854775807' })).toBe(true);
  });

  test('gt does not match a decimal fraction', () => {
    expect(requirementMatches(req('x', 'gt', ['1']), { x: '1.5' })).toBe(false);
  });

  test('lt does not match an absent key', () => {
    expect(requirementMatches(req('x', 'lt', ['5']), {})).toBe(false);
  });
});

/** The rules of §1's table, one line per operator, as a reader would check them by hand. */
function model(r: Requirement, ls: Labels): boolean {
  const present = Object.keys(ls).includes(r.key);
  const value = present ? ls[r.key]! : undefined;
  const isInt = (s: string) => /^[+-]?\d+$/.test(s);
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return present && r.values.includes(value!);
    case '!=':
    case 'notin':
      return !present || !r.values.includes(value!);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
      return present && isInt(value!) && BigInt(value!) > BigInt(r.values[0]!);
    case 'lt':
      return present && isInt(value!) && BigInt(value!) < BigInt(r.values[0]!);
  }
}

describe('selectorMatches: properties', () => {
  const pooled = { keys: keyPool(), values: valuePool() };

  test('each requirement agrees with the operator table', () => {
    fc.assert(
      fc.property(requirement(pooled), labels(pooled), (r, ls) => {
        expect(requirementMatches(r, ls), `${JSON.stringify(r)} against ${JSON.stringify(ls)}`).toBe(model(r, ls));
      }),
      runs(300),
    );
  });

  test('a selector matches exactly when all of its requirements match', () => {
    fc.assert(
      fc.property(selector(pooled), labels(pooled), (s, ls) => {
        const requirements = s.type === 'requirements' ? s.requirements : [];
        expect(selectorMatches(s, ls)).toBe(requirements.every((r) => model(r, ls)));
      }),
      runs(300),
    );
  });

  test('labels the selector does not mention never change the answer', () => {
    fc.assert(
      fc.property(selector(pooled), labels(pooled), labelKey(), fc.constantFrom('x', ''), (s, ls, extra, value) => {
        const mentioned = s.type === 'requirements' && s.requirements.some((r) => r.key === extra);
        fc.pre(!mentioned && !Object.hasOwn(ls, extra));
        expect(selectorMatches(s, { ...ls, [extra]: value })).toBe(selectorMatches(s, ls));
      }),
      runs(200),
    );
  });

  test('!= and notin are the exact opposites of = and in', () => {
    fc.assert(
      fc.property(requirement({ ...pooled, operators: ['=', 'in'] }), labels(pooled), (r, ls) => {
        const opposite = { ...r, operator: r.operator === '=' ? '!=' : 'notin' } satisfies Requirement;
        expect(requirementMatches(opposite, ls)).toBe(!requirementMatches(r, ls));
      }),
      runs(200),
    );
  });
});
