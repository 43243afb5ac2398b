/**
 * The label operators `selectorMatches` and `hasLabels`. Expected results come from upstream's
 * staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorParse,
 * TestSelectorMatches, TestSetMatches, TestRequirementSelectorMatching, TestSetSelectorParser,
 * TestRequirementConstructor) and pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector).
 */
import { describe, expect, test } from 'vitest';
import { evaluateOperator } from './operators/definition';
import { SELECTOR_OPERATORS } from './operators/selector';
import { parseSelector } from './operators/selector-parse';

const selectorMatches = SELECTOR_OPERATORS.find((o) => o.name === 'selectorMatches')!;
const hasLabels = SELECTOR_OPERATORS.find((o) => o.name === 'hasLabels')!;
const matches = (selector: unknown, labels: unknown) => evaluateOperator(selectorMatches, labels, selector);

describe('selector strings', () => {
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])('%j parses', (text) => {
    expect(parseSelector(text)).toBeInstanceOf(Array);
  });

  test.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x in ()x', 'x,', ',x', 'x in (a', `${'a'.repeat(254)}`])('%j is rejected', (text) => {
    expect(parseSelector(text)).toHaveProperty('error');
  });

  test.each([
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['\rx', { x: '' }],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', { 'this-is-another-dns.domain.com/key-with-dash': 'so' }],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', {}],
    ['foo  in\t (abc)', { foo: 'abc' }],
    ['x in (abc,)', { x: '' }],
    ['x in ()', { x: '' }],
  ])('%j matches %j', (selector, labels) => {
    expect(matches(selector, labels)).toBe(true);
  });

  test.each([
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['x>1', { x: 'v2' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['x in ()', { y: 'baz' }],
  ])('%j does not match %j', (selector, labels) => {
    expect(matches(selector, labels)).toBe(false);
  });
});

describe('LabelSelector values', () => {
  test('an empty LabelSelector matches everything', () => {
    expect(matches({}, { app: 'web' })).toBe(true);
  });

  test('a null LabelSelector (from a fact) matches nothing', () => {
    expect(matches(null, { app: 'web' })).toBe(false);
  });

  test('matchLabels and matchExpressions are ANDed', () => {
    const selector = { matchLabels: { x: 'foo' }, matchExpressions: [{ key: 'y', operator: 'NotIn', values: ['alpha'] }] };
    expect(matches(selector, { x: 'foo', y: 'baz' })).toBe(true);
    expect(matches({ ...selector, matchExpressions: [{ key: 'y', operator: 'In', values: ['alpha'] }] }, { x: 'foo', y: 'baz' })).toBe(false);
  });

  test('Exists and DoesNotExist test the key, whatever its value', () => {
    expect(matches({ matchExpressions: [{ key: 'y', operator: 'Exists' }, { key: 'x', operator: 'DoesNotExist' }] }, { y: '' })).toBe(true);
    expect(matches({ matchExpressions: [{ key: 'y', operator: 'DoesNotExist' }] }, { y: '' })).toBe(false);
  });

  test('an unknown expression operator never matches', () => {
    expect(matches({ matchExpressions: [{ key: 'y', operator: 'Gt', values: ['1'] }] }, { y: '2' })).toBe(false);
  });

  test('In with no values is invalid and never matches', () => {
    expect(matches({ matchExpressions: [{ key: 'y', operator: 'In', values: [] }] }, { y: '' })).toBe(false);
  });
});

describe('label facts', () => {
  test('missing labels are no labels', () => {
    expect(matches('!canary', undefined)).toBe(true);
    expect(matches('app', undefined)).toBe(false);
  });

  test('a fact that is not a label map never matches', () => {
    expect(matches('', ['app'])).toBe(false);
    expect(matches('', 'app=web')).toBe(false);
  });

  test('a label whose value is not a string matches only existence tests', () => {
    expect(matches('n', { n: 5 })).toBe(true);
    expect(matches('n=5', { n: 5 })).toBe(false);
    expect(matches('n>1', { n: 5 })).toBe(false);
  });
});

describe('hasLabels', () => {
  const labels = { foo: 'bar', baz: 'blah' };

  test.each([{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }])('the set %j is included in the labels', (set) => {
    expect(evaluateOperator(hasLabels, labels, set)).toBe(true);
  });

  test('a set with a different value is not included', () => {
    expect(evaluateOperator(hasLabels, labels, { foo: 'blah' })).toBe(false);
  });

  test('a missing set (no nodeSelector) matches every node', () => {
    expect(evaluateOperator(hasLabels, labels, undefined)).toBe(true);
    expect(evaluateOperator(hasLabels, undefined, null)).toBe(true);
  });

  test('an empty-string value requires the key to be present', () => {
    expect(evaluateOperator(hasLabels, labels, { env: '' })).toBe(false);
  });
});
