/**
 * Lists of ReplicaSets as the Deployment controller handles them: sorted (by age, by size,
 * by revision), filtered (the active ones), summed (wanted, current, ready, available pods),
 * and the integer annotations read off them. Given here because every Deployment kata needs
 * them and none of them is the point of a kata; the orders matter, though, and are upstream's.
 *
 * Upstream: pkg/controller/controller_utils.go (ReplicaSetsByCreationTimestamp,
 * ReplicaSetsBySizeOlder, ReplicaSetsBySizeNewer, FilterActiveReplicaSets),
 * pkg/controller/deployment/util/deployment_util.go (Revision, ReplicaSetsByRevision,
 * GetReplicaCountForReplicaSets and friends, getNonNegativeInt32FromAnnotation).
 */
import type { KubeObject } from '../api/meta';
import type { ReplicaSet } from '../api/types';
import { REVISION_ANNOTATION } from './deployment-constants';
import { replicasOf } from './replica-set-kind';

type Comparator = (a: ReplicaSet, b: ReplicaSet) => number;

const time = (rs: ReplicaSet) => (rs.metadata.creationTimestamp ? Date.parse(rs.metadata.creationTimestamp) : Number.NEGATIVE_INFINITY);
const byName = (a: ReplicaSet, b: ReplicaSet) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** Upstream ReplicaSetsByCreationTimestamp: oldest first, then by name. A missing timestamp is the oldest. */
export const byCreationTimestamp: Comparator = (a, b) => (time(a) === time(b) ? byName(a, b) : time(a) - time(b));

/** Upstream ReplicaSetsBySizeOlder: largest `spec.replicas` first; among equal sizes the older first. */
export const bySizeOlder: Comparator = (a, b) => (replicasOf(a) === replicasOf(b) ? byCreationTimestamp(a, b) : replicasOf(b) - replicasOf(a));

/** Upstream ReplicaSetsBySizeNewer: largest `spec.replicas` first; among equal sizes the newer first. */
export const bySizeNewer: Comparator = (a, b) => (replicasOf(a) === replicasOf(b) ? byCreationTimestamp(b, a) : replicasOf(b) - replicasOf(a));

/**
 * Upstream ReplicaSetsByRevision: lowest revision first. When either revision cannot be read,
 * or both are equal, the older ReplicaSet goes first. A ReplicaSet without the annotation
 * has revision 0.
 */
export const byRevision: Comparator = (a, b) => {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  return ra === undefined || rb === undefined || ra === rb ? byCreationTimestamp(a, b) : ra - rb;
};

/** A sorted copy; the input is left alone. */
export function sortedBy(list: readonly ReplicaSet[], compare: Comparator): ReplicaSet[] {
  return [...list].sort(compare);
}

/** Upstream FilterActiveReplicaSets: the ReplicaSets that want at least one pod. */
export function filterActiveReplicaSets(list: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return list.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

/** Upstream GetReplicaCountForReplicaSets: the sum of `spec.replicas`. */
export function replicaCount(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((sum, rs) => sum + (rs ? replicasOf(rs) : 0), 0);
}

/** Upstream GetActualReplicaCountForReplicaSets: the sum of `status.replicas`. */
export function actualReplicaCount(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((sum, rs) => sum + (rs?.status?.replicas ?? 0), 0);
}

/** Upstream GetReadyReplicaCountForReplicaSets: the sum of `status.readyReplicas`. */
export function readyReplicaCount(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((sum, rs) => sum + (rs?.status?.readyReplicas ?? 0), 0);
}

/** Upstream GetAvailableReplicaCountForReplicaSets: the sum of `status.availableReplicas`. */
export function availableReplicaCount(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((sum, rs) => sum + (rs?.status?.availableReplicas ?? 0), 0);
}

/**
 * Upstream Revision: the `deployment.kubernetes.io/revision` annotation as a number; 0 when
 * there is none; `undefined` when it is not an integer (Go's ParseInt fails).
 */
export function revisionOf(object: Pick<KubeObject, 'metadata'>): number | undefined {
  const value = object.metadata.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : undefined;
}

/**
 * Upstream getNonNegativeInt32FromAnnotation: an annotation holding a decimal integer from 0
 * to 2147483647 (no sign, Go's ParseUint), or `undefined` when it is missing or anything else.
 */
export function nonNegativeInt32Annotation(object: Pick<KubeObject, 'metadata'>, key: string): number | undefined {
  const value = object.metadata.annotations?.[key];
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed <= 2147483647 ? parsed : undefined;
}
