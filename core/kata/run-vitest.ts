/**
 * Runs vitest's command line in a child process with the JSON reporter and reads the report.
 * A child process keeps each run's module graph and `KATA_TARGET` separate, so the checks can
 * run the same tests against the stubs and against the solutions from one command.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KataTarget } from './target';
import { fromJsonReport, type FileOutcome } from './test-results';

/** What to run. */
export type VitestRun = {
  /** The repository root: vitest runs there. */
  root: string;
  /** The config file, relative to `root`; vitest's default (`vitest.config.ts`) when unset. */
  config?: string;
  /** Which tree `@kata/...` points at. */
  target: KataTarget;
  /** Test files or folders to run, relative to `root`; all the config includes when empty. */
  filters?: string[];
  /** Extra environment variables (for example `KATA_DEEP`). */
  env?: Record<string, string>;
};

/** What came back: the results per file, or why vitest produced no report. */
export type VitestReport = {
  files: FileOutcome[];
  exitCode: number;
  /** vitest's own output (errors outside tests, console output of tests). */
  output: string;
  /** Set when vitest wrote no report at all (a broken config, a crash). */
  crashed?: string;
  seconds: number;
};

/** Runs vitest once and returns its JSON report, never throwing for failing tests. */
export async function runVitestJson(run: VitestRun): Promise<VitestReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-vitest-'));
  const outputFile = path.join(dir, 'report.json');
  const cli = path.join(run.root, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [cli, 'run', '--reporter=json', `--outputFile=${outputFile}`, '--passWithNoTests'];
  if (run.config) args.push('--config', run.config);
  args.push(...(run.filters ?? []));
  const started = performance.now();
  const { code, output } = await spawnCollect(process.execPath, args, {
    cwd: run.root,
    env: { ...process.env, ...run.env, KATA_TARGET: run.target, FORCE_COLOR: '0', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  const seconds = (performance.now() - started) / 1000;
  try {
    const report: unknown = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    return { files: fromJsonReport(report, run.root), exitCode: code, output, seconds };
  } catch {
    return { files: [], exitCode: code, output, seconds, crashed: `vitest wrote no report (exit code ${code})` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a command and collects its stdout and stderr together, in arrival order. */
export function spawnCollect(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
