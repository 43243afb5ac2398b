/**
 * Kata 07-pod-ranking: which pods go first when a ReplicaSet scales down? Upstream sorts the
 * candidates with ActivePodsWithRanks and deletes the front of the list: pods that do least
 * harm when removed (not yet scheduled, not yet running, not ready, cheap to delete, crowding
 * a node, young) come first.
 *
 * Upstream: pkg/controller/controller_utils.go (ActivePodsWithRanks.Less, afterOrZero,
 * podReadyTime, logarithmicRankDiff, maxContainerRestarts), pkg/apis/core/helper/helpers.go
 * (GetDeletionCostFromPodAnnotations), pkg/controller/replicaset/replica_set.go
 * (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import type { Pod } from '../../core/api/types';
import type { RankedPod } from '../../core/controllers/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): implement the eight rules of Less in order, each returning as soon as the two
// pods differ on it (isPodReady and podReadyCondition are in core/controllers/pod-status).
// Times: an unset creationTimestamp or lastTransitionTime is Go's zero time. Buckets are
// floor(log2(age in nanoseconds)) at `now`. Then rank (count active related pods per node)
// and sort (a stable sort) in getPodsToDelete.

/** The annotation that lets a user say which pods are cheaper to delete (`int32`, default 0). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/**
 * Upstream GetDeletionCostFromPodAnnotations: the annotation as an int32, 0 when absent or
 * invalid. A leading `+` or a leading zero (`+10`, `008`) is invalid; `-8`, `0` are fine.
 */
export function getDeletionCostFromPodAnnotations(annotations: Record<string, string> | undefined): number {
  return notImplemented('07-pod-ranking');
}

/**
 * Upstream logarithmicRankDiff: each time's age at `now`, in nanoseconds, put in a bucket
 * `floor(log2(age))` (-1 when not in the past), and the difference of the two buckets. Two
 * pods that became ready 5 and 8 hours ago share bucket 44, so neither is "younger".
 */
export function logarithmicRankDiff(t1: string, t2: string, now: string): number {
  return notImplemented('07-pod-ranking');
}

/**
 * Upstream ActivePodsWithRanks.Less: `a` should be deleted before `b`. The first rule that
 * tells them apart decides:
 * 1. not scheduled before scheduled; 2. Pending < Unknown < Running; 3. not ready before ready;
 * 4. lower deletion cost first; 5. higher rank first; 6. both ready: ready more recently first;
 * 7. more container restarts first; 8. created more recently first.
 * Rules 6 and 8 compare logarithmic buckets relative to `now` (LogarithmicScaleDown, GA since
 * v1.31), with the UID as tie-break; without `now` they compare the times exactly.
 */
export function activePodsWithRanksLess(a: RankedPod, b: RankedPod, now: string | undefined): boolean {
  return notImplemented('07-pod-ranking');
}

/**
 * Upstream getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of *active*
 * pods in `relatedPods` on the same node (unscheduled pods share the node `""`).
 */
export function getPodsRankedByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  return notImplemented('07-pod-ranking');
}

/**
 * Upstream getPodsToDelete: the first `diff` pods once ranked and sorted; when `diff` covers
 * every pod nothing is sorted and they are returned as given. The sort is stable, so pods
 * `Less` cannot tell apart keep their order (upstream's sort.Sort makes no such promise).
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now: string): Pod[] {
  return notImplemented('07-pod-ranking');
}
