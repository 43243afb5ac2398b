/**
 * Which tree the `@kata/...` alias points at.
 *
 * One test suite serves two implementations: the learner's stubs in `katas/` and the
 * reference in `solutions/`. `KATA_TARGET=solutions` selects the reference; anything else
 * (including unset) selects the learner's work.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two trees a kata can be run against. */
export type KataTarget = 'katas' | 'solutions';

/** The repository root (two folders above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reads `KATA_TARGET` from the environment; `fallback` applies when it is unset. */
export function kataTarget(fallback: KataTarget = 'katas'): KataTarget {
  const value = process.env.KATA_TARGET;
  if (value === undefined || value === '') return fallback;
  if (value === 'katas' || value === 'solutions') return value;
  throw new Error(`KATA_TARGET: Unsupported value: "${value}": supported values: "katas", "solutions"`);
}

/** The absolute folder that `@kata/...` resolves into for a target. */
export function kataRoot(target: KataTarget): string {
  return path.join(repoRoot, target);
}
