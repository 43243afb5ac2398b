/**
 * Kata 08-fenceposts: how far a rolling update may stray from `replicas`. `maxSurge` says how
 * many pods may exist above it, `maxUnavailable` how many may be missing below it; each is a
 * count or a percentage of `replicas`. A surge percentage rounds up and an unavailability
 * percentage rounds down, so a small Deployment always has room to move: 25% of 1 replica
 * is a surge of 1 and an unavailability of 0.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go
 * (GetScaledValueFromIntOrPercent, getIntOrPercentValueSafely),
 * pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts, MaxUnavailable,
 * MinAvailable, MaxSurge).
 */
import type { Deployment, IntOrString } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): scaledValueFromIntOrPercent first (numbers pass through; "N%" is scaled by total
// with Math.ceil or Math.floor of N * total / 100; anything else throws upstream's message).
// Then resolveFenceposts, and the three Deployment helpers on top of it. deploymentReplicas and
// isRollingUpdate (core/controllers/deployment-defaults) read the spec for you.

/**
 * Upstream GetScaledValueFromIntOrPercent. A number is returned as it is. A string must be a
 * percentage (`"25%"`); it is scaled by `total` and rounded up (`roundUp`) or down, computed
 * in floating point as upstream does. Throws upstream's message for anything else:
 * `nil value for IntOrString`, `invalid value for IntOrString: invalid type: string is not a
 * percentage`, or the strconv.Atoi error of a bad number before the `%`.
 */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  return notImplemented('08-fenceposts');
}

/**
 * Upstream ResolveFenceposts: `maxSurge` rounded up and `maxUnavailable` rounded down, both
 * against `desired`; a missing value counts as 0. If both come out 0 (validation forbids 0
 * and 0, but `1%` of 10 rounds down to 0), unavailability becomes 1, so the rollout can still
 * move when surge pods cannot be created (a quota, say). Throws on an invalid value.
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  return notImplemented('08-fenceposts');
}

/** Upstream MaxSurge: the surge of a RollingUpdate Deployment; 0 for any other strategy. */
export function maxSurge(d: Deployment): number {
  return notImplemented('08-fenceposts');
}

/**
 * Upstream MaxUnavailable: the unavailability of a RollingUpdate Deployment, never more than
 * `replicas`; 0 for Recreate and for a Deployment of 0 replicas.
 */
export function maxUnavailable(d: Deployment): number {
  return notImplemented('08-fenceposts');
}

/** Upstream MinAvailable: `replicas - maxUnavailable` for RollingUpdate; 0 for Recreate. */
export function minAvailable(d: Deployment): number {
  return notImplemented('08-fenceposts');
}
