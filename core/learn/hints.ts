/**
 * Progressive hints: level 1 shows the first hint, level n shows hints 1 to n, each stronger
 * than the one before, and says how many remain.
 */
import pc from 'picocolors';
import type { KataEntry } from '../kata/manifest';

/**
 * The level asked for. npm turns `--level 2` before `--` into `npm_config_level=true` plus a
 * stray `2` argument, and `--level=2` into `npm_config_level=2`; all of these mean level 2.
 */
export function resolveLevel(option: string | undefined, positional: string | undefined, env: NodeJS.ProcessEnv = process.env): number | string {
  const fromEnv = env.npm_config_level !== undefined && env.npm_config_level !== 'true' ? env.npm_config_level : undefined;
  const raw = option ?? positional ?? fromEnv ?? '1';
  const level = Number(raw);
  if (!Number.isInteger(level) || level < 1) return `--level: Invalid value: "${raw}": must be a whole number from 1 up`;
  return level;
}

/** The hints of `kata` up to `level` (clamped to how many there are), with what remains. */
export function renderHints(kata: Pick<KataEntry, 'id' | 'title' | 'hints'>, level: number): string {
  const shown = Math.min(level, kata.hints.length);
  const lines = [pc.bold(`${kata.id}: ${kata.title}`), ''];
  kata.hints.slice(0, shown).forEach((hint, i) => lines.push(`${pc.cyan(`hint ${i + 1}/${kata.hints.length}`)} ${hint}`, ''));
  const remaining = kata.hints.length - shown;
  if (remaining > 0) {
    lines.push(pc.dim(`${remaining} more hint${remaining === 1 ? '' : 's'}: npm run hint ${kata.id} -- --level ${shown + 1}`));
  } else {
    lines.push(pc.dim(level > kata.hints.length ? `that is every hint (${kata.hints.length}); stuck for good? solutions/ holds the reference (npm run catch-up ${kata.id} copies it in)` : 'that was the last hint'));
  }
  return lines.join('\n');
}

/** The first hint alone, as the kata runner shows it after a failure. */
export function firstHint(kata: Pick<KataEntry, 'id' | 'hints'>): string {
  const more = kata.hints.length - 1;
  return `${pc.cyan(`hint 1/${kata.hints.length}`)} ${kata.hints[0] ?? ''}${more > 0 ? pc.dim(`  (more: npm run hint ${kata.id} -- --level 2)`) : ''}`;
}
