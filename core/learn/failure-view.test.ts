import { stripVTControlCharacters as plain } from 'node:util';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { notImplemented } from '../kata/not-implemented';
import type { KataEntry } from '../kata/manifest';
import type { KataStatus, TestError } from '../kata/test-results';
import { parsePropertyFailure, renderError, renderFailure, stubIdOf } from './failure-view';

const kata: KataEntry = { id: '01-add', chapter: '01-demo', title: 'Add', files: ['add.ts'], difficulty: 1, minutes: 5, concepts: ['c'], hints: ['use +', 'a + b'], upstream: 'x' };

/** What fast-check really throws for a failing property, as vitest reports it (message and cause). */
function propertyError(): TestError {
  try {
    fc.assert(fc.property(fc.integer(), fc.integer(), (a, b) => {
      if (a - b !== a + b) throw Object.assign(new Error('expected -1 to be 1'), { expected: '1', actual: '-1' });
    }), { seed: 42 });
  } catch (error) {
    const e = error as Error & { cause?: Error & { expected?: string; actual?: string } };
    return { name: 'Error', message: e.message, ...(e.cause ? { cause: { message: e.cause.message, expected: e.cause.expected ?? '', actual: e.cause.actual ?? '' } } : {}) };
  }
  throw new Error('the property should have failed');
}

test('fast-check\'s report yields the shrunk counterexample, shrink count, seed and path', () => {
  const failure = parsePropertyFailure(propertyError().message);
  expect(failure?.counterexample).toMatch(/^\[-?\d+,-?\d+\]$/);
  expect(failure?.seed).toBe('42');
  expect(failure?.path).toMatch(/^\d+(:\d+)*$/);
  expect(failure?.shrunk).toBeGreaterThanOrEqual(0);
});

test('a message without a counterexample is no property failure', () => {
  expect(parsePropertyFailure('expected 1 to be 2')).toBeUndefined();
});

test('a failed property shows the assertion that broke it and its counterexample', () => {
  const text = renderError(propertyError(), kata).map(plain).join('\n');
  expect(text).toContain('expected -1 to be 1');
  expect(text).toContain('expected: 1');
  expect(text).toContain('received: -1');
  expect(text).toMatch(/counterexample \(shrunk \d+ times?\): \[/);
  expect(text).toContain('seed 42');
});

test('a property failure without its cause still shows the counterexample', () => {
  const { message } = propertyError();
  const text = renderError({ message }, kata).map(plain).join('\n');
  expect(text).toContain('the property does not hold for this input');
  expect(text).toContain('counterexample');
  expect(text).not.toContain('Hint: Enable verbose mode');
});

test('the stub of this kata is named as the reason, with the file to edit', () => {
  let error: TestError = { message: '' };
  try {
    notImplemented('01-add');
  } catch (e) {
    error = { name: (e as Error).name, message: (e as Error).message };
  }
  expect(stubIdOf(error)).toBe('01-add');
  expect(renderError(error, kata).map(plain)).toEqual(["    still the stub: replace notImplemented('01-add') in katas/01-demo/add.ts with your code"]);
});

test('an earlier kata that is still a stub is named, with how to finish or catch up', () => {
  const error = { name: 'KataNotImplemented', message: 'kata 01-store is not implemented yet. Start at ...' };
  expect(renderError(error, kata).map(plain).join('\n')).toContain('npm run catch-up 01-store');
});

test('a red kata report names the first failing test and ends with the first hint', () => {
  const status: KataStatus = {
    kata, solved: false, passed: 1, total: 3, missing: [],
    files: [{ file: 'katas/01-demo/add.test.ts', tests: [
      { file: 'katas/01-demo/add.test.ts', title: 'ok', name: 'ok', state: 'passed', errors: [] },
      { file: 'katas/01-demo/add.test.ts', title: 'adds two', name: 'adds two', state: 'failed', errors: [{ message: 'add(2, 3): expected 6 to be 5', expected: '5', actual: '6' }] },
      { file: 'katas/01-demo/add.test.ts', title: 'later', name: 'later', state: 'failed', errors: [{ message: 'x' }] },
    ] }],
  };
  const lines = (renderFailure(status) ?? []).map(plain);
  expect(lines[0]).toBe('✗ 01-add · Add  1/3 tests green');
  expect(lines[1]).toBe('  ✗ adds two');
  expect(lines).toContain('    add(2, 3): expected 6 to be 5');
  expect(lines.at(-1)).toBe('  hint 1/2 use +  (more: npm run hint 01-add -- --level 2)');
});

test('a green kata has no failure report', () => {
  expect(renderFailure({ kata, solved: true, passed: 1, total: 1, missing: [], files: [{ file: 'f', tests: [{ file: 'f', title: 't', name: 't', state: 'passed', errors: [] }] }] })).toBeUndefined();
});
