/**
 * What the runtime keeps for each running component: one informer cache per watched kind, an
 * inbox of watch events not yet applied, a work queue of keys (each key at most once, as
 * client-go's workqueue guarantees) and the extra indexes the view offers. This is the state a
 * controller crash loses; it is rebuilt from a fresh list, as a restarted controller does.
 */
import { listObjects } from '@kata/01-api-machinery/store';
import { informerGet, initialInformer, reduceInformer } from '@kata/01-api-machinery/informer';
import type { KubeObject } from '../api/meta';
import type { InformerCache, WatchEvent } from '../api/store-types';
import type { StoreState } from '../cluster/state';
import { pmapValues } from '../data/persistent-map';

/** A running component's caches, inbox and queue. Mutated in place by the runtime only. */
export type ComponentState = {
  caches: Record<string, InformerCache>;
  inbox: WatchEvent[];
  queue: string[];
  queued: Record<string, true>;
  /** nodeName → pod keys on that node. */
  podsByNode: Record<string, Record<string, true>>;
  /** owner UID → `kind/namespace/name` of the objects it owns. */
  byOwner: Record<string, Record<string, true>>;
};

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** A freshly started component: caches listed from the store, no queued work yet. */
export function startComponent(store: StoreState, kinds: string[]): ComponentState {
  const state: ComponentState = { caches: {}, inbox: [], queue: [], queued: {}, podsByNode: {}, byOwner: {} };
  for (const kind of kinds) {
    const list = listObjects(store, kind);
    state.caches[kind] = initialInformer(list);
    for (const object of list.items) index(state, object, true);
  }
  return state;
}

/** A component state around some caches, with the extra indexes recomputed (used for stale reads). */
export function rebuildIndexes(caches: ComponentState['caches']): ComponentState {
  const state: ComponentState = { caches, inbox: [], queue: [], queued: {}, podsByNode: {}, byOwner: {} };
  for (const cache of Object.values(caches)) for (const object of pmapValues(cache.objects)) index(state, object, true);
  return state;
}

/** Applies one watch event to the component's cache and indexes; returns the object if the cache changed. */
export function applyEvent(state: ComponentState, event: WatchEvent): KubeObject | undefined {
  const cache = state.caches[event.object.kind];
  if (!cache) return undefined;
  const next = reduceInformer(cache, event);
  if (next.objects === cache.objects) return undefined;
  const previous = findIn(cache, keyOf(event.object));
  if (previous) index(state, previous, false);
  if (event.type !== 'DELETED') index(state, event.object, true);
  state.caches[event.object.kind] = next;
  return event.object;
}

/** Adds `key` to the work queue unless it is already waiting. */
export function enqueue(state: ComponentState, key: string): void {
  if (state.queued[key]) return;
  state.queued[key] = true;
  state.queue.push(key);
}

/** Takes the next key off the queue. */
export function dequeue(state: ComponentState): string | undefined {
  const key = state.queue.shift();
  if (key !== undefined) delete state.queued[key];
  return key;
}

function findIn(cache: InformerCache, key: string): KubeObject | undefined {
  const slash = key.indexOf('/');
  return informerGet(cache, key.slice(0, slash), key.slice(slash + 1));
}

function index(state: ComponentState, object: KubeObject, add: boolean): void {
  const key = keyOf(object);
  const nodeName = object.kind === 'Pod' ? (object.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
  if (nodeName) toggle(state.podsByNode, nodeName, key, add);
  for (const owner of object.metadata.ownerReferences ?? []) toggle(state.byOwner, owner.uid, `${object.kind}/${key}`, add);
}

function toggle(map: Record<string, Record<string, true>>, bucket: string, key: string, add: boolean): void {
  const entries = (map[bucket] ??= {});
  if (add) entries[key] = true;
  else delete entries[key];
}
