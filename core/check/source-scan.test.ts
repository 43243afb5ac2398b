import { expect, test } from 'vitest';
import { clockOrRandom, exportedNames, focusedOrSkipped, importsOf, notImplementedIds } from './source-scan';

test('exported functions, constants, classes and enums are values; types and interfaces are types', () => {
  const names = exportedNames(`
    export function f() {}
    export const a = 1, { b, c: [d] } = x;
    export enum E { A }
    export type T = number;
    export interface I { x: number }
    type Local = string;
    const hidden = 1;
  `);
  expect(Object.fromEntries(names)).toEqual({ f: 'value', a: 'value', b: 'value', d: 'value', E: 'value', T: 'type', I: 'type' });
});

test('export lists take the kind of the local declaration they name', () => {
  const names = exportedNames(`
    type Phase = 'A' | 'B';
    const reduce = () => 0;
    export { reduce, reduce as step, type Phase };
    export type { Phase as P2 };
    export { x } from './elsewhere';
    export * from './all';
    export default reduce;
  `);
  expect(Object.fromEntries(names)).toEqual({ reduce: 'value', step: 'value', Phase: 'type', P2: 'type', x: 'value', '* from ./all': 'value', default: 'value' });
});

test('a name that is both a type and a value counts as a value', () => {
  expect(exportedNames('export type Phase = string;\nexport const Phase = {};\n').get('Phase')).toBe('value');
});

test('imports, re-exports and dynamic imports are found, and type-only ones are marked', () => {
  const refs = importsOf(`
    import { a } from '@kata/01-x/a';
    import type { B } from '@kata/01-x/b';
    import { type C } from '@kata/01-x/c';
    import './side-effect';
    export { d } from './d';
    const e = await import('./e');
    type F = import('./f').F;
  `);
  expect(refs.map((r) => [r.specifier, r.typeOnly])).toEqual([
    ['@kata/01-x/a', false],
    ['@kata/01-x/b', true],
    ['@kata/01-x/c', true],
    ['./side-effect', false],
    ['./d', false],
    ['./e', false],
    ['./f', true],
  ]);
});

test('notImplemented ids are read from string arguments only', () => {
  expect(notImplementedIds("notImplemented('01-a'); notImplemented(`01-b`); notImplemented(id); // notImplemented('01-c')")).toEqual(['01-a', '01-b', '?']);
});

test('focused and skipped tests are found through modifier chains, not in strings or comments', () => {
  const found = focusedOrSkipped(`
    test.concurrent.only('a', () => {});
    describe.skipIf(true)('b', () => {});
    it.each([1])('c %s', () => {});
    const s = 'test.only';
    // it.skip
    other.skip();
  `);
  expect(found.map((f) => [f.line, f.text])).toEqual([
    [2, 'test.concurrent.only'],
    [3, 'describe.skipIf'],
  ]);
});

test('clock and randomness reads are found; converting a given time is allowed', () => {
  const found = clockOrRandom(`
    const a = Date.now();
    const b = globalThis.Math.random();
    const c = new Date();
    const d = new Date(now * 1000).toISOString();
    const e = Date();
    const f = crypto.randomUUID();
    /** never Date.now() */
  `);
  expect(found.map((f) => [f.line, f.text])).toEqual([
    [2, 'Date.now()'],
    [3, 'Math.random()'],
    [4, 'new Date()'],
    [6, 'Date()'],
    [7, 'crypto.randomUUID()'],
  ]);
});
