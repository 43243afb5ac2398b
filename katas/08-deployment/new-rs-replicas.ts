/**
 * Kata 08-new-rs-replicas: how big may the new ReplicaSet get this round? A rolling update
 * grows it only while the ReplicaSets together want fewer than `replicas + maxSurge` pods,
 * and never beyond `replicas`; Recreate sizes it to `replicas` at once (the old pods are gone
 * by then). The saturation test says when the new ReplicaSet has taken over completely.
 *
 * Upstream: pkg/controller/deployment/util/deployment_util.go (NewRSNewReplicas, IsSaturated).
 */
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): newRSNewReplicas resolves maxSurge with your scaledValueFromIntOrPercent
// (@kata/08-deployment/fenceposts, rounding up) and sums spec.replicas with replicaCount
// (core/controllers/replica-set-lists). isSaturated reads the DESIRED_REPLICAS_ANNOTATION
// (core/controllers/deployment-constants) as Go's strconv does: an optional sign, then digits.

/**
 * Upstream NewRSNewReplicas. RollingUpdate: if the ReplicaSets in `allRSs` already want
 * `replicas + maxSurge` pods or more, the new one keeps its size; otherwise it grows by the
 * room left, but not past `replicas`. Recreate: `replicas`. Throws on an invalid `maxSurge`
 * and on any other strategy type (`deployment type X isn't supported`).
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  return notImplemented('08-new-rs-replicas');
}

/**
 * Upstream IsSaturated: the new ReplicaSet wants `replicas` pods, its desired-replicas
 * annotation says `replicas` (it was sized for this very Deployment size), and all of them
 * are available. An absent or unreadable annotation means not saturated.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  return notImplemented('08-new-rs-replicas');
}
