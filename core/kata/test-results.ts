/**
 * Test results in one plain shape, whether they come from vitest's JSON reporter (a child
 * process) or from its Node API (the watch runner), and what they say about each kata.
 */
import type { KataEntry, Manifest } from './manifest';
import { kataTestFiles, relativeTo } from './paths';

/** One error a test failed with, as far as vitest reports it. */
export type TestError = {
  /** The error's `name` (`AssertionError`, `KataNotImplemented`, `Error`), when known. */
  name?: string;
  message: string;
  expected?: string;
  actual?: string;
  /** vitest's coloured "- Expected / + Received" diff, when it made one. */
  diff?: string;
  /** The error that made a fast-check property fail, when fast-check kept it. */
  cause?: TestError;
  /** Where in the learner's code it was thrown (`katas/<chapter>/<file>.ts:<line>`), when the stack says. */
  where?: string;
};

/** One test case and how it ended. */
export type TestOutcome = {
  /** The test file, relative to the repository root. */
  file: string;
  /** The test's title. */
  title: string;
  /** Suite titles and the test title joined with ` > `. */
  name: string;
  state: 'passed' | 'failed' | 'skipped';
  errors: TestError[];
};

/** One test file: its tests, or why it could not be loaded. */
export type FileOutcome = {
  file: string;
  /** Set when the file failed before any test ran (an import threw, a syntax error). */
  loadError?: string;
  tests: TestOutcome[];
};

/** A kata's standing: solved when every test of every one of its test files passed. */
export type KataStatus = {
  kata: KataEntry;
  solved: boolean;
  passed: number;
  total: number;
  files: FileOutcome[];
  /** Test files the manifest implies but the run did not report (missing on disk). */
  missing: string[];
};

/** The shape of vitest's JSON reporter output that is read here. */
type JsonReport = {
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] | null }[];
  }[];
};

/** The first stack frame in a kata file that is not a test (`katas/01-x/store.ts:42`). */
export function learnerFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const frame = /^\s+at .*?\/(katas\/[\w.-]+\/[\w.-]+\.ts):(\d+):\d+/.exec(line);
    if (frame && !frame[1]?.endsWith('.test.ts')) return `${frame[1]}:${frame[2]}`;
  }
  return undefined;
}

/** Splits a reported stack ("Name: message\n    at ...") into its error name and message. */
export function parseFailureMessage(text: string): TestError {
  const lines = text.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  const body = (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).join('\n').trimEnd();
  const where = learnerFrame(text);
  // Error names are identifiers in PascalCase (`AssertionError`, `KataNotImplemented`).
  const named = /^([A-Z][\w$]*): ([\s\S]*)$/.exec(body);
  const error: TestError = named && named[1] !== undefined && named[2] !== undefined ? { name: named[1], message: named[2] } : { message: body };
  return where === undefined ? error : { ...error, where };
}

/** Reads vitest's JSON report; `root` makes file paths relative. */
export function fromJsonReport(report: unknown, root: string): FileOutcome[] {
  const { testResults } = report as JsonReport;
  return testResults.map((result) => {
    const file = relativeTo(root, result.name);
    const tests: TestOutcome[] = result.assertionResults.map((a) => ({
      file,
      title: a.title,
      name: [...a.ancestorTitles, a.title].join(' > '),
      state: a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped',
      errors: (a.failureMessages ?? []).map(parseFailureMessage),
    }));
    const failedToLoad = result.status === 'failed' && tests.length === 0;
    return failedToLoad ? { file, tests, loadError: result.message || 'the file failed to load' } : { file, tests };
  });
}

/** Each kata of the manifest with its standing in `files`, in manifest order. */
export function kataStatuses(manifest: Manifest, files: FileOutcome[]): KataStatus[] {
  const byFile = new Map(files.map((f) => [f.file, f]));
  return manifest.katas.map((kata) => {
    const wanted = kataTestFiles(kata);
    const found = wanted.flatMap((file) => byFile.get(file) ?? []);
    const tests = found.flatMap((f) => f.tests);
    const passed = tests.filter((t) => t.state === 'passed').length;
    const missing = wanted.filter((file) => !byFile.has(file));
    const loaded = found.every((f) => f.loadError === undefined);
    return {
      kata,
      solved: missing.length === 0 && loaded && tests.length > 0 && passed === tests.length,
      passed,
      total: tests.length,
      files: found,
      missing,
    };
  });
}

/** The first failing test of a kata, or the first file that failed to load, for a short report. */
export function firstFailure(status: Pick<KataStatus, 'files' | 'missing'>): { file: string; test?: TestOutcome; loadError?: string } | undefined {
  for (const file of status.files) {
    if (file.loadError !== undefined) return { file: file.file, loadError: file.loadError };
    const test = file.tests.find((t) => t.state !== 'passed');
    if (test) return { file: file.file, test };
  }
  const missing = status.missing[0];
  return missing === undefined ? undefined : { file: missing, loadError: 'test file not found' };
}

/** The deepest cause of an error: what a fast-check property actually failed on. */
export function rootCause(error: TestError): TestError {
  return error.cause ? rootCause(error.cause) : error;
}
