/**
 * Writing the generated pages to docs/: only files whose content changed are rewritten, and
 * files the generator no longer makes are removed, so docs/ is exactly the generator's output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { byCodeUnit } from './markdown';

/** How docs/ on disk differs from the generated pages (paths relative to docs/). */
export type DocsDiff = { missing: string[]; changed: string[]; stray: string[] };

/** Every file under `dir`, relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort(byCodeUnit);
}

/** Compares `pages` with the files under `dir`. */
export function diffDocs(pages: Map<string, string>, dir: string): DocsDiff {
  const onDisk = listFiles(dir);
  const present = new Set(onDisk);
  const diff: DocsDiff = { missing: [], changed: [], stray: onDisk.filter((f) => !pages.has(f)) };
  for (const [file, content] of pages) {
    if (!present.has(file)) diff.missing.push(file);
    else if (fs.readFileSync(path.join(dir, file), 'utf8') !== content) diff.changed.push(file);
  }
  return diff;
}

/** Makes `dir` hold exactly `pages`; returns what it changed. */
export function writeDocs(pages: Map<string, string>, dir: string): DocsDiff {
  const diff = diffDocs(pages, dir);
  for (const file of [...diff.missing, ...diff.changed]) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, pages.get(file) as string);
  }
  for (const file of diff.stray) fs.rmSync(path.join(dir, file));
  removeEmptyFolders(dir, dir);
  return diff;
}

function removeEmptyFolders(dir: string, top: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(path.join(dir, entry.name), top);
  }
  if (dir !== top && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
