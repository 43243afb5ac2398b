/**
 * `npm test`: everything CI requires, in order, one short section per step, then the line
 * `check: N passed, M failed`. Exits non-zero when any step failed.
 *
 *   1. typecheck  tsc over the whole repository (runs in the background from the start)
 *   2. contract   manifest, stubs, solutions, tests and lessons agree
 *   3. tests      every test passes against the reference solutions (kata and core tests)
 *   4. stubs      every kata test fails against the stubs
 *   5. docs       docs/ is what the generator makes
 *
 * `npm run test:deep` runs the same with KATA_DEEP=1, which multiplies property-test runs.
 */
import path from 'node:path';
import pc from 'picocolors';
import { loadManifest } from '../kata/manifest';
import { runVitestJson } from '../kata/run-vitest';
import { repoRoot } from '../kata/target';
import { checkContract } from './contract';
import { docsStep } from './docs-step';
import { formatStep, summaryLine, timed, type StepResult } from './report';
import { judgeSolutionRun, judgeStubRun } from './test-steps';
import { startTypecheck } from './typecheck';

const STEPS = 5;
const started = performance.now();
const results: StepResult[] = [];
const show = (result: StepResult) => {
  results.push(result);
  process.stdout.write(formatStep(result, results.length, STEPS) + '\n');
};

const deep = process.env.KATA_DEEP === '1';
console.log(pc.bold(`kube-katas check${deep ? ' (deep: KATA_DEEP=1, more property-test runs)' : ''}`));
console.log(pc.dim('typecheck and the solution tests run side by side; sections print in order.\n'));

// Started first and awaited in order: tsc and the solution tests overlap with everything before them.
const typecheck = timed('typecheck', 'tsc --noEmit -p tsconfig.json', () => startTypecheck(repoRoot));
const contract = await timed('contract', 'manifest, stubs, solutions, tests and lessons agree', async () => {
  const problems = checkContract(repoRoot);
  return problems.length === 0
    ? { status: 'passed', headline: 'the kata contract holds', details: [] }
    : { status: 'failed', headline: `${problems.length} contract problem${problems.length === 1 ? '' : 's'}`, details: problems };
});
const solutionTests = timed('tests', 'every test passes against solutions/ (KATA_TARGET=solutions)', async () =>
  judgeSolutionRun(await runVitestJson({ root: repoRoot, config: path.join('core', 'check', 'vitest.check.config.ts'), target: 'solutions' })),
);

show(await typecheck);
show(contract);
show(await solutionTests);
show(
  await timed('stubs', 'every kata test fails against katas/ (the stubs)', async () => {
    const manifest = loadManifest();
    const report = await runVitestJson({ root: repoRoot, target: 'katas' });
    if (report.crashed) return { status: 'failed', headline: report.crashed, details: report.output.split('\n').slice(-30) };
    return judgeStubRun(manifest, report.files);
  }),
);
show(await timed('docs', 'docs/ matches the generator (npm run docs)', () => docsStep(repoRoot)));

const failed = results.filter((r) => r.status === 'failed').map((r) => r.name);
const skipped = results.filter((r) => r.status === 'skipped').map((r) => r.name);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (skipped.length > 0) console.log(pc.yellow(`skipped: ${skipped.join(', ')}`));
console.log(failed.length === 0 ? pc.green(`all checks passed in ${seconds}s`) : pc.red(`failed: ${failed.join(', ')} (${seconds}s)`));
console.log(summaryLine(results));
process.exitCode = failed.length === 0 ? 0 : 1;
