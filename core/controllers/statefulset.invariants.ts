/**
 * What must hold of a StatefulSet, as named predicates over the cluster state: its safety
 * promises at every step (checked after every write by the harness's `invariants`), and what
 * "done" means once it settles.
 *
 * Some predicates remember what they have already seen (pod UIDs, claim names): make a fresh
 * one for every run.
 *
 * Upstream: kubernetes.io "StatefulSets" (Deployment and Scaling Guarantees, Stable Storage,
 * PersistentVolumeClaim retention), pkg/controller/statefulset/stateful_set_control_test.go
 * (assertMonotonicInvariants, assertUpdateInvariants, checkClaimInvariants).
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, StatefulSet } from '../api/types';
import type { ClusterState } from '../cluster/state';
import { jsonEqual } from '../data/json-equal';
import type { ControllerRevision } from './controller-revision';
import { STATEFULSET_REVISION_LABEL } from './statefulset-api';
import { isRunningAndReady, isTerminating } from './stateful-pod-status';

const ordinalIn = (set: string, name: string): number | undefined => {
  const match = /^(.*)-(\d+)$/.exec(name);
  return match && match[1] === set ? Number(match[2]) : undefined;
};

/** The pods of `namespace` whose names make them members of the set `name`, by ascending ordinal. */
function statefulPods(cluster: ClusterState, namespace: string, name: string): Pod[] {
  return (listObjects(cluster.store, 'Pod', namespace).items as Pod[])
    .filter((p) => ordinalIn(name, p.metadata.name) !== undefined)
    .sort((a, b) => ordinalIn(name, a.metadata.name)! - ordinalIn(name, b.metadata.name)!);
}

/**
 * At most one active (not terminating, not finished) pod per ordinal: a new pod for an
 * ordinal never runs next to the one it replaces.
 */
export function atMostOnePodPerOrdinal(namespace: string, name: string): (cluster: ClusterState) => boolean {
  return (cluster) => {
    const active = statefulPods(cluster, namespace, name).filter((p) => !isTerminating(p) && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    return new Set(active.map((p) => ordinalIn(name, p.metadata.name))).size === active.length;
  };
}

/**
 * With OrderedReady, a pod for ordinal N appears only while every ordinal from the start up to
 * N - 1 has a pod that is Running, Ready and not terminating. (It remembers the pods it has
 * seen, so that each is judged at the write that created it.)
 */
export function orderedCreation(namespace: string, name: string): (cluster: ClusterState) => boolean {
  const seen = new Set<string>();
  return (cluster) => {
    const set = getObject(cluster.store, 'StatefulSet', namespace, name) as StatefulSet | undefined;
    const pods = statefulPods(cluster, namespace, name);
    const byOrdinal = new Map(pods.map((p) => [ordinalIn(name, p.metadata.name)!, p]));
    let holds = true;
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? pod.metadata.name;
      if (seen.has(uid)) continue;
      seen.add(uid);
      if (set?.spec?.podManagementPolicy === 'Parallel') continue;
      for (let lower = set?.spec?.ordinals?.start ?? 0; lower < ordinalIn(name, pod.metadata.name)!; lower++) {
        const p = byOrdinal.get(lower);
        if (!p || !isRunningAndReady(p) || isTerminating(p)) holds = false;
      }
    }
    return holds;
  };
}

/** Under the default Retain policy no claim, once it exists, is ever deleted. (It remembers the claims it has seen.) */
export function claimsNeverDeleted(namespace: string): (cluster: ClusterState) => boolean {
  const seen = new Set<string>();
  return (cluster) => {
    const now = new Set((listObjects(cluster.store, 'PersistentVolumeClaim', namespace).items as PersistentVolumeClaim[]).map((c) => c.metadata.name));
    const kept = [...seen].every((claim) => now.has(claim));
    for (const claim of now) seen.add(claim);
    return kept;
  };
}

/**
 * Why a RollingUpdate StatefulSet has not converged, or `undefined` when it has: exactly one
 * pod per ordinal in range, each Running and Ready; `status.updateRevision` records the set's
 * template, pods from the partition up carry it and pods below carry `status.currentRevision`
 * (the same one once the update is complete, partition 0); every pod has its claims; the
 * status counts them all ready.
 */
export function statefulSetNotConverged(cluster: ClusterState, namespace: string, name: string): string | undefined {
  const set = getObject(cluster.store, 'StatefulSet', namespace, name) as StatefulSet | undefined;
  if (!set) return `statefulset ${namespace}/${name} is gone`;
  const start = set.spec?.ordinals?.start ?? 0;
  const replicas = set.spec?.replicas ?? 1;
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const pods = statefulPods(cluster, namespace, name);
  const wanted = Array.from({ length: replicas }, (_, i) => `${name}-${start + i}`);
  if (JSON.stringify(pods.map((p) => p.metadata.name)) !== JSON.stringify(wanted)) return `pods ${JSON.stringify(pods.map((p) => p.metadata.name))}, expected ${JSON.stringify(wanted)}`;
  const status = set.status;
  const update = getObject(cluster.store, 'ControllerRevision', namespace, status?.updateRevision ?? '') as ControllerRevision | undefined;
  const recorded = (update?.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template;
  const { $patch: _directive, ...template } = recorded ?? {};
  if (!update || !jsonEqual(template, set.spec?.template)) return `status.updateRevision ${status?.updateRevision} does not record the set's template`;
  if (partition <= 0 && status?.currentRevision !== status?.updateRevision) return `the update is complete but status.currentRevision is ${status?.currentRevision}, not ${status?.updateRevision}`;
  for (const pod of pods) {
    const revision = ordinalIn(name, pod.metadata.name)! - start >= partition ? status?.updateRevision : status?.currentRevision;
    if (pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] !== revision) return `${pod.metadata.name} is at ${pod.metadata.labels?.[STATEFULSET_REVISION_LABEL]}, expected ${revision}`;
    if (!isRunningAndReady(pod) || isTerminating(pod)) return `${pod.metadata.name} is not Running and Ready`;
    for (const volume of pod.spec?.volumes ?? []) {
      const claim = volume.persistentVolumeClaim?.claimName;
      if (claim && !getObject(cluster.store, 'PersistentVolumeClaim', namespace, claim)) return `${pod.metadata.name} uses claim ${claim}, which does not exist`;
    }
  }
  if (status?.replicas !== replicas || status.readyReplicas !== replicas) return `status counts ${status?.replicas} pods, ${status?.readyReplicas} ready; expected ${replicas}`;
  return undefined;
}

/** Convergence as a predicate: {@link statefulSetNotConverged} has nothing to say. */
export function statefulSetConverged(namespace: string, name: string): (cluster: ClusterState) => boolean {
  return (cluster) => statefulSetNotConverged(cluster, namespace, name) === undefined;
}
