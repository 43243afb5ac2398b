import { describe, expect, test } from 'vitest';
import { canonicalJson, semanticEqual } from './canonical-json';

describe('canonical JSON', () => {
  test('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  test('drops undefined, null, empty objects and empty lists, as semantic equality ignores them', () => {
    expect(canonicalJson({ a: undefined, b: null, c: {}, d: [], e: { f: {} }, g: 1 })).toBe('{"g":1}');
  });

  test('keeps zero values and the order of lists', () => {
    expect(canonicalJson({ n: 0, f: false, s: '', l: [2, 1] })).toBe('{"f":false,"l":[2,1],"n":0,"s":""}');
  });

  test('an empty list member is kept as a member, so [{}] differs from []', () => {
    expect(semanticEqual({ l: [{}] }, { l: [] })).toBe(false);
  });

  test('an absent label map equals an empty one', () => {
    expect(semanticEqual({ metadata: { labels: {} } }, {})).toBe(true);
  });
});
