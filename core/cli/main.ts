/**
 * `npm run cluster -- <verb>`: the command line over the assembled cluster. The cluster's state
 * lives in a data directory between commands (default `.cluster/`); each command loads it, runs
 * a pure step, and saves the result atomically before reporting success.
 */
import path from 'node:path';
import { CommanderError } from 'commander';
import { loadCluster, saveCluster, withClusterLock } from '../cluster/persist';
import { userCwd } from './files';
import type { CommandIO } from './io';
import { createProgram } from './program';
import { addScenarioCommand } from './scenario';

/** Reads and writes the data directory named by `--data-dir`. */
function fileIO(dataDir: () => string): CommandIO {
  const emit: CommandIO['emit'] = (output) => {
    if (output.stdout) process.stdout.write(output.stdout);
    if (output.stderr) process.stderr.write(output.stderr.endsWith('\n') ? output.stderr : `${output.stderr}\n`);
    process.exitCode = output.exitCode;
  };
  return {
    emit,
    read: () => loadCluster(dataDir()),
    mutate: (step) => {
      const dir = dataDir();
      emit(
        withClusterLock(dir, () => {
          const result = step(loadCluster(dir));
          if (result.state) saveCluster(dir, result.state);
          return result;
        }),
      );
    },
  };
}

const program = createProgram(
  (p) => fileIO(() => path.resolve(userCwd(), p.opts<{ dataDir: string }>().dataDir)),
  addScenarioCommand,
);

try {
  program.parse();
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
