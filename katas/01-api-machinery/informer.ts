/**
 * An informer cache: a controller's own copy of one kind, built from a list and kept current
 * by watch events, with indexes by namespace and by label. Controllers read this cache, never
 * the API server, which is what lets Kubernetes run thousands of them against one apiserver.
 *
 * The event stream may repeat or reorder events (a resumed watch, a relist). The cache stays
 * correct because it keeps, per object, the newest resourceVersion it has applied (and, for a
 * deleted object, the revision of its deletion) and ignores anything that is not newer.
 *
 * Upstream: staging/src/k8s.io/client-go/tools/cache/shared_informer.go (HandleDeltas),
 * thread_safe_store.go (updateIndices), index.go (MetaNamespaceIndexFunc).
 */
import type { KubeObject } from '../../core/api/meta';
import type { InformerCache, WatchEvent } from '../../core/api/store-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): fill and maintain an InformerCache (core/api/store-types.ts). Keys are
// `<namespace>/<name>`. Keep byNamespace and byLabel (`key=value`) in step with `objects` on
// every change, remember each deletion's revision in `tombstones`, and ignore any event whose
// resourceVersion is not newer than what the cache holds for that key.

/** A cache holding exactly the listed objects, resuming from the list's resourceVersion. */
export function initialInformer(list: { items: KubeObject[]; resourceVersion: string }): InformerCache {
  return notImplemented('01-informer');
}

/** Applies one watch event; a duplicate or an event older than what the cache holds changes nothing. */
export function reduceInformer(cache: InformerCache, event: WatchEvent): InformerCache {
  return notImplemented('01-informer');
}

/** The cached object, or `undefined`. */
export function informerGet(cache: InformerCache, namespace: string, name: string): KubeObject | undefined {
  return notImplemented('01-informer');
}

/** The cached objects (in one namespace when given), sorted by namespace then name. */
export function informerList(cache: InformerCache, namespace?: string): KubeObject[] {
  return notImplemented('01-informer');
}

/** The cached objects carrying label `key=value`, sorted by namespace then name. */
export function informerByLabel(cache: InformerCache, key: string, value: string): KubeObject[] {
  return notImplemented('01-informer');
}
