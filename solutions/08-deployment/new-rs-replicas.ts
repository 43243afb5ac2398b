/**
 * Kata 08-new-rs-replicas: how big may the new ReplicaSet get this round? A rolling update
 * grows it only while the ReplicaSets together want fewer than `replicas + maxSurge` pods,
 * and never beyond `replicas`; Recreate sizes it to `replicas` at once (the old pods are gone
 * by then). The saturation test says when the new ReplicaSet has taken over completely.
 *
 * Upstream: pkg/controller/deployment/util/deployment_util.go (NewRSNewReplicas, IsSaturated).
 */
import { scaledValueFromIntOrPercent } from '@kata/08-deployment/fenceposts';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { DESIRED_REPLICAS_ANNOTATION } from '../../core/controllers/deployment-constants';
import { deploymentReplicas } from '../../core/controllers/deployment-defaults';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import { replicaCount } from '../../core/controllers/replica-set-lists';

// #region new-rs-replicas
/**
 * Upstream NewRSNewReplicas. RollingUpdate: if the ReplicaSets in `allRSs` already want
 * `replicas + maxSurge` pods or more, the new one keeps its size; otherwise it grows by the
 * room left, but not past `replicas`. Recreate: `replicas`. Throws on an invalid `maxSurge`
 * and on any other strategy type (`deployment type X isn't supported`).
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const type = d.spec?.strategy?.type;
  const replicas = deploymentReplicas(d);
  if (type === 'Recreate') return replicas;
  if (type !== 'RollingUpdate') throw new Error(`deployment type ${type ?? ''} isn't supported`);
  const surge = scaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas, true);
  const maxTotalPods = replicas + surge;
  const currentPodCount = replicaCount(allRSs);
  if (currentPodCount >= maxTotalPods) return replicasOf(newRS);
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - replicasOf(newRS));
  return replicasOf(newRS) + scaleUpCount;
}
// #endregion new-rs-replicas

/**
 * Upstream IsSaturated: the new ReplicaSet wants `replicas` pods, its desired-replicas
 * annotation says `replicas` (it was sized for this very Deployment size), and all of them
 * are available. An absent or unreadable annotation means not saturated.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  // Upstream parses this one with strconv (a sign is accepted), not as a non-negative int32.
  const text = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? '';
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const desired = Number(text);
  const replicas = deploymentReplicas(d);
  return replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}
