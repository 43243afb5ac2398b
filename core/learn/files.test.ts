import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { KataEntry } from '../kata/manifest';
import { applyRewrites, solutionRewrites, stubRewrites } from './files';

const kata: KataEntry = { id: '01-add', chapter: '01-demo', title: 'Add', files: ['add.ts'], difficulty: 1, minutes: 5, concepts: ['c'], hints: ['a', 'b'], upstream: 'x' };
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A throwaway git repository with a committed stub, test and solution. */
function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-files-'));
  roots.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('katas/01-demo/add.ts', 'stub\n');
  write('katas/01-demo/add.test.ts', 'tests\n');
  write('solutions/01-demo/add.ts', 'solution\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  return root;
}
const read = (root: string, file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('reset brings back the committed stub and leaves the tests alone', () => {
  const root = repo();
  fs.writeFileSync(path.join(root, 'katas/01-demo/add.ts'), 'my work\n');
  fs.writeFileSync(path.join(root, 'katas/01-demo/add.test.ts'), 'edited tests\n');
  const backups = applyRewrites(root, stubRewrites(root, kata));
  expect(read(root, 'katas/01-demo/add.ts')).toBe('stub\n');
  expect(read(root, 'katas/01-demo/add.test.ts')).toBe('edited tests\n');
  expect(backups).toEqual([path.join('.kata-progress', 'backup', 'katas/01-demo/add.ts')]);
  expect(read(root, backups[0]!)).toBe('my work\n');
});

test('catch-up copies the reference solution over the stub only', () => {
  const root = repo();
  applyRewrites(root, solutionRewrites(root, kata));
  expect(read(root, 'katas/01-demo/add.ts')).toBe('solution\n');
  expect(read(root, 'solutions/01-demo/add.ts')).toBe('solution\n');
  expect(read(root, 'katas/01-demo/add.test.ts')).toBe('tests\n');
});

test('a rewrite that changes nothing is marked so and writes no backup', () => {
  const root = repo();
  const rewrites = stubRewrites(root, kata);
  expect(rewrites.map((r) => r.changes)).toEqual([false]);
  expect(applyRewrites(root, rewrites)).toEqual([]);
  expect(fs.existsSync(path.join(root, '.kata-progress'))).toBe(false);
});

test('a stub that git does not know is a clear error', () => {
  const root = repo();
  expect(() => stubRewrites(root, { ...kata, files: ['new.ts'] })).toThrow('katas/01-demo/new.ts: no committed version in git (HEAD) to restore from');
});
