/**
 * The etcd-like store: every object of the cluster, one global revision counter, and the
 * history of changes that watches resume from. `reduceStore` is the only way in, as
 * kube-apiserver is the only way into etcd.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create,
 * Update, Delete, updateForGracefulDeletionAndFinalizers, markAsDeleting, ShouldDeleteDuringUpdate),
 * staging/src/k8s.io/apiserver/pkg/registry/rest/{create,update,delete}.go (BeforeCreate,
 * BeforeUpdate, BeforeDelete), pkg/registry/core/pod/strategy.go (CheckGracefulDelete).
 */
import type { KubeObject } from '../../core/api/meta';
import type { StoreRequest, StoreResult, StoreState } from '../../core/api/store-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): build the store reducer. The given pieces:
//  - core/api/store-types.ts: StoreState (objects by resource in persistent maps, the revision,
//    the watch history), the history limits, tracksGeneration(kind);
//  - core/api/store-errors.ts: every Status the store answers with, worded like kube-apiserver;
//  - core/api/kinds.ts: kindInfo(kind) gives the resource and whether the kind is namespaced;
//  - core/data/: pmapGet/pmapSet/pmapDelete (never copy a whole collection), logAppend/
//    logDropFront (the history), jsonEqual (did spec change?), addSeconds (grace periods).
// Work through the tests in katas/01-api-machinery/store.test.ts top to bottom: create, update,
// updateStatus, delete with finalizers, graceful pod deletion, then the history.

/** A store with no objects, at revision 0. */
export function initialStore(): StoreState {
  return notImplemented('01-store');
}

/** One object, or `undefined`. `namespace` is `''` (and ignored) for cluster-scoped kinds. */
export function getObject(state: StoreState, kind: string, namespace: string, name: string): KubeObject | undefined {
  return notImplemented('01-store');
}

/** Every object of `kind` (in `namespace`, or all namespaces), sorted by namespace then name, with the store's revision. */
export function listObjects(state: StoreState, kind: string, namespace?: string): { items: KubeObject[]; resourceVersion: string } {
  return notImplemented('01-store');
}

/** Applies one write. A failed request returns the very same state object and a Status. */
export function reduceStore(state: StoreState, request: StoreRequest): [StoreState, StoreResult] {
  return notImplemented('01-store');
}
