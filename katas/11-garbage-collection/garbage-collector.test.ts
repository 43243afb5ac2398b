/**
 * Kata 11-garbage-collector.
 *
 * Examples follow upstream pkg/controller/garbagecollector/garbagecollector.go
 * (attemptToDeleteItem's cases, processDeletingDependentsItem, attemptToOrphanWorker, the
 * unblockOwnerReferences cycle guard), garbagecollector_test.go (TestConflictingData: "good
 * child in ns1 -> cluster-scoped owner", "bad child in ns1 -> owner in ns2"), and kubernetes.io
 * concepts/architecture/garbage-collection.md and tasks/administer-cluster/use-cascading-deletion
 * (background, foreground and orphan deletion with `kubectl delete --cascade=...`).
 * Deletions go through core/cluster/delete.ts, the same path as `kubectl delete --cascade`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { listObjects } from '@kata/01-api-machinery/store';
import { replicaSetController } from '@kata/07-replicaset/replicaset-controller';
import {
  attemptToDeleteItem,
  attemptToOrphan,
  blockingDependents,
  dependentsOf,
  garbageCollector,
  keysForObject,
  processDeletingDependentsItem,
  reconcileItem,
} from '@kata/11-garbage-collection/garbage-collector';
import { kindInfo } from '../../core/api/kinds';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import { deleteObjects, type Propagation } from '../../core/cluster/delete';
import { createRequest, submit, type ClusterState } from '../../core/cluster/state';
import { prepareForCreate } from '../../core/cluster/strategy';
import { GARBAGE_COLLECTOR_KINDS, gcKeyOf, isDeletingDependents } from '../../core/controllers/garbage-collection';
import {
  bareObject,
  forestName,
  forestObjects,
  ownershipForest,
  seededUid,
  storedGraph,
  userDeletion,
  validOwnerFor,
  withSeededOwnerUids,
  type ForestNode,
} from '../../core/controllers/gc-testing';
import { foregroundOwnersOutliveBlockingDependents, survivorsNeverDeleted } from '../../core/controllers/garbage-collection.invariants';
import { getControllerOf } from '../../core/controllers/owner-references';
import { applyIntents, fakeKubelet, freshView, storedObject } from '../../core/controllers/testing';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Runnable, type Simulation } from '../../core/runtime/simulation';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const KINDS = [...GARBAGE_COLLECTOR_KINDS];
const view = (cluster: ClusterState) => freshView(cluster, KINDS);
const writes = (intents: Intent[]) => intents.filter((i) => i.type !== 'requeueAfter');

/** An owner reference to the `index`-th seeded object. */
function refTo(kind: string, name: string, index: number, extra: Partial<OwnerReference> = {}): OwnerReference {
  const info = kindInfo(kind)!;
  return { apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind, name, uid: seededUid(index), ...extra };
}
const withMeta = (o: KubeObject, meta: Partial<KubeObject['metadata']>): KubeObject => ({ ...o, metadata: { ...o.metadata, ...meta } });

/** Seeds `objects`, then marks `deleting` (by name) as the API server does for a delete with that finalizer. */
function cluster(objects: KubeObject[], deleting: Record<string, Propagation> = {}): ClusterState {
  let state = seedCluster(objects);
  for (const [name, propagation] of Object.entries(deleting)) {
    const o = objects.find((x) => x.metadata.name === name)!;
    state = deleteObjects(state, [{ kind: o.kind, namespace: o.metadata.namespace ?? '', name }], propagation).state;
  }
  return state;
}
const stored = (c: ClusterState, o: KubeObject) => storedObject(c, o.kind, o.metadata.namespace ?? '', o.metadata.name);
const reconcile = (c: ClusterState, o: KubeObject) => reconcileItem(view(c), gcKeyOf(o));

describe('attemptToDeleteItem: a dependent and its owners', () => {
  const rs = bareObject('ReplicaSet', 'default', 'web');
  const other = bareObject('ReplicaSet', 'default', 'other');

  test('a dependent whose only owner is gone is deleted, on condition that it is still the object that was seen', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'gone', 99)]);
    const c = cluster([pod]);
    const seen = stored(c, pod)!;
    expect(reconcile(c, pod)).toEqual([
      { type: 'delete', kind: 'Pod', namespace: 'default', name: 'web-1', preconditions: { uid: seen.metadata.uid, resourceVersion: seen.metadata.resourceVersion } },
    ]);
  });

  test('an owner re-created under the same name is another object: the dependent of the old one is deleted (matched by UID)', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'web', 99)]);
    expect(writes(reconcile(cluster([rs, pod]), pod)).map((i) => i.type)).toEqual(['delete']);
  });

  test('a dependent with a solid owner stays', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'web', 0)]);
    expect(reconcile(cluster([rs, pod]), pod)).toEqual([]);
  });

  test('a solid owner keeps it, and the reference to the absent owner is removed', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'gone', 99), refTo('ReplicaSet', 'web', 0)]);
    const [update, ...rest] = reconcile(cluster([rs, pod]), pod);
    expect(rest).toEqual([]);
    expect(update?.type).toBe('update');
    expect(update?.type === 'update' && update.object.metadata.ownerReferences).toEqual([refTo('ReplicaSet', 'web', 0)]);
  });

  test('a solid owner keeps it, and the reference to an owner waiting in the foreground is removed, or that owner would wait forever', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'web', 0, { blockOwnerDeletion: true }), refTo('ReplicaSet', 'other', 1)]);
    const c = cluster([rs, other, pod], { web: 'Foreground' });
    const [update] = reconcile(c, pod);
    expect(update?.type === 'update' && update.object.metadata.ownerReferences).toEqual([refTo('ReplicaSet', 'other', 1)]);
  });

  test('the update keeps the cached resourceVersion, so a decision on a stale copy is refused', () => {
    const pod = bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'gone', 99), refTo('ReplicaSet', 'web', 0)]);
    const c = cluster([rs, pod]);
    const [update] = reconcile(c, pod);
    expect(update?.type === 'update' && update.object.metadata.resourceVersion).toBe(stored(c, pod)?.metadata.resourceVersion);
  });

  test('a reference the collector cannot verify (a kind it does not watch) keeps the object, however many others dangle', () => {
    const pod = bareObject('Pod', 'default', 'job-1', [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }, refTo('ReplicaSet', 'gone', 99)]);
    expect(reconcile(cluster([pod]), pod)).toEqual([]);
  });

  test('a cluster-scoped object with a namespaced owner is never collected (garbage-collection.md: an unresolvable owner reference)', () => {
    const node = bareObject('Node', '', 'node-a', [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u' }]);
    expect(reconcile(cluster([node]), node)).toEqual([]);
  });

  test('an object already being deleted (without foregroundDeletion) is on a one-way trip: nothing to do', () => {
    const pod = withMeta(bareObject('Pod', 'default', 'web-1', [refTo('ReplicaSet', 'gone', 99)]), { finalizers: ['example.com/hold'] });
    const c = cluster([pod], { 'web-1': 'Background' });
    expect(attemptToDeleteItem(view(c), stored(c, pod)!)).toEqual([]);
  });

  test('an object without owners is not garbage', () => {
    expect(reconcile(cluster([rs]), rs)).toEqual([]);
  });

  test('a missing key needs nothing', () => {
    expect(reconcileItem(view(cluster([])), 'Pod/default/nobody')).toEqual([]);
  });
});

describe('TestConflictingData: namespaces of owner references', () => {
  test('good child in ns1 -> cluster-scoped owner: the pod stays', () => {
    const node = bareObject('Node', '', 'nodename');
    const pod = bareObject('Pod', 'ns1', 'podname1', [refTo('Node', 'nodename', 0)]);
    expect(reconcile(cluster([node, pod]), pod)).toEqual([]);
  });

  test('bad child in ns1 -> owner in ns2: the child is deleted and an OwnerRefInvalidNamespace warning names it', () => {
    const owner = bareObject('Pod', 'ns2', 'podname2');
    const child = bareObject('Pod', 'ns1', 'podname1', [refTo('Pod', 'podname2', 0)]);
    const c = cluster([owner, child]);
    const intents = reconcile(c, child);
    expect(intents.map((i) => i.type)).toEqual(['delete', 'event']);
    expect(intents[1]).toMatchObject({
      eventType: 'Warning',
      reason: 'OwnerRefInvalidNamespace',
      message: `ownerRef [v1/Pod, namespace: ns1, name: podname2, uid: ${seededUid(0)}] does not exist in namespace "ns1"`,
      involvedObject: { kind: 'Pod', namespace: 'ns1', name: 'podname1' },
    });
  });
});

describe('foreground deletion', () => {
  const deployment = bareObject('Deployment', 'default', 'web');
  const rs = bareObject('ReplicaSet', 'default', 'web-1', [refTo('Deployment', 'web', 0, { controller: true, blockOwnerDeletion: true })]);
  const pod = bareObject('Pod', 'default', 'web-1-a', [refTo('ReplicaSet', 'web-1', 1, { controller: true, blockOwnerDeletion: true })]);

  test('a dependent with dependents of its own, whose owner waits, is deleted in the foreground: first the finalizer', () => {
    const c = cluster([deployment, rs, pod], { web: 'Foreground' });
    const [update, ...rest] = reconcile(c, rs);
    expect(rest).toEqual([]);
    expect(update?.type === 'update' && update.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  test('... then, once the finalizer is there, the delete', () => {
    let c = cluster([deployment, rs, pod], { web: 'Foreground' });
    c = applyIntents(c, reconcile(c, rs));
    const [remove, ...rest] = reconcile(c, rs);
    expect(rest).toEqual([]);
    expect(remove).toMatchObject({ type: 'delete', kind: 'ReplicaSet', name: 'web-1', preconditions: { uid: seededUid(1) } });
    c = applyIntents(c, [remove!]);
    expect(isDeletingDependents(stored(c, rs)!), 'the ReplicaSet now waits for its pods').toBe(true);
  });

  test('a dependent without dependents, whose owner waits, is simply deleted', () => {
    const c = cluster([deployment, rs, pod], { 'web-1': 'Foreground' });
    expect(writes(reconcile(c, pod)).map((i) => i.type)).toEqual(['delete']);
  });

  test('an owner waits while a dependent blocks it, and checks back', () => {
    const c = cluster([deployment, rs, pod], { 'web-1': 'Foreground' });
    expect(reconcile(c, rs)).toEqual([{ type: 'requeueAfter', key: gcKeyOf(rs), seconds: 1 }]);
  });

  test('once no dependent blocks it, the owner loses its foregroundDeletion finalizer and goes', () => {
    const loose = bareObject('Pod', 'default', 'loose', [refTo('ReplicaSet', 'web-1', 1, { blockOwnerDeletion: false })]);
    let c = cluster([deployment, rs, loose], { 'web-1': 'Foreground' });
    const intents = processDeletingDependentsItem(view(c), stored(c, rs)!);
    expect(intents.map((i) => i.type)).toEqual(['update']);
    c = applyIntents(c, intents);
    expect(stored(c, rs), 'a dependent without blockOwnerDeletion does not hold its owner').toBeUndefined();
  });

  test('when one of its dependents is itself deleting its dependents, the blocking references are unblocked first (the cycle guard)', () => {
    const child = withMeta(bareObject('ConfigMap', 'default', 'child', [refTo('ReplicaSet', 'web-1', 1, { blockOwnerDeletion: true })]), { finalizers: ['foregroundDeletion'] });
    const grandchild = bareObject('Secret', 'default', 'grandchild', [refTo('ConfigMap', 'child', 2, { blockOwnerDeletion: true })]);
    const c = cluster([deployment, rs, child, grandchild], { web: 'Foreground', child: 'Foreground' });
    const [update] = reconcile(c, rs);
    expect(update?.type === 'update' && update.object.metadata.ownerReferences).toEqual([refTo('Deployment', 'web', 0, { controller: true, blockOwnerDeletion: false })]);
    expect(update?.type === 'update' && update.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });
});

describe('orphaning', () => {
  const rs = bareObject('ReplicaSet', 'default', 'web');
  const other = bareObject('ReplicaSet', 'default', 'other');
  const only = bareObject('Pod', 'default', 'only', [refTo('ReplicaSet', 'web', 0, { controller: true, blockOwnerDeletion: true })]);
  const shared = bareObject('Pod', 'default', 'shared', [refTo('ReplicaSet', 'web', 0), refTo('ReplicaSet', 'other', 1)]);

  test('every dependent loses its reference to the orphaning owner, and keeps the others', () => {
    const c = cluster([rs, other, only, shared], { web: 'Orphan' });
    const intents = attemptToOrphan(view(c), stored(c, rs)!);
    const updates = intents.filter((i): i is Extract<Intent, { type: 'update' }> => i.type === 'update');
    expect(updates.map((u) => [u.object.metadata.name, u.object.metadata.ownerReferences ?? []])).toEqual([
      ['only', []],
      ['shared', [refTo('ReplicaSet', 'other', 1)]],
    ]);
    expect(intents.at(-1), 'and the owner checks back').toEqual({ type: 'requeueAfter', key: gcKeyOf(rs), seconds: 1 });
  });

  test('the orphan finalizer is removed only once no dependent names the owner', () => {
    let c = cluster([rs, other, only, shared], { web: 'Orphan' });
    c = applyIntents(c, reconcile(c, rs));
    expect(stored(c, rs), 'not yet: the dependents were updated in this pass').toBeDefined();
    c = applyIntents(c, reconcile(c, rs));
    expect(stored(c, rs)).toBeUndefined();
    expect(stored(c, only)?.metadata.ownerReferences).toBeUndefined();
  });
});

describe('the dependency graph', () => {
  const node = bareObject('Node', '', 'node-a');
  const owner = bareObject('ReplicaSet', 'default', 'web');
  const objects = [
    owner,
    node,
    bareObject('Pod', 'default', 'a', [refTo('ReplicaSet', 'web', 0, { blockOwnerDeletion: true })]),
    bareObject('ConfigMap', 'default', 'b', [refTo('ReplicaSet', 'web', 0)]),
    bareObject('Pod', 'team-a', 'c', [refTo('ReplicaSet', 'web', 0, { blockOwnerDeletion: true })]),
    bareObject('Pod', 'default', 'd', [refTo('Node', 'node-a', 1)]),
  ];

  test('dependentsOf: every object of any watched kind, in any namespace, that names the owner\'s UID', () => {
    const c = cluster(objects);
    expect(dependentsOf(view(c), stored(c, owner)!).map(gcKeyOf).sort()).toEqual(['ConfigMap/default/b', 'Pod/default/a', 'Pod/team-a/c']);
  });

  test('blockingDependents: those whose reference has blockOwnerDeletion: true', () => {
    const c = cluster(objects);
    expect(blockingDependents(view(c), stored(c, owner)!).map(gcKeyOf).sort()).toEqual(['Pod/default/a', 'Pod/team-a/c']);
  });
});

describe('keysForObject', () => {
  const rs = bareObject('ReplicaSet', 'default', 'web');
  const pod = bareObject('Pod', 'default', 'a', [refTo('ReplicaSet', 'web', 0)]);

  test('an object wakes itself, and not its owner while that owner is not being deleted', () => {
    const c = cluster([rs, pod]);
    expect(keysForObject(stored(c, pod)!, view(c))).toEqual(['Pod/default/a']);
    expect(keysForObject(stored(c, rs)!, view(c))).toEqual(['ReplicaSet/default/web']);
  });

  test('an owner that is gone wakes its dependents', () => {
    const c = cluster([rs, pod]);
    const gone = stored(c, rs)!;
    const after = deleteObjects(c, [{ kind: 'ReplicaSet', namespace: 'default', name: 'web' }]).state;
    expect(keysForObject(gone, view(after)).sort()).toEqual(['Pod/default/a', 'ReplicaSet/default/web']);
  });

  test('an owner being deleted wakes its dependents, and a dependent wakes its owner being deleted', () => {
    const c = cluster([rs, pod], { web: 'Foreground' });
    expect(keysForObject(stored(c, rs)!, view(c)).sort()).toEqual(['Pod/default/a', 'ReplicaSet/default/web']);
    expect(keysForObject(stored(c, pod)!, view(c)).sort()).toEqual(['Pod/default/a', 'ReplicaSet/default/web']);
  });

  test('the collector watches every kind of the chapter\'s list and reconciles with reconcileItem', () => {
    expect(garbageCollector.watches).toEqual(KINDS);
    const c = cluster([bareObject('Pod', 'default', 'x', [refTo('ReplicaSet', 'gone', 99)])]);
    expect(garbageCollector.reconcile(view(c), 'Pod/default/x').map((i) => i.type)).toEqual(['delete']);
  });
});

// ---------------------------------------------------------------------------------------------
// The chapter's examples, run: the collector with the ReplicaSet controller and a fake kubelet.
// ---------------------------------------------------------------------------------------------

const EXAMPLES = path.join(import.meta.dirname, '..', '..', 'chapters', '11-garbage-collection', 'examples');

/** The objects of a chapter example (namespaced ones in `default` unless they say otherwise), owner UIDs filled in. */
function example(file: string): KubeObject[] {
  const decoded = decodeManifest(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
  if (decoded.errors.length > 0) throw new Error(decoded.errors.join('\n'));
  const placed = decoded.objects.map((o) => (kindInfo(o.kind)?.namespaced && !o.metadata.namespace ? { ...o, metadata: { ...o.metadata, namespace: 'default' } } : o));
  return withSeededOwnerUids(placed);
}

const plus = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');
const settle = (sim: Simulation) => runSimulation(sim, { until: plus(sim.cluster.now, 600), untilStable: true });
const gcRunnable: Runnable = { type: 'controller', controller: garbageCollector };
const podsOf = (c: ClusterState) => storedGraph(c).filter((o): o is Pod => o.kind === 'Pod');
const kubectlDelete = (sim: Simulation, kind: string, name: string, propagation: Propagation) => {
  sim.cluster = deleteObjects(sim.cluster, [{ kind, namespace: 'default', name }], propagation).state;
};

describe('kubectl delete replicaset frontend --cascade=... (examples/replicaset-with-pods.yaml)', () => {
  const start = () => {
    const sim = startSimulation(seedCluster(example('replicaset-with-pods.yaml')), [gcRunnable, { type: 'controller', controller: replicaSetController }, { type: 'controller', controller: fakeKubelet }]);
    settle(sim);
    expect(podsOf(sim.cluster), 'the ReplicaSet made its three pods').toHaveLength(3);
    return sim;
  };

  test('background: the ReplicaSet goes at once, and the collector deletes its pods afterwards', () => {
    const sim = start();
    kubectlDelete(sim, 'ReplicaSet', 'frontend', 'Background');
    expect(storedObject(sim.cluster, 'ReplicaSet', 'default', 'frontend')).toBeUndefined();
    expect(podsOf(sim.cluster)).toHaveLength(3);
    settle(sim);
    expect(podsOf(sim.cluster)).toEqual([]);
  });

  test('foreground: the ReplicaSet stays, marked for deletion, until its pods are gone', () => {
    const sim = start();
    const seen: string[] = [];
    sim.onWrite = (c) => {
      const rs = storedObject(c, 'ReplicaSet', 'default', 'frontend');
      if (!rs && podsOf(c).length > 0) seen.push(`the ReplicaSet went while ${podsOf(c).length} pods remained`);
    };
    kubectlDelete(sim, 'ReplicaSet', 'frontend', 'Foreground');
    expect(storedObject(sim.cluster, 'ReplicaSet', 'default', 'frontend')?.metadata).toMatchObject({ finalizers: ['foregroundDeletion'], deletionTimestamp: sim.cluster.now });
    settle(sim);
    expect(seen).toEqual([]);
    expect(podsOf(sim.cluster)).toEqual([]);
    expect(storedObject(sim.cluster, 'ReplicaSet', 'default', 'frontend')).toBeUndefined();
  });

  test('orphan: the pods stay, without the reference; a new ReplicaSet with the same selector adopts them and creates none (chapter 07)', () => {
    const sim = start();
    const before = podsOf(sim.cluster).map((p) => p.metadata.name).sort();
    kubectlDelete(sim, 'ReplicaSet', 'frontend', 'Orphan');
    settle(sim);
    expect(storedObject(sim.cluster, 'ReplicaSet', 'default', 'frontend')).toBeUndefined();
    expect(podsOf(sim.cluster).map((p) => p.metadata.ownerReferences ?? [])).toEqual([[], [], []]);
    const [again] = example('replicaset-with-pods.yaml');
    const [created, result] = submit(sim.cluster, createRequest(sim.cluster, prepareForCreate(again!)));
    if (!result.ok) throw new Error(result.status.message);
    sim.cluster = created;
    settle(sim);
    expect(podsOf(sim.cluster).map((p) => p.metadata.name).sort(), 'the same three pods').toEqual(before);
    expect(podsOf(sim.cluster).every((p) => getControllerOf(p)?.uid === result.object.metadata.uid), 'all adopted').toBe(true);
  });
});

describe('a ConfigMap owned by a Deployment (examples/configmap-owned-by-deployment.yaml)', () => {
  const start = () => {
    const sim = startSimulation(seedCluster(example('configmap-owned-by-deployment.yaml')), [gcRunnable]);
    settle(sim);
    return sim;
  };

  test('it lives as long as its owner: deleting the Deployment deletes the ConfigMap', () => {
    const sim = start();
    expect(storedObject(sim.cluster, 'ConfigMap', 'default', 'nginx-settings'), 'kept while the Deployment exists').toBeDefined();
    kubectlDelete(sim, 'Deployment', 'nginx-deployment', 'Background');
    settle(sim);
    expect(storedObject(sim.cluster, 'ConfigMap', 'default', 'nginx-settings')).toBeUndefined();
  });

  test('with --cascade=orphan it stays, without the owner reference', () => {
    const sim = start();
    kubectlDelete(sim, 'Deployment', 'nginx-deployment', 'Orphan');
    settle(sim);
    expect(storedObject(sim.cluster, 'Deployment', 'default', 'nginx-deployment')).toBeUndefined();
    expect(storedObject(sim.cluster, 'ConfigMap', 'default', 'nginx-settings')?.metadata.ownerReferences).toBeUndefined();
  });

  test('with the placeholder UID of the manifest, the owner is verifiably absent and the ConfigMap is collected at once', () => {
    const raw = decodeManifest(fs.readFileSync(path.join(EXAMPLES, 'configmap-owned-by-deployment.yaml'), 'utf8'), 'x').objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'default' } }));
    const sim = startSimulation(seedCluster(raw), [gcRunnable]);
    settle(sim);
    expect(storedObject(sim.cluster, 'ConfigMap', 'default', 'nginx-settings')).toBeUndefined();
    expect(storedObject(sim.cluster, 'Deployment', 'default', 'nginx-deployment')).toBeDefined();
  });
});

describe('owner references across namespaces (examples/cross-namespace-owner.yaml)', () => {
  test('the ConfigMap naming an owner in another namespace is deleted, with a warning; the Secret owned by a Node stays', () => {
    const sim = startSimulation(seedCluster(example('cross-namespace-owner.yaml')), [gcRunnable]);
    settle(sim);
    expect(storedObject(sim.cluster, 'ConfigMap', 'team-a', 'web-settings')).toBeUndefined();
    expect(storedObject(sim.cluster, 'Secret', 'team-a', 'node-a-credentials')).toBeDefined();
    const events = listObjects(sim.cluster.store, 'Event').items as (KubeObject & { reason?: string; involvedObject?: { name?: string } })[];
    expect(events.map((e) => [e.reason, e.involvedObject?.name])).toEqual([['OwnerRefInvalidNamespace', 'web-settings']]);
  });
});

// ---------------------------------------------------------------------------------------------
// The collector over generated ownership forests.
// ---------------------------------------------------------------------------------------------

/** What is left of `objects` (uid -> owner uids) once `root` is deleted with `mode`, when all settles. */
function expectedAfterDelete(objects: Map<string, string[]>, root: string, mode: Propagation): Map<string, string[]> {
  const doomed = new Set([root]);
  if (mode !== 'Orphan') {
    for (let grew = true; grew; ) {
      grew = false;
      for (const [uid, owners] of objects) {
        if (!doomed.has(uid) && owners.length > 0 && owners.every((o) => doomed.has(o))) {
          doomed.add(uid);
          grew = true;
        }
      }
    }
  }
  const left = new Map<string, string[]>();
  for (const [uid, owners] of objects) if (!doomed.has(uid)) left.set(uid, owners.filter((o) => !doomed.has(o)));
  return left;
}

/** The store's objects as uid -> owner uids. */
function graphOf(c: ClusterState): Map<string, string[]> {
  return new Map(storedGraph(c).map((o) => [o.metadata.uid ?? '', (o.metadata.ownerReferences ?? []).map((r) => r.uid)]));
}
const asSorted = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const forestGraph = (forest: ForestNode[]) => new Map(forest.map((n, i) => [seededUid(i), n.owners.map((o) => seededUid(o.index))]));

type Model = { graph: Map<string, string[]> };
type Real = { sim: Simulation };

const locate = (c: ClusterState, uid: string) => storedGraph(c).find((o) => o.metadata.uid === uid)!;
const aliveSorted = (model: Model) => [...model.graph.keys()].sort();
function checkModel(model: Model, real: Real, action: string): void {
  expect(asSorted(graphOf(real.sim.cluster)), `after ${action}: the objects left and their owners`).toEqual(asSorted(model.graph));
}

function deleteCommand(pick: number, mode: Propagation): fc.Command<Model, Real> {
  let label = `delete(#${pick}, ${mode})`;
  return {
    check: (model) => model.graph.size > 0,
    run: (model, real) => {
      const uid = aliveSorted(model)[pick % model.graph.size]!;
      const target = locate(real.sim.cluster, uid);
      label = `kubectl delete ${target.kind.toLowerCase()} ${target.metadata.name} --cascade=${mode.toLowerCase()}`;
      real.sim.cluster = deleteObjects(real.sim.cluster, [{ kind: target.kind, namespace: target.metadata.namespace ?? '', name: target.metadata.name }], mode).state;
      settle(real.sim);
      model.graph = expectedAfterDelete(model.graph, uid, mode);
      checkModel(model, real, label);
    },
    toString: () => label,
  };
}

function addOwnerCommand(pickDependent: number, pickOwner: number, block: boolean): fc.Command<Model, Real> {
  let label = `addOwnerReference(#${pickDependent}, #${pickOwner})`;
  return {
    check: (model) => model.graph.size > 1,
    run: (model, real) => {
      const uids = aliveSorted(model);
      const dependent = locate(real.sim.cluster, uids[pickDependent % uids.length]!);
      const reaches = (from: string, to: string): boolean => from === to || [...model.graph].some(([uid, owners]) => owners.includes(from) && reaches(uid, to));
      const candidates = uids
        .map((u) => locate(real.sim.cluster, u))
        .filter((o) => !(model.graph.get(dependent.metadata.uid!) ?? []).includes(o.metadata.uid!) && !reaches(dependent.metadata.uid!, o.metadata.uid!))
        .filter((o) => validOwnerFor({ kind: dependent.kind, namespace: dependent.metadata.namespace ?? '' }, { kind: o.kind, namespace: o.metadata.namespace ?? '' }));
      if (candidates.length === 0) return;
      const owner = candidates[pickOwner % candidates.length]!;
      label = `${dependent.metadata.name} gets an owner reference to ${owner.metadata.name} (blockOwnerDeletion: ${block})`;
      const reference: OwnerReference = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, blockOwnerDeletion: block };
      const updated = withMeta(dependent, { ownerReferences: [...(dependent.metadata.ownerReferences ?? []), reference] });
      real.sim.cluster = submit(real.sim.cluster, { type: 'update', object: updated, now: real.sim.cluster.now })[0];
      settle(real.sim);
      model.graph.set(dependent.metadata.uid!, [...(model.graph.get(dependent.metadata.uid!) ?? []), owner.metadata.uid!]);
      checkModel(model, real, label);
    },
    toString: () => label,
  };
}

function danglingCommand(pick: number): fc.Command<Model, Real> {
  let label = `addDanglingReference(#${pick})`;
  return {
    check: (model) => model.graph.size > 0,
    run: (model, real) => {
      const uid = aliveSorted(model)[pick % model.graph.size]!;
      const dependent = locate(real.sim.cluster, uid);
      label = `${dependent.metadata.name} gets an owner reference to a ReplicaSet that does not exist`;
      const ghost: OwnerReference = dependent.metadata.namespace ? { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: 'uid-ghost' } : { apiVersion: 'v1', kind: 'Node', name: 'ghost', uid: 'uid-ghost' };
      real.sim.cluster = submit(real.sim.cluster, { type: 'update', object: withMeta(dependent, { ownerReferences: [...(dependent.metadata.ownerReferences ?? []), ghost] }), now: real.sim.cluster.now })[0];
      settle(real.sim);
      // With another owner it only loses the bad reference; alone, it is garbage (deleted in the background).
      if ((model.graph.get(uid) ?? []).length === 0) model.graph = expectedAfterDelete(model.graph, uid, 'Background');
      checkModel(model, real, label);
    },
    toString: () => label,
  };
}

function recreateCommand(pick: number): fc.Command<Model, Real> {
  let label = `recreate(#${pick})`;
  return {
    check: (model) => model.graph.size > 0,
    run: (model, real) => {
      const uid = aliveSorted(model)[pick % model.graph.size]!;
      const target = locate(real.sim.cluster, uid);
      const namespace = target.metadata.namespace ?? '';
      label = `${target.kind.toLowerCase()} ${target.metadata.name} deleted and created again under the same name`;
      real.sim.cluster = deleteObjects(real.sim.cluster, [{ kind: target.kind, namespace, name: target.metadata.name }], 'Background').state;
      const [created, result] = submit(real.sim.cluster, createRequest(real.sim.cluster, prepareForCreate(bareObject(target.kind, namespace, target.metadata.name))));
      if (!result.ok) throw new Error(result.status.message);
      real.sim.cluster = created;
      settle(real.sim);
      model.graph = expectedAfterDelete(model.graph, uid, 'Background');
      model.graph.set(result.object.metadata.uid!, []);
      checkModel(model, real, label);
    },
    toString: () => label,
  };
}

const propagation = fc.constantFrom<Propagation>('Background', 'Foreground', 'Orphan');

describe('model: the collector over generated ownership forests', () => {
  test('whatever is deleted, re-created or re-owned, the settled cluster holds exactly what the cascading rules leave', () => {
    fc.assert(
      fc.property(
        ownershipForest(8),
        fc.commands(
          [
            fc.tuple(fc.nat(), propagation).map(([p, m]) => deleteCommand(p, m)),
            fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([d, o, b]) => addOwnerCommand(d, o, b)),
            fc.nat().map(danglingCommand),
            fc.nat().map(recreateCommand),
          ],
          { maxCommands: 6 },
        ),
        (forest, cmds) => {
          const setup = () => {
            const sim = startSimulation(seedCluster(forestObjects(forest)), [gcRunnable]);
            settle(sim);
            return { model: { graph: forestGraph(forest) }, real: { sim } };
          };
          fc.modelRun(setup, cmds);
        },
      ),
      runs(30),
    );
  });
});

describe('convergence under faults (eventually stable reconciliation)', () => {
  test('for any forest, root and mode, and any fault schedule: exactly the cascade is deleted, nothing else ever is, and a restart writes nothing', () => {
    fc.assert(
      fc.property(ownershipForest(8), fc.nat(), propagation, faultScheduleArbitrary(40, 6), fc.nat(1000), (forest, pick, mode, faults, seed) => {
        const rootIndex = pick % forest.length;
        const root = forestObjects(forest)[rootIndex]!;
        const initial = forestGraph(forest);
        const expected = expectedAfterDelete(initial, seededUid(rootIndex), mode);
        const result = simulate({
          objects: forestObjects(forest),
          runnables: [gcRunnable, { type: 'controller', controller: userDeletion({ kind: root.kind, namespace: root.metadata.namespace ?? '', name: forestName(forest, rootIndex) }, mode) }],
          faults,
          seed: seed + 1,
          invariants: {
            'objects outside the deleted tree are never deleted': survivorsNeverDeleted(expected.keys()),
            'an owner deleted in the foreground goes only after its blocking dependents': foregroundOwnersOutliveBlockingDependents(),
          },
        });
        const trace = `kubectl delete ${root.kind.toLowerCase()} ${root.metadata.name} --cascade=${mode.toLowerCase()}\n${formatTrace(result)}`;
        expect(result.violations, trace).toEqual([]);
        expect(result.stable, `not stable after recovery\n${trace}`).toBe(true);
        expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
        expect(asSorted(graphOf(result.cluster)), `what is left, and its owner references\n${trace}`).toEqual(asSorted(expected));
      }),
      runs(40),
    );
  });
});
