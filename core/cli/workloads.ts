/**
 * kubectl's workload verbs as pure steps over the cluster: `scale`, `set image`,
 * `rollout pause|resume|history|status`. Each is a read-modify-write of one object, the way
 * kubectl patches it; the controllers do the rest when time runs.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/{scale,set/set_image.go,rollout}/,
 * staging/src/k8s.io/kubectl/pkg/polymorphichelpers/{rollout_status.go,history.go}.
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import { rollbackTemplate } from '@kata/08-deployment/history';
import type { Deployment, ReplicaSet } from '../api/types';
import { lookupResource, qualifiedResource, type KindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import { describeFailure, objectRef } from '../cluster/names';
import { submit, type ClusterState } from '../cluster/state';
import type { CommandOutput } from './get';
import { formatTable } from './printers/table';

type Loose = Record<string, any>;
type Step = CommandOutput & { state?: ClusterState };

/** Splits `deployment/web` or (`deployment`, `web`) into a kind and a name. */
export function resolveTarget(first: string, second?: string): { info: KindInfo; name: string } | string {
  const [type, name] = first.includes('/') ? [first.slice(0, first.indexOf('/')), first.slice(first.indexOf('/') + 1)] : [first, second];
  const info = lookupResource(type ?? '');
  if (!info) return `error: the server doesn't have a resource type "${type}"`;
  if (!name) return 'error: resource(s) were provided, but no name was specified';
  return { info, name };
}

function find(state: ClusterState, info: KindInfo, namespace: string, name: string): KubeObject | string {
  const object = getObject(state.store, info.kind, info.namespaced ? namespace : '', name);
  return object ?? `Error from server (NotFound): ${qualifiedResource(info)} "${name}" not found`;
}

const fail = (stderr: string): Step => ({ stdout: '', stderr, exitCode: 1 });

function write(state: ClusterState, object: KubeObject, verb: string): Step {
  const [next, result] = submit(state, { type: 'update', object, now: state.now });
  if (!result.ok) return fail(describeFailure(result.status));
  return { stdout: `${objectRef(object)} ${verb}\n`, stderr: '', exitCode: 0, state: next };
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** `scale <type>/<name> --replicas=N`. */
export function scaleCommand(state: ClusterState, target: string, name: string | undefined, replicas: string, namespace = 'default'): Step {
  const resolved = resolveTarget(target, name);
  if (typeof resolved === 'string') return fail(resolved);
  if (!SCALABLE.has(resolved.info.kind)) return fail(`error: cannot scale a ${resolved.info.kind}: only deployments, replicasets, statefulsets and replicationcontrollers scale`);
  const count = Number(replicas);
  if (!Number.isInteger(count) || count < 0) return fail(`error: invalid --replicas "${replicas}": must be a whole number, 0 or more`);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  return write(state, { ...object, spec: { ...(object.spec as object), replicas: count } }, 'scaled');
}

/** `set image <type>/<name> <container>=<image> ...`. */
export function setImageCommand(state: ClusterState, target: string, assignments: string[], namespace = 'default'): Step {
  const resolved = resolveTarget(target);
  if (typeof resolved === 'string') return fail(resolved);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  const spec = (object.spec ?? {}) as Loose;
  const podSpec = (resolved.info.kind === 'Pod' ? spec : spec.template?.spec) as Loose | undefined;
  if (!podSpec) return fail(`error: ${objectRef(object)} has no pod template`);
  let containers = [...((podSpec.containers ?? []) as Loose[])];
  for (const assignment of assignments) {
    const [container, image] = assignment.split('=');
    if (!container || !image) return fail(`error: invalid image assignment "${assignment}": use <container>=<image>`);
    if (container !== '*' && !containers.some((c) => c.name === container)) return fail(`error: unable to find container named "${container}"`);
    containers = containers.map((c) => (container === '*' || c.name === container ? { ...c, image } : c));
  }
  const newSpec = resolved.info.kind === 'Pod' ? { ...spec, containers } : { ...spec, template: { ...spec.template, spec: { ...podSpec, containers } } };
  return write(state, { ...object, spec: newSpec }, 'image updated');
}

/** `rollout pause|resume deployment/<name>`. */
export function pauseCommand(state: ClusterState, target: string, paused: boolean, namespace = 'default'): Step {
  const resolved = resolveTarget(target);
  if (typeof resolved === 'string') return fail(resolved);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  if (Boolean((object.spec as Loose).paused) === paused) return fail(`error: ${objectRef(object)} is already ${paused ? 'paused' : 'resumed'}`);
  return write(state, { ...object, spec: { ...(object.spec as object), paused } }, paused ? 'paused' : 'resumed');
}

/** `rollout history deployment/<name>`: the revisions kept as ReplicaSets. */
export function historyCommand(state: ClusterState, target: string, namespace = 'default'): Step {
  const resolved = resolveTarget(target);
  if (typeof resolved === 'string') return fail(resolved);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  const owned = listObjects(state.store, 'ReplicaSet', namespace).items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === object.metadata.uid));
  const rows = owned
    .map((rs) => ({ revision: Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0), cause: rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>' }))
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision)
    .map((r) => [String(r.revision), r.cause]);
  return { stdout: `${objectRef(object)} \n${formatTable(['REVISION', 'CHANGE-CAUSE'], rows)}\n`, stderr: '', exitCode: 0 };
}

/** One line of `rollout status` for a Deployment, and whether the rollout is done (DeploymentStatusViewer). */
export function deploymentRolloutStatus(deployment: KubeObject): { line: string; done: boolean; failed?: boolean } {
  const spec = (deployment.spec ?? {}) as Loose;
  const status = (deployment.status ?? {}) as Loose;
  const name = deployment.metadata.name;
  if ((deployment.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return { line: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = ((status.conditions ?? []) as Loose[]).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { line: `error: deployment "${name}" exceeded its progress deadline`, done: true, failed: true };
  const replicas = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < replicas) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((status.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((status.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

/** `label <type> <name> key=value key- ...`: set or remove labels (`--overwrite` to change an existing value). */
export function labelCommand(state: ClusterState, type: string, name: string, changes: string[], overwrite: boolean, namespace = 'default'): Step {
  const resolved = resolveTarget(type, name);
  if (typeof resolved === 'string') return fail(resolved);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  const labels = { ...(object.metadata.labels ?? {}) };
  for (const change of changes) {
    if (change.endsWith('-')) {
      delete labels[change.slice(0, -1)];
      continue;
    }
    const eq = change.indexOf('=');
    if (eq <= 0) return fail(`error: invalid label spec: ${change}`);
    const key = change.slice(0, eq);
    if (labels[key] !== undefined && labels[key] !== change.slice(eq + 1) && !overwrite) {
      return fail(`error: '${key}' already has a value (${labels[key]}), and --overwrite is false`);
    }
    labels[key] = change.slice(eq + 1);
  }
  if (JSON.stringify(labels) === JSON.stringify(object.metadata.labels ?? {})) return { stdout: `${objectRef(object)} not labeled\n`, stderr: '', exitCode: 0 };
  return write(state, { ...object, metadata: { ...object.metadata, labels } }, 'labeled');
}

/** `rollout undo deployment/<name> [--to-revision=N]`: copy an earlier ReplicaSet's template back (a client-side rollback, as in apps/v1). */
export function undoCommand(state: ClusterState, target: string, toRevision: string | undefined, namespace = 'default'): Step {
  const resolved = resolveTarget(target);
  if (typeof resolved === 'string') return fail(resolved);
  if (resolved.info.kind !== 'Deployment') return fail(`error: rollout undo is only supported on deployments, not ${resolved.info.resource}`);
  const object = find(state, resolved.info, namespace, resolved.name);
  if (typeof object === 'string') return fail(object);
  const revision = toRevision === undefined ? 0 : Number(toRevision);
  if (!Number.isInteger(revision)) return fail(`error: invalid --to-revision "${toRevision}": must be a whole number`);
  const replicaSets = listObjects(state.store, 'ReplicaSet', namespace).items as ReplicaSet[];
  const result = rollbackTemplate(object as Deployment, replicaSets, revision);
  if (result.type === 'error') return fail(`error: ${result.message}`);
  if (result.type === 'skipped') return { stdout: `${objectRef(object)} ${result.message}\n`, stderr: '', exitCode: 0 };
  return write(state, result.deployment, 'rolled back');
}
