import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { compareDocs, docsStep, readTree } from './docs-step';

test('missing, stale and stray docs are each reported', () => {
  const generated = new Map([['index.md', '# Index\n'], ['chapters/01.md', 'new\n'], ['katas.md', 'k\n']]);
  const onDisk = new Map([['index.md', '# Index\n'], ['chapters/01.md', 'old\n'], ['old.md', 'x\n']]);
  expect(compareDocs(generated, onDisk)).toEqual([
    'docs/chapters/01.md: stale (differs from what the generator makes)',
    'docs/katas.md: missing',
    'docs/old.md: stray (the generator does not make it)',
  ]);
});

test('identical trees have no problems', () => {
  const tree = new Map([['a.md', 'a']]);
  expect(compareDocs(tree, new Map(tree))).toEqual([]);
});

test('readTree reads nested files with forward-slash keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-'));
  fs.mkdirSync(path.join(dir, 'chapters'));
  fs.writeFileSync(path.join(dir, 'chapters', 'a.md'), 'A');
  expect(readTree(dir)).toEqual(new Map([['chapters/a.md', 'A']]));
  fs.rmSync(dir, { recursive: true });
});

test('the step is skipped with a notice while the generator does not exist', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-root-'));
  const result = await docsStep(dir);
  expect(result.status).toBe('skipped');
  expect(result.headline).toContain('core/docs/generate.ts does not exist yet');
  fs.rmSync(dir, { recursive: true });
});
