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
import { maxSurge } from '@kata/08-deployment/fenceposts';
import { isSaturated } from '@kata/08-deployment/new-rs-replicas';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { MAX_REPLICAS_ANNOTATION } from '../../core/controllers/deployment-constants';
import { deploymentReplicas, isRollingUpdate } from '../../core/controllers/deployment-defaults';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import {
  byCreationTimestamp,
  bySizeNewer,
  bySizeOlder,
  filterActiveReplicaSets,
  nonNegativeInt32Annotation,
  replicaCount,
  sortedBy,
} from '../../core/controllers/replica-set-lists';

/** Go's integer.RoundToInt32: halves round away from zero (2.5 → 3, -2.5 → -3). */
function roundToInt32(a: number): number {
  return a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5);
}

// #region fraction
/**
 * Upstream getReplicaSetFraction: how many pods this ReplicaSet gains (or loses, negative) if
 * it keeps its share. Its share is its size over the Deployment's size when it was last sized
 * (the max-replicas annotation: replicas + maxSurge back then), scaled to replicas + maxSurge
 * now, rounded half away from zero. Scaling to 0 loses everything. Without a usable annotation
 * (missing, unreadable or 0) `status.replicas` stands in; if that is 0 too, nothing changes.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (deploymentReplicas(d) === 0) return -replicasOf(rs);
  const deploymentMaxReplicas = deploymentReplicas(d) + maxSurge(d);
  let before = nonNegativeInt32Annotation(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundToInt32((replicasOf(rs) * deploymentMaxReplicas) / before) - replicasOf(rs);
}
// #endregion fraction

/**
 * Upstream GetReplicaSetProportion: the fraction, but never past what is still to be
 * distributed (`toAdd - added`): at most that when adding, at least that when removing.
 * Nothing for a missing or empty ReplicaSet, or when nothing is (left) to distribute.
 */
export function getReplicaSetProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Upstream FindActiveOrLatest: when at most one ReplicaSet is active, the one to give all
 * replicas to: the active one, or with none active the new one, or without a new one the
 * newest old one. `undefined` when several are active (or there are none at all).
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = sortedBy(oldRSs, byCreationTimestamp).reverse();
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

// #region scale
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
  const replicas = deploymentReplicas(d);
  // 1. At most one active ReplicaSet: it takes every replica.
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) return replicasOf(activeOrLatest) === replicas ? [] : [{ replicaSet: activeOrLatest, newScale: replicas }];
  // 2. The new ReplicaSet has taken over: the old ones go.
  if (isSaturated(d, newRS)) return filterActiveReplicaSets(oldRSs).map((old) => ({ replicaSet: old, newScale: 0 }));
  // 3. Spread the difference over the active ReplicaSets.
  if (!isRollingUpdate(d)) return [];
  const active = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(active);
  const order = toAdd > 0 ? sortedBy(active, bySizeNewer) : toAdd < 0 ? sortedBy(active, bySizeOlder) : active;
  let added = 0;
  const sizes = order.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const proportion = getReplicaSetProportion(rs, d, toAdd, added);
    added += proportion;
    return replicasOf(rs) + proportion;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(sizes[0]! + toAdd - added, 0);
  return order.map((rs, i) => ({ replicaSet: rs, newScale: sizes[i]! }));
}
// #endregion scale
