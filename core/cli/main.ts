/**
 * `npm run cluster -- <verb>`: a kubectl-shaped command line over the assembled cluster. The
 * cluster's state lives in a data directory between commands (default `.cluster/`).
 *
 * Each command loads the state, runs a pure step over it, and saves the result atomically
 * before printing that it succeeded.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { lookupResource } from '../api/kinds';
import { deleteObjects, type DeleteTarget } from '../cluster/delete';
import { loadCluster, saveCluster, withClusterLock } from '../cluster/persist';
import { newCluster, type ClusterState } from '../cluster/state';
import { applyCommand } from './apply-command';
import { readManifestFiles, userCwd } from './files';
import { describeCommand } from './describe';
import { getCommand, type CommandOutput } from './get';
import { runCommand } from './run';

const program = new Command('cluster')
  .description('A kubectl-shaped command line for the assembled mini-Kubernetes')
  .option('--data-dir <dir>', 'where the cluster keeps its state between commands', '.cluster')
  .showHelpAfterError();

const dataDir = () => path.resolve(userCwd(), program.opts<{ dataDir: string }>().dataDir);

/** Prints a command's output and sets the exit code. */
function emit(output: CommandOutput): void {
  if (output.stdout) process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr.endsWith('\n') ? output.stderr : `${output.stderr}\n`);
  process.exitCode = output.exitCode;
}

/** Loads, runs `step`, saves when it returned a new state, prints. */
function mutate(step: (state: ClusterState) => CommandOutput & { state?: ClusterState }): void {
  const dir = dataDir();
  const output = withClusterLock(dir, () => {
    const result = step(loadCluster(dir));
    if (result.state) saveCluster(dir, result.state);
    return result;
  });
  emit(output);
}

const namespaceOption = () => new Option('-n, --namespace <namespace>', 'the namespace to use');

program
  .command('apply')
  .description('Create or update objects from manifest files')
  .requiredOption('-f, --filename <path...>', 'a file, a directory of manifests, or - for standard input')
  .addOption(namespaceOption())
  .action((options: { filename: string[]; namespace?: string }) => {
    mutate((state) => applyCommand(state, readManifestFiles(options.filename), options.namespace));
  });

program
  .command('get')
  .description('List objects: get <type[,type...]> [name...]')
  .argument('<type>', 'resource type: pods, deployments, svc, nodes, events, ... (comma-separated for several)')
  .argument('[names...]', 'object names')
  .addOption(namespaceOption())
  .option('-A, --all-namespaces', 'list across all namespaces')
  .option('-l, --selector <selector>', 'label selector, e.g. app=nginx,tier in (web,api)')
  .option('-o, --output <format>', 'wide, yaml or json')
  .action((type: string, names: string[], options: { namespace?: string; allNamespaces?: boolean; selector?: string; output?: string }) => {
    emit(getCommand(loadCluster(dataDir()), type, names, options));
  });

program
  .command('describe')
  .description('Show one object in detail, with its events: describe <type> [name...]')
  .argument('<type>', 'resource type')
  .argument('[names...]', 'object names (all in the namespace when omitted)')
  .addOption(namespaceOption())
  .action((type: string, names: string[], options: { namespace?: string }) => {
    emit(describeCommand(loadCluster(dataDir()), type, names, options.namespace));
  });

program
  .command('run')
  .description('Advance simulated time and let every component work: run --for 60s | run --until-stable')
  .option('--for <duration>', 'how much simulated time to run, e.g. 30s, 5m, 1h30m')
  .option('--until-stable', 'run until nothing is left to do but heartbeats (at most one simulated hour)')
  .action((options: { for?: string; untilStable?: boolean }) => {
    mutate((state) => runCommand(state, options));
  });

program
  .command('delete')
  .description('Delete objects: delete <type> <name...> or delete -f <file>')
  .argument('[type]', 'resource type')
  .argument('[names...]', 'object names')
  .option('-f, --filename <path...>', 'delete the objects a manifest describes')
  .addOption(namespaceOption())
  .action((type: string | undefined, names: string[], options: { filename?: string[]; namespace?: string }) => {
    mutate((state) => {
      const targets = deleteTargets(type, names, options);
      if (typeof targets === 'string') return { stdout: '', stderr: targets, exitCode: 1 };
      const result = deleteObjects(state, targets);
      const lines = result.lines.map((l) => `${l}\n`).join('');
      return result.failed
        ? { stdout: '', stderr: lines, exitCode: 1, state: result.state }
        : { stdout: lines, stderr: '', exitCode: 0, state: result.state };
    });
  });

program
  .command('reset')
  .description('Forget the whole cluster and start again from an empty one')
  .action(() => {
    const dir = dataDir();
    withClusterLock(dir, () => saveCluster(dir, newCluster()));
    process.stdout.write(`cluster state in ${path.relative(userCwd(), dir) || '.'} reset\n`);
  });

function deleteTargets(type: string | undefined, names: string[], options: { filename?: string[]; namespace?: string }): DeleteTarget[] | string {
  const namespace = options.namespace ?? 'default';
  if (options.filename) {
    const targets: DeleteTarget[] = [];
    for (const file of readManifestFiles(options.filename)) {
      const decoded = decodeManifest(file.text, file.name);
      if (decoded.errors.length > 0) return decoded.errors.map((e) => `error: ${e}`).join('\n');
      for (const o of decoded.objects) targets.push({ kind: o.kind, namespace: o.metadata.namespace ?? namespace, name: o.metadata.name });
    }
    return targets;
  }
  if (!type) return 'error: You must provide one or more resources by argument or filename.';
  const info = lookupResource(type);
  if (!info) return `error: the server doesn't have a resource type "${type}"`;
  if (names.length === 0) return 'error: resource(s) were provided, but no name was specified';
  return names.map((name) => ({ kind: info.kind, namespace, name }));
}

try {
  program.parse();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
