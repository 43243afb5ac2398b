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
import { match } from 'ts-pattern';
import type { KubeObject } from '../../core/api/meta';
import type { InformerCache, WatchEvent } from '../../core/api/store-types';
import { pmapDelete, pmapEmpty, pmapFromEntries, pmapGet, pmapSet, pmapValues, type PMap } from '../../core/data/persistent-map';

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const revisionOf = (object: KubeObject) => Number(object.metadata.resourceVersion);
const labelKey = (key: string, value: string) => `${key}=${value}`;

/** A cache holding exactly the listed objects, resuming from the list's resourceVersion. */
export function initialInformer(list: { items: KubeObject[]; resourceVersion: string }): InformerCache {
  // Built in one pass (a list can hold 150,000 pods): group keys per bucket, then make the maps.
  const buckets = (bucketsOf: (o: KubeObject) => string[]) => {
    const groups = new Map<string, [string, string][]>();
    for (const object of list.items) {
      const key = keyOf(object);
      for (const bucket of bucketsOf(object)) {
        const keys = groups.get(bucket) ?? [];
        if (keys.length === 0) groups.set(bucket, keys);
        keys.push([key, key]);
      }
    }
    return pmapFromEntries([...groups].map(([bucket, keys]) => [bucket, pmapFromEntries(keys)] as const));
  };
  return {
    resourceVersion: list.resourceVersion,
    objects: pmapFromEntries(list.items.map((o) => [keyOf(o), o] as const)),
    tombstones: pmapEmpty(),
    byNamespace: buckets((o) => [o.metadata.namespace ?? '']),
    byLabel: buckets(labelsOf),
  };
}

/** Applies one watch event; a duplicate or an event older than what the cache holds changes nothing. */
export function reduceInformer(cache: InformerCache, event: WatchEvent): InformerCache {
  const key = keyOf(event.object);
  const revision = revisionOf(event.object);
  const seen = pmapGet(cache.objects, key);
  const newest = seen ? revisionOf(seen) : (pmapGet(cache.tombstones, key) ?? -Infinity);
  if (!(revision > newest)) return cache;
  const next = match(event.type)
    .with('ADDED', 'MODIFIED', () => put(cache, event.object))
    .with('DELETED', () => drop(cache, key, revision))
    .exhaustive();
  const resourceVersion = revision > Number(cache.resourceVersion) ? String(revision) : cache.resourceVersion;
  return { ...next, resourceVersion };
}

/** The cached object, or `undefined`. */
export function informerGet(cache: InformerCache, namespace: string, name: string): KubeObject | undefined {
  return pmapGet(cache.objects, `${namespace}/${name}`);
}

/** The cached objects (in one namespace when given), sorted by namespace then name. */
export function informerList(cache: InformerCache, namespace?: string): KubeObject[] {
  if (namespace === undefined) return sorted(pmapValues(cache.objects));
  return lookup(cache, pmapGet(cache.byNamespace, namespace));
}

/** The cached objects carrying label `key=value`, sorted by namespace then name. */
export function informerByLabel(cache: InformerCache, key: string, value: string): KubeObject[] {
  return lookup(cache, pmapGet(cache.byLabel, labelKey(key, value)));
}

// #region indexes
function put(cache: InformerCache, object: KubeObject): InformerCache {
  const key = keyOf(object);
  const old = pmapGet(cache.objects, key);
  const [oldNamespace, newNamespace] = [old ? [old.metadata.namespace ?? ''] : [], [object.metadata.namespace ?? '']];
  return {
    ...cache,
    objects: pmapSet(cache.objects, key, object),
    tombstones: pmapDelete(cache.tombstones, key),
    // Only the buckets that differ are touched: a status update moves no index at all.
    byNamespace: reindex(cache.byNamespace, key, oldNamespace, newNamespace),
    byLabel: reindex(cache.byLabel, key, old ? labelsOf(old) : [], labelsOf(object)),
  };
}

function drop(cache: InformerCache, key: string, revision: number): InformerCache {
  const old = pmapGet(cache.objects, key);
  return {
    ...cache,
    objects: pmapDelete(cache.objects, key),
    tombstones: pmapSet(cache.tombstones, key, revision),
    byNamespace: old ? reindex(cache.byNamespace, key, [old.metadata.namespace ?? ''], []) : cache.byNamespace,
    byLabel: old ? reindex(cache.byLabel, key, labelsOf(old), []) : cache.byLabel,
  };
}

const labelsOf = (object: KubeObject) => Object.entries(object.metadata.labels ?? {}).map(([k, v]) => labelKey(k, v));

/** Moves `key` out of the buckets it leaves and into the buckets it joins. */
function reindex(index: PMap<PMap<string>>, key: string, before: string[], after: string[]): PMap<PMap<string>> {
  const leaving = before.filter((b) => !after.includes(b));
  const joining = after.filter((b) => !before.includes(b));
  return joining.reduce((i, bucket) => addTo(i, bucket, key), leaving.reduce((i, bucket) => removeFrom(i, bucket, key), index));
}

function addTo(index: PMap<PMap<string>>, bucket: string, key: string): PMap<PMap<string>> {
  return pmapSet(index, bucket, pmapSet(pmapGet(index, bucket) ?? pmapEmpty<string>(), key, key));
}

// An emptied bucket is removed, so the index holds no trace of objects that are gone.
function removeFrom(index: PMap<PMap<string>>, bucket: string, key: string): PMap<PMap<string>> {
  const keys = pmapGet(index, bucket);
  if (!keys) return index;
  const rest = pmapDelete(keys, key);
  return rest.size === 0 ? pmapDelete(index, bucket) : pmapSet(index, bucket, rest);
}
// #endregion indexes

function lookup(cache: InformerCache, keys: PMap<string> | undefined): KubeObject[] {
  if (!keys) return [];
  return sorted(pmapValues(keys).map((key) => pmapGet(cache.objects, key) as KubeObject));
}

function sorted(objects: KubeObject[]): KubeObject[] {
  return objects.sort((a, b) => {
    const [an, bn] = [a.metadata.namespace ?? '', b.metadata.namespace ?? ''];
    if (an !== bn) return an < bn ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
