/**
 * Kata 10-update-strategy: the numbers a DaemonSet's rollout works with.
 *
 * A DaemonSet has no `replicas`: the "desired" count is the number of nodes that should run
 * its pod. `maxUnavailable` (default 1) says how many of those nodes may be without an
 * available pod during a rollout, `maxSurge` (default 0) on how many nodes an old and a new
 * pod may run side by side. Both are a count or a percentage of the desired count, and unlike
 * a Deployment's `maxUnavailable`, both percentages round up: 10% of 3 nodes is 1 node.
 *
 * Upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet),
 * pkg/controller/daemon/util/daemonset_util.go (SurgeCount, UnavailableCount, AllowsSurge),
 * staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent).
 */
import { scaledValueFromIntOrPercent } from '@kata/08-deployment/fenceposts';
import type { DaemonSet } from '../../core/api/types';

/**
 * Upstream SetDefaults_DaemonSet, which the API server applies on every write (this
 * cluster's API server does not, so the controller applies it when it reads): strategy
 * `RollingUpdate`; for RollingUpdate, `maxUnavailable: 1` and `maxSurge: 0` when absent;
 * `revisionHistoryLimit: 10`. Fields already set are kept; the input is not changed.
 */
export function defaultDaemonSet(ds: DaemonSet): DaemonSet {
  const spec = ds.spec;
  if (spec === undefined) return ds;
  const type = spec.updateStrategy?.type ?? 'RollingUpdate';
  const rollingUpdate = spec.updateStrategy?.rollingUpdate;
  const updateStrategy =
    type === 'RollingUpdate'
      ? { ...spec.updateStrategy, type, rollingUpdate: { ...rollingUpdate, maxUnavailable: rollingUpdate?.maxUnavailable ?? 1, maxSurge: rollingUpdate?.maxSurge ?? 0 } }
      : { ...spec.updateStrategy, type };
  return { ...ds, spec: { ...spec, updateStrategy, revisionHistoryLimit: spec.revisionHistoryLimit ?? 10 } };
}

/**
 * Upstream SurgeCount: 0 unless the strategy is RollingUpdate with a `maxSurge`; otherwise
 * `maxSurge` scaled against `numberToSchedule`, a percentage rounded up. Throws upstream's
 * message for a value that is neither a number nor a percentage.
 */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') return 0;
  const maxSurge = strategy.rollingUpdate?.maxSurge;
  if (maxSurge === undefined) return 0;
  return scaledValueFromIntOrPercent(maxSurge, numberToSchedule, true);
}

/**
 * Upstream UnavailableCount: 0 unless the strategy is RollingUpdate with a `rollingUpdate`
 * block; otherwise `maxUnavailable` scaled against `numberToSchedule`, rounded up. Throws
 * for an invalid value, and (`nil value for IntOrString`) when `maxUnavailable` is missing.
 */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate === undefined) return 0;
  return scaledValueFromIntOrPercent(strategy.rollingUpdate.maxUnavailable, numberToSchedule, true);
}

/** Upstream AllowsSurge: `surgeCount(ds, 1) > 0`; an invalid `maxSurge` allows none. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}
