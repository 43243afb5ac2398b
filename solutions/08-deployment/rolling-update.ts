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
import { maxUnavailable } from '@kata/08-deployment/fenceposts';
import { newRSNewReplicas } from '@kata/08-deployment/new-rs-replicas';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { deploymentReplicas } from '../../core/controllers/deployment-defaults';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import { availableReplicaCount, byCreationTimestamp, replicaCount, sortedBy } from '../../core/controllers/replica-set-lists';

const available = (rs: ReplicaSet) => rs.status?.availableReplicas ?? 0;
const resized = (rs: ReplicaSet, replicas: number): ReplicaSet => ({ ...rs, spec: { ...rs.spec!, replicas } });

// #region new-rs
/**
 * Upstream reconcileNewReplicaSet: nothing when the new ReplicaSet already wants `replicas`;
 * scale it down to `replicas` when it wants more; otherwise grow it to newRSNewReplicas.
 * Returns the one scale to make, or none (scaling to the current size is no scaling).
 */
export function reconcileNewReplicaSet(allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): ReplicaSetScale[] {
  const replicas = deploymentReplicas(d);
  if (replicasOf(newRS) === replicas) return [];
  const target = replicasOf(newRS) > replicas ? replicas : newRSNewReplicas(d, allRSs, newRS);
  return target === replicasOf(newRS) ? [] : [{ replicaSet: newRS, newScale: target }];
}
// #endregion new-rs

/**
 * Upstream cleanupUnhealthyReplicas: old ReplicaSets oldest first; from each, remove its
 * unavailable pods (`spec.replicas - availableReplicas`), until `maxCleanupCount` pods are
 * removed. Skips ReplicaSets of size 0 and those with every pod available. A ReplicaSet that
 * reports more available pods than it wants makes upstream return an error (and a count of
 * 0), which stops the cleanup there: `error` says so, and the scales before it stand.
 */
export function cleanupUnhealthyReplicas(oldRSs: readonly ReplicaSet[], d: Deployment, maxCleanupCount: number): { oldRSs: ReplicaSet[]; cleanupCount: number; scales: ReplicaSetScale[]; error?: string } {
  const sorted = sortedBy(oldRSs, byCreationTimestamp);
  const scales: ReplicaSetScale[] = [];
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const target = sorted[i]!;
    if (total >= maxCleanupCount) break;
    if (replicasOf(target) === 0 || replicasOf(target) === available(target)) continue;
    const count = Math.min(maxCleanupCount - total, replicasOf(target) - available(target));
    const newReplicas = replicasOf(target) - count;
    if (newReplicas > replicasOf(target)) {
      const error = `when cleaning up unhealthy replicas, got invalid request to scale down ${target.metadata.namespace ?? ''}/${target.metadata.name} ${replicasOf(target)} -> ${newReplicas}`;
      return { oldRSs: sorted, cleanupCount: 0, scales, error };
    }
    scales.push({ replicaSet: target, newScale: newReplicas });
    sorted[i] = resized(target, newReplicas);
    total += count;
  }
  return { oldRSs: sorted, cleanupCount: total, scales };
}

// #region scale-down
/**
 * Upstream scaleDownOldReplicaSetsForRollingUpdate: if all ReplicaSets together have more
 * available pods than `minAvailable`, remove the difference from the old ReplicaSets, oldest
 * first, each by at most its size.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], d: Deployment): { scaledDownCount: number; scales: ReplicaSetScale[] } {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const availablePodCount = availableReplicaCount(allRSs);
  if (availablePodCount <= minAvailable) return { scaledDownCount: 0, scales: [] };
  const totalScaleDownCount = availablePodCount - minAvailable;
  const scales: ReplicaSetScale[] = [];
  let total = 0;
  for (const target of sortedBy(oldRSs, byCreationTimestamp)) {
    if (total >= totalScaleDownCount) break;
    if (replicasOf(target) === 0) continue;
    const count = Math.min(replicasOf(target), totalScaleDownCount - total);
    scales.push({ replicaSet: target, newScale: replicasOf(target) - count });
    total += count;
  }
  return { scaledDownCount: total, scales };
}
// #endregion scale-down

// #region old-rss
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
  if (replicaCount(oldRSs) === 0) return { scaled: false, scales: [] };
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - available(newRS);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return { scaled: false, scales: [] };
  const cleanup = cleanupUnhealthyReplicas(oldRSs, d, maxScaledDown);
  if (cleanup.error !== undefined) return { scaled: false, scales: cleanup.scales };
  const scaleDown = scaleDownOldReplicaSetsForRollingUpdate([...cleanup.oldRSs, newRS], cleanup.oldRSs, d);
  return { scaled: cleanup.cleanupCount + scaleDown.scaledDownCount > 0, scales: [...cleanup.scales, ...scaleDown.scales] };
}
// #endregion old-rss
