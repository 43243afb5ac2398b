import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { KataEntry, Manifest } from '../kata/manifest';
import type { KataStatus } from '../kata/test-results';
import { cachedSolved, rememberStatuses } from './solved-cache';

const kata = (id: string, file: string, dependsOn?: string[]): KataEntry => ({
  id, chapter: '01-demo', title: id, files: [file], difficulty: 1, minutes: 5, concepts: ['c'], hints: ['a', 'b'], upstream: 'x', ...(dependsOn ? { dependsOn } : {}),
});
const manifest: Manifest = { katas: [kata('01-add', 'add.ts'), kata('01-double', 'double.ts', ['01-add']), kata('01-half', 'half.ts')] };
const status = (k: KataEntry, solved: boolean): KataStatus => ({ kata: k, solved, passed: solved ? 3 : 0, total: 3, files: [], missing: [] });
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-cache-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'katas', '01-demo'), { recursive: true });
  fs.writeFileSync(path.join(root, 'katas', 'manifest.yaml'), 'katas: []\n');
  for (const name of ['add', 'double', 'half']) {
    fs.writeFileSync(path.join(root, 'katas', '01-demo', `${name}.ts`), `// ${name}\n`);
    fs.writeFileSync(path.join(root, 'katas', '01-demo', `${name}.test.ts`), `// ${name} tests\n`);
  }
  return root;
}

test('solved katas are remembered with their test count, unsolved ones are not', () => {
  const root = repo();
  rememberStatuses(root, manifest, [status(manifest.katas[0]!, true), status(manifest.katas[1]!, true), status(manifest.katas[2]!, false)]);
  expect(cachedSolved(root, manifest)).toEqual(new Map([['01-add', 3], ['01-double', 3]]));
});

test('editing a kata forgets it and every kata that depends on it, but no other', () => {
  const root = repo();
  rememberStatuses(root, manifest, manifest.katas.map((k) => status(k, true)));
  fs.appendFileSync(path.join(root, 'katas', '01-demo', 'add.ts'), '// edited\n');
  expect([...cachedSolved(root, manifest).keys()]).toEqual(['01-half']);
});

test('a kata found unsolved later is dropped from the cache', () => {
  const root = repo();
  rememberStatuses(root, manifest, [status(manifest.katas[2]!, true)]);
  rememberStatuses(root, manifest, [status(manifest.katas[2]!, false)]);
  expect(cachedSolved(root, manifest).size).toBe(0);
});

test('without a cache nothing counts as solved', () => {
  expect(cachedSolved(repo(), manifest).size).toBe(0);
});
