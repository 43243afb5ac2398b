/**
 * What must hold of a Deployment, as named predicates over the cluster state: the rolling
 * update's two promises at every step, and what "done" means once it settles. Tests check
 * them after every write (the harness's `invariants`) and at the end of a run.
 *
 * Upstream: kubernetes.io "Deployments" > Rolling Update Deployment (max surge, max
 * unavailable), pkg/controller/deployment/util/deployment_util.go (DeploymentComplete).
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { Deployment, Pod, PodTemplateSpec, ReplicaSet } from '../api/types';
import type { ClusterState } from '../cluster/state';
import { semanticEqual } from './canonical-json';
import { POD_TEMPLATE_HASH_LABEL } from './deployment-constants';
import { deploymentReplicas } from './deployment-defaults';
import { isControlledBy } from './owner-references';
import { isPodActive, isPodAvailable } from './pod-status';

const matches = (labels: Record<string, string> | undefined, wanted: Record<string, string>) => Object.entries(wanted).every(([k, v]) => labels?.[k] === v);

/** The pods of `namespace` carrying every label of `labels`. */
function podsLabelled(cluster: ClusterState, namespace: string, labels: Record<string, string>): Pod[] {
  return (listObjects(cluster.store, 'Pod', namespace).items as Pod[]).filter((p) => matches(p.metadata.labels, labels));
}

/** Surge bound: at most `max` active (not terminating, not finished) pods carry `labels`. */
export function activePodsAtMost(namespace: string, labels: Record<string, string>, max: number): (cluster: ClusterState) => boolean {
  return (cluster) => podsLabelled(cluster, namespace, labels).filter(isPodActive).length <= max;
}

/** Availability bound: at least `min` pods carrying `labels` are active and available (ready for `minReadySeconds`). */
export function availablePodsAtLeast(namespace: string, labels: Record<string, string>, min: number, minReadySeconds = 0): (cluster: ClusterState) => boolean {
  return (cluster) => podsLabelled(cluster, namespace, labels).filter((p) => isPodActive(p) && isPodAvailable(p, minReadySeconds, cluster.now)).length >= min;
}

/** The ReplicaSets `d` controls. */
function replicaSetsOf(cluster: ClusterState, d: Deployment): ReplicaSet[] {
  return (listObjects(cluster.store, 'ReplicaSet', d.metadata.namespace ?? '').items as ReplicaSet[]).filter((rs) => isControlledBy(rs, d));
}

const withoutHash = (t: PodTemplateSpec | undefined): PodTemplateSpec => {
  const { [POD_TEMPLATE_HASH_LABEL]: _h, ...labels } = t?.metadata?.labels ?? {};
  return { ...t, metadata: { ...t?.metadata, labels } };
};

/**
 * Why the Deployment has not converged, or `undefined` when it has: exactly one ReplicaSet
 * with its template wants `replicas` pods and has them all available; every other one wants
 * and has none; the status says complete (DeploymentComplete) with a Progressing condition
 * of reason NewReplicaSetAvailable when a deadline is set.
 */
export function deploymentNotConverged(cluster: ClusterState, namespace: string, name: string): string | undefined {
  const d = getObject(cluster.store, 'Deployment', namespace, name) as Deployment | undefined;
  if (!d) return `deployment ${namespace}/${name} is gone`;
  const replicas = deploymentReplicas(d);
  const owned = replicaSetsOf(cluster, d);
  const current = owned.filter((rs) => semanticEqual(withoutHash(rs.spec?.template), withoutHash(d.spec?.template)));
  if (current.length !== 1) return `expected one ReplicaSet with the current template, found ${current.length} (of ${owned.length})`;
  const [newRS] = current as [ReplicaSet];
  if (newRS.spec?.replicas !== replicas || (newRS.status?.availableReplicas ?? 0) !== replicas) {
    return `new ReplicaSet ${newRS.metadata.name}: wants ${newRS.spec?.replicas}, has ${newRS.status?.availableReplicas ?? 0} available, expected ${replicas}`;
  }
  for (const old of owned.filter((rs) => rs !== newRS)) {
    if ((old.spec?.replicas ?? 0) !== 0 || (old.status?.replicas ?? 0) !== 0) return `old ReplicaSet ${old.metadata.name} still wants ${old.spec?.replicas} and has ${old.status?.replicas}`;
  }
  const s = d.status ?? {};
  const observed = (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  if (!observed || s.replicas !== replicas || s.updatedReplicas !== replicas || s.availableReplicas !== replicas) {
    return `status not complete: ${JSON.stringify({ generation: d.metadata.generation, observedGeneration: s.observedGeneration, replicas: s.replicas, updated: s.updatedReplicas, available: s.availableReplicas })}`;
  }
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (d.spec?.progressDeadlineSeconds !== 2147483647 && progressing?.reason !== 'NewReplicaSetAvailable') return `Progressing reason is ${progressing?.reason}, expected NewReplicaSetAvailable`;
  return undefined;
}

/** Convergence as a predicate: {@link deploymentNotConverged} has nothing to say. */
export function deploymentConverged(namespace: string, name: string): (cluster: ClusterState) => boolean {
  return (cluster) => deploymentNotConverged(cluster, namespace, name) === undefined;
}
