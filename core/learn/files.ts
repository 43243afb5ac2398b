/**
 * Rewriting a learner's kata file: back to the original stub (from git) or forward to the
 * reference solution. Whatever is replaced is first copied to .kata-progress/backup/ (ignored
 * by git), so a mistaken reset loses nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { KataEntry } from '../kata/manifest';
import { kataFiles } from '../kata/paths';

/** One planned rewrite: which file gets which content, and whether that changes anything. */
export type Rewrite = { file: string; content: string; changes: boolean };

/** The stub as committed (`git show HEAD:<file>`), for each file of the kata. */
export function stubRewrites(root: string, kata: KataEntry): Rewrite[] {
  return kataFiles(kata).map(({ stub }) => {
    let content: string;
    try {
      content = execFileSync('git', ['show', `HEAD:${stub}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch {
      throw new Error(`${stub}: no committed version in git (HEAD) to restore from`);
    }
    return plan(root, stub, content);
  });
}

/** The reference solution, for each file of the kata. */
export function solutionRewrites(root: string, kata: KataEntry): Rewrite[] {
  return kataFiles(kata).map(({ stub, solution }) => {
    const from = path.join(root, solution);
    if (!fs.existsSync(from)) throw new Error(`${solution}: not found, so there is nothing to copy`);
    return plan(root, stub, fs.readFileSync(from, 'utf8'));
  });
}

function plan(root: string, file: string, content: string): Rewrite {
  const full = path.join(root, file);
  const current = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  return { file, content, changes: current !== content };
}

/** Writes the rewrites that change something; returns where the replaced versions were saved. */
export function applyRewrites(root: string, rewrites: Rewrite[]): string[] {
  const backups: string[] = [];
  for (const r of rewrites.filter((w) => w.changes)) {
    const full = path.join(root, r.file);
    if (fs.existsSync(full)) {
      const backup = path.join('.kata-progress', 'backup', r.file);
      fs.mkdirSync(path.dirname(path.join(root, backup)), { recursive: true });
      fs.copyFileSync(full, path.join(root, backup));
      backups.push(backup);
    }
    fs.writeFileSync(full, r.content);
  }
  return backups;
}
