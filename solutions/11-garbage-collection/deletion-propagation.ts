/**
 * Kata 11-deletion-propagation: how the API server turns a DELETE's propagationPolicy into
 * finalizers. `kubectl delete --cascade=orphan` does not orphan anything itself: the API
 * server puts the `orphan` finalizer on the object and sets its deletionTimestamp, and the
 * garbage collector does the rest. `--cascade=foreground` does the same with
 * `foregroundDeletion`; `--cascade=background` adds nothing, so the object goes at once.
 *
 * Three things decide, highest priority first: the request's options, the finalizers the
 * object already carries, and the kind's default policy (OrphanDependents for a few old API
 * versions kept for compatibility).
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
 * (shouldOrphanDependents, shouldDeleteDependents, deletionFinalizersForGarbageCollection);
 * DefaultGarbageCollectionPolicy in pkg/registry/apps/{deployment,replicaset,daemonset,
 * statefulset}/strategy.go, core/replicationcontroller/strategy.go, batch/{job,cronjob}/strategy.go.
 */
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type DeleteOptions, type GarbageCollectionPolicy } from '../../core/controllers/garbage-collection';

// #region default-policy
const APPS_BETA = ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'];

/** The API versions through which a kind orphans its dependents by default; every other kind and version deletes them. */
const ORPHAN_BY_DEFAULT: Record<string, readonly string[]> = {
  Deployment: APPS_BETA,
  ReplicaSet: APPS_BETA,
  DaemonSet: APPS_BETA,
  StatefulSet: APPS_BETA,
  ReplicationController: ['v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1beta1', 'batch/v2alpha1'],
};

/**
 * The kind's DefaultGarbageCollectionPolicy for the API version the request used: apps kinds
 * served through extensions/v1beta1, apps/v1beta1 or apps/v1beta2, ReplicationControllers
 * (v1), Jobs (batch/v1) and CronJobs through batch/v1beta1 or batch/v2alpha1 orphan by
 * default, for compatibility with clients written before server-side cascading deletion.
 * Everything else deletes its dependents.
 */
export function defaultGarbageCollectionPolicy(kind: string, apiVersion: string): GarbageCollectionPolicy {
  return ORPHAN_BY_DEFAULT[kind]?.includes(apiVersion) ? 'OrphanDependents' : 'DeleteDependents';
}
// #endregion default-policy

/** The first of the two GC finalizers on the object, which is how an earlier request's choice persists. */
function finalizerChoice(finalizers: readonly string[]): 'orphan' | 'foreground' | undefined {
  for (const f of finalizers) {
    if (f === FINALIZER_ORPHAN) return 'orphan';
    if (f === FINALIZER_FOREGROUND) return 'foreground';
  }
  return undefined;
}

/** Upstream shouldOrphanDependents: options, then existing finalizers, then the kind's default. */
export function shouldOrphanDependents(finalizers: readonly string[], options: DeleteOptions | undefined, defaultPolicy: GarbageCollectionPolicy): boolean {
  if (defaultPolicy === 'Unsupported') return false;
  if (options?.orphanDependents !== undefined) return options.orphanDependents;
  if (options?.propagationPolicy !== undefined) return options.propagationPolicy === 'Orphan';
  const chosen = finalizerChoice(finalizers);
  if (chosen !== undefined) return chosen === 'orphan';
  return defaultPolicy === 'OrphanDependents';
}

/** Upstream shouldDeleteDependents: options, then existing finalizers; no kind defaults to foreground. */
export function shouldDeleteDependents(finalizers: readonly string[], options: DeleteOptions | undefined, defaultPolicy: GarbageCollectionPolicy): boolean {
  if (defaultPolicy === 'Unsupported') return false;
  if (options?.orphanDependents !== undefined) return false;
  if (options?.propagationPolicy !== undefined) return options.propagationPolicy === 'Foreground';
  return finalizerChoice(finalizers) === 'foreground';
}

// #region finalizers
/**
 * Upstream deletionFinalizersForGarbageCollection: the object's finalizers with both GC
 * finalizers taken out and the chosen one appended, and whether that differs from what the
 * object has (compared as sets, so a finalizer already in place keeps its position).
 */
export function deletionFinalizersForGarbageCollection(
  finalizers: readonly string[],
  options: DeleteOptions | undefined,
  defaultPolicy: GarbageCollectionPolicy,
): { changed: boolean; finalizers: string[] } {
  const orphan = shouldOrphanDependents(finalizers, options, defaultPolicy);
  const foreground = shouldDeleteDependents(finalizers, options, defaultPolicy);
  const next = finalizers.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND);
  if (orphan) next.push(FINALIZER_ORPHAN);
  if (foreground) next.push(FINALIZER_FOREGROUND);
  const same = new Set(next).size === new Set(finalizers).size && next.every((f) => finalizers.includes(f));
  return same ? { changed: false, finalizers: [...finalizers] } : { changed: true, finalizers: next };
}
// #endregion finalizers
