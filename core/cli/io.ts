/**
 * Where a command's cluster comes from and where its output goes. The command line reads and
 * writes the data directory; a scenario keeps the cluster in memory and collects the output.
 */
import type { ClusterState } from '../cluster/state';
import type { CommandOutput } from './get';

/** The cluster store and the terminal, as commands see them. */
export type CommandIO = {
  /** Runs `step` on the current cluster; a returned `state` becomes the new cluster. */
  mutate: (step: (state: ClusterState) => CommandOutput & { state?: ClusterState }) => void;
  /** The current cluster, read-only. */
  read: () => ClusterState;
  /** Prints a command's output and records its exit code. */
  emit: (output: CommandOutput) => void;
};

/** An in-memory cluster, for scenarios and tests; output is collected as text. */
export function memoryIO(initial: ClusterState): CommandIO & { state: () => ClusterState; output: string[]; exitCode: number } {
  let cluster = initial;
  const io = {
    output: [] as string[],
    exitCode: 0,
    state: () => cluster,
    read: () => cluster,
    mutate: (step: (state: ClusterState) => CommandOutput & { state?: ClusterState }) => {
      const result = step(cluster);
      if (result.state) cluster = result.state;
      io.emit(result);
    },
    emit: (output: CommandOutput) => {
      if (output.stdout) io.output.push(output.stdout.replace(/\n$/, ''));
      if (output.stderr) io.output.push(output.stderr.replace(/\n$/, ''));
      io.exitCode = output.exitCode;
    },
  };
  return io;
}
