/**
 * Kata 11-garbage-collector: the garbage collector as one level-triggered reconciler. It is
 * woken with an object's key (`Kind/namespace/name`) and decides, from its informer caches
 * alone, what that object needs:
 *
 * - an owner being deleted with the `orphan` finalizer: remove it from its dependents'
 *   ownerReferences, then drop the finalizer;
 * - an owner being deleted with `foregroundDeletion`: drop the finalizer once no dependent
 *   blocks it (`blockOwnerDeletion: true`);
 * - any other object with owners: keep it while one owner is solid (and drop the references to
 *   owners that are gone or waiting), otherwise delete it, in the foreground when an owner waits
 *   for it and it has dependents of its own.
 *
 * The dependency graph upstream keeps in memory (uidToNode, each node's owners and dependents,
 * virtual nodes for owners never observed) is read straight from the caches here: a node's
 * dependents are `view.ownedBy(kind, uid)` over the watched kinds, and an owner that is not in
 * the cache with the referenced UID is what upstream confirms a virtual node to be: absent.
 *
 * Upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
 * processDeletingDependentsItem, orphanDependents, attemptToOrphanWorker), graph.go
 * (blockingDependents), graph_builder.go (processTransitions, addUnblockedOwnersToDeleteQueue),
 * operations.go (deleteObject with UID and resourceVersion preconditions, removeFinalizer).
 */
import type { KubeObject } from '../../core/api/meta';
import { GARBAGE_COLLECTOR_KINDS, GARBAGE_COLLECTOR_NAME } from '../../core/controllers/garbage-collection';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller, Intent, View } from '../../core/runtime/types';

// TODO(kata): build it bottom-up. The graph first (dependentsOf, blockingDependents), then the
// owner's side (attemptToOrphan, processDeletingDependentsItem), then attemptToDeleteItem in
// numbered steps with classifyReferences from @kata/11-garbage-collection/owner-references,
// then reconcileItem and keysForObject. Everything in core/controllers/garbage-collection helps
// (keys, finalizer names, GC_RECHECK_SECONDS). Every write is an intent on the cached object:
// updates keep its resourceVersion, deletes carry preconditions { uid, resourceVersion }, so a
// decision taken on a stale cache is refused instead of doing harm.

/** A node's dependents in upstream's graph: every cached object, of any watched kind, with a reference to `owner`'s UID. */
export function dependentsOf(view: View, owner: KubeObject): KubeObject[] {
  return notImplemented('11-garbage-collector');
}

/** Upstream node.blockingDependents: the dependents whose reference to `owner` has `blockOwnerDeletion: true`. */
export function blockingDependents(view: View, owner: KubeObject): KubeObject[] {
  return notImplemented('11-garbage-collector');
}

/**
 * Upstream attemptToOrphanWorker: remove `owner` from every dependent's ownerReferences (one
 * `update` per dependent, plus a `requeueAfter` of the owner's key in GC_RECHECK_SECONDS);
 * once no cached dependent names it any more, an `update` that removes the `orphan`
 * finalizer. The finalizer waits for a later pass: if one of the dependent updates were
 * refused, dropping the finalizer now would leave that dependent with a dangling reference,
 * and the collector would delete it.
 */
export function attemptToOrphan(view: View, owner: KubeObject): Intent[] {
  return notImplemented('11-garbage-collector');
}

/**
 * Upstream processDeletingDependentsItem: an owner deleting its dependents in the foreground
 * loses its `foregroundDeletion` finalizer (an `update`) once no blocking dependent is left;
 * until then it checks back (a `requeueAfter` of its key in GC_RECHECK_SECONDS). Each
 * dependent is handled under its own key, woken when the owner changed.
 */
export function processDeletingDependentsItem(view: View, owner: KubeObject): Intent[] {
  return notImplemented('11-garbage-collector');
}

/**
 * Upstream attemptToDeleteItem, for an object in the cache: whether it is garbage, and what
 * to do about its references when it is not.
 *
 * 1. Being deleted: a foreground deletion goes to processDeletingDependentsItem; any other is
 *    a one-way trip (nothing to do).
 * 2. No owners: nothing to do. An owner that cannot be verified: nothing to do.
 * 3. A solid owner: keep it, and `update` it without the references to dangling and waiting
 *    owners (with an OwnerRefInvalidNamespace event for each cross-namespace one).
 * 4. A waiting owner and dependents of its own: delete it in the foreground, in two passes:
 *    an `update` adding `foregroundDeletion` (and clearing `blockOwnerDeletion` on its
 *    references when one of its dependents is itself deleting its dependents: a possible
 *    cycle), then, once the cache shows nothing left to change, the `delete`.
 * 5. Otherwise it is garbage: `delete` it (plus the events of step 3).
 */
export function attemptToDeleteItem(view: View, item: KubeObject): Intent[] {
  return notImplemented('11-garbage-collector');
}

/** One pass of the collector for `key`: orphan dependents (being deleted with `orphan`), or attemptToDeleteItem. */
export function reconcileItem(view: View, key: string): Intent[] {
  return notImplemented('11-garbage-collector');
}

/**
 * The keys one changed object wakes (upstream's graph builder): the object itself; its
 * dependents once it is gone (no longer cached with that UID) or being deleted; and its
 * owners that are being deleted, which are waiting for it or orphaning it. Each key once.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  return notImplemented('11-garbage-collector');
}

/** The garbage collector, as the assembled cluster runs it. */
export const garbageCollector: Controller = {
  name: GARBAGE_COLLECTOR_NAME,
  watches: [...GARBAGE_COLLECTOR_KINDS],
  keysFor: (object, view) => keysForObject(object, view),
  reconcile: (view, key) => reconcileItem(view, key),
};
