/**
 * The progress screen: a bar per chapter (solved / total) and the kata to open next.
 */
import pc from 'picocolors';
import type { KataEntry } from '../kata/manifest';
import { kataFiles } from '../kata/paths';
import type { KataStatus } from '../kata/test-results';

const BAR = 20;

/** A bar of `BAR` cells, filled in proportion to `done / total`. */
export function bar(done: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * BAR);
  return pc.green('█'.repeat(filled)) + pc.dim('░'.repeat(BAR - filled));
}

/** One line per chapter, in manifest order: its bar and `solved/total`. */
export function renderChapters(statuses: KataStatus[]): string[] {
  const chapters = new Map<string, KataStatus[]>();
  for (const s of statuses) chapters.set(s.kata.chapter, [...(chapters.get(s.kata.chapter) ?? []), s]);
  const width = Math.max(0, ...[...chapters.keys()].map((c) => c.length));
  return [...chapters].map(([chapter, list]) => {
    const solved = list.filter((s) => s.solved).length;
    return `  ${chapter.padEnd(width)}  ${bar(solved, list.length)}  ${solved}/${list.length}`;
  });
}

/** `●●●○○` for a difficulty from 1 to 5. */
export function difficulty(level: KataEntry['difficulty']): string {
  return '●'.repeat(level) + pc.dim('○'.repeat(5 - level));
}

/** The card for the kata to work on next: what it is, how hard, how long, which file to open. */
export function renderNext(status: KataStatus): string[] {
  const { kata } = status;
  const files = kataFiles(kata);
  return [
    `${pc.bold('Next:')} ${pc.cyan(kata.id)} · ${kata.title}`,
    `  difficulty ${difficulty(kata.difficulty)}   about ${kata.minutes} min`,
    `  open       ${files.map((f) => f.stub).join(', ')}`,
    `  tests      ${files.map((f) => f.test).join(', ')}  ${pc.dim(status.missing.length > 0 ? '(not written yet)' : `(${status.passed}/${status.total} green)`)}`,
    `  concepts   ${kata.concepts.join(', ')}`,
  ];
}

/** The count of solved katas and a bar per chapter. */
export function renderOverview(statuses: KataStatus[]): string[] {
  const solved = statuses.filter((s) => s.solved).length;
  return [pc.bold(`Progress: ${solved}/${statuses.length} katas solved`), '', ...renderChapters(statuses), ''];
}

/** The whole progress screen: the overview, then the next kata. */
export function renderProgress(statuses: KataStatus[]): string {
  const next = statuses.find((s) => !s.solved);
  const lines = renderOverview(statuses);
  if (next) lines.push(...renderNext(next), '', pc.dim('  npm start watches it and tells you what fails; npm run hint <id> gives a nudge.'));
  else lines.push(pc.green(pc.bold('Every kata is solved. The cluster you built runs with: KATA_TARGET=katas npm run cluster')));
  return lines.join('\n');
}
