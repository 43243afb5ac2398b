/**
 * Watch: the changes a client has not seen yet. A client lists once, remembers the list's
 * resourceVersion, and from then on asks only for what happened after it. When that point
 * has been compacted away the answer is 410 Gone, and the client must list again.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
 * (getAllEventsSinceLocked: "too old resource version", the store as ADDED events for version 0),
 * staging/src/k8s.io/apiserver/pkg/storage/etcd3/watcher.go.
 */
import type { StoreState, WatchRequest, WatchResult } from '../../core/api/store-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): answer a watch from the store's history (state.history: a chunked log of
// HistoryEntry, oldest first, and compactedRevision, the newest revision already forgotten).
// Return the events after `resourceVersion` that match the kind and namespace filters, as
// plain WatchEvents ({ type, object }); 410 Gone (statusGone in core/api/store-errors.ts) when
// the history no longer reaches back that far; the current objects as ADDED events for "" or "0".

/**
 * The events after `resourceVersion` that match the kind and namespace filters, oldest
 * first. `""` and `"0"` mean "from the current state": one synthetic ADDED event per
 * matching object. A version older than the retained history gives 410 Gone.
 */
export function watchFrom(state: StoreState, request: WatchRequest): WatchResult {
  return notImplemented('01-watch');
}
