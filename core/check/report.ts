/**
 * How `npm test` reports: one short section per step, then a one-line summary that scripts
 * and people can both read (`check: 4 passed, 1 failed`).
 */
import pc from 'picocolors';

/** The outcome of one step of the check. */
export type StepResult = {
  /** A short name, such as `typecheck` or `contract`. */
  name: string;
  /** What the step does, shown beside its name. */
  what: string;
  status: 'passed' | 'failed' | 'skipped';
  /** One line saying how it went (`312 tests green on solutions`). */
  headline: string;
  /** Details: each problem on its own line. */
  details: string[];
  seconds: number;
};

/** The last line of every run: `check: N passed, M failed`, counting steps that ran. */
export function summaryLine(results: Pick<StepResult, 'status'>[]): string {
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  return `check: ${passed} passed, ${failed} failed`;
}

/** Long lists are cut so the summary stays on screen; the cut says how much was left out. */
export function capLines(lines: string[], max = 40): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `... and ${lines.length - max} more`];
}

/** One section of the report, numbered `[i/n]`. */
export function formatStep(result: StepResult, index: number, count: number): string {
  const mark = result.status === 'passed' ? pc.green('✓') : result.status === 'failed' ? pc.red('✗') : pc.yellow('-');
  const head = `${pc.bold(`[${index}/${count}] ${result.name}`)} ${pc.dim(result.what)}`;
  const details = capLines(result.details).map((line) => `    ${line}`);
  const tail = `  ${mark} ${result.headline} ${pc.dim(`(${result.seconds.toFixed(1)}s)`)}`;
  return [head, ...details, tail, ''].join('\n');
}

/** Times an async step and turns an unexpected exception into a failed step, so one broken step never hides the others. */
export async function timed(name: string, what: string, run: () => Promise<Omit<StepResult, 'name' | 'what' | 'seconds'>>): Promise<StepResult> {
  const started = performance.now();
  try {
    const result = await run();
    return { name, what, ...result, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { name, what, status: 'failed', headline: 'the step itself crashed', details: message.split('\n').slice(0, 12), seconds: (performance.now() - started) / 1000 };
  }
}
