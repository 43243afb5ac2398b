/**
 * Where the learner stands: every kata test run once against katas/ (the learner's code), read
 * through vitest's JSON report. A kata is solved when all of its tests are green.
 */
import type { Manifest } from '../kata/manifest';
import { runVitestJson } from '../kata/run-vitest';
import { repoRoot } from '../kata/target';
import { kataStatuses, type KataStatus } from '../kata/test-results';

/** Runs all kata tests against katas/ and returns each kata's standing, in manifest order. */
export async function currentStatus(manifest: Manifest, root = repoRoot): Promise<KataStatus[]> {
  const report = await runVitestJson({ root, target: 'katas' });
  if (report.crashed) throw new Error(`${report.crashed}\n${report.output.split('\n').slice(-20).join('\n')}`);
  return kataStatuses(manifest, report.files);
}

/** The first kata in manifest order that is not solved. */
export function firstUnsolved(statuses: KataStatus[]): KataStatus | undefined {
  return statuses.find((s) => !s.solved);
}
