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
import { deploymentReplicas, isRollingUpdate } from '../../core/controllers/deployment-defaults';

/** Go's strconv.Atoi on the digits of a percentage, with its error text. */
function atoi(text: string, original: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(original)}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

// #region scaled-value
/**
 * Upstream GetScaledValueFromIntOrPercent. A number is returned as it is. A string must be a
 * percentage (`"25%"`); it is scaled by `total` and rounded up (`roundUp`) or down, computed
 * in floating point as upstream does. Throws upstream's message for anything else:
 * `nil value for IntOrString`, `invalid value for IntOrString: invalid type: string is not a
 * percentage`, or the strconv.Atoi error of a bad number before the `%`.
 */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) throw new Error('nil value for IntOrString');
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const percent = atoi(value.slice(0, -1), value);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
// #endregion scaled-value

// #region fenceposts
/**
 * Upstream ResolveFenceposts: `maxSurge` rounded up and `maxUnavailable` rounded down, both
 * against `desired`; a missing value counts as 0. If both come out 0 (validation forbids 0
 * and 0, but `1%` of 10 rounds down to 0), unavailability becomes 1, so the rollout can still
 * move when surge pods cannot be created (a quota, say). Throws on an invalid value.
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  const unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}
// #endregion fenceposts

/** The fenceposts of a Deployment, or 0 and 0 when a value is invalid (validation catches those first, upstream says). */
function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const rollingUpdate = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(rollingUpdate?.maxSurge, rollingUpdate?.maxUnavailable, deploymentReplicas(d));
  } catch {
    return { surge: 0, unavailable: 0 };
  }
}

/** Upstream MaxSurge: the surge of a RollingUpdate Deployment; 0 for any other strategy. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/**
 * Upstream MaxUnavailable: the unavailability of a RollingUpdate Deployment, never more than
 * `replicas`; 0 for Recreate and for a Deployment of 0 replicas.
 */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || deploymentReplicas(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, deploymentReplicas(d));
}

/** Upstream MinAvailable: `replicas - maxUnavailable` for RollingUpdate; 0 for Recreate. */
export function minAvailable(d: Deployment): number {
  return isRollingUpdate(d) ? deploymentReplicas(d) - maxUnavailable(d) : 0;
}
