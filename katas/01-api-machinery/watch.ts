/**
 * Watch: the changes a client has not seen yet. A client lists once, remembers the list's
 * resourceVersion, and from then on asks only for what happened after it. When that point
 * has been compacted away the answer is 410 Gone, and the client must list again.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
 * (getAllEventsSinceLocked: "too old resource version", the store as ADDED events for version 0),
 * staging/src/k8s.io/apiserver/pkg/storage/etcd3/watcher.go.
 */
import { kindInfo } from '../../core/api/kinds';
import type { KubeObject } from '../../core/api/meta';
import { statusGone } from '../../core/api/store-errors';
import type { HistoryEntry, StoreState, WatchEvent, WatchRequest, WatchResult } from '../../core/api/store-types';
import { logGet, logSlice } from '../../core/data/chunked-log';
import { pmapValues } from '../../core/data/persistent-map';

/**
 * The events after `resourceVersion` that match the kind and namespace filters, oldest
 * first. `""` and `"0"` mean "from the current state": one synthetic ADDED event per
 * matching object. A version older than the retained history gives 410 Gone.
 */
export function watchFrom(state: StoreState, request: WatchRequest): WatchResult {
  const matches = filter(request);
  if (request.resourceVersion === '' || request.resourceVersion === '0') return { type: 'events', events: currentState(state, matches) };
  const from = Number(request.resourceVersion);
  const compacted = state.history.compactedRevision;
  // #region gone
  // Watching from N needs every event after N: from the compacted revision on, that holds.
  if (!(from >= compacted)) {
    return { type: 'gone', status: statusGone(`too old resource version: ${request.resourceVersion} (${compacted})`) };
  }
  // #endregion gone
  const log = state.history.log;
  const events = logSlice(log, firstAfter(log, from)).filter(matches).map(({ type, object }) => ({ type, object }));
  return { type: 'events', events };
}

type Matcher = (entry: WatchEvent) => boolean;

function filter({ kind, namespace }: WatchRequest): Matcher {
  const namespaced = kind === undefined ? true : (kindInfo(kind)?.namespaced ?? true);
  return ({ object }) =>
    (kind === undefined || object.kind === kind) &&
    (namespace === undefined || !namespaced || (object.metadata.namespace ?? '') === namespace);
}

// Index of the first retained entry whose revision is greater than `from`: a binary search,
// because revisions grow along the log.
function firstAfter(log: StoreState['history']['log'], from: number): number {
  let lo = 0;
  let hi = log.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = logGet(log, mid) as HistoryEntry;
    if (Number(entry.object.metadata.resourceVersion) > from) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function currentState(state: StoreState, matches: Matcher): WatchEvent[] {
  const all: KubeObject[] = Object.values(state.objects).flatMap((objects) => pmapValues(objects));
  return all
    .map((object) => ({ type: 'ADDED' as const, object }))
    .filter(matches)
    .sort((a, b) => Number(a.object.metadata.resourceVersion) - Number(b.object.metadata.resourceVersion));
}
