/**
 * Steps 3 and 4: every test passes against the reference solutions, and every kata test fails
 * against the stubs. A test that passes on a stub asserts nothing the learner did.
 */
import type { KataEntry, Manifest } from '../kata/manifest';
import { kataTestFiles } from '../kata/paths';
import type { VitestReport } from '../kata/run-vitest';
import type { FileOutcome, TestOutcome } from '../kata/test-results';
import type { StepResult } from './report';

type Outcome = Omit<StepResult, 'name' | 'what' | 'seconds'>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';

/** Judges the run of all tests against the solutions: every test green, every file loaded. */
export function judgeSolutionRun(report: VitestReport): Outcome {
  if (report.crashed) return { status: 'failed', headline: report.crashed, details: report.output.split('\n').slice(-30) };
  const tests = report.files.flatMap((f) => f.tests);
  const kata = tests.filter((t) => t.file.startsWith('katas/'));
  const core = tests.filter((t) => !t.file.startsWith('katas/'));
  const details = [
    ...report.files.flatMap((f) => (f.loadError !== undefined ? [`${f.file}: failed to load: ${firstLine(f.loadError)}`] : [])),
    ...tests.filter((t) => t.state === 'failed').map((t) => `${t.file} > ${t.name}: ${firstLine(t.errors[0]?.message ?? 'failed')}`),
    ...tests.filter((t) => t.state === 'skipped').map((t) => `${t.file} > ${t.name}: skipped (every test must run)`),
  ];
  const green = (list: TestOutcome[]) => list.filter((t) => t.state === 'passed').length;
  const counts = `${green(kata)}/${kata.length} kata tests green on solutions, ${green(core)}/${core.length} core tests green`;
  if (details.length === 0 && report.exitCode === 0) return { status: 'passed', headline: counts, details: [] };
  if (details.length === 0) details.push(...report.output.split('\n').slice(-20));
  details.push('rerun one file with: KATA_TARGET=solutions npx vitest run <file>');
  return { status: 'failed', headline: `${counts}; ${plural(details.length - 1, 'problem')}`, details };
}

/** Finds kata tests that pass on the stubs (unless the manifest excuses them) and files that fail to load there. */
export function judgeStubRun(manifest: Manifest, files: FileOutcome[]): Outcome {
  const owner = new Map<string, KataEntry>();
  for (const kata of manifest.katas) for (const file of kataTestFiles(kata)) owner.set(file, kata);
  const excused = (kata: KataEntry | undefined, test: TestOutcome) =>
    (kata?.greenOnStub ?? []).some((g) => g.test === test.name || g.test === test.title);
  const details: string[] = [];
  let red = 0;
  let total = 0;
  const greenNames = new Map<string, Set<string>>();
  for (const file of files) {
    const kata = owner.get(file.file);
    if (file.loadError !== undefined) {
      details.push(`${file.file}: fails to load against the stubs, so none of its tests can report: ${firstLine(file.loadError)} (call the unit inside test(), not at the top of the file)`);
      continue;
    }
    for (const test of file.tests) {
      total += 1;
      if (test.state === 'failed') red += 1;
      if (test.state !== 'passed') continue;
      greenNames.set(kata?.id ?? '', (greenNames.get(kata?.id ?? '') ?? new Set()).add(test.name).add(test.title));
      if (!excused(kata, test)) details.push(`${file.file} > ${test.name}: passes on the stub, so it checks nothing the learner writes`);
    }
  }
  for (const kata of manifest.katas) {
    for (const g of kata.greenOnStub ?? []) {
      if (!greenNames.get(kata.id)?.has(g.test)) details.push(`katas/manifest.yaml: ${kata.id}.greenOnStub: "${g.test}" no longer passes on the stub (or no longer exists); remove the entry`);
    }
  }
  const headline = `${red}/${total} kata tests red on the stubs`;
  if (details.length === 0) return { status: 'passed', headline, details };
  details.push('a kata test must fail until the learner writes the kata; check one folder with: npx vitest run katas/<chapter>');
  return { status: 'failed', headline: `${headline}; ${plural(details.length - 1, 'problem')}`, details };
}
