import { expect, test } from 'vitest';
import type { KataEntry, Manifest } from '../kata/manifest';
import type { FileOutcome, TestOutcome } from '../kata/test-results';
import { judgeSolutionRun, judgeStubRun } from './test-steps';

const kata = (id: string, file: string, extra: Partial<KataEntry> = {}): KataEntry => ({
  id, chapter: '01-demo', title: id, files: [file], difficulty: 1, minutes: 5, concepts: ['c'], hints: ['a', 'b'], upstream: 'x', ...extra,
});
const outcome = (file: string, name: string, state: TestOutcome['state']): TestOutcome => ({ file, title: name, name, state, errors: state === 'failed' ? [{ message: 'expected 1 to be 2' }] : [] });
const manifest: Manifest = { katas: [kata('01-add', 'add.ts'), kata('01-double', 'double.ts')] };

test('every kata test red on the stubs passes, with the count', () => {
  const files: FileOutcome[] = [{ file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'adds', 'failed'), outcome('katas/01-demo/add.test.ts', 'sums', 'failed')] }];
  expect(judgeStubRun(manifest, files)).toEqual({ status: 'passed', headline: '2/2 kata tests red on the stubs', details: [] });
});

test('a test green on a stub is listed by file and name', () => {
  const files: FileOutcome[] = [{ file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'adds', 'failed'), outcome('katas/01-demo/add.test.ts', 'zero is zero', 'passed')] }];
  const result = judgeStubRun(manifest, files);
  expect(result.status).toBe('failed');
  expect(result.headline).toBe('1/2 kata tests red on the stubs; 1 problem');
  expect(result.details[0]).toBe('katas/01-demo/add.test.ts > zero is zero: passes on the stub, so it checks nothing the learner writes');
});

test('greenOnStub excuses a named test of its own kata only', () => {
  const excused: Manifest = { katas: [kata('01-add', 'add.ts', { greenOnStub: [{ test: 'zero is zero', reason: 'types only' }] }), kata('01-double', 'double.ts')] };
  const files: FileOutcome[] = [
    { file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'zero is zero', 'passed')] },
    { file: 'katas/01-demo/double.test.ts', tests: [outcome('katas/01-demo/double.test.ts', 'zero is zero', 'passed')] },
  ];
  const result = judgeStubRun(excused, files);
  expect(result.details.filter((d) => d.includes('passes on the stub'))).toEqual([
    'katas/01-demo/double.test.ts > zero is zero: passes on the stub, so it checks nothing the learner writes',
  ]);
});

test('a greenOnStub entry that no longer matches a green test is reported', () => {
  const stale: Manifest = { katas: [kata('01-add', 'add.ts', { greenOnStub: [{ test: 'gone', reason: 'r' }] })] };
  const result = judgeStubRun(stale, [{ file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'adds', 'failed')] }]);
  expect(result.details[0]).toBe('katas/manifest.yaml: 01-add.greenOnStub: "gone" no longer passes on the stub (or no longer exists); remove the entry');
});

test('a kata test file that fails to load on the stubs is reported', () => {
  const result = judgeStubRun(manifest, [{ file: 'katas/01-demo/add.test.ts', tests: [], loadError: 'kata 01-add is not implemented yet.\nmore' }]);
  expect(result.status).toBe('failed');
  expect(result.details[0]).toMatch(/^katas\/01-demo\/add\.test\.ts: fails to load against the stubs.*kata 01-add is not implemented yet\./);
});

test('the solution run counts kata and core tests separately and names each failure', () => {
  const report = {
    exitCode: 1,
    output: '',
    seconds: 1,
    files: [
      { file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'adds', 'passed'), outcome('katas/01-demo/add.test.ts', 'sums', 'failed')] },
      { file: 'core/rules/x.test.ts', tests: [outcome('core/rules/x.test.ts', 'loads', 'passed')] },
      { file: 'core/rules/y.test.ts', tests: [], loadError: 'SyntaxError: nope' },
    ],
  };
  const result = judgeSolutionRun(report);
  expect(result.status).toBe('failed');
  expect(result.headline).toBe('1/2 kata tests green on solutions, 1/1 core tests green; 2 problems');
  expect(result.details.slice(0, 2)).toEqual(['core/rules/y.test.ts: failed to load: SyntaxError: nope', 'katas/01-demo/add.test.ts > sums: expected 1 to be 2']);
});

test('an all-green solution run passes', () => {
  const report = { exitCode: 0, output: '', seconds: 1, files: [{ file: 'katas/01-demo/add.test.ts', tests: [outcome('katas/01-demo/add.test.ts', 'adds', 'passed')] }] };
  expect(judgeSolutionRun(report)).toEqual({ status: 'passed', headline: '1/1 kata tests green on solutions, 0/0 core tests green', details: [] });
});
