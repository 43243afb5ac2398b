/**
 * Kata 01-informer. Event streams are generated here, not taken from the store, so this kata
 * can be tested on its own: revisions grow by one per event, as the store hands them out.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { informerByLabel, informerGet, informerList, initialInformer, reduceInformer } from '@kata/01-api-machinery/informer';
import type { KubeObject } from '../../core/api/meta';
import type { InformerCache, WatchEvent } from '../../core/api/store-types';
import { pmapEntries, pmapKeys } from '../../core/data/persistent-map';
import { runs } from '../../core/testing/runs';

const pod = (name: string, rv: number, labels: Record<string, string> = {}, namespace = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, resourceVersion: String(rv), labels },
});
const added = (object: KubeObject): WatchEvent => ({ type: 'ADDED', object });
const modified = (object: KubeObject): WatchEvent => ({ type: 'MODIFIED', object });
const deleted = (object: KubeObject): WatchEvent => ({ type: 'DELETED', object });

const names = (list: KubeObject[]) => list.map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`);
const feed = (cache: InformerCache, ...events: WatchEvent[]) => events.reduce(reduceInformer, cache);
const empty = () => initialInformer({ items: [], resourceVersion: '0' });

describe('list, then watch', () => {
  test("a new cache holds exactly the listed objects and resumes from the list's resourceVersion", () => {
    const cache = initialInformer({ items: [pod('b', 2), pod('a', 1)], resourceVersion: '7' });
    expect(names(informerList(cache))).toEqual(['default/a@1', 'default/b@2']);
    expect(cache.resourceVersion).toBe('7');
  });

  test('ADDED and MODIFIED put the object in the cache; DELETED takes it out', () => {
    const cache = feed(empty(), added(pod('a', 1)), added(pod('b', 2)), modified(pod('a', 3, { v: '2' })), deleted(pod('b', 4)));
    expect(names(informerList(cache))).toEqual(['default/a@3']);
    expect(informerGet(cache, 'default', 'a')?.metadata.labels).toEqual({ v: '2' });
    expect(informerGet(cache, 'default', 'b')).toBeUndefined();
  });

  test("the cache's resourceVersion follows the newest event applied", () => {
    const cache = feed(empty(), added(pod('a', 5)), deleted(pod('a', 9)));
    expect(cache.resourceVersion).toBe('9');
  });

  test('a MODIFIED event for an object the cache never saw adds it', () => {
    // Level-triggered: the cache converges on the latest state, whatever it missed.
    expect(names(informerList(feed(empty(), modified(pod('a', 4)))))).toEqual(['default/a@4']);
  });

  test('cluster-scoped objects are found under the namespace ""', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', resourceVersion: '3' } };
    expect(informerGet(feed(empty(), added(node)), '', 'n1')).toEqual(node);
  });
});

describe('duplicates and stale events', () => {
  test('a duplicate event changes nothing', () => {
    const cache = feed(empty(), added(pod('a', 1)), modified(pod('a', 2)));
    expect(reduceInformer(cache, modified(pod('a', 2)))).toEqual(cache);
  });

  test('an event older than the cached object is ignored', () => {
    const cache = feed(empty(), added(pod('a', 1)), modified(pod('a', 3, { v: 'new' })), modified(pod('a', 2, { v: 'old' })));
    expect(informerGet(cache, 'default', 'a')?.metadata.labels).toEqual({ v: 'new' });
  });

  test('a stale ADDED arriving after the DELETED does not bring the object back', () => {
    const cache = feed(empty(), added(pod('a', 1)), deleted(pod('a', 2)), added(pod('a', 1)));
    expect(informerList(cache)).toEqual([]);
  });

  test('an object created again after its deletion is cached again', () => {
    const cache = feed(empty(), added(pod('a', 1)), deleted(pod('a', 2)), added(pod('a', 5)));
    expect(names(informerList(cache))).toEqual(['default/a@5']);
  });

  test('a replayed event does not move the resourceVersion back', () => {
    expect(feed(empty(), added(pod('a', 8)), added(pod('b', 3))).resourceVersion).toBe('8');
  });
});

describe('indexes', () => {
  test('informerList with a namespace lists that namespace only, sorted by name', () => {
    const cache = feed(empty(), added(pod('b', 1, {}, 'x')), added(pod('c', 2, {}, 'y')), added(pod('a', 3, {}, 'x')));
    expect(names(informerList(cache, 'x'))).toEqual(['x/a@3', 'x/b@1']);
    expect(informerList(cache, 'z')).toEqual([]);
  });

  test('informerByLabel finds objects by one label and follows label changes', () => {
    const cache = feed(empty(), added(pod('a', 1, { app: 'web' })), added(pod('b', 2, { app: 'web', tier: 'front' })), added(pod('c', 3, { app: 'db' })));
    expect(names(informerByLabel(cache, 'app', 'web'))).toEqual(['default/a@1', 'default/b@2']);
    const relabelled = feed(cache, modified(pod('a', 4, { app: 'db' })), deleted(pod('b', 5, { app: 'web', tier: 'front' })));
    expect(names(informerByLabel(relabelled, 'app', 'web'))).toEqual([]);
    expect(names(informerByLabel(relabelled, 'app', 'db'))).toEqual(['default/a@4', 'default/c@3']);
    expect(informerByLabel(relabelled, 'tier', 'front')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated histories: puts and deletes on a few pods, each event one revision newer.
// ---------------------------------------------------------------------------------------------

type Op = { name: string; namespace: string; remove: boolean; labels: Record<string, string> };
const opArb: fc.Arbitrary<Op> = fc.record({
  name: fc.constantFrom('a', 'b', 'c'),
  namespace: fc.constantFrom('x', 'y'),
  remove: fc.boolean(),
  labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('p', 'q'), { maxKeys: 2 }),
});

/** The events a store would emit for `ops`, split into a list (the first `listed` events applied) and the rest. */
function historyOf(ops: Op[], listed: number): { list: { items: KubeObject[]; resourceVersion: string }; stream: WatchEvent[] } {
  const live = new Map<string, KubeObject>();
  const all: WatchEvent[] = [];
  for (const op of ops) {
    const key = `${op.namespace}/${op.name}`;
    const rv = all.length + 1;
    const current = live.get(key);
    if (op.remove) {
      if (!current) continue;
      live.delete(key);
      all.push(deleted({ ...current, metadata: { ...current.metadata, resourceVersion: String(rv) } }));
    } else {
      const object = pod(op.name, rv, op.labels, op.namespace);
      live.set(key, object);
      all.push(current ? modified(object) : added(object));
    }
  }
  const cut = Math.min(listed, all.length);
  const items = new Map<string, KubeObject>();
  for (const { type, object } of all.slice(0, cut)) {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (type === 'DELETED') items.delete(key);
    else items.set(key, object);
  }
  return { list: { items: [...items.values()], resourceVersion: String(cut) }, stream: all.slice(cut) };
}

/** Checks the indexes against a recomputation from the cached objects, through the API and in the given structure. */
function expectIndexesAgree(cache: InformerCache) {
  const objects = informerList(cache);
  const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const namespaces = new Set(objects.map((o) => o.metadata.namespace ?? ''));
  const labels = new Set(objects.flatMap((o) => Object.entries(o.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`)));
  for (const ns of [...namespaces, 'x', 'y']) {
    expect(names(informerList(cache, ns)), `namespace ${ns}`).toEqual(names(objects.filter((o) => o.metadata.namespace === ns)));
  }
  for (const pair of [...labels, 'app=p', 'app=q', 'tier=p', 'tier=q']) {
    const [k, v] = pair.split('=') as [string, string];
    expect(names(informerByLabel(cache, k, v)), `label ${pair}`).toEqual(names(objects.filter((o) => o.metadata.labels?.[k] === v)));
  }
  const indexed = (index: InformerCache['byLabel']) =>
    Object.fromEntries(pmapEntries(index).flatMap(([bucket, keys]) => (keys.size > 0 ? [[bucket, pmapKeys(keys).sort()] as const] : [])));
  const expected = (bucketsOf: (o: KubeObject) => string[]) => {
    const out: Record<string, string[]> = {};
    for (const o of objects) for (const b of bucketsOf(o)) (out[b] ??= []).push(key(o));
    return Object.fromEntries(Object.entries(out).map(([b, keys]) => [b, keys.sort()]));
  };
  expect(indexed(cache.byNamespace), 'cache.byNamespace holds exactly the cached keys').toEqual(expected((o) => [o.metadata.namespace ?? '']));
  expect(indexed(cache.byLabel), 'cache.byLabel holds exactly the cached keys').toEqual(expected((o) => Object.entries(o.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`)));
}

/** A stream with the same events, where each object's events keep their order but objects interleave differently, and old events come again. */
const noisyArb = (stream: WatchEvent[]) =>
  fc.array(fc.record({ pick: fc.nat(), replay: fc.boolean(), old: fc.nat() }), { minLength: stream.length * 2, maxLength: stream.length * 3 }).map((choices) => {
    const queues = new Map<string, WatchEvent[]>();
    for (const e of stream) {
      const k = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      queues.set(k, [...(queues.get(k) ?? []), e]);
    }
    const out: WatchEvent[] = [];
    const seen: WatchEvent[] = [];
    for (const { pick, replay, old } of choices) {
      const pending = [...queues.values()].filter((q) => q.length > 0);
      if (replay && seen.length > 0) out.push(seen[old % seen.length] as WatchEvent);
      else if (pending.length > 0) {
        const next = (pending[pick % pending.length] as WatchEvent[]).shift() as WatchEvent;
        out.push(next);
        seen.push(next);
      }
    }
    for (const q of queues.values()) out.push(...q);
    return out;
  });

const streamCase = fc
  .tuple(fc.array(opArb, { maxLength: 25 }), fc.nat(10))
  .map(([ops, listed]) => historyOf(ops, listed))
  .chain(({ list, stream }) => fc.tuple(fc.constant(list), fc.constant(stream), noisyArb(stream)));

describe('properties', () => {
  test('duplicates and reorderings of already-seen events leave the same cache as the clean stream', () => {
    fc.assert(
      fc.property(streamCase, ([list, clean, noisy]) => {
        const expected = clean.reduce(reduceInformer, initialInformer(list));
        const actual = noisy.reduce(reduceInformer, initialInformer(list));
        expect(names(informerList(actual))).toEqual(names(informerList(expected)));
        expect(actual.resourceVersion).toBe(expected.resourceVersion);
        expectIndexesAgree(actual);
      }),
      runs(200),
    );
  });

  test('after every event the indexes agree with a recomputation from the cached objects', () => {
    fc.assert(
      fc.property(streamCase, ([list, , noisy]) => {
        let cache = initialInformer(list);
        expectIndexesAgree(cache);
        for (const event of noisy) {
          cache = reduceInformer(cache, event);
          expectIndexesAgree(cache);
        }
      }),
      runs(100),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: deliver each object's next event, or an old one again, in any order.
// The model is the newest event per object.
// ---------------------------------------------------------------------------------------------

type Model = { queues: Map<string, WatchEvent[]>; delivered: WatchEvent[]; newest: Map<string, WatchEvent> };
type Real = { cache: InformerCache };

function agree(model: Model, real: Real) {
  const live = [...model.newest.values()].filter((e) => e.type !== 'DELETED').map((e) => e.object);
  expect(names(informerList(real.cache)), 'cached objects').toEqual(names(live).sort());
  const newest = Math.max(0, ...model.delivered.map((e) => Number(e.object.metadata.resourceVersion)));
  expect(real.cache.resourceVersion, 'resourceVersion').toBe(String(newest));
  expectIndexesAgree(real.cache);
}

const deliverNext = (key: string): fc.Command<Model, Real> => ({
  check: (model) => (model.queues.get(key)?.length ?? 0) > 0,
  run: (model, real) => {
    const event = (model.queues.get(key) as WatchEvent[]).shift() as WatchEvent;
    model.delivered.push(event);
    model.newest.set(key, event);
    real.cache = reduceInformer(real.cache, event);
    agree(model, real);
  },
  toString: () => `deliverNext(${key})`,
});

const redeliver = (index: number): fc.Command<Model, Real> => ({
  check: (model) => model.delivered.length > 0,
  run: (model, real) => {
    const event = model.delivered[index % model.delivered.length] as WatchEvent;
    real.cache = reduceInformer(real.cache, event);
    agree(model, real);
  },
  toString: () => `redeliverOld(#${index})`,
});

describe('model', () => {
  test('the cache always holds the newest delivered state of each object', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 25 }).map((ops) => historyOf(ops, 0).stream),
        fc.commands([fc.constantFrom('x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c').map(deliverNext), fc.nat().map(redeliver)], { maxCommands: 60 }),
        (stream, cmds) => {
          const setup = () => {
            const queues = new Map<string, WatchEvent[]>();
            for (const e of stream) {
              const k = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
              queues.set(k, [...(queues.get(k) ?? []), e]);
            }
            return { model: { queues, delivered: [], newest: new Map() }, real: { cache: empty() } };
          };
          fc.modelRun(setup, cmds);
        },
      ),
      runs(100),
    );
  });
});
