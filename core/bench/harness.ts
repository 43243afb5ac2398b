/**
 * The benchmark harness: a benchmark is a file `core/bench/<name>.bench.ts` exporting
 * `benchmark`; `core/bench/main.ts` finds and runs them all. Each measures its subject against
 * a baseline in the same run and reports rows the harness prints as one table, with the ratio.
 *
 * Timings use the monotonic high-resolution clock. Nothing here asserts on time: benchmarks
 * report, tests decide.
 */

/** How hard to try: `quick` trades precision for a run of a few seconds. */
export type BenchOptions = { readonly quick: boolean };

/** One measured contender. */
export type Measurement = {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
};

/** What a benchmark reports: its measurements, and which two to compare. */
export type BenchReport = {
  readonly title: string;
  /** What one operation is, for the table header ("evaluation", "placement"). */
  readonly operation: string;
  readonly measurements: readonly Measurement[];
  /** Names of the measurements to compare: how many times faster `subject` is than `baseline`. */
  readonly ratio: { readonly subject: string; readonly baseline: string; readonly goal?: number };
  readonly notes?: readonly string[];
};

/** A benchmark, as each `*.bench.ts` file exports it under the name `benchmark`. */
export type Benchmark = {
  readonly name: string;
  readonly description: string;
  readonly run: (options: BenchOptions) => Promise<BenchReport>;
};

const now = () => Number(process.hrtime.bigint()) / 1e9;

/** Time budgets per contender and round, in seconds. */
export function budget(options: BenchOptions): { warmup: number; measure: number } {
  return options.quick ? { warmup: 0.05, measure: 0.15 } : { warmup: 0.2, measure: 0.5 };
}

/**
 * How many rounds to measure. Contenders take turns round by round and each keeps its fastest
 * round, so a burst of other work on the machine does not land on one side only.
 */
export function rounds(options: BenchOptions): number {
  return options.quick ? 3 : 5;
}

/** The faster of two measurements of the same contender (by time per operation). */
export function fastest(a: Measurement | undefined, b: Measurement): Measurement {
  return a === undefined || b.seconds / b.operations < a.seconds / a.operations ? b : a;
}

/**
 * Runs `operation` (synchronous) repeatedly: a warm-up, then batches until the time is spent.
 * `sink` receives every result so the work cannot be optimised away.
 */
export function measureSync<T>(name: string, operation: (i: number) => T, sink: (result: T) => void, options: BenchOptions): Measurement {
  const { warmup, measure } = budget(options);
  const loop = (seconds: number) => {
    let operations = 0;
    let batch = 1;
    const start = now();
    for (;;) {
      for (let i = 0; i < batch; i++) sink(operation(operations + i));
      operations += batch;
      const elapsed = now() - start;
      if (elapsed >= seconds) return { name, operations, seconds: elapsed };
      batch = Math.min(batch * 2, 1 << 16);
    }
  };
  loop(warmup);
  return loop(measure);
}

/** Like `measureSync` for an asynchronous operation, awaited one at a time. */
export async function measureAsync<T>(name: string, operation: (i: number) => Promise<T>, sink: (result: T) => void, options: BenchOptions): Promise<Measurement> {
  const { warmup, measure } = budget(options);
  const loop = async (seconds: number) => {
    let operations = 0;
    const start = now();
    for (;;) {
      for (let i = 0; i < 64; i++) sink(await operation(operations + i));
      operations += 64;
      const elapsed = now() - start;
      if (elapsed >= seconds) return { name, operations, seconds: elapsed };
    }
  };
  await loop(warmup);
  return loop(measure);
}

const integer = (n: number) => Math.round(n).toLocaleString('en-US');
const perOperation = (m: Measurement) => (m.seconds * 1e6) / m.operations;

/** The report as Markdown-style text: a table, then the ratio and any notes. */
export function formatReport(report: BenchReport): string {
  const header = ['contender', `${report.operation}s`, 'seconds', `${report.operation}s/s`, `µs/${report.operation}`];
  const rows = report.measurements.map((m) => [
    m.name,
    integer(m.operations),
    m.seconds.toFixed(2),
    integer(m.operations / m.seconds),
    perOperation(m) < 10 ? perOperation(m).toFixed(3) : perOperation(m).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const lines = [`## ${report.title}`, '', line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line), ''];
  const subject = report.measurements.find((m) => m.name === report.ratio.subject);
  const baseline = report.measurements.find((m) => m.name === report.ratio.baseline);
  if (subject !== undefined && baseline !== undefined) {
    const ratio = perOperation(baseline) / perOperation(subject);
    const goal = report.ratio.goal === undefined ? '' : ` (goal ${integer(report.ratio.goal)}×: ${ratio >= report.ratio.goal ? 'met' : 'not met'})`;
    lines.push(`${report.ratio.subject} / ${report.ratio.baseline}: ${integer(ratio)}× faster${goal}`);
  }
  for (const note of report.notes ?? []) lines.push(`- ${note}`);
  return lines.join('\n');
}
