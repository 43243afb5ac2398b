/**
 * Kata 08-proportional-scaling: resizing a Deployment in the middle of a rollout. If the
 * extra pods all went to the new ReplicaSet, scaling would speed the rollout up; if they all
 * went to the old one, it would slow it down. Instead every active ReplicaSet grows or shrinks
 * in proportion to its size, so the mix of old and new pods stays as it was.
 *
 * The worked example of kubernetes.io "Deployments" > Proportional scaling: 10 replicas,
 * maxSurge 3, mid-rollout with 8 old pods and 5 new ones, then scaled to 15. Room: 15 + 3 =
 * 18, so 5 pods to add. Old: 8 · 18/13 = 11.08 → 11 (+3). New: 5 · 18/13 = 6.92 → 7 (+2).
 *
 * Upstream: pkg/controller/deployment/sync.go (scale), pkg/controller/deployment/util/
 * deployment_util.go (FindActiveOrLatest, GetReplicaSetProportion, getReplicaSetFraction),
 * k8s.io/utils/integer (RoundToInt32).
 */
import type { Deployment, ReplicaSet } from '../../core/api/types';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): getReplicaSetFraction first (round half away from zero, like Go's
// integer.RoundToInt32, not Math.round), then the proportion, then scale(). Your maxSurge
// (@kata/08-deployment/fenceposts) and isSaturated (@kata/08-deployment/new-rs-replicas) are
// needed; core/controllers/replica-set-lists has filterActiveReplicaSets, replicaCount,
// nonNegativeInt32Annotation and the orders bySizeNewer, bySizeOlder, byCreationTimestamp.

/**
 * Upstream getReplicaSetFraction: how many pods this ReplicaSet gains (or loses, negative) if
 * it keeps its share. Its share is its size over the Deployment's size when it was last sized
 * (the max-replicas annotation: replicas + maxSurge back then), scaled to replicas + maxSurge
 * now, rounded half away from zero. Scaling to 0 loses everything. Without a usable annotation
 * (missing, unreadable or 0) `status.replicas` stands in; if that is 0 too, nothing changes.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  return notImplemented('08-proportional-scaling');
}

/**
 * Upstream GetReplicaSetProportion: the fraction, but never past what is still to be
 * distributed (`toAdd - added`): at most that when adding, at least that when removing.
 * Nothing for a missing or empty ReplicaSet, or when nothing is (left) to distribute.
 */
export function getReplicaSetProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  return notImplemented('08-proportional-scaling');
}

/**
 * Upstream FindActiveOrLatest: when at most one ReplicaSet is active, the one to give all
 * replicas to: the active one, or with none active the new one, or without a new one the
 * newest old one. `undefined` when several are active (or there are none at all).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  return notImplemented('08-proportional-scaling');
}

/**
 * Upstream scale, as the scales to make:
 * 1. one active ReplicaSet (or none): size it to `replicas`;
 * 2. a saturated new ReplicaSet: scale every active old one to 0;
 * 3. RollingUpdate: `toAdd = (replicas + maxSurge, or 0 for 0 replicas) − Σ active`; sort the
 *    active ReplicaSets largest first (equal sizes: newer first when adding, older first when
 *    removing); give each its proportion; the leftover goes to the first one, floored at 0.
 *    Every active ReplicaSet gets a scale, changed size or not, so its annotations are
 *    refreshed (upstream calls scaleReplicaSet for each).
 */
export function scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSetScale[] {
  return notImplemented('08-proportional-scaling');
}
