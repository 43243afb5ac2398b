/**
 * `scenario [name]`: runs a scripted story from `chapters/19-cluster/scenarios/<name>/`: its
 * `scenario.yaml` lists commands (the same verbs as the command line) and lines to say, with
 * manifest paths relative to the scenario's folder. The cluster starts empty and is kept in
 * memory; at the end it is saved to the data directory, so you can go on exploring it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { saveCluster, withClusterLock } from '../cluster/persist';
import { newCluster } from '../cluster/state';
import { repoRoot } from '../kata/target';
import { userCwd } from './files';
import { memoryIO } from './io';
import { createProgram } from './program';

/** One step of a scenario script. */
export type ScenarioStep = { say: string } | { cmd: string } | { repeat: { times: number; steps: ScenarioStep[] } };

/** A scenario script (`scenario.yaml`). */
export type Scenario = { description: string; steps: ScenarioStep[] };

/** Where scenarios live. */
export const SCENARIO_DIR = path.join(repoRoot, 'chapters', '19-cluster', 'scenarios');

/** The names of the shipped scenarios. */
export function scenarioNames(): string[] {
  if (!fs.existsSync(SCENARIO_DIR)) return [];
  return fs.readdirSync(SCENARIO_DIR).filter((n) => fs.existsSync(path.join(SCENARIO_DIR, n, 'scenario.yaml'))).sort();
}

/** Splits a command line into words, honouring single and double quotes. */
export function splitWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Runs a scenario in memory; returns the printed text and the final cluster. */
export function runScenario(name: string, write: (text: string) => void = (t) => process.stdout.write(t)) {
  const folder = path.join(SCENARIO_DIR, name);
  const file = path.join(folder, 'scenario.yaml');
  if (!fs.existsSync(file)) throw new Error(`unknown scenario "${name}": available are ${scenarioNames().join(', ') || '(none)'}`);
  const script = parse(fs.readFileSync(file, 'utf8')) as Scenario;
  const io = memoryIO(newCluster());
  const execute = (steps: ScenarioStep[]) => {
    for (const step of steps) {
      if ('say' in step) write(`\n# ${step.say.trim().replace(/\n/g, '\n# ')}\n`);
      else if ('repeat' in step) for (let i = 0; i < step.repeat.times; i++) execute(step.repeat.steps);
      else {
        const words = splitWords(step.cmd).map((w, i, all) => (all[i - 1] === '-f' ? path.resolve(folder, w) : w));
        write(`$ kubectl ${step.cmd}\n`);
        io.output.length = 0;
        createProgram(() => io).parse(words, { from: 'user' });
        if (io.output.length > 0) write(`${io.output.join('\n')}\n`);
        if (io.exitCode !== 0) throw new Error(`scenario "${name}" stopped: \`${step.cmd}\` failed`);
      }
    }
  };
  write(`${script.description.trim()}\n`);
  execute(script.steps);
  return io.state();
}

/** Adds the `scenario` verb to the command line. */
export function addScenarioCommand(program: Command): void {
  program
    .command('scenario')
    .description('Run a scripted scenario from chapters/19-cluster/scenarios (no name lists them)')
    .argument('[name]', 'scenario name')
    .action((name: string | undefined) => {
      if (!name) {
        process.stdout.write(`${scenarioNames().join('\n')}\n`);
        return;
      }
      const final = runScenario(name);
      const dir = path.resolve(userCwd(), program.opts<{ dataDir: string }>().dataDir);
      withClusterLock(dir, () => saveCluster(dir, final));
      process.stdout.write(`\n(the cluster is saved in ${path.relative(userCwd(), dir) || '.'}; try \`npm run cluster -- get all\`)\n`);
    });
}
