import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { checkContract } from './contract';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

const MANIFEST = `katas:
  - id: 01-add
    chapter: 01-demo
    title: Add
    files: [add.ts]
    difficulty: 1
    minutes: 5
    concepts: [sums]
    hints: [first, second]
    upstream: pkg/add.go
  - id: 01-double
    chapter: 01-demo
    title: Double
    files: [double.ts]
    difficulty: 1
    minutes: 5
    concepts: [reuse]
    hints: [first, second]
    upstream: pkg/double.go
    dependsOn: [01-add]
`;

const STUB_ADD = `import { notImplemented } from '../../core/kata/not-implemented';
/** A sum. Never read Date.now() here: time is an input. */
export type Sum = number;
/** Adds. */
export function add(a: number, b: number): Sum {
  // TODO(kata): return a + b.
  return notImplemented('01-add');
}
`;
const SOLUTION_ADD = `/** A sum. */
export type Sum = number;
/** Adds. */
export function add(a: number, b: number): Sum {
  return a + b;
}
`;
const STUB_DOUBLE = `import { notImplemented } from '../../core/kata/not-implemented';
import { add } from '@kata/01-demo/add';
/** Doubles. */
export const double = (n: number): number => {
  // TODO(kata): use add.
  void add;
  return notImplemented('01-double');
};
`;
const SOLUTION_DOUBLE = `import { add } from '@kata/01-demo/add';
/** Doubles. */
export const double = (n: number): number => add(n, n);
`;
const TEST_ADD = `import { expect, test } from 'vitest';
import { add } from '@kata/01-demo/add';
// A comment about test.only or it.skip is not a skipped test.
test('adds', () => expect(add(1, 2)).toBe(3));
`;
const TEST_DOUBLE = `import { expect, test } from 'vitest';
import { double } from '@kata/01-demo/double';
test('doubles', () => expect(double(2)).toBe(4));
`;

/** A small repository that satisfies the contract; `change` edits it before the check. */
function fixture(files: Record<string, string | null> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
  roots.push(root);
  const tree: Record<string, string | null> = {
    'katas/manifest.yaml': MANIFEST,
    'katas/01-demo/add.ts': STUB_ADD,
    'katas/01-demo/add.test.ts': TEST_ADD,
    'katas/01-demo/double.ts': STUB_DOUBLE,
    'katas/01-demo/double.test.ts': TEST_DOUBLE,
    'solutions/01-demo/add.ts': SOLUTION_ADD,
    'solutions/01-demo/double.ts': SOLUTION_DOUBLE,
    'chapters/01-demo/README.md': '# Demo\n',
    ...files,
  };
  for (const [file, content] of Object.entries(tree)) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

test('a repository that keeps the contract has no problems', () => {
  expect(checkContract(fixture())).toEqual([]);
});

test('a missing reference solution is reported with its path and kata', () => {
  expect(checkContract(fixture({ 'solutions/01-demo/add.ts': null }))).toContainEqual(
    'solutions/01-demo/add.ts: Not found: the reference solution of kata 01-add',
  );
});

test('a missing stub and a missing test file are reported', () => {
  const problems = checkContract(fixture({ 'katas/01-demo/add.ts': null, 'katas/01-demo/double.test.ts': null }));
  expect(problems).toContainEqual(expect.stringContaining('katas/01-demo/add.ts: Not found: the stub of kata 01-add'));
  expect(problems).toContainEqual(expect.stringContaining('katas/01-demo/double.test.ts: Not found: the tests of kata 01-double'));
});

test('exports that differ between stub and solution are reported both ways', () => {
  const solution = SOLUTION_ADD.replace('export function add', 'export function plus') + 'export interface Sum2 { a: number }\n';
  const problems = checkContract(fixture({ 'solutions/01-demo/add.ts': solution }));
  expect(problems).toContainEqual("solutions/01-demo/add.ts: does not export 'add', which the stub exports");
  expect(problems).toContainEqual("katas/01-demo/add.ts: does not export 'plus', which the solution exports");
  expect(problems).toContainEqual("katas/01-demo/add.ts: does not export 'Sum2', which the solution exports");
});

test('an export that is a type in one file and a value in the other is reported', () => {
  const solution = SOLUTION_ADD.replace('export type Sum = number;', 'export const Sum = 0;\ntype _Sum = number;');
  expect(checkContract(fixture({ 'solutions/01-demo/add.ts': solution }))).toContainEqual(
    "solutions/01-demo/add.ts: exports 'Sum' as a value, the stub as a type",
  );
});

test('a stray file in a chapter folder and a stray chapter folder are reported', () => {
  const problems = checkContract(fixture({ 'katas/01-demo/helpers.ts': 'export {};\n', 'solutions/09-nothing/x.ts': 'export {};\n' }));
  expect(problems).toContainEqual(expect.stringMatching(/^katas\/01-demo\/helpers\.ts: not listed by any kata/));
  expect(problems).toContainEqual('solutions/09-nothing/: no kata in katas/manifest.yaml uses this chapter folder');
});

test('a test file in solutions/ is stray: tests live beside the stub', () => {
  expect(checkContract(fixture({ 'solutions/01-demo/add.test.ts': TEST_ADD }))).toContainEqual(
    expect.stringMatching(/^solutions\/01-demo\/add\.test\.ts: not listed by any kata/),
  );
});

test('skipped, focused and todo tests are reported with their line', () => {
  const skipped = TEST_ADD + "test.skip('later', () => {});\ndescribe.only('focus', () => {});\nit.todo('some day');\n";
  const problems = checkContract(fixture({ 'katas/01-demo/add.test.ts': skipped }));
  expect(problems).toContainEqual(expect.stringMatching(/^katas\/01-demo\/add\.test\.ts:5: test\.skip: every test must run/));
  expect(problems).toContainEqual(expect.stringMatching(/^katas\/01-demo\/add\.test\.ts:6: describe\.only/));
  expect(problems).toContainEqual(expect.stringMatching(/^katas\/01-demo\/add\.test\.ts:7: it\.todo/));
  expect(problems).toHaveLength(3);
});

test('a skipped test under core/ is reported too', () => {
  const problems = checkContract(fixture({ 'core/rules/x.test.ts': "import { test } from 'vitest';\ntest.skip('x', () => {});\n" }));
  expect(problems).toEqual([expect.stringMatching(/^core\/rules\/x\.test\.ts:2: test\.skip/)]);
});

test('reading the clock or randomness in a solution is reported, a comment about it is not', () => {
  const solution = SOLUTION_ADD.replace('return a + b;', 'return a + b + Date.now() * Math.random() + new Date().getTime() + new Date(0).getTime();');
  const problems = checkContract(fixture({ 'solutions/01-demo/add.ts': solution }));
  expect(problems).toEqual([
    'solutions/01-demo/add.ts:5: Date.now(): time and randomness must be inputs, not read here',
    'solutions/01-demo/add.ts:5: Math.random(): time and randomness must be inputs, not read here',
    'solutions/01-demo/add.ts:5: new Date(): time and randomness must be inputs, not read here',
  ]);
});

test('a stub without TODO(kata) or without its own notImplemented call is reported', () => {
  const stub = STUB_ADD.replace('// TODO(kata): return a + b.', '').replace("notImplemented('01-add')", "notImplemented('01-double')");
  const problems = checkContract(fixture({ 'katas/01-demo/add.ts': stub }));
  expect(problems).toContainEqual("katas/01-demo/add.ts: must contain a '// TODO(kata): ...' comment saying what to build");
  expect(problems).toContainEqual("katas/01-demo/add.ts: must call notImplemented('01-add') where the learner's code goes");
  expect(problems).toContainEqual("katas/01-demo/add.ts: calls notImplemented('01-double'), but this file belongs to kata 01-add");
});

test('a solution that still calls notImplemented is reported', () => {
  expect(checkContract(fixture({ 'solutions/01-demo/add.ts': STUB_ADD }))).toContainEqual(
    'solutions/01-demo/add.ts: a reference solution must not call notImplemented(...)',
  );
});

test('a test that imports its unit by relative path instead of @kata is reported', () => {
  const problems = checkContract(fixture({ 'katas/01-demo/add.test.ts': TEST_ADD.replace('@kata/01-demo/add', './add') }));
  expect(problems).toContainEqual("katas/01-demo/add.test.ts: must import the unit under test as '@kata/01-demo/add'");
  expect(problems).toContainEqual("katas/01-demo/add.test.ts:2: imports './add': import kata units through '@kata/01-demo/add'");
});

test('running another kata\'s code without dependsOn is reported, importing its types is not', () => {
  const manifest = MANIFEST.replace('    dependsOn: [01-add]\n', '');
  const problems = checkContract(fixture({ 'katas/manifest.yaml': manifest, 'katas/01-demo/add.test.ts': TEST_ADD + "import type { Sum } from '@kata/01-demo/add';\n" }));
  expect(problems).toContainEqual(
    "katas/01-demo/double.ts:2: runs code of kata 01-add ('@kata/01-demo/add'): add it to dependsOn of 01-double in katas/manifest.yaml, or import types only",
  );
  expect(problems.filter((p) => p.startsWith('katas/01-demo/add.test.ts'))).toEqual([]);
});

test('a chapter without its lesson is reported', () => {
  expect(checkContract(fixture({ 'chapters/01-demo/README.md': null }))).toEqual([
    'chapters/01-demo/README.md: Not found: every chapter needs its lesson',
  ]);
});

test('manifest validation errors are reported with their field path', () => {
  const problems = checkContract(fixture({ 'katas/manifest.yaml': MANIFEST.replace('hints: [first, second]', 'hints: [only-one]') }));
  expect(problems).toEqual(['katas/manifest.yaml: katas[0].hints: Required value: at least two non-empty hints']);
});

test('a manifest that is not YAML is one problem, not a crash', () => {
  expect(checkContract(fixture({ 'katas/manifest.yaml': 'katas: [\n' }))).toEqual([expect.stringMatching(/^katas\/manifest\.yaml: /)]);
});

test('a kata file that is not a plain file name in the chapter folder is reported', () => {
  const problems = checkContract(fixture({ 'katas/manifest.yaml': MANIFEST.replace('files: [add.ts]', 'files: [add.ts, ../escape.ts]') }));
  expect(problems).toContainEqual('katas/manifest.yaml: 01-add.files[1]: Invalid value: "../escape.ts": must be a file name in the chapter folder, such as "store.ts" (or "policy.rules.yaml" for a rules kata)');
});

test('a greenOnStub entry without its reason is reported', () => {
  const manifest = MANIFEST.replace('    upstream: pkg/add.go\n', '    upstream: pkg/add.go\n    greenOnStub: [{ test: adds }]\n');
  expect(checkContract(fixture({ 'katas/manifest.yaml': manifest }))).toEqual([
    'katas/manifest.yaml: 01-add.greenOnStub[0]: Required value: a test name and the reason it may pass on the stub',
  ]);
});
