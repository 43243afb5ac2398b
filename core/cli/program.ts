/**
 * The command tree of `npm run cluster -- <verb>`: kubectl's verbs and flags, each a pure step
 * over the cluster state, run through a {@link CommandIO} (the data directory for the command
 * line, memory for scenarios).
 */
import { Command, Option } from 'commander';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { getObject } from '@kata/01-api-machinery/store';
import { lookupResource } from '../api/kinds';
import { deleteObjects, type DeleteTarget, type Propagation } from '../cluster/delete';
import { newCluster } from '../cluster/state';
import { applyCommand } from './apply-command';
import { describeCommand } from './describe';
import { readManifestFiles } from './files';
import { getCommand } from './get';
import type { CommandIO } from './io';
import { rolloutStatusCommand, runCommand, type RunOptions } from './run';
import { historyCommand, labelCommand, pauseCommand, resolveTarget, scaleCommand, setImageCommand, undoCommand } from './workloads';

/** Builds the command tree; `io` decides where the cluster lives. `extend` may add verbs (scenario). */
export function createProgram(io: (program: Command) => CommandIO, extend?: (program: Command) => void): Command {
  const program = new Command('cluster')
    .description('A kubectl-shaped command line for the assembled mini-Kubernetes')
    .option('--data-dir <dir>', 'where the cluster keeps its state between commands', '.cluster')
    .showHelpAfterError()
    .exitOverride();
  const namespaceOption = () => new Option('-n, --namespace <namespace>', 'the namespace to use');

  program
    .command('apply')
    .description('Create or update objects from manifest files')
    .requiredOption('-f, --filename <path...>', 'a file, a directory of manifests, or - for standard input')
    .addOption(namespaceOption())
    .action((o: { filename: string[]; namespace?: string }) => io(program).mutate((state) => applyCommand(state, readManifestFiles(o.filename), o.namespace)));

  program
    .command('get')
    .description('List objects: get <type[,type...]> [name...]')
    .argument('<type>', 'resource type: pods, deployments, svc, nodes, events, all, ... (comma-separated for several)')
    .argument('[names...]', 'object names')
    .addOption(namespaceOption())
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('-l, --selector <selector>', 'label selector, e.g. app=nginx,tier in (web,api)')
    .option('-o, --output <format>', 'wide, yaml or json')
    .option('--show-labels', 'add a LABELS column')
    .action((type: string, names: string[], o: { namespace?: string; allNamespaces?: boolean; selector?: string; output?: string; showLabels?: boolean }) =>
      io(program).emit(getCommand(io(program).read(), type, names, o)),
    );

  program
    .command('describe')
    .description('Show objects in detail, with their events: describe <type> [name...]')
    .argument('<type>', 'resource type')
    .argument('[names...]', 'object names (all in the namespace when omitted)')
    .addOption(namespaceOption())
    .action((type: string, names: string[], o: { namespace?: string }) => io(program).emit(describeCommand(io(program).read(), type, names, o.namespace)));

  program
    .command('delete')
    .description('Delete objects: delete <type> <name...> or delete -f <file>')
    .argument('[type]', 'resource type (or type/name)')
    .argument('[names...]', 'object names')
    .option('-f, --filename <path...>', 'delete the objects a manifest describes')
    .addOption(namespaceOption())
    .addOption(new Option('--cascade <policy>', 'what happens to dependents').choices(['background', 'foreground', 'orphan']).default('background'))
    .action((type: string | undefined, names: string[], o: { filename?: string[]; namespace?: string; cascade: string }) =>
      io(program).mutate((state) => {
        const targets = deleteTargets(type, names, o);
        if (typeof targets === 'string') return { stdout: '', stderr: targets, exitCode: 1 };
        const propagation = (o.cascade[0]!.toUpperCase() + o.cascade.slice(1)) as Propagation;
        const result = deleteObjects(state, targets, propagation);
        const lines = result.lines.map((l) => `${l}\n`).join('');
        return result.failed ? { stdout: '', stderr: lines, exitCode: 1, state: result.state } : { stdout: lines, stderr: '', exitCode: 0, state: result.state };
      }),
    );

  program
    .command('scale')
    .description('Set the number of replicas: scale deployment/<name> --replicas=N')
    .argument('<type>', 'type/name, or a type followed by the name')
    .argument('[name]', 'object name')
    .requiredOption('--replicas <count>', 'the new number of replicas')
    .addOption(namespaceOption())
    .action((type: string, name: string | undefined, o: { replicas: string; namespace?: string }) => io(program).mutate((state) => scaleCommand(state, type, name, o.replicas, o.namespace)));

  program
    .command('label')
    .description('Add, change or remove labels: label <type> <name> key=value key-')
    .argument('<type>', 'resource type (or type/name)')
    .argument('<name>', 'object name')
    .argument('<changes...>', 'key=value to set, key- to remove')
    .option('--overwrite', 'allow changing an existing value')
    .addOption(namespaceOption())
    .action((type: string, name: string, changes: string[], o: { overwrite?: boolean; namespace?: string }) =>
      io(program).mutate((state) => labelCommand(state, type, name, changes, o.overwrite === true, o.namespace)),
    );

  const set = program.command('set').description('Change a field of an object');
  set
    .command('image')
    .description('Change container images: set image deployment/<name> <container>=<image> ...')
    .argument('<target>', 'type/name')
    .argument('<assignments...>', 'container=image pairs (* for every container)')
    .addOption(namespaceOption())
    .action((t: string, assignments: string[], o: { namespace?: string }) => io(program).mutate((state) => setImageCommand(state, t, assignments, o.namespace)));

  const rollout = program.command('rollout').description('Manage the rollout of a Deployment');
  rollout
    .command('status')
    .description('Run the cluster until the rollout finishes, printing its progress')
    .argument('<target>', 'deployment/<name>')
    .addOption(namespaceOption())
    .option('--timeout <duration>', 'give up after this much simulated time', '10m')
    .action((t: string, o: { namespace?: string; timeout: string }) =>
      io(program).mutate((state) => {
        const resolved = resolveTarget(t);
        if (typeof resolved === 'string') return { stdout: '', stderr: resolved, exitCode: 1 };
        const ns = o.namespace ?? 'default';
        return rolloutStatusCommand(state, resolved.name, ns, o.timeout, (s) => getObject(s.store, 'Deployment', ns, resolved.name));
      }),
    );
  rollout
    .command('history')
    .description('List the revisions of a Deployment')
    .argument('<target>', 'deployment/<name>')
    .addOption(namespaceOption())
    .action((t: string, o: { namespace?: string }) => io(program).emit(historyCommand(io(program).read(), t, o.namespace)));
  rollout
    .command('undo')
    .description('Roll back to the previous revision, or to --to-revision')
    .argument('<target>', 'deployment/<name>')
    .option('--to-revision <revision>', 'the revision to roll back to (0 = the previous one)')
    .addOption(namespaceOption())
    .action((t: string, o: { toRevision?: string; namespace?: string }) => io(program).mutate((state) => undoCommand(state, t, o.toRevision, o.namespace)));
  for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
    rollout
      .command(verb)
      .description(`${paused ? 'Pause' : 'Resume'} a Deployment's rollout`)
      .argument('<target>', 'deployment/<name>')
      .addOption(namespaceOption())
      .action((t: string, o: { namespace?: string }) => io(program).mutate((state) => pauseCommand(state, t, paused, o.namespace)));
  }

  program
    .command('run')
    .description('Advance simulated time and let every component work: run --for 60s | run --until-stable')
    .option('--for <duration>', 'how much simulated time to run, e.g. 30s, 5m, 1h30m')
    .option('--until-stable', 'run until nothing is left to do but heartbeats (at most one simulated hour)')
    .option('--stages <file>', 'the lifecycle-stage rule file the simulated container runtime follows (see chapters/05-node-runtime/rules)')
    .option('--static-pods <node=dir...>', "a node's static pod manifest directory, read as the kubelet rescans it")
    .action((o: RunOptions) => io(program).mutate((state) => runCommand(state, o)));

  program
    .command('reset')
    .description('Forget the whole cluster and start again from an empty one')
    .action(() => io(program).mutate(() => ({ stdout: 'cluster reset\n', stderr: '', exitCode: 0, state: newCluster() })));

  extend?.(program);
  return program;
}

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
  if (type.includes('/')) {
    const resolved = resolveTarget(type);
    if (typeof resolved === 'string') return resolved;
    return [{ kind: resolved.info.kind, namespace, name: resolved.name }, ...names.map((n) => ({ kind: resolved.info.kind, namespace, name: n }))];
  }
  const info = lookupResource(type);
  if (!info) return `error: the server doesn't have a resource type "${type}"`;
  if (names.length === 0) return 'error: resource(s) were provided, but no name was specified';
  return names.map((name) => ({ kind: info.kind, namespace, name }));
}
