/**
 * `npm run bench`: runs every benchmark in core/bench (each `*.bench.ts` exporting
 * `benchmark`) and prints one table per benchmark with its ratio against the baseline it
 * measured in the same run.
 *
 *     npm run bench                  all benchmarks, full length
 *     npm run bench -- --quick       fewer iterations (a few seconds each)
 *     npm run bench -- rules         only the benchmarks named
 */
import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import { formatReport, type Benchmark } from './harness';

const program = new Command()
  .name('bench')
  .description('Run the benchmarks in core/bench and print their tables.')
  .argument('[names...]', 'benchmarks to run (file names without .bench.ts); all when omitted')
  .option('-q, --quick', 'fewer iterations, for a quick look', false)
  .parse();

const names = program.args;
const { quick } = program.opts<{ quick: boolean }>();
const folder = new URL('.', import.meta.url);
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort()
  .filter((file) => names.length === 0 || names.includes(file.slice(0, -'.bench.ts'.length)));

if (files.length === 0) {
  console.error(`no benchmark matches ${names.join(', ')}; known: ${readdirSync(folder).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(1);
}

console.log(`# Benchmarks (${quick ? 'quick' : 'full'} run, Node ${process.version})\n`);
for (const file of files) {
  const { benchmark } = (await import(new URL(file, folder).href)) as { benchmark: Benchmark };
  console.log(formatReport(await benchmark.run({ quick })));
  console.log('');
}
