/**
 * Kata 08-pod-template-hash, part two: which ReplicaSet is the new one, and what its
 * annotations say. The new ReplicaSet is the oldest one whose template matches the
 * Deployment's; every other owned ReplicaSet is old. Revisions count rollouts: the new
 * ReplicaSet gets one more than the highest old revision, and one that becomes new again (a
 * rollback) keeps its earlier numbers in a revision history.
 *
 * Upstream: pkg/controller/deployment/util/deployment_util.go (MaxRevision, LastRevision,
 * FindNewReplicaSet, FindOldReplicaSets, SetNewReplicaSetAnnotations,
 * copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations, ReplicasAnnotationsNeedUpdate).
 */
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): revisionOf, byCreationTimestamp and sortedBy (core/controllers/replica-set-lists)
// read and order ReplicaSets; the annotation keys and ANNOTATIONS_TO_SKIP are in
// core/controllers/deployment-constants. findNewReplicaSet uses your equalIgnoreHash
// (@kata/08-deployment/pod-template-hash); setNewReplicaSetAnnotations uses your maxSurge
// (@kata/08-deployment/fenceposts) for a ReplicaSet that does not exist yet.

/** Upstream MaxRevision: the highest revision among `rss` (0 if none); unreadable revisions are skipped. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return notImplemented('08-pod-template-hash');
}

/** Upstream LastRevision: the second highest revision among `rss` (the one before the current), 0 if none. */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  return notImplemented('08-pod-template-hash');
}

/**
 * Upstream FindNewReplicaSet: the oldest ReplicaSet (creation time, then name) whose template
 * equals the Deployment's ignoring the pod-template-hash label. Oldest, because after some
 * upgrades two can match, and the choice must not flap.
 */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return notImplemented('08-pod-template-hash');
}

/**
 * Upstream FindOldReplicaSets: every ReplicaSet but the new one, oldest first (`allOldRSs`),
 * and among them those that still want pods (`requiredRSs`).
 */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): { requiredRSs: ReplicaSet[]; allOldRSs: ReplicaSet[] } {
  return notImplemented('08-pod-template-hash');
}

/** Upstream SetReplicasAnnotations: record `desired` and `max` on the ReplicaSet; `changed` when either differed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): { replicaSet: ReplicaSet; changed: boolean } {
  return notImplemented('08-pod-template-hash');
}

/** Upstream ReplicasAnnotationsNeedUpdate: the desired-replicas or max-replicas annotation is not `desired` / `max`. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  return notImplemented('08-pod-template-hash');
}

/**
 * Upstream SetNewReplicaSetAnnotations:
 * 1. copy the Deployment's annotations onto the ReplicaSet, except ANNOTATIONS_TO_SKIP;
 * 2. raise its revision to `newRevision` if that is higher (never lower it: old ReplicaSets
 *    may have been deleted since); an existing revision that is not a number stops here,
 *    reporting no change;
 * 3. when an existing revision was raised (a rollback to this ReplicaSet), append the old
 *    number to the revision history, dropping the oldest entries to stay within
 *    `revHistoryLimitInChars` characters;
 * 4. when the ReplicaSet does not exist yet (`exists` false), set its desired-replicas and
 *    max-replicas annotations (`replicas`, `replicas + maxSurge`).
 * `changed` says whether any annotation changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars: number): { replicaSet: ReplicaSet; changed: boolean } {
  return notImplemented('08-pod-template-hash');
}
