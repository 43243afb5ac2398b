import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { jsonEqual } from './json-equal';

describe('jsonEqual', () => {
  test('agrees with comparing the JSON of key-sorted copies', () => {
    const canonical = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)));
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      runs(300),
    );
  });

  test('ignores key order and keys whose value is undefined', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
