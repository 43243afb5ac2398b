/**
 * The kata runner's loop: run the kata tests once to find where the learner stands (katas
 * remembered as solved and unchanged since are not rerun), then watch the first unsolved kata. Each save reruns only that kata's tests and prints the first
 * failure with its hint; when the kata goes green the watch moves on to the next one.
 */
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import type { Reporter, TestModule } from 'vitest/node';
import type { KataEntry, Manifest } from '../kata/manifest';
import { kataFiles, kataTestFiles } from '../kata/paths';
import { kataStatuses, type FileOutcome, type KataStatus } from '../kata/test-results';
import { renderFailure } from './failure-view';
import { renderNext, renderOverview } from './progress-view';
import { cachedSolved, rememberStatuses } from './solved-cache';
import { fromTestModules, kataVitest } from './vitest-api';

/** Options of the runner: start at a given kata instead of the first unsolved one. */
export type WatchOptions = { root: string; manifest: Manifest; startAt?: KataEntry; clear?: boolean };

const katas = (n: number) => `${n} kata${n === 1 ? '' : 's'}`;
const print = (lines: string[]) => process.stdout.write(lines.join('\n') + '\n');
const clearScreen = () => process.stdout.write('\x1b[2J\x1b[H');

/** Runs the loop until every kata is solved or the learner presses ctrl-c. */
export async function watchKatas(options: WatchOptions): Promise<void> {
  const { root, manifest } = options;
  const solved = new Set<string>();
  // The newest result of every test file: a save reruns only the files that import what
  // changed, so the others keep their last result.
  const latest = new Map<string, FileOutcome>();
  let current: KataEntry | undefined;
  let watched = new Set<string>();
  let rerunStarted = 0;
  let pending = Promise.resolve();

  const reporter: Reporter = {
    onWatcherRerun() {
      rerunStarted = performance.now();
    },
    onTestRunEnd(modules) {
      if (rerunStarted === 0) return; // a run started by this loop, which reads the result itself
      const elapsed = performance.now() - rerunStarted;
      rerunStarted = 0;
      // Handled after vitest has finished this run, so that moving on can start another one.
      pending = pending
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(() => afterRun(modules, elapsed, true))
        .catch((error: unknown) => {
          print([pc.red(`the kata runner failed: ${error instanceof Error ? error.message : String(error)}`)]);
        });
    },
  };
  const vitest = await kataVitest(root, reporter, true);
  vitest.onFilterWatchedSpecification((spec) => watched.has(spec.moduleId));
  const stop = async () => {
    await vitest.close();
    if (process.stdout.isTTY) process.stdout.write('\x1b[?25h'); // vitest hides the cursor while it runs
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());

  const existing = (kata: KataEntry) => kataTestFiles(kata).map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  const record = (modules: ReadonlyArray<TestModule>) => {
    for (const file of fromTestModules(modules, root)) latest.set(file.file, file);
  };
  const status = (kata: KataEntry): KataStatus => kataStatuses({ katas: [kata] }, [...latest.values()])[0] as KataStatus;

  /** Shows the current kata's result; on green, moves on to the next kata. */
  async function afterRun(modules: ReadonlyArray<TestModule>, elapsedMs: number, fromSave: boolean): Promise<void> {
    if (!current || (fromSave && modules.length === 0)) return;
    record(modules);
    const result = status(current);
    rememberStatuses(root, manifest, [result]);
    if (fromSave && options.clear) clearScreen();
    const timing = pc.dim(` ${(elapsedMs / 1000).toFixed(2)}s`);
    if (!result.solved) {
      print([...(renderFailure(result) ?? []), '', watchingLine(current) + timing]);
      return;
    }
    solved.add(current.id);
    print([`${pc.green('✓')} ${pc.bold(current.id)} · ${current.title}: all ${result.total} tests green.${timing}`, pc.green('  Well done.'), '']);
    await moveTo(nextAfter(current));
  }

  function nextAfter(kata: KataEntry): KataEntry | undefined {
    const at = manifest.katas.indexOf(kata);
    return manifest.katas.slice(at + 1).find((k) => !solved.has(k.id)) ?? manifest.katas.find((k) => !solved.has(k.id));
  }

  async function moveTo(kata: KataEntry | undefined): Promise<void> {
    current = kata;
    if (!kata) {
      print([pc.green(pc.bold(`Every kata is solved (${manifest.katas.length}/${manifest.katas.length}).`)), 'Run the whole suite once more with npm run verify.']);
      await stop();
      return;
    }
    const files = existing(kata);
    watched = new Set(files);
    print([`${pc.bold('Now:')} ${kata.id} · ${kata.title}`]);
    const started = performance.now();
    const run = files.length > 0 ? await vitest.runTestFiles(files) : { testModules: [] };
    await afterRun(run.testModules, performance.now() - started, false);
  }

  // First, one run of every kata not known to be solved: where does the learner stand?
  const cached = cachedSolved(root, manifest);
  const toRun = manifest.katas.filter((k) => !cached.has(k.id));
  const skipped = cached.size === 0 ? '' : ` (${katas(cached.size)} solved before and unchanged since: not rerun; npm run verify reruns all)`;
  print([pc.dim(`running the tests of ${katas(toRun.length)} against katas/${skipped} ...`)]);
  await vitest.standalone();
  const first = await vitest.runTestFiles(toRun.flatMap(existing));
  record(first.testModules);
  const statuses = manifest.katas.map((kata): KataStatus => {
    const tests = cached.get(kata.id);
    return tests === undefined ? status(kata) : { kata, solved: true, passed: tests, total: tests, files: [], missing: [] };
  });
  rememberStatuses(root, manifest, statuses.filter((s) => !cached.has(s.kata.id)));
  for (const s of statuses) if (s.solved) solved.add(s.kata.id);
  print(renderOverview(statuses));

  const start = options.startAt ?? statuses.find((s) => !s.solved)?.kata;
  if (!start) {
    print([pc.green(pc.bold('Every kata is solved.'))]);
    await stop();
    return;
  }
  const startStatus = statuses.find((s) => s.kata.id === start.id) as KataStatus;
  if (startStatus.solved) {
    await moveTo(start); // asked for a solved kata: rerun it to be sure, then move on
    return;
  }
  current = start;
  watched = new Set(existing(start));
  print([...renderNext(startStatus), '', ...(renderFailure(startStatus) ?? []), '', watchingLine(start)]);
}

function watchingLine(kata: KataEntry): string {
  return pc.dim(`watching ${kataFiles(kata).map((f) => f.stub).join(', ')}: save to rerun · npm run hint ${kata.id} · ctrl-c to stop`);
}
