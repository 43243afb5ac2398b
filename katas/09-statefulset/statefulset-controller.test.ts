/**
 * Kata 09-statefulset-controller.
 *
 * Examples: upstream's TestStatefulSetControl CreatesPods (the first sync creates pod 0 and
 * records status), TestStatefulSetControlLimitsHistory, the adoption rules of
 * getPodsForStatefulSet (ClaimPods with the isMemberOf filter) and adoptOrphanRevisions,
 * inconsistentStatus and completeRollingUpdate (pkg/controller/statefulset/stateful_set.go,
 * stateful_set_control.go, stateful_set_utils.go, stateful_set_control_test.go), and the `web`
 * example of kubernetes.io "StatefulSets".
 *
 * Then a model-based test (scale, change the image, let pods become ready or fail, reconcile, in
 * any order) and fault properties run with `simulate`: safety checked after every write, and
 * eventually stable reconciliation once the faults stop. There is no kubelet in these tests;
 * a small fake one below binds pods, reports them Running and Ready a few seconds after they
 * are created, and finishes their graceful deletion.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import { inconsistentStatus, keysForObject, RETRY_SECONDS, statefulSetController, syncStatefulSet } from '@kata/09-statefulset/statefulset-controller';
import { getPersistentVolumeClaims, newStatefulSetPod } from '@kata/09-statefulset/identity';
import { newRevision } from '@kata/09-statefulset/revisions';
import type { KubeObject } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../core/api/types';
import { createRequest, submit, type ClusterState } from '../../core/cluster/state';
import { prepareForCreate } from '../../core/cluster/strategy';
import type { ControllerRevision } from '../../core/controllers/controller-revision';
import { STATEFULSET_REVISION_LABEL } from '../../core/controllers/statefulset-api';
import { atMostOnePodPerOrdinal, claimsNeverDeleted, orderedCreation, statefulSetNotConverged } from '../../core/controllers/statefulset.invariants';
import { after, nginxService, runningAndReady, webStatefulSet, withImage } from '../../core/controllers/statefulset-fixtures';
import { isFailed, isRunningAndReady, isTerminating } from '../../core/controllers/stateful-pod-status';
import { applyIntents, freshView } from '../../core/controllers/testing';
import { faultScheduleArbitrary, type Fault } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import type { Controller, Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const KINDS = ['StatefulSet', 'Pod', 'ControllerRevision', 'PersistentVolumeClaim'];
const KEY = 'default/web';
const ordinalOf = (name: string) => Number(name.slice(name.lastIndexOf('-') + 1));

// ---------------------------------------------------------------------------------------------
// Reading and changing a cluster
// ---------------------------------------------------------------------------------------------

const setOf = (cluster: ClusterState) => getObject(cluster.store, 'StatefulSet', 'default', 'web') as StatefulSet;
const podsOf = (cluster: ClusterState) =>
  (listObjects(cluster.store, 'Pod', 'default').items as Pod[]).filter((p) => /^web-\d+$/.test(p.metadata.name)).sort((a, b) => ordinalOf(a.metadata.name) - ordinalOf(b.metadata.name));
const claimsOf = (cluster: ClusterState) => (listObjects(cluster.store, 'PersistentVolumeClaim', 'default').items as PersistentVolumeClaim[]).map((c) => c.metadata.name).sort();
const revisionsOf = (cluster: ClusterState) => listObjects(cluster.store, 'ControllerRevision', 'default').items as ControllerRevision[];

/** One reconcile of the set on a freshly listed view, its writes applied. */
function reconcile(cluster: ClusterState): [ClusterState, Intent[]] {
  const intents = syncStatefulSet(freshView(cluster, KINDS), KEY);
  return [applyIntents(cluster, intents, 'statefulset-controller'), intents];
}

function write(cluster: ClusterState, type: 'update' | 'updateStatus', object: KubeObject): ClusterState {
  const [next, result] = submit(cluster, { type, object, now: cluster.now });
  if (!result.ok) throw new Error(result.status.message);
  return next;
}

function create(cluster: ClusterState, object: KubeObject): ClusterState {
  const [next, result] = submit(cluster, createRequest(cluster, prepareForCreate(object)));
  if (!result.ok) throw new Error(result.status.message);
  return next;
}

const changeSet = (cluster: ClusterState, change: (set: StatefulSet) => StatefulSet) => write(cluster, 'update', change(setOf(cluster)));
const withSpec = (set: StatefulSet, changes: Partial<StatefulSet['spec'] & object>): StatefulSet => ({ ...set, spec: { ...set.spec!, ...changes } });

/** What a kubelet does to one pod at once: bind it, then report it Running and Ready (since now). */
function makeReady(cluster: ClusterState, pod: Pod): ClusterState {
  let next = cluster;
  let current = pod;
  if (!current.spec?.nodeName) {
    next = write(next, 'update', { ...current, spec: { ...current.spec!, nodeName: 'node-1' } });
    current = getObject(next.store, 'Pod', 'default', pod.metadata.name) as Pod;
  }
  return write(next, 'updateStatus', runningAndReady(current, next.now));
}

/** Reconciles and readies every pod until nothing changes (at most `limit` rounds). */
function converge(cluster: ClusterState, limit = 60): ClusterState {
  let current = cluster;
  for (let i = 0; i < limit; i++) {
    const [next, intents] = reconcile(current);
    let ready = next;
    for (const pod of podsOf(next)) {
      if (isTerminating(pod)) ready = applyIntents(ready, [{ type: 'delete', kind: 'Pod', namespace: 'default', name: pod.metadata.name, gracePeriodSeconds: 0 }]);
      else if (!isRunningAndReady(pod) && !isFailed(pod)) ready = makeReady(ready, pod);
    }
    // Quiet: no write, nothing for the kubelet, and no wake-up asked for (minReadySeconds still running).
    const quiet = intents.every((i) => i.type === 'event') && ready === next;
    current = { ...ready, now: after(30, ready.now) };
    if (quiet) return current;
  }
  throw new Error(`the set did not converge: ${podsOf(current).map((p) => `${p.metadata.name}:${p.status?.phase}`).join(' ')}`);
}

const seedWeb = (set: StatefulSet = webStatefulSet()) => seedCluster([nginxService(), set]);
const describeWrites = (intents: Intent[]) =>
  intents.flatMap((i) => (i.type === 'create' || i.type === 'update' || i.type === 'updateStatus' ? [`${i.type} ${i.object.kind} ${i.object.metadata.name}`] : i.type === 'delete' ? [`delete ${i.kind} ${i.name}`] : []));

// ---------------------------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------------------------

describe('one reconcile', () => {
  test('the first reconcile of the web example records a revision, creates www-web-0 then web-0, and writes the status (CreatesPods)', () => {
    const [, intents] = reconcile(seedWeb());
    const [revision] = intents.flatMap((i) => (i.type === 'create' && i.object.kind === 'ControllerRevision' ? [i.object.metadata.name] : []));
    expect(revision, 'the revision is named web-<hash>').toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(describeWrites(intents)).toEqual([`create ControllerRevision ${revision}`, 'create PersistentVolumeClaim www-web-0', 'create Pod web-0', 'updateStatus StatefulSet web']);
    const status = intents.find((i) => i.type === 'updateStatus');
    expect(status?.type === 'updateStatus' && status.object.status).toEqual({
      observedGeneration: 1,
      replicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    });
  });

  test('the pod it creates is controlled by the set and labelled with the revision', () => {
    const [cluster, intents] = reconcile(seedWeb());
    const revision = intents.find((i) => i.type === 'create' && i.object.kind === 'ControllerRevision');
    const pod = podsOf(cluster)[0]!;
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', uid: setOf(cluster).metadata.uid, controller: true });
    expect(pod.metadata.labels?.[STATEFULSET_REVISION_LABEL]).toBe(revision?.type === 'create' ? revision.object.metadata.name : 'none');
  });

  test('the web example turns up to web-0..web-2, each with its own claim, and the status says 3 ready (kubernetes.io "StatefulSets")', () => {
    const cluster = converge(seedWeb());
    expect(podsOf(cluster).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(claimsOf(cluster)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(setOf(cluster).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, currentReplicas: 3 });
  });

  test('on a converged set a reconcile writes nothing', () => {
    const [, intents] = reconcile(converge(seedWeb()));
    expect(describeWrites(intents)).toEqual([]);
  });

  test('a deleted set needs nothing', () => {
    expect(syncStatefulSet(freshView(seedCluster([nginxService()]), KINDS), KEY)).toEqual([]);
  });

  test('a finished rolling update makes the update revision current in the status (completeRollingUpdate)', () => {
    const before = converge(seedWeb());
    const oldRevision = setOf(before).status?.currentRevision;
    const done = converge(changeSet(before, (s) => withImage(s, 'nginx:2')));
    const status = setOf(done).status!;
    expect(podsOf(done).map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:2', 'nginx:2', 'nginx:2']);
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status.currentRevision).not.toBe(oldRevision);
    expect(status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });
  });

  test('with a partition the update stops there and the current revision stays (TestStatefulSetControlRollingUpdateWithPartition)', () => {
    const before = converge(seedWeb(webStatefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } })));
    const done = converge(changeSet(before, (s) => withImage(s, 'nginx:2')));
    expect(podsOf(done).map((p) => p.spec?.containers[0]?.image)).toEqual(['registry.k8s.io/nginx-slim:0.24', 'registry.k8s.io/nginx-slim:0.24', 'nginx:2']);
    expect(setOf(done).status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1, currentRevision: setOf(before).status?.currentRevision });
  });

  test('the history keeps at most revisionHistoryLimit revisions besides the live ones (TestStatefulSetControlLimitsHistory)', () => {
    let cluster = converge(seedWeb(webStatefulSet({ revisionHistoryLimit: 2 })));
    for (let i = 0; i < 5; i++) {
      cluster = converge(changeSet(cluster, (s) => withImage(s, `nginx:${i}`)));
      expect(revisionsOf(cluster).length, `after update ${i}`).toBeLessThanOrEqual(2 + 2);
    }
  });

  test('a member orphan is adopted; a pod the set controls but whose name is not a member is released (getPodsForStatefulSet)', () => {
    let cluster = converge(seedWeb(webStatefulSet({ replicas: 1 })));
    const set = setOf(cluster);
    const orphan = newStatefulSetPod(webStatefulSet(), 5);
    const { ownerReferences: _refs, ...orphanMeta } = orphan.metadata;
    cluster = create(cluster, { ...orphan, metadata: orphanMeta });
    cluster = create(cluster, { ...orphan, metadata: { ...orphan.metadata, name: 'other-0', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid!, controller: true }] } });
    const [, intents] = reconcile(cluster);
    const updates = intents.flatMap((i) => (i.type === 'update' && i.object.kind === 'Pod' ? [i.object as Pod] : []));
    expect(updates.map((p) => [p.metadata.name, p.metadata.ownerReferences?.map((r) => r.uid) ?? []])).toEqual([
      ['other-0', []],
      ['web-5', [set.metadata.uid]],
    ]);
  });

  test('an orphaned revision matching the selector is adopted (adoptOrphanRevisions)', () => {
    const orphan = newRevision(webStatefulSet(), 1, 0);
    const cluster = seedCluster([nginxService(), webStatefulSet(), { ...orphan, metadata: { ...orphan.metadata, ownerReferences: undefined } }]);
    const [after, intents] = reconcile(cluster);
    expect(describeWrites(intents)[0]).toBe(`update ControllerRevision ${orphan.metadata.name}`);
    expect(revisionsOf(after).map((r) => r.metadata.ownerReferences?.[0]?.uid)).toEqual([setOf(cluster).metadata.uid]);
  });

  test('with minReadySeconds it asks to be woken when the next ready pod becomes available', () => {
    let cluster = seedWeb(webStatefulSet({ minReadySeconds: 10 }));
    [cluster] = reconcile(cluster);
    cluster = makeReady(cluster, podsOf(cluster)[0]!);
    cluster = { ...cluster, now: after(4, cluster.now) };
    const [, intents] = reconcile(cluster);
    expect(intents.filter((i) => i.type === 'requeueAfter')).toEqual([{ type: 'requeueAfter', key: KEY, seconds: 6 }]);
  });

  test(`a pass stopped by a claim being deleted is retried after ${RETRY_SECONDS} seconds`, () => {
    const claim = getPersistentVolumeClaims(webStatefulSet(), { metadata: { name: 'web-0' } })['www']!;
    let cluster = seedWeb();
    cluster = create(cluster, { ...claim, metadata: { ...claim.metadata, finalizers: ['kubernetes.io/pvc-protection'] } });
    cluster = applyIntents(cluster, [{ type: 'delete', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0' }]);
    const [, intents] = reconcile(cluster);
    expect(describeWrites(intents).filter((w) => w.includes('Pod'))).toEqual([]);
    expect(intents).toContainEqual({ type: 'requeueAfter', key: KEY, seconds: RETRY_SECONDS });
  });
});

describe('keys and status', () => {
  test('a pod wakes the set its controller reference names; an orphan wakes every set that selects it; revisions and claims wake nobody', () => {
    const cluster = converge(seedWeb(webStatefulSet({ replicas: 1 })));
    const view = freshView(cluster, KINDS);
    const pod = podsOf(cluster)[0]!;
    expect(keysForObject(pod, view)).toEqual([KEY]);
    expect(keysForObject({ ...pod, metadata: { ...pod.metadata, ownerReferences: [{ ...pod.metadata.ownerReferences![0]!, uid: 'another-web' }] } }, view), 'a set of that name but another UID').toEqual([]);
    expect(keysForObject({ ...pod, metadata: { ...pod.metadata, ownerReferences: undefined } }, view), 'an orphan').toEqual([KEY]);
    expect(keysForObject({ ...pod, metadata: { ...pod.metadata, ownerReferences: undefined, labels: { app: 'other' } } }, view), 'an orphan nobody selects').toEqual([]);
    expect(keysForObject(setOf(cluster), view)).toEqual([KEY]);
    expect(keysForObject(revisionsOf(cluster)[0]!, view)).toEqual([]);
  });

  test('a status is written when a count, a revision or a newer generation differs, not for the collision count alone (inconsistentStatus)', () => {
    const status = { observedGeneration: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'a', updateRevision: 'a', collisionCount: 0 };
    const set = { ...webStatefulSet(), status };
    expect(inconsistentStatus(set, status)).toBe(false);
    expect(inconsistentStatus(set, { ...status, collisionCount: 1 })).toBe(false);
    expect(inconsistentStatus(set, { ...status, observedGeneration: 3 })).toBe(true);
    expect(inconsistentStatus(set, { ...status, availableReplicas: 2 })).toBe(true);
    expect(inconsistentStatus(set, { ...status, updateRevision: 'b' })).toBe(true);
    expect(inconsistentStatus({ ...webStatefulSet(), status: { replicas: 0 } }, { ...status, replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 }), 'a first status').toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Safety invariants, checked after every write
// ---------------------------------------------------------------------------------------------

/** The safety invariants (core/controllers/statefulset.invariants.ts), fresh for one run. */
function safetyInvariants(): Record<string, (cluster: ClusterState) => boolean> {
  return {
    'never two active pods with the same ordinal': atMostOnePodPerOrdinal('default', 'web'),
    'with OrderedReady, pod N is created only while pods 0..N-1 are Running and Ready': orderedCreation('default', 'web'),
    'claims are never deleted under Retain': claimsNeverDeleted('default'),
  };
}

const violated = (invariants: Record<string, (cluster: ClusterState) => boolean>, cluster: ClusterState) =>
  Object.entries(invariants).flatMap(([name, holds]) => (holds(cluster) ? [] : [name]));

// ---------------------------------------------------------------------------------------------
// Model-based test: any interleaving of user, kubelet and controller actions
// ---------------------------------------------------------------------------------------------

/** What the user asked for: the model is deliberately this simple. */
type Model = { replicas: number; image: string; parallel: boolean };
type Real = { cluster: ClusterState; invariants: Record<string, (cluster: ClusterState) => boolean> };

const checkSafety = (r: Real) => expect(violated(r.invariants, r.cluster), 'broken invariants').toEqual([]);

const reconcileCommand: fc.Command<Model, Real> = {
  check: () => true,
  run: (m, r) => {
    const [next, intents] = reconcile(r.cluster);
    r.cluster = next;
    checkSafety(r);
    if (!m.parallel) {
      const pods = describeWrites(intents).filter((w) => w.endsWith('Pod') || w.includes(' Pod '));
      expect(pods.filter((w) => w.startsWith('create')).length, 'OrderedReady creates at most one pod per reconcile').toBeLessThanOrEqual(1);
      expect(pods.filter((w) => w.startsWith('delete')).length, 'OrderedReady deletes at most one pod per reconcile').toBeLessThanOrEqual(1);
    }
  },
  toString: () => 'reconcile',
};

const scaleCommand = (replicas: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    m.replicas = replicas;
    r.cluster = changeSet(r.cluster, (s) => withSpec(s, { replicas }));
  },
  toString: () => `scale to ${replicas}`,
});

const imageCommand = (image: string): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    m.image = image;
    r.cluster = changeSet(r.cluster, (s) => withImage(s, image));
  },
  toString: () => `set image ${image}`,
});

const kubeletCommand = (ordinal: number, action: 'ready' | 'fail' | 'finish'): fc.Command<Model, Real> => ({
  // At most one Failed pod at a time: two Failed condemned pods would halt an OrderedReady
  // scale-down for good, as upstream's does (kubernetes.io "Scale a StatefulSet").
  check: () => true,
  run: (_m, r) => {
    const pod = podsOf(r.cluster).find((p) => p.metadata.name === `web-${ordinal}`);
    if (!pod) return;
    if (action === 'finish' && isTerminating(pod)) r.cluster = applyIntents(r.cluster, [{ type: 'delete', kind: 'Pod', namespace: 'default', name: pod.metadata.name, gracePeriodSeconds: 0 }]);
    if (action === 'ready' && !isTerminating(pod) && !isFailed(pod) && !isRunningAndReady(pod)) r.cluster = makeReady(r.cluster, pod);
    if (action === 'fail' && !isTerminating(pod) && !podsOf(r.cluster).some(isFailed)) r.cluster = write(r.cluster, 'updateStatus', { ...pod, status: { ...pod.status, phase: 'Failed' } });
    checkSafety(r);
  },
  toString: () => `kubelet: ${action} web-${ordinal}`,
});

const tickCommand = (seconds: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (_m, r) => {
    r.cluster = { ...r.cluster, now: after(seconds, r.cluster.now) };
  },
  toString: () => `wait ${seconds}s`,
});

/** Lets controller and kubelet finish, then compares the cluster with the model. */
const convergeCommand: fc.Command<Model, Real> = {
  check: () => true,
  run: (m, r) => {
    r.cluster = converge(r.cluster);
    checkSafety(r);
    const pods = podsOf(r.cluster);
    expect(pods.map((p) => p.metadata.name), 'one pod per ordinal in range').toEqual(Array.from({ length: m.replicas }, (_, i) => `web-${i}`));
    expect(pods.map((p) => p.spec?.containers[0]?.image), 'every pod at the image asked for').toEqual(pods.map(() => m.image));
    expect(pods.every(isRunningAndReady), 'every pod Running and Ready').toBe(true);
    expect(setOf(r.cluster).status).toMatchObject({ replicas: m.replicas, readyReplicas: m.replicas, updatedReplicas: m.replicas });
    expect(statefulSetNotConverged(r.cluster, 'default', 'web')).toBeUndefined();
  },
  toString: () => 'converge',
};

describe('model-based', () => {
  test('under any interleaving of scaling, image changes, kubelet reports and reconciles, the invariants hold and the set converges to the model', () => {
    const commands = fc.commands(
      [
        fc.constant(reconcileCommand),
        fc.constant(reconcileCommand),
        fc.nat({ max: 4 }).map(scaleCommand),
        fc.constantFrom('nginx:1', 'nginx:2', 'nginx:3').map(imageCommand),
        fc.tuple(fc.nat({ max: 4 }), fc.constantFrom<'ready' | 'fail' | 'finish'>('ready', 'ready', 'finish', 'fail')).map(([n, a]) => kubeletCommand(n, a)),
        fc.constantFrom(1, 5, 30).map(tickCommand),
        fc.constant(convergeCommand),
      ],
      { maxCommands: 25 },
    );
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(0, 0, 5), commands, (parallel, minReadySeconds, cmds) => {
        const set = withImage(webStatefulSet({ replicas: 2, minReadySeconds, podManagementPolicy: parallel ? 'Parallel' : 'OrderedReady' }), 'nginx:1');
        const model: Model = { replicas: 2, image: 'nginx:1', parallel };
        const real: Real = { cluster: seedWeb(set), invariants: safetyInvariants() };
        fc.modelRun(() => ({ model, real }), [...cmds, convergeCommand]);
      }),
      runs(30),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Fault properties with the simulation runtime
// ---------------------------------------------------------------------------------------------

const START_SECONDS = 3;
const STOP_SECONDS = 2;

/**
 * A tiny fake kubelet: binds a new pod to node-1, reports it Running and Ready
 * START_SECONDS after it was created, and removes a terminating pod STOP_SECONDS after its
 * deletion was asked for. A pod named in `failFirst` fails instead, the first time (created
 * before `failUntil`).
 */
function fakeKubelet(failFirst: string[] = [], failUntil = ''): Controller {
  return {
    name: 'fake-kubelet',
    watches: ['Pod'],
    keysFor: (pod) => [`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`],
    reconcile: (view, key) => {
      const [namespace = '', name = ''] = key.split('/');
      const pod = view.get('Pod', namespace, name) as Pod | undefined;
      if (!pod) return [];
      const now = Date.parse(view.now);
      if (pod.metadata.deletionTimestamp !== undefined) {
        const asked = Date.parse(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
        const wait = (asked + STOP_SECONDS * 1000 - now) / 1000;
        return wait > 0 ? [{ type: 'requeueAfter', key, seconds: wait }] : [{ type: 'delete', kind: 'Pod', namespace, name, gracePeriodSeconds: 0 }];
      }
      if (!pod.spec?.nodeName) return [{ type: 'bind', namespace, name, uid: pod.metadata.uid, nodeName: 'node-1' }];
      if (isRunningAndReady(pod) || pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return [];
      const wait = (Date.parse(pod.metadata.creationTimestamp ?? view.now) + START_SECONDS * 1000 - now) / 1000;
      if (wait > 0) return [{ type: 'requeueAfter', key, seconds: wait }];
      const fails = failFirst.includes(name) && (pod.metadata.creationTimestamp ?? '') < failUntil;
      return [{ type: 'updateStatus', object: fails ? { ...pod, status: { ...pod.status, phase: 'Failed' } } : runningAndReady(pod, view.now) }];
    },
  };
}

/** A scenario: the web set, maybe already running `existing` pods at an older image, and what it should become. */
type Scenario = { replicas: number; existing: number; parallel: boolean; minReadySeconds: number; partition: number | undefined; updated: boolean };

const scenario: fc.Arbitrary<Scenario> = fc.record({
  replicas: fc.nat({ max: 3 }),
  existing: fc.nat({ max: 3 }),
  parallel: fc.boolean(),
  minReadySeconds: fc.constantFrom(0, 0, 5),
  partition: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
  updated: fc.boolean(),
});

/** The objects to seed: the Service, the set, and for existing pods their old revision (orphaned), claims and Running pods. */
function scenarioObjects(s: Scenario): { objects: KubeObject[]; set: StatefulSet; old: StatefulSet } {
  const strategy = s.partition === undefined ? {} : { updateStrategy: { type: 'RollingUpdate' as const, rollingUpdate: { partition: s.partition } } };
  const old = webStatefulSet({ replicas: s.replicas, minReadySeconds: s.minReadySeconds, podManagementPolicy: s.parallel ? 'Parallel' : 'OrderedReady', ...strategy });
  const set = s.updated ? withImage(old, 'nginx:2') : old;
  if (s.existing === 0) return { objects: [nginxService(), set], set, old };
  const revision = newRevision(old, 1, 0);
  const objects: KubeObject[] = [nginxService(), { ...set, status: { replicas: s.existing, currentRevision: revision.metadata.name, updateRevision: revision.metadata.name } }];
  objects.push({ ...revision, metadata: { ...revision.metadata, ownerReferences: undefined } });
  for (let i = 0; i < s.existing; i++) {
    const pod = newStatefulSetPod(old, i);
    const { ownerReferences: _refs, ...metadata } = pod.metadata;
    objects.push(...Object.values(getPersistentVolumeClaims(old, pod)));
    objects.push(runningAndReady({ ...pod, metadata: { ...metadata, labels: { ...metadata.labels, [STATEFULSET_REVISION_LABEL]: revision.metadata.name } }, spec: { ...pod.spec!, nodeName: 'node-1' } }, '2025-01-01T00:00:00Z'));
  }
  return { objects, set, old };
}

/** What a converged cluster must look like for the scenario; one message per difference. */
function convergenceProblems(cluster: ClusterState, s: Scenario, set: StatefulSet, old: StatefulSet): string[] {
  const notConverged = statefulSetNotConverged(cluster, 'default', 'web');
  const problems: string[] = notConverged === undefined ? [] : [notConverged];
  const pods = podsOf(cluster);
  const names = pods.map((p) => p.metadata.name);
  const wanted = Array.from({ length: s.replicas }, (_, i) => `web-${i}`);
  if (JSON.stringify(names) !== JSON.stringify(wanted)) problems.push(`pods ${JSON.stringify(names)}, expected ${JSON.stringify(wanted)}`);
  const updateName = newRevision(set, 1, 0).metadata.name;
  const currentName = s.existing > 0 ? newRevision(old, 1, 0).metadata.name : updateName;
  for (const pod of pods) {
    const expected = ordinalOf(pod.metadata.name) >= (s.partition ?? 0) ? updateName : currentName;
    if (pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] !== expected) problems.push(`${pod.metadata.name} at ${pod.metadata.labels?.[STATEFULSET_REVISION_LABEL]}, expected ${expected}`);
    if (!isRunningAndReady(pod) || isTerminating(pod)) problems.push(`${pod.metadata.name} is not Running and Ready`);
  }
  const status = setOf(cluster).status;
  if (status?.replicas !== s.replicas || status.readyReplicas !== s.replicas) problems.push(`status ${JSON.stringify(status)}`);
  if (status?.updateRevision !== updateName) problems.push(`status.updateRevision ${status?.updateRevision}, expected ${updateName}`);
  if ((s.partition ?? 0) === 0 && status?.currentRevision !== updateName) problems.push(`status.currentRevision ${status?.currentRevision}: a finished update makes ${updateName} current`);
  const claims = claimsOf(cluster);
  for (let i = 0; i < Math.max(s.replicas, s.existing); i++) if (!claims.includes(`www-web-${i}`)) problems.push(`claim www-web-${i} is missing`);
  return problems;
}

function runScenario(s: Scenario, faults: Fault[], kubelet = fakeKubelet()) {
  const { objects, set, old } = scenarioObjects(s);
  const result = simulate({
    objects,
    runnables: [
      { type: 'controller', controller: statefulSetController },
      { type: 'controller', controller: kubelet },
    ],
    faults,
    phaseSeconds: 300,
    invariants: safetyInvariants(),
  });
  return { result, problems: convergenceProblems(result.cluster, s, set, old) };
}

const report = (faults: Fault[], result: ReturnType<typeof simulate>, extra: string[] = []) =>
  [`faults: ${JSON.stringify(faults)}`, ...extra, ...result.violations, formatTrace(result, 60)].join('\n');

describe('under faults', () => {
  test('the safety invariants hold after every write, whatever watch events are lost, repeated, late or stale and whenever the controller crashes', () => {
    fc.assert(
      fc.property(scenario, faultScheduleArbitrary(50, 6), (s, faults) => {
        const { result } = runScenario(s, faults);
        expect(result.violations, report(faults, result)).toEqual([]);
      }),
      runs(25),
    );
  });

  test('once the faults stop, the set converges to replicas Running and Ready pods at the update revision (from the partition up), and a restart writes nothing', () => {
    fc.assert(
      fc.property(scenario, faultScheduleArbitrary(50, 6), (s, faults) => {
        const { result, problems } = runScenario(s, faults);
        expect(problems, report(faults, result, problems)).toEqual([]);
        expect(result.stable, report(faults, result, ['did not become stable'])).toBe(true);
        expect(result.writesAfterStable, report(faults, result, ['a restart wrote something'])).toBe(0);
      }),
      runs(25),
    );
  });

  test('pods that fail once are deleted and made again, and the set still converges with its invariants intact', () => {
    fc.assert(
      fc.property(scenario, fc.subarray(['web-0', 'web-1', 'web-2']), (s, failing) => {
        const { result, problems } = runScenario({ ...s, existing: 0 }, [], fakeKubelet(failing, '2025-01-01T00:00:30Z'));
        expect(result.violations, report([], result)).toEqual([]);
        expect(problems, report([], result, problems)).toEqual([]);
        expect(result.writesAfterStable, report([], result)).toBe(0);
      }),
      runs(10),
    );
  });
});
