/**
 * Kata 08-rolling-update: one step of a rolling update. Each sync does one of two things:
 * grow the new ReplicaSet into the surge room, or, if that is not possible, shrink the old
 * ReplicaSets as far as availability allows. Pods that are not available anyway go first,
 * so a rollout stuck behind crash-looping old pods can still move. Nothing here talks to the
 * API: each function answers with the sizes it wants, as {@link ReplicaSetScale}s.
 *
 * Upstream: pkg/controller/deployment/rolling.go (reconcileNewReplicaSet,
 * reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate).
 */
import type { Deployment, ReplicaSet } from '../../core/api/types';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): port rolling.go function by function. You need your maxUnavailable
// (@kata/08-deployment/fenceposts) and newRSNewReplicas (@kata/08-deployment/new-rs-replicas);
// replicasOf (core/controllers/replica-set-kind), replicaCount, availableReplicaCount,
// byCreationTimestamp and sortedBy (core/controllers/replica-set-lists) do the bookkeeping.
// A scale is { replicaSet, newScale }: the ReplicaSet as you saw it and the size you want.

/**
 * Upstream reconcileNewReplicaSet: nothing when the new ReplicaSet already wants `replicas`;
 * scale it down to `replicas` when it wants more; otherwise grow it to newRSNewReplicas.
 * Returns the one scale to make, or none (scaling to the current size is no scaling).
 */
export function reconcileNewReplicaSet(allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): ReplicaSetScale[] {
  return notImplemented('08-rolling-update');
}

/**
 * Upstream cleanupUnhealthyReplicas: old ReplicaSets oldest first; from each, remove its
 * unavailable pods (`spec.replicas - availableReplicas`), until `maxCleanupCount` pods are
 * removed. Skips ReplicaSets of size 0 and those with every pod available. A ReplicaSet that
 * reports more available pods than it wants makes upstream return an error (and a count of
 * 0), which stops the cleanup there: `error` says so, and the scales before it stand.
 */
export function cleanupUnhealthyReplicas(oldRSs: readonly ReplicaSet[], d: Deployment, maxCleanupCount: number): { oldRSs: ReplicaSet[]; cleanupCount: number; scales: ReplicaSetScale[]; error?: string } {
  return notImplemented('08-rolling-update');
}

/**
 * Upstream scaleDownOldReplicaSetsForRollingUpdate: if all ReplicaSets together have more
 * available pods than `minAvailable`, remove the difference from the old ReplicaSets, oldest
 * first, each by at most its size.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], d: Deployment): { scaledDownCount: number; scales: ReplicaSetScale[] } {
  return notImplemented('08-rolling-update');
}

/**
 * Upstream reconcileOldReplicaSets, for the active old ReplicaSets `oldRSs`:
 * 1. nothing if they want no pods;
 * 2. `maxScaledDown = Σ all spec.replicas − minAvailable − (new.spec.replicas − new.availableReplicas)`:
 *    the unavailable pods of the new ReplicaSet count against the budget, so they cannot
 *    make us remove available old pods; nothing if it is not positive;
 * 3. cleanupUnhealthyReplicas within that budget (an error ends the step, unscaled);
 * 4. scaleDownOldReplicaSetsForRollingUpdate on the result.
 * `scaled` says whether any pod was removed.
 */
export function reconcileOldReplicaSets(allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): { scaled: boolean; scales: ReplicaSetScale[] } {
  return notImplemented('08-rolling-update');
}
