/**
 * Kata 07-replicaset-controller.
 *
 * Examples follow upstream's pkg/controller/replicaset/replica_set_test.go
 * (TestSyncReplicaSetDoesNothing, TestDoNotPatchPodWithOtherControlRef, TestPatchPodFails,
 * TestDoNotAdoptOrCreateIfBeingDeleted, TestRelatedPodsLookup, TestPodControllerLookup,
 * TestUpdatePods) and the ReplicaSet page of kubernetes.io ("Isolating Pods from a
 * ReplicaSet", "Non-Template Pod acquisitions"), which are the two experiments of the seed
 * notes. The runtime tests run the controller next to a fake kubelet (core/controllers/testing).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { keysForObject, newBaseController, replicaSetController, syncReplicaSet } from '@kata/07-replicaset/replicaset-controller';
import type { KubeObject } from '../../core/api/meta';
import type { Pod, PodPhase, ReplicaSet } from '../../core/api/types';
import { submit, type ClusterState } from '../../core/cluster/state';
import { podFromShape, podShape, replicaSet, WEB_UID, webRef, webReplicaSet } from '../../core/controllers/arbitraries';
import { getControllerOf } from '../../core/controllers/owner-references';
import { isPodActive, isPodReady } from '../../core/controllers/pod-status';
import { replicaSetKind } from '../../core/controllers/replica-set-kind';
import { activeOwnedPods, allPods, applyIntents, createPod, fakeKubelet, firstSeededUid, freshView, seedOwnerAndPods, storedObject, withoutServerFields } from '../../core/controllers/testing';
import { faultScheduleArbitrary, type Fault } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Runnable, type Simulation } from '../../core/runtime/simulation';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const KEY = 'default/web';
const reconcile = (cluster: ClusterState, key = KEY) => syncReplicaSet(freshView(cluster, ['ReplicaSet', 'Pod']), key, replicaSetKind);
const writes = (intents: Intent[]) => intents.filter((i) => i.type !== 'requeueAfter');
const podWrites = (intents: Intent[]) => intents.filter((i) => i.type === 'create' || i.type === 'delete' || (i.type === 'update' && i.object.kind === 'Pod'));
const ofType = <T extends Intent['type']>(intents: Intent[], type: T) => intents.filter((i): i is Extract<Intent, { type: T }> => i.type === type);
const storedRs = (cluster: ClusterState) => storedObject(cluster, 'ReplicaSet', 'default', 'web') as ReplicaSet;

/** A pod in `default` with the given labels, owned by `web` unless `owned` is false. */
function webPod(name: string, options: { labels?: Record<string, string>; owned?: boolean; ref?: Pod['metadata']['ownerReferences']; nodeName?: string; phase?: PodPhase; ready?: boolean } = {}): Pod {
  const refs = options.ref ?? (options.owned === false ? undefined : [webRef]);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: options.labels ?? { app: 'web', tier: 'frontend' }, ...(refs && { ownerReferences: refs }) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(options.nodeName && { nodeName: options.nodeName }) },
    status: {
      phase: options.phase ?? 'Running',
      ...(options.ready !== false && (options.phase ?? 'Running') === 'Running' && { conditions: [{ type: 'Ready', status: 'True' as const, lastTransitionTime: '2025-01-01T00:00:00Z' }] }),
    },
  };
}

const plus = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** Runs the components until nothing is left to do (or 10 simulated minutes pass). */
function settle(sim: Simulation): void {
  runSimulation(sim, { until: plus(sim.cluster.now, 600), untilStable: true });
}

const withKubelet = (): Runnable[] => [
  { type: 'controller', controller: replicaSetController },
  { type: 'controller', controller: fakeKubelet },
];

/** A user's write, straight to the API server. */
function userWrite(sim: Simulation, request: Parameters<typeof submit>[1]): void {
  const [cluster, result] = submit(sim.cluster, request);
  if (!result.ok) throw new Error(result.status.message);
  sim.cluster = cluster;
}

describe('syncReplicaSet: examples', () => {
  test('a new ReplicaSet with 3 replicas and no pods creates 3 pods from its template, named <rs>- plus a suffix', () => {
    const cluster = seedOwnerAndPods(webReplicaSet(3), [], WEB_UID);
    const creates = ofType(reconcile(cluster), 'create');
    expect(creates).toHaveLength(3);
    const uid = storedRs(cluster).metadata.uid;
    for (const { object } of creates) {
      expect(object.metadata.generateName).toBe('web-');
      expect(object.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
      expect(object.metadata.ownerReferences).toEqual([{ ...webRef, uid }]);
    }
  });

  test('the first sync records status: no replicas yet, observedGeneration 1', () => {
    const cluster = seedOwnerAndPods(webReplicaSet(3), [], WEB_UID);
    const [status] = ofType(reconcile(cluster), 'updateStatus');
    expect(status?.object.status).toEqual({ replicas: 0, observedGeneration: 1 });
  });

  test('with as many pods as replicas and its status recorded, a sync does nothing (TestSyncReplicaSetDoesNothing)', () => {
    let cluster = seedOwnerAndPods(webReplicaSet(2), [webPod('a'), webPod('b')], WEB_UID);
    const first = reconcile(cluster);
    expect(podWrites(first), 'no pod to create or delete').toEqual([]);
    cluster = applyIntents(cluster, first);
    expect(reconcile(cluster)).toEqual([]);
  });

  test('a matching pod controlled by another controller is left alone, and 2 pods are created (TestDoNotPatchPodWithOtherControlRef)', () => {
    const other = { ...webRef, name: 'other', uid: 'uid-other' };
    const intents = reconcile(seedOwnerAndPods(webReplicaSet(2), [webPod('pod', { ref: [other] })], WEB_UID));
    expect(ofType(intents, 'create')).toHaveLength(2);
    expect(ofType(intents, 'update'), 'no patch of the other controller\'s pod').toEqual([]);
  });

  test('two matching orphans are adopted instead of creating pods (TestPatchPodFails)', () => {
    const intents = reconcile(seedOwnerAndPods(webReplicaSet(2), [webPod('pod1', { owned: false }), webPod('pod2', { owned: false })], WEB_UID));
    expect(ofType(intents, 'update').map((i) => i.object.metadata.name)).toEqual(['pod1', 'pod2']);
    expect(ofType(intents, 'create')).toEqual([]);
  });

  test('a ReplicaSet being deleted adopts nothing and creates nothing (TestDoNotAdoptOrCreateIfBeingDeleted)', () => {
    const rs = { ...webReplicaSet(2), metadata: { ...webReplicaSet(2).metadata, finalizers: ['foregroundDeletion'] } };
    let cluster = seedOwnerAndPods(rs, [webPod('pod1', { owned: false })], WEB_UID);
    [cluster] = submit(cluster, { type: 'delete', kind: 'ReplicaSet', namespace: 'default', name: 'web', now: cluster.now });
    expect(podWrites(reconcile(cluster))).toEqual([]);
  });

  test('surplus pods are deleted: 3 pods and 1 replica delete 2', () => {
    const intents = reconcile(seedOwnerAndPods(webReplicaSet(1), [webPod('a'), webPod('b'), webPod('c')], WEB_UID));
    expect(ofType(intents, 'delete')).toHaveLength(2);
  });

  test('pods that Succeeded or Failed, or are being deleted, do not count: all three are replaced and none is deleted', () => {
    let cluster = seedOwnerAndPods(webReplicaSet(3), [webPod('done', { phase: 'Succeeded' }), webPod('failed', { phase: 'Failed' }), webPod('leaving', { nodeName: 'node-a' })], WEB_UID);
    // A bound pod's deletion is graceful: it stays, with a deletionTimestamp, for 30 s.
    [cluster] = submit(cluster, { type: 'delete', kind: 'Pod', namespace: 'default', name: 'leaving', now: cluster.now });
    const intents = reconcile(cluster);
    expect(ofType(intents, 'create')).toHaveLength(3);
    expect(ofType(intents, 'delete')).toEqual([]);
  });

  test('a pod that lost its label is released and replaced in the same sync', () => {
    const intents = reconcile(seedOwnerAndPods(webReplicaSet(2), [webPod('a'), webPod('b', { labels: { tier: 'frontend' } })], WEB_UID));
    const [release] = ofType(intents, 'update');
    expect(release?.object.metadata.name).toBe('b');
    expect(release?.object.metadata.ownerReferences ?? []).toEqual([]);
    expect(ofType(intents, 'create')).toHaveLength(1);
  });

  test('with minReadySeconds 30, a pod ready for 10 s wakes the ReplicaSet again in 20 s', () => {
    let cluster = seedOwnerAndPods(webReplicaSet(1, 30), [], WEB_UID);
    cluster = createPod(cluster, { ...webPod('a', { ref: [{ ...webRef, uid: storedRs(cluster).metadata.uid ?? '' }] }), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: plus(cluster.now, -10) }] } });
    expect(ofType(reconcile(cluster), 'requeueAfter')).toEqual([{ type: 'requeueAfter', key: KEY, seconds: 20 }]);
  });

  test('a ReplicaSet that is not in the cache needs nothing', () => {
    expect(reconcile(seedCluster([]), 'default/gone')).toEqual([]);
  });

  test('a ReplicaSet whose selector does not convert is left alone', () => {
    const rs = webReplicaSet(3);
    const bad = { ...rs, spec: { ...rs.spec, selector: { matchExpressions: [{ key: 'app', operator: 'Foo' as 'In', values: ['web'] }] } } } as ReplicaSet;
    expect(reconcile(seedOwnerAndPods(bad, [], WEB_UID))).toEqual([]);
  });

  test('scale-down ranks by pods of sibling ReplicaSets (same Deployment) on the same node (TestRelatedPodsLookup)', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'uid-d', controller: true };
    const web = { ...webReplicaSet(1), metadata: { ...webReplicaSet(1).metadata, uid: undefined, ownerReferences: [deployment] } };
    const old = { ...webReplicaSet(0), metadata: { name: 'web-old', namespace: 'default', ownerReferences: [deployment] }, spec: { replicas: 0, selector: { matchLabels: { app: 'web-old' } } } };
    const cluster = seedCluster([withoutServerFields(web), old, webPod('on-a', { owned: false, nodeName: 'node-a' }), webPod('on-b', { owned: false, nodeName: 'node-b' }), webPod('sibling', { owned: false, labels: { app: 'web-old' }, nodeName: 'node-b' })] as KubeObject[]);
    expect(ofType(reconcile(cluster), 'delete').map((d) => d.name)).toEqual(['on-b']);
  });

  test('after the spec changes, status reports the new generation', () => {
    const sim = startSimulation(seedOwnerAndPods(webReplicaSet(2), [], WEB_UID), withKubelet());
    settle(sim);
    const rs = storedRs(sim.cluster);
    userWrite(sim, { type: 'update', object: { ...rs, spec: { ...rs.spec, replicas: 4 } } as KubeObject, now: sim.cluster.now });
    settle(sim);
    expect(storedRs(sim.cluster).status).toMatchObject({ replicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
  });
});

describe('keysForObject', () => {
  // Seeded lazily: nothing may run at collection time, or a stub would fail to load.
  const seeded = () => seedOwnerAndPods(webReplicaSet(1), [], WEB_UID);
  const keys = (o: KubeObject) => keysForObject(o, freshView(seeded(), ['ReplicaSet', 'Pod']), replicaSetKind);
  const uidOf = () => storedRs(seeded()).metadata.uid ?? '';

  test('a ReplicaSet wakes itself', () => {
    expect(keys(storedRs(seeded()))).toEqual([KEY]);
  });

  test('a pod wakes the ReplicaSet its controller reference names', () => {
    expect(keys(webPod('a', { ref: [{ ...webRef, uid: uidOf() }] }))).toEqual([KEY]);
  });

  test('a pod naming a ReplicaSet of that name but another UID wakes nothing (resolveControllerRef)', () => {
    expect(keys(webPod('a', { ref: [{ ...webRef, uid: 'uid-of-a-deleted-one' }] }))).toEqual([]);
  });

  test('a pod controlled by another kind wakes nothing, even with matching labels', () => {
    expect(keys(webPod('a', { ref: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: uidOf(), controller: true }] }))).toEqual([]);
  });

  test('an orphan wakes every ReplicaSet of its namespace whose selector matches it (TestPodControllerLookup)', () => {
    expect(keys(webPod('a', { owned: false }))).toEqual([KEY]);
    expect(keys({ ...webPod('a', { owned: false }), metadata: { ...webPod('a', { owned: false }).metadata, namespace: 'ns' } })).toEqual([]);
    expect(keys(webPod('a', { owned: false, labels: { app: 'db' } }))).toEqual([]);
  });

  test('an orphan without labels wakes nothing, and a ReplicaSet with an empty selector is never woken by orphans', () => {
    expect(keys(webPod('a', { owned: false, labels: {} }))).toEqual([]);
    const rs = webReplicaSet(1);
    const cluster = seedOwnerAndPods({ ...rs, spec: { ...rs.spec, selector: {} } } as ReplicaSet, [], WEB_UID);
    expect(keysForObject(webPod('a', { owned: false }), freshView(cluster, ['ReplicaSet', 'Pod']), replicaSetKind)).toEqual([]);
  });
});

describe('newBaseController', () => {
  test('the ReplicaSet controller watches ReplicaSets and Pods and reconciles them with syncReplicaSet', () => {
    const controller = newBaseController(replicaSetKind);
    expect(controller.name).toBe('replicaset-controller');
    expect(controller.watches).toEqual(['ReplicaSet', 'Pod']);
    const cluster = seedOwnerAndPods(webReplicaSet(2), [], WEB_UID);
    expect(controller.reconcile(freshView(cluster, controller.watches), KEY)).toEqual(reconcile(cluster));
  });
});

describe('the experiments of the seed notes (kubernetes.io "Isolating Pods from a ReplicaSet", "Non-Template Pod acquisitions")', () => {
  test('removing the label from a pod: the ReplicaSet releases it and creates a new pod; the old pod keeps running, orphaned', () => {
    const sim = startSimulation(seedOwnerAndPods(webReplicaSet(3), [], WEB_UID), withKubelet());
    settle(sim);
    const uid = storedRs(sim.cluster).metadata.uid ?? '';
    const [victim] = activeOwnedPods(sim.cluster, uid);
    if (!victim) throw new Error('the ReplicaSet should have created 3 pods');
    userWrite(sim, { type: 'update', object: { ...victim, metadata: { ...victim.metadata, labels: { tier: 'frontend' } } }, now: sim.cluster.now });
    settle(sim);
    const owned = activeOwnedPods(sim.cluster, uid);
    expect(owned, 'three pods again').toHaveLength(3);
    expect(owned.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
    const released = storedObject(sim.cluster, 'Pod', 'default', victim.metadata.name) as Pod;
    expect(released.metadata.ownerReferences ?? [], 'released: no owner any more').toEqual([]);
    expect(isPodActive(released) && isPodReady(released), 'still running').toBe(true);
  });

  test('giving a stray pod the matching label: the ReplicaSet adopts it and deletes one pod', () => {
    const sim = startSimulation(seedOwnerAndPods(webReplicaSet(3), [], WEB_UID), withKubelet());
    settle(sim);
    const uid = storedRs(sim.cluster).metadata.uid ?? '';
    sim.cluster = createPod(sim.cluster, webPod('stray', { owned: false, labels: { app: 'db' }, phase: 'Pending' }));
    settle(sim);
    expect(activeOwnedPods(sim.cluster, uid), 'a pod with other labels is not touched').toHaveLength(3);
    const stray = storedObject(sim.cluster, 'Pod', 'default', 'stray') as Pod;
    userWrite(sim, { type: 'update', object: { ...stray, metadata: { ...stray.metadata, labels: { app: 'web' } } }, now: sim.cluster.now });
    settle(sim);
    expect(activeOwnedPods(sim.cluster, uid), 'back to 3').toHaveLength(3);
    const matching = allPods(sim.cluster).filter((p) => isPodActive(p) && p.metadata.labels?.app === 'web');
    expect(matching, 'one of the 4 matching pods was deleted').toHaveLength(3);
  });
});

const EXAMPLES = path.join(import.meta.dirname, '..', '..', 'chapters', '07-replicaset', 'examples');

/** The objects of a chapter example, in namespace `default` (as `kubectl apply` would put them). */
function example(file: string): KubeObject[] {
  const decoded = decodeManifest(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
  if (decoded.errors.length > 0) throw new Error(decoded.errors.join('\n'));
  return decoded.objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'default' } }));
}

const frontendPods = (cluster: ClusterState) => allPods(cluster).filter((p) => isPodActive(p) && p.metadata.labels?.tier === 'frontend');

describe('kubernetes.io "Non-Template Pod acquisitions", with the chapter\'s example manifests', () => {
  test('bare pods with the frontend label, created after the ReplicaSet, are acquired and immediately terminated', () => {
    const sim = startSimulation(seedCluster(example('frontend.yaml')), withKubelet());
    settle(sim);
    for (const pod of example('pod-rs.yaml')) sim.cluster = createPod(sim.cluster, pod as Pod);
    settle(sim);
    expect(frontendPods(sim.cluster).map((p) => p.metadata.name)).not.toContain('pod1');
    expect(frontendPods(sim.cluster).map((p) => p.metadata.name)).not.toContain('pod2');
    expect(frontendPods(sim.cluster)).toHaveLength(3);
  });

  test('created before the ReplicaSet, the bare pods are acquired and it creates only one new pod', () => {
    const sim = startSimulation(seedCluster([...example('pod-rs.yaml'), ...example('frontend.yaml')]), withKubelet());
    settle(sim);
    const uid = storedObject(sim.cluster, 'ReplicaSet', 'default', 'frontend')?.metadata.uid ?? '';
    const owned = activeOwnedPods(sim.cluster, uid).map((p) => p.metadata.name);
    expect(owned).toHaveLength(3);
    expect(owned).toEqual(expect.arrayContaining(['pod1', 'pod2']));
  });
});

/** A cluster with a generated ReplicaSet and generated pods (none being deleted). */
const generatedCluster = fc
  .tuple(replicaSet(12), fc.array(podShape({ deleting: false, namespaces: ['default', 'other'] }), { maxLength: 8 }))
  .map(([rs, shapes]) => seedOwnerAndPods(rs, shapes.map((s, i) => podFromShape(`pod-${i}`, `u${i}`, s)), WEB_UID));

describe('idempotence', () => {
  test('a sync on the state its own intents produced creates, deletes, adopts and releases nothing', () => {
    fc.assert(
      fc.property(generatedCluster, (cluster) => {
        const after = applyIntents(cluster, reconcile(cluster));
        expect(podWrites(reconcile(after))).toEqual([]);
      }),
      runs(100),
    );
  });

  test('status catches up one sync later (it describes the pods seen, not the ones asked for), then a sync writes nothing', () => {
    fc.assert(
      fc.property(generatedCluster, (cluster) => {
        const once = applyIntents(cluster, reconcile(cluster));
        const twice = applyIntents(once, reconcile(once));
        expect(writes(reconcile(twice))).toEqual([]);
      }),
      runs(100),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: a user pokes at a running ReplicaSet; after each action the cluster settles.
// The model is the ReplicaSet's desired count and which pods the user took out of it.
// ---------------------------------------------------------------------------------------------

type Model = { replicas: number; isolated: Set<string> };
type Real = { sim: Simulation; uid: string };

function check(model: Model, real: Real): void {
  const cluster = real.sim.cluster;
  const owned = activeOwnedPods(cluster, real.uid);
  expect(owned, 'active owned pods = replicas').toHaveLength(model.replicas);
  for (const pod of owned) expect(pod.metadata.labels?.app, `${pod.metadata.name} is owned, so it matches`).toBe('web');
  for (const pod of allPods(cluster)) {
    if (!isPodActive(pod) || pod.metadata.labels?.app !== 'web') continue;
    expect(getControllerOf(pod)?.uid, `${pod.metadata.name} matches, so it is owned`).toBe(real.uid);
  }
  for (const name of model.isolated) {
    const pod = storedObject(cluster, 'Pod', 'default', name) as Pod | undefined;
    expect(pod && getControllerOf(pod), `${name} was isolated and stays an orphan`).toBeUndefined();
  }
  const status = (storedObject(cluster, 'ReplicaSet', 'default', 'web') as ReplicaSet).status;
  expect(status?.replicas, 'status.replicas').toBe(model.replicas);
}

const scaleTo = (n: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (model, real) => {
    const rs = storedRs(real.sim.cluster);
    userWrite(real.sim, { type: 'update', object: { ...rs, spec: { ...rs.spec, replicas: n } } as KubeObject, now: real.sim.cluster.now });
    settle(real.sim);
    model.replicas = n;
    check(model, real);
  },
  toString: () => `scaleTo(${n})`,
});

const isolate = (i: number): fc.Command<Model, Real> => ({
  check: (model) => model.replicas > 0,
  run: (model, real) => {
    const owned = activeOwnedPods(real.sim.cluster, real.uid);
    const pod = owned[i % owned.length] as Pod;
    userWrite(real.sim, { type: 'update', object: { ...pod, metadata: { ...pod.metadata, labels: { app: 'debug' } } }, now: real.sim.cluster.now });
    settle(real.sim);
    model.isolated.add(pod.metadata.name);
    check(model, real);
  },
  toString: () => `isolate(owned pod #${i})`,
});

const relabel = (i: number): fc.Command<Model, Real> => ({
  check: (model) => model.isolated.size > 0,
  run: (model, real) => {
    const name = [...model.isolated].sort()[i % model.isolated.size] as string;
    const pod = storedObject(real.sim.cluster, 'Pod', 'default', name) as Pod;
    userWrite(real.sim, { type: 'update', object: { ...pod, metadata: { ...pod.metadata, labels: { app: 'web' } } }, now: real.sim.cluster.now });
    settle(real.sim);
    model.isolated.delete(name);
    check(model, real);
  },
  toString: () => `giveBackLabel(isolated pod #${i})`,
});

const addStray = (n: number, matching: boolean): fc.Command<Model, Real> => ({
  check: () => true,
  run: (model, real) => {
    real.sim.cluster = createPod(real.sim.cluster, webPod(`stray-${n}-${real.sim.cluster.store.revision}`, { owned: false, labels: { app: matching ? 'web' : 'db' }, phase: 'Pending' }));
    settle(real.sim);
    check(model, real);
  },
  toString: () => `addStrayPod(${matching ? 'app=web' : 'app=db'})`,
});

const deletePod = (i: number): fc.Command<Model, Real> => ({
  check: (model) => model.replicas > 0,
  run: (model, real) => {
    const owned = activeOwnedPods(real.sim.cluster, real.uid);
    const pod = owned[i % owned.length] as Pod;
    userWrite(real.sim, { type: 'delete', kind: 'Pod', namespace: 'default', name: pod.metadata.name, now: real.sim.cluster.now });
    settle(real.sim);
    check(model, real);
  },
  toString: () => `deletePod(owned pod #${i})`,
});

const failPod = (i: number): fc.Command<Model, Real> => ({
  check: (model) => model.replicas > 0,
  run: (model, real) => {
    const owned = activeOwnedPods(real.sim.cluster, real.uid);
    const pod = owned[i % owned.length] as Pod;
    userWrite(real.sim, { type: 'updateStatus', object: { ...pod, status: { ...pod.status, phase: 'Failed' } }, now: real.sim.cluster.now });
    settle(real.sim);
    check(model, real);
  },
  toString: () => `podFails(owned pod #${i})`,
});

describe('model', () => {
  test('whatever a user does to its pods, a settled ReplicaSet owns exactly `replicas` active pods and every matching pod', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.commands(
          [
            fc.integer({ min: 0, max: 6 }).map(scaleTo),
            fc.nat().map(isolate),
            fc.nat().map(relabel),
            fc.tuple(fc.nat(), fc.boolean()).map(([n, m]) => addStray(n, m)),
            fc.nat().map(deletePod),
            fc.nat().map(failPod),
          ],
          { maxCommands: 12 },
        ),
        (initial, cmds) => {
          const setup = () => {
            const sim = startSimulation(seedOwnerAndPods(webReplicaSet(initial), [], WEB_UID), withKubelet());
            settle(sim);
            return { model: { replicas: initial, isolated: new Set<string>() }, real: { sim, uid: storedRs(sim.cluster).metadata.uid ?? '' } };
          };
          fc.modelRun(setup, cmds);
        },
      ),
      runs(25),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Convergence under faults (eventually stable reconciliation).
// ---------------------------------------------------------------------------------------------

/** Pods that may already exist when the controller starts: owned, orphaned, someone else's; freshly created. */
const preexisting = fc.array(podShape({ deleting: false, owners: ['none', 'web', 'other', 'web-not-controller'], namespaces: ['default', 'other'] }), { maxLength: 4 }).map((shapes) =>
  shapes.map((s, i) => {
    const pod = podFromShape(`old-${i}`, `o${i}`, s);
    return { ...pod, status: { phase: 'Pending' as const } };
  }),
);

/**
 * The most active pods the ReplicaSet may own at any moment under a fault schedule: the
 * safety invariant this design guarantees. A sync creates `replicas - (owned pods it sees)`,
 * so it overshoots only by pods its cache does not show: at most one per dropped or delayed
 * watch event, and for a sync that reads a stale cache at most `replicas` (it cannot create
 * more than that however little it sees). Adoption alone can start above `replicas` when more
 * matching pods already existed. Without faults the bound is max(replicas, those pods).
 */
function ownedBound(replicas: number, initiallyClaimable: number, faults: Fault[]): number {
  const count = (t: Fault['type']) => faults.filter((f) => f.type === t).length;
  return Math.max(initiallyClaimable, replicas + count('drop') + count('delay')) + count('stale') * replicas;
}

/**
 * Runs the ReplicaSet controller and the fake kubelet on `rs` and `pods` under `faults`, with
 * the bound of {@link ownedBound} checked after every write.
 */
function scenario(rs: ReplicaSet, pods: Pod[], faults: Fault[], seed = 1) {
  const uid = firstSeededUid(rs);
  const claimable = pods.filter((p) => p.metadata.namespace === 'default' && (getControllerOf(p)?.uid === WEB_UID || (!getControllerOf(p) && p.metadata.labels?.app === 'web'))).length;
  const bound = ownedBound(rs.spec?.replicas ?? 1, claimable, faults);
  const seeded = pods.map((p) => ({ ...p, metadata: { ...p.metadata, ownerReferences: p.metadata.ownerReferences?.map((r) => (r.uid === WEB_UID ? { ...r, uid } : r)) } }));
  const result = simulate({
    objects: [withoutServerFields(rs), ...seeded.map(withoutServerFields)],
    runnables: withKubelet(),
    faults,
    seed,
    invariants: { [`at most ${bound} active owned pods`]: (cluster) => activeOwnedPods(cluster, uid).length <= bound },
  });
  return { result, uid };
}

describe('convergence under faults', () => {
  test('without faults the ReplicaSet never owns more than `replicas` pods (or the matching pods it found already there)', () => {
    fc.assert(
      fc.property(replicaSet(20), preexisting, (rs, pods) => {
        // With no faults the bound checked after every write is max(replicas, claimable).
        const { result, uid } = scenario(rs, pods, []);
        expect(result.violations, formatTrace(result)).toEqual([]);
        expect(activeOwnedPods(result.cluster, uid)).toHaveLength(rs.spec?.replicas ?? 1);
      }),
      runs(30),
    );
  });

  test('a dropped watch event can hide a pod and cause one creation too many, which is scaled down once the pod is seen', () => {
    // Which delivery carries a pod's ADDED event depends on the runtime's order; try the first few.
    const outcomes = Array.from({ length: 12 }, (_, at) => {
      let most = 0;
      const rs = webReplicaSet(2);
      const uid = firstSeededUid(rs);
      const result = simulate({
        objects: [withoutServerFields(rs)],
        runnables: withKubelet(),
        faults: [{ type: 'drop', at }],
        invariants: { 'records the most owned pods': (c) => ((most = Math.max(most, activeOwnedPods(c, uid).length)), true) },
      });
      return { most, final: activeOwnedPods(result.cluster, uid).length };
    });
    expect(outcomes.some((o) => o.most === 3), 'some single drop makes it create a third pod').toBe(true);
    expect(outcomes.every((o) => o.most <= 3 && o.final === 2), 'never more than one extra, and always back to 2').toBe(true);
  });

  test('under any fault schedule the ReplicaSet ends with exactly `replicas` ready owned pods, stays there, and never owns more than the bound', () => {
    fc.assert(
      fc.property(replicaSet(20), preexisting, faultScheduleArbitrary(40, 6), fc.nat(1000), (rs, pods, faults, seed) => {
        const { result, uid } = scenario(rs, pods, faults, seed + 1);
        const trace = formatTrace(result);
        expect(result.violations, trace).toEqual([]);
        expect(result.stable, `not stable after recovery\n${trace}`).toBe(true);
        expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
        expect(activeOwnedPods(result.cluster, uid).length, trace).toBe(rs.spec?.replicas);
        const status = (storedObject(result.cluster, 'ReplicaSet', 'default', 'web') as ReplicaSet).status;
        expect(status, trace).toMatchObject({ replicas: rs.spec?.replicas ?? 0, observedGeneration: 1 });
        expect(status?.availableReplicas ?? 0, 'every replica ready and available').toBe(rs.spec?.replicas);
      }),
      runs(40),
    );
  });
});
