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
import { deletionFinalizersForGarbageCollection } from '@kata/11-garbage-collection/deletion-propagation';
import { classifyReferences, invalidNamespaceReferences, ownerCoordinates, ownerRefInvalidNamespaceEvent } from '@kata/11-garbage-collection/owner-references';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import {
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  GARBAGE_COLLECTOR_KINDS,
  GARBAGE_COLLECTOR_NAME,
  GC_RECHECK_SECONDS,
  gcKeyOf,
  hasFinalizer,
  isBeingDeleted,
  isDeletingDependents,
  parseGcKey,
} from '../../core/controllers/garbage-collection';
import { jsonEqual } from '../../core/data/json-equal';
import type { Controller, Intent, View } from '../../core/runtime/types';

/** The object with `ownerReferences` replaced (the field left out when empty, as the API's JSON omits it). */
function withOwnerReferences(object: KubeObject, references: OwnerReference[]): KubeObject {
  const { ownerReferences: _old, ...metadata } = object.metadata;
  return { ...object, metadata: references.length > 0 ? { ...metadata, ownerReferences: references } : metadata };
}

/** The object without `finalizer`; an update of the cached copy, so a stale decision is refused (409). */
function withoutFinalizer(object: KubeObject, finalizer: string): Intent {
  const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return { type: 'update', object: { ...object, metadata: { ...object.metadata, finalizers } } };
}

/** Upstream deleteObject: preconditions on UID and resourceVersion, so only the object as it was seen is deleted. */
function deleteIntent(object: KubeObject): Intent {
  const preconditions = { uid: object.metadata.uid ?? '', resourceVersion: object.metadata.resourceVersion ?? '' };
  return { type: 'delete', kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name, preconditions };
}

// #region graph
/** A node's dependents in upstream's graph: every cached object, of any watched kind, with a reference to `owner`'s UID. */
export function dependentsOf(view: View, owner: KubeObject): KubeObject[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  return GARBAGE_COLLECTOR_KINDS.flatMap((kind) => view.ownedBy(kind, uid));
}

/** Upstream node.blockingDependents: the dependents whose reference to `owner` has `blockOwnerDeletion: true`. */
export function blockingDependents(view: View, owner: KubeObject): KubeObject[] {
  return dependentsOf(view, owner).filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion === true));
}
// #endregion graph

/**
 * Upstream attemptToOrphanWorker: remove `owner` from every dependent's ownerReferences; once
 * no cached dependent names it any more, remove the `orphan` finalizer. The finalizer waits
 * for a later pass: if one of the dependent updates were refused, dropping the finalizer now
 * would leave that dependent with a dangling reference, and the collector would delete it.
 */
export function attemptToOrphan(view: View, owner: KubeObject): Intent[] {
  // 1. Every dependent loses its reference to this owner (its other references stay).
  const dependents = dependentsOf(view, owner);
  if (dependents.length > 0) {
    const updates: Intent[] = dependents.map((d) => ({ type: 'update', object: withOwnerReferences(d, (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid)) }));
    return [...updates, { type: 'requeueAfter', key: gcKeyOf(owner), seconds: GC_RECHECK_SECONDS }];
  }
  // 2. Nothing refers to it any more: let it go.
  return [withoutFinalizer(owner, FINALIZER_ORPHAN)];
}

/**
 * Upstream processDeletingDependentsItem: an owner deleting its dependents in the foreground
 * loses its `foregroundDeletion` finalizer once no blocking dependent is left; until then it
 * checks back (each dependent is handled under its own key, woken when the owner changed).
 */
export function processDeletingDependentsItem(view: View, owner: KubeObject): Intent[] {
  if (blockingDependents(view, owner).length === 0) return [withoutFinalizer(owner, FINALIZER_FOREGROUND)];
  return [{ type: 'requeueAfter', key: gcKeyOf(owner), seconds: GC_RECHECK_SECONDS }];
}

/**
 * Deleting `item` in the foreground takes two passes: first an update adds `foregroundDeletion`
 * (and, when a dependent is itself deleting its dependents, clears `blockOwnerDeletion` on
 * the item's references to break a possible cycle, as upstream does), then, once the cache shows
 * that, a delete. Sending both at once could turn a refused update into a background delete.
 */
function deleteInForeground(view: View, item: KubeObject): Intent[] {
  const cycle = dependentsOf(view, item).some(isDeletingDependents);
  const references = (item.metadata.ownerReferences ?? []).map((r) => (cycle && r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r));
  const { finalizers } = deletionFinalizersForGarbageCollection(item.metadata.finalizers ?? [], { propagationPolicy: 'Foreground' }, 'DeleteDependents');
  const prepared = withOwnerReferences({ ...item, metadata: { ...item.metadata, finalizers } }, references);
  return jsonEqual(prepared, item) ? [deleteIntent(item)] : [{ type: 'update', object: prepared }];
}

// #region attempt-to-delete
/**
 * Upstream attemptToDeleteItem, for an object in the cache: whether it is garbage, and what
 * to do about its references when it is not.
 */
export function attemptToDeleteItem(view: View, item: KubeObject): Intent[] {
  // 1. Being deleted is a one-way trip; only a foreground deletion still needs the collector.
  if (isDeletingDependents(item)) return processDeletingDependentsItem(view, item);
  if (isBeingDeleted(item)) return [];

  // 2. No owners, nothing to collect.
  const references = item.metadata.ownerReferences ?? [];
  if (references.length === 0) return [];

  // 3. Classify the owners; a reference that cannot be verified means: decide nothing.
  const classes = classifyReferences(item, view.get);
  if (classes.type === 'unresolvable') return [];
  const { solid, dangling, waitingForDependentsDeletion: waiting } = classes;
  const reports = () => invalidNamespaceReferences(item, dangling, view.list).map((r) => ownerRefInvalidNamespaceEvent(item, r));

  // 4. A solid owner keeps it; references to absent or waiting owners are removed, or the
  //    waiting owner would wait forever.
  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return [];
    const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
    return [{ type: 'update', object: withOwnerReferences(item, references.filter((r) => !drop.has(r.uid))) }, ...reports()];
  }

  // 5. An owner waits for it and it has dependents of its own: the deletion cascades in the foreground.
  if (waiting.length > 0 && dependentsOf(view, item).length > 0) return deleteInForeground(view, item);

  // 6. Garbage: every owner is gone (or waiting). A plain delete honours a GC finalizer it already has.
  return [deleteIntent(item), ...reports()];
}
// #endregion attempt-to-delete

/** One pass of the collector for `key`: orphan dependents, or see whether the object is garbage. */
export function reconcileItem(view: View, key: string): Intent[] {
  const { kind, namespace, name } = parseGcKey(key);
  const item = view.get(kind, namespace, name);
  if (!item) return [];
  if (isBeingDeleted(item) && hasFinalizer(item, FINALIZER_ORPHAN)) return attemptToOrphan(view, item);
  return attemptToDeleteItem(view, item);
}

/**
 * The keys one changed object wakes (upstream's graph builder): the object itself; its
 * dependents once it is gone or being deleted (their owner's state is what changed); and its
 * owners that are being deleted, which are waiting for it or orphaning it.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  const keys = new Set([gcKeyOf(object)]);
  const cached = view.get(object.kind, object.metadata.namespace ?? '', object.metadata.name);
  const gone = !cached || cached.metadata.uid !== object.metadata.uid;
  if (gone || isBeingDeleted(object)) for (const dependent of dependentsOf(view, object)) keys.add(gcKeyOf(dependent));
  for (const reference of object.metadata.ownerReferences ?? []) {
    const where = ownerCoordinates(reference, object);
    if (where.type === 'unresolvable') continue;
    const owner = view.get(where.kind, where.namespace, where.name);
    if (owner && owner.metadata.uid === reference.uid && isBeingDeleted(owner)) keys.add(gcKeyOf(owner));
  }
  return [...keys];
}

/** The garbage collector, as the assembled cluster runs it. */
export const garbageCollector: Controller = {
  name: GARBAGE_COLLECTOR_NAME,
  watches: [...GARBAGE_COLLECTOR_KINDS],
  keysFor: (object, view) => keysForObject(object, view),
  reconcile: (view, key) => reconcileItem(view, key),
};
