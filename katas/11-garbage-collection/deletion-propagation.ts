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
import type { DeleteOptions, GarbageCollectionPolicy } from '../../core/controllers/garbage-collection';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): defaultGarbageCollectionPolicy is a switch on the kind. The two should* functions
// read, in order: `defaultPolicy === 'Unsupported'`, options.orphanDependents, options.propagationPolicy,
// the first GC finalizer (FINALIZER_ORPHAN or FINALIZER_FOREGROUND) in the object's list, and (for
// orphaning only) the default policy. deletionFinalizersForGarbageCollection removes both GC
// finalizers, appends the chosen one, and reports `changed` by comparing the two lists as sets.

/**
 * The kind's DefaultGarbageCollectionPolicy for the API version the request used: apps kinds
 * (Deployment, ReplicaSet, DaemonSet, StatefulSet) served through extensions/v1beta1,
 * apps/v1beta1 or apps/v1beta2, ReplicationControllers (v1), Jobs (batch/v1) and CronJobs
 * through batch/v1beta1 or batch/v2alpha1 orphan by default, for compatibility with clients
 * written before server-side cascading deletion. Everything else deletes its dependents.
 */
export function defaultGarbageCollectionPolicy(kind: string, apiVersion: string): GarbageCollectionPolicy {
  return notImplemented('11-deletion-propagation');
}

/** Upstream shouldOrphanDependents: options, then existing finalizers, then the kind's default. */
export function shouldOrphanDependents(finalizers: readonly string[], options: DeleteOptions | undefined, defaultPolicy: GarbageCollectionPolicy): boolean {
  return notImplemented('11-deletion-propagation');
}

/** Upstream shouldDeleteDependents: options, then existing finalizers; no kind defaults to foreground. */
export function shouldDeleteDependents(finalizers: readonly string[], options: DeleteOptions | undefined, defaultPolicy: GarbageCollectionPolicy): boolean {
  return notImplemented('11-deletion-propagation');
}

/**
 * Upstream deletionFinalizersForGarbageCollection: the object's finalizers with both GC
 * finalizers taken out and the chosen one appended, and whether that differs from what the
 * object has (compared as sets; when it does not, the list comes back unchanged, so a
 * finalizer already in place keeps its position).
 */
export function deletionFinalizersForGarbageCollection(
  finalizers: readonly string[],
  options: DeleteOptions | undefined,
  defaultPolicy: GarbageCollectionPolicy,
): { changed: boolean; finalizers: string[] } {
  return notImplemented('11-deletion-propagation');
}
