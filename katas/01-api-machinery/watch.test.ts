/**
 * Kata 01-watch. The store comes from kata 01-store (`@kata/01-api-machinery/store`).
 * Upstream wording: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialStore, listObjects, reduceStore } from '@kata/01-api-machinery/store';
import { watchFrom } from '@kata/01-api-machinery/watch';
import type { KubeObject } from '../../core/api/meta';
import type { StoreRequest, StoreState, WatchEvent, WatchResult } from '../../core/api/store-types';
import { runs } from '../../core/testing/runs';

const at = (second: number) => `2025-01-01T00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}Z`;

const configMap = (name: string, namespace = 'default', data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const node = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

const create = (object: KubeObject, now = at(0)): StoreRequest => ({ type: 'create', object, now, uid: `uid-${object.metadata.name}` });
const update = (object: KubeObject, now = at(0)): StoreRequest => ({ type: 'update', object, now });
const del = (kind: string, name: string, namespace = 'default', now = at(0)): StoreRequest => ({ type: 'delete', kind, namespace, name, now });

function run(...requests: StoreRequest[]): StoreState {
  return requests.reduce((state, request) => {
    const [next, result] = reduceStore(state, request);
    if (!result.ok) throw new Error(`setup: ${request.type} failed: ${result.status.message}`);
    return next;
  }, initialStore());
}

function events(result: WatchResult): WatchEvent[] {
  if (result.type !== 'events') throw new Error(`expected events, got 410: ${result.status.message}`);
  return result.events;
}
const summary = (list: WatchEvent[]) => list.map((e) => `${e.type} ${e.object.kind}/${e.object.metadata.name}@${e.object.metadata.resourceVersion}`);

// Built inside each test, so that an unfinished store fails the tests rather than the file.
const history = () =>
  run(
    create(configMap('a')), // 1
    create(configMap('b', 'other')), // 2
    update(configMap('a', 'default', { k: 'v' })), // 3
    create(node('n1')), // 4
    del('ConfigMap', 'b', 'other'), // 5
  );

describe('watch from a resourceVersion', () => {

  test('a watch from the newest revision sees nothing yet', () => {
    expect(events(watchFrom(history(), { resourceVersion: '5' }))).toEqual([]);
  });

  test('a watch from N returns exactly the changes after N, oldest first', () => {
    expect(summary(events(watchFrom(history(), { resourceVersion: '2' })))).toEqual(['MODIFIED ConfigMap/a@3', 'ADDED Node/n1@4', 'DELETED ConfigMap/b@5']);
  });

  test('each event carries the object as written, and nothing else', () => {
    const [modified] = events(watchFrom(history(), { resourceVersion: '2' }));
    expect(modified).toEqual({
      type: 'MODIFIED',
      object: { ...configMap('a', 'default', { k: 'v' }), metadata: { name: 'a', namespace: 'default', uid: 'uid-a', creationTimestamp: at(0), resourceVersion: '3' } },
    });
  });

  test('a DELETED event carries the last state of the object at the revision of its deletion', () => {
    const deleted = events(watchFrom(history(), { resourceVersion: '4' }))[0];
    expect(deleted?.type).toBe('DELETED');
    expect(deleted?.object.metadata).toMatchObject({ name: 'b', namespace: 'other', uid: 'uid-b', resourceVersion: '5' });
  });

  test('a kind filter keeps only that kind', () => {
    expect(summary(events(watchFrom(history(), { kind: 'Node', resourceVersion: '0' })))).toEqual(['ADDED Node/n1@4']);
    expect(summary(events(watchFrom(history(), { kind: 'ConfigMap', resourceVersion: '1' })))).toEqual(['ADDED ConfigMap/b@2', 'MODIFIED ConfigMap/a@3', 'DELETED ConfigMap/b@5']);
  });

  test('a namespace filter keeps only that namespace', () => {
    expect(summary(events(watchFrom(history(), { kind: 'ConfigMap', namespace: 'other', resourceVersion: '1' })))).toEqual(['ADDED ConfigMap/b@2', 'DELETED ConfigMap/b@5']);
  });

  test('a namespace filter does not hide cluster-scoped kinds', () => {
    expect(summary(events(watchFrom(history(), { kind: 'Node', namespace: 'default', resourceVersion: '1' })))).toEqual(['ADDED Node/n1@4']);
  });

  test('"0" and "" start from the current state: one ADDED event per object', () => {
    // watch_cache.go: a watch from version 0 is served from the cache's current store as ADDED events.
    for (const resourceVersion of ['0', '']) {
      const added = events(watchFrom(history(), { kind: 'ConfigMap', resourceVersion }));
      expect(summary(added), JSON.stringify(resourceVersion)).toEqual(['ADDED ConfigMap/a@3']);
    }
  });
});

// Five minutes of logical time after revision 1, revisions 1 and 2 are forgotten.
const compacted = () => run(create(configMap('a'), at(0)), create(configMap('b'), at(10)), create(configMap('c'), at(400)), create(configMap('d'), at(401)));

describe('410 Gone', () => {

  test('a watch from before the retained history answers 410 Gone', () => {
    // watch_cache.go: "too old resource version: %d (%d)", resourceVersion, oldest-1
    const result = watchFrom(compacted(), { resourceVersion: '1' });
    expect(result.type).toBe('gone');
    expect(result.type === 'gone' && result.status).toMatchObject({ code: 410, message: 'too old resource version: 1 (2)' });
  });

  test('a watch from the newest forgotten revision still gets every later change', () => {
    expect(summary(events(watchFrom(compacted(), { resourceVersion: '2' })))).toEqual(['ADDED ConfigMap/c@3', 'ADDED ConfigMap/d@4']);
  });

  test('a watch starting from the current state never gets 410', () => {
    expect(summary(events(watchFrom(compacted(), { resourceVersion: '0' })))).toHaveLength(4);
  });
});

// Random writes over a few names, kinds and namespaces, some of them failing.
type Write = { op: 'create' | 'update' | 'delete'; kind: 'ConfigMap' | 'Node'; name: string; namespace: string; value: string; second: number };
const writeArb: fc.Arbitrary<Write> = fc.record({
  op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
  kind: fc.constantFrom('ConfigMap' as const, 'ConfigMap' as const, 'Node' as const),
  name: fc.constantFrom('a', 'b', 'c'),
  namespace: fc.constantFrom('default', 'other'),
  value: fc.constantFrom('x', 'y'),
  second: fc.nat(200),
});

function apply(state: StoreState, write: Write, clock: number): StoreState {
  const now = at(clock);
  const object = write.kind === 'Node' ? { ...node(write.name), spec: { podCIDR: write.value } } : configMap(write.name, write.namespace, { v: write.value });
  const request: StoreRequest =
    write.op === 'create' ? create(object, now) : write.op === 'update' ? update(object, now) : del(write.kind, write.name, write.namespace, now);
  return reduceStore(state, request)[0];
}

function replay(list: KubeObject[], changes: WatchEvent[]): KubeObject[] {
  const byKey = new Map(list.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]));
  for (const { type, object } of changes) {
    const key = `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`;
    if (type === 'DELETED') byKey.delete(key);
    else byKey.set(key, object);
  }
  return [...byKey.values()];
}

const sorted = (list: KubeObject[]) => [...list].sort((a, b) => `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace}/${b.metadata.name}`));

describe('properties', () => {
  test('a list at rv0 plus the events of a watch from rv0 reproduces the list at the end', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { maxLength: 15 }), fc.array(writeArb, { maxLength: 25 }), fc.constantFrom('ConfigMap', 'Node'), fc.option(fc.constantFrom('default', 'other'), { nil: undefined }), (before, after, kind, namespace) => {
        let state = before.reduce((s, w, i) => apply(s, w, i), initialStore());
        const start = listObjects(state, kind, namespace);
        state = after.reduce((s, w, i) => apply(s, w, 20 + i), state);
        const changes = events(watchFrom(state, { kind, namespace, resourceVersion: start.resourceVersion }));
        expect(sorted(replay(start.items, changes))).toEqual(sorted(listObjects(state, kind, namespace).items));
      }),
      runs(200),
    );
  });

  test('resuming from the last event seen gives the rest: watching in two steps equals watching once', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { maxLength: 30 }), fc.nat(30), fc.nat(10), (writes, start, split) => {
        const state = writes.reduce((s, w, i) => apply(s, w, i), initialStore());
        const from = String(Math.min(start, state.revision) + 1);
        const whole = events(watchFrom(state, { resourceVersion: from }));
        const first = whole.slice(0, split);
        const resume = first.at(-1)?.object.metadata.resourceVersion ?? from;
        expect([...first, ...events(watchFrom(state, { resourceVersion: resume }))]).toEqual(whole);
      }),
      runs(200),
    );
  });

  test('a watch answers 410 exactly when it starts before the newest forgotten revision', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { minLength: 1, maxLength: 30 }), fc.nat(40), (writes, from) => {
        // Writes minutes apart, so that the five-minute window forgets some of them.
        const state = writes.reduce((s, w, i) => apply(s, w, Math.min(i * 40 + w.second % 40, 3599)), initialStore());
        const result = watchFrom(state, { resourceVersion: String(from + 1) });
        expect(result.type, `from ${from + 1}, compacted ${state.history.compactedRevision}`).toBe(from + 1 < state.history.compactedRevision ? 'gone' : 'events');
      }),
      runs(200),
    );
  });
});
