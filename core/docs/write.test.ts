import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { diffDocs, listFiles, writeDocs } from './write';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function docsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-katas-docs-out-'));
  made.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const pages = new Map([
  ['README.md', '# Index\n'],
  ['chapters/01-a.md', '# A\n'],
]);

describe('diffDocs', () => {
  test('finds missing, changed and stray files', () => {
    const dir = docsDir({ 'chapters/01-a.md': '# old\n', 'chapters/09-gone.md': 'x', '.vitepress/config.mjs': 'x' });
    expect(diffDocs(pages, dir)).toEqual({ missing: ['README.md'], changed: ['chapters/01-a.md'], stray: ['.vitepress/config.mjs', 'chapters/09-gone.md'] });
  });

  test('finds nothing when docs/ matches', () => {
    expect(diffDocs(pages, docsDir(Object.fromEntries(pages)))).toEqual({ missing: [], changed: [], stray: [] });
  });
});

describe('writeDocs', () => {
  test('leaves exactly the generated files, removing stray files and emptied folders', () => {
    const dir = docsDir({ 'chapters/01-a.md': '# old\n', 'rules/01-a-x.md': 'stray', 'notes.txt': 'stray' });
    writeDocs(pages, dir);
    expect(listFiles(dir)).toEqual(['README.md', 'chapters/01-a.md']);
    expect(fs.readFileSync(path.join(dir, 'chapters/01-a.md'), 'utf8')).toBe('# A\n');
    expect(fs.existsSync(path.join(dir, 'rules'))).toBe(false);
  });

  test('creates docs/ when it does not exist yet', () => {
    const dir = path.join(docsDir({}), 'docs');
    writeDocs(pages, dir);
    expect(diffDocs(pages, dir)).toEqual({ missing: [], changed: [], stray: [] });
  });

  test('does not rewrite a file whose content is unchanged', () => {
    const dir = docsDir(Object.fromEntries(pages));
    const past = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(path.join(dir, 'README.md'), past, past);
    const diff = writeDocs(pages, dir);
    expect(diff.changed).toEqual([]);
    expect(fs.statSync(path.join(dir, 'README.md')).mtime.getTime()).toBe(past.getTime());
  });
});
