import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { KataEntry } from '../kata/manifest';
import { repoRoot } from '../kata/target';
import { runVitestJson } from '../kata/run-vitest';
import { firstFailure, fromJsonReport, kataStatuses, learnerFrame, parseFailureMessage } from '../kata/test-results';
import { firstUnsolved } from './status';

const kata = (id: string, file: string): KataEntry => ({ id, chapter: '01-demo', title: id, files: [file], difficulty: 1, minutes: 5, concepts: ['c'], hints: ['a', 'b'], upstream: 'x' });
const manifest = { katas: [kata('01-add', 'add.ts'), kata('01-double', 'double.ts'), kata('01-half', 'half.ts')] };

test('a reported stack splits into the error name and its message', () => {
  expect(parseFailureMessage('AssertionError: expected 1 to be 2 // Object.is equality\n    at x (/a.ts:1:1)')).toEqual({ name: 'AssertionError', message: 'expected 1 to be 2 // Object.is equality' });
  expect(parseFailureMessage('Error: Property failed after 1 tests\nCounterexample: [0]\n    at y')).toEqual({ name: 'Error', message: 'Property failed after 1 tests\nCounterexample: [0]' });
  expect(parseFailureMessage('expected 1 to be 2')).toEqual({ message: 'expected 1 to be 2' });
});

test('the first frame in a kata file (not a test) is kept as where the error was thrown', () => {
  const stack = 'KataNotImplemented: kata 01-store is not implemented yet.\n    at notImplemented (/r/core/kata/not-implemented.ts:13:17)\n    at reduce (/r/katas/01-api/store.ts:42:10)\n    at /r/katas/01-api/store.test.ts:7:10';
  expect(parseFailureMessage(stack).where).toBe('katas/01-api/store.ts:42');
  expect(learnerFrame('Error: x\n    at /r/katas/01-api/store.test.ts:7:10')).toBeUndefined();
});

test('a kata is solved only when every test of its files passed', () => {
  const report = {
    testResults: [
      { name: '/r/katas/01-demo/add.test.ts', status: 'passed', message: '', assertionResults: [{ ancestorTitles: ['add'], title: 'sums', status: 'passed', failureMessages: [] }] },
      { name: '/r/katas/01-demo/double.test.ts', status: 'failed', message: '', assertionResults: [
        { ancestorTitles: [], title: 'doubles', status: 'passed', failureMessages: [] },
        { ancestorTitles: [], title: 'doubles zero', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 0\n    at z'] },
      ] },
    ],
  };
  const statuses = kataStatuses(manifest, fromJsonReport(report, '/r'));
  expect(statuses.map((s) => [s.kata.id, s.solved, s.passed, s.total, s.missing])).toEqual([
    ['01-add', true, 1, 1, []],
    ['01-double', false, 1, 2, []],
    ['01-half', false, 0, 0, ['katas/01-demo/half.test.ts']],
  ]);
  expect(statuses[0]?.files[0]?.tests[0]?.name).toBe('add > sums');
  expect(firstUnsolved(statuses)?.kata.id).toBe('01-double');
  expect(firstFailure(statuses[1]!)?.test?.errors[0]).toEqual({ name: 'AssertionError', message: 'expected 1 to be 0' });
  expect(firstFailure(statuses[2]!)).toEqual({ file: 'katas/01-demo/half.test.ts', loadError: 'test file not found' });
});

const fixtures: string[] = [];
afterAll(() => {
  for (const dir of fixtures) fs.rmSync(dir, { recursive: true, force: true });
});

test('vitest\'s real JSON report gives per-test results and load failures', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-json-'));
  fixtures.push(root);
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('vitest.config.ts', `import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { alias: [{ find: /^@kata\\/(.*)$/, replacement: process.cwd() + '/' + process.env.KATA_TARGET + '/$1' }] },
  test: { include: ['katas/**/*.test.ts'] },
});
`);
  write('katas/01-demo/add.ts', "export const add = (a: number, b: number): number => { throw Object.assign(new Error('kata 01-add is not implemented yet.'), { name: 'KataNotImplemented' }); };\n");
  write('katas/01-demo/add.test.ts', "import { expect, test } from 'vitest';\nimport { add } from '@kata/01-demo/add';\ntest('adds', () => expect(add(1, 2)).toBe(3));\ntest('is a function', () => expect(typeof add).toBe('function'));\n");
  write('katas/01-demo/double.test.ts', "import { test } from 'vitest';\nimport { add } from '@kata/01-demo/add';\nconst four = add(2, 2);\ntest('doubles', () => { void four; });\n");
  const report = await runVitestJson({ root, target: 'katas' });
  expect(report.crashed).toBeUndefined();
  const statuses = kataStatuses(manifest, report.files);
  const add = statuses[0]!;
  expect(add.files[0]?.tests.map((t) => [t.name, t.state])).toEqual([['adds', 'failed'], ['is a function', 'passed']]);
  expect(add.files[0]?.tests[0]?.errors[0]).toEqual({ name: 'KataNotImplemented', message: 'kata 01-add is not implemented yet.', where: 'katas/01-demo/add.ts:1' });
  expect(statuses[1]?.files[0]?.loadError).toBe('kata 01-add is not implemented yet.');
  expect(statuses[1]?.solved).toBe(false);
}, 30_000);
