/**
 * Kata 09-update-statefulset.
 *
 * Examples: upstream's TestStatefulSetControl (CreatesPods, ScalesUp, ScalesDown, ReplacesPods,
 * RecreatesFailedPod, RecreatesSucceededPod, NewRevisionDeletePodFailure, RecreatesPVCForPendingPod,
 * each Monotonic and Burst), TestStatefulSetControlWithStartOrdinal,
 * TestStatefulSetControlRollingUpdate, TestStatefulSetControlRollingUpdateWithPartition,
 * TestStatefulSetControlOnDeleteUpdate and the invariants assertMonotonicInvariants /
 * assertBurstInvariants / checkClaimInvariants (pkg/controller/statefulset/
 * stateful_set_control_test.go), and the event messages of recordPodEvent/recordClaimEvent
 * (stateful_pod_control.go). The driver applies writes the way upstream's fake object manager
 * does: creates and deletes take effect at once.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeReplicaStatus, updateStatefulSet } from '@kata/09-statefulset/update-statefulset';
import { newRevision } from '@kata/09-statefulset/revisions';
import type { Pod, StatefulSet } from '../../core/api/types';
import type { ControllerRevision } from '../../core/controllers/controller-revision';
import { POD_INDEX_LABEL, STATEFULSET_REVISION_LABEL } from '../../core/controllers/statefulset-api';
import {
  after,
  applyWrites,
  emptyObjects,
  newStatefulSet,
  runningAndReady,
  T0,
  terminating,
  withImage,
  withPhase,
  type FakeObjects,
} from '../../core/controllers/statefulset-fixtures';
import { isFailed, isRunningAndReady, isSucceeded, isTerminating } from '../../core/controllers/stateful-pod-status';
import type { StatefulSetSyncResult } from '../../core/controllers/statefulset-types';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

/** One StatefulSet, its two revisions and the objects a pass sees. */
type World = { set: StatefulSet; current: ControllerRevision; update: ControllerRevision; objects: FakeObjects; now: string };

const burst = (set: StatefulSet): StatefulSet => ({ ...set, spec: { ...set.spec!, podManagementPolicy: 'Parallel' } });
const spec = (set: StatefulSet, changes: Partial<StatefulSet['spec'] & object>): StatefulSet => ({ ...set, spec: { ...set.spec!, ...changes } });
const ordinalOf = (name: string) => Number(name.slice(name.lastIndexOf('-') + 1));

/** A world where `set` is at one revision (or, given `previous`, is being updated from it). */
function world(set: StatefulSet, previous?: StatefulSet): World {
  const current = newRevision(previous ?? set, 1, 0);
  return { set, current, update: previous ? newRevision(set, 2, 0) : current, objects: emptyObjects(), now: T0 };
}

function pass(w: World): StatefulSetSyncResult {
  return updateStatefulSet({ set: w.set, currentRevision: w.current, updateRevision: w.update, collisionCount: 0, pods: Object.values(w.objects.pods), claims: w.objects.claims, now: w.now });
}

/** Runs one pass and applies its writes. */
function step(w: World): [World, StatefulSetSyncResult] {
  const result = pass(w);
  return [{ ...w, objects: applyWrites(w.objects, result.intents) }, result];
}

/** What a kubelet would do: finish terminating pods and make every other unfinished pod Running and Ready (since now). */
function kubelet(w: World): World {
  const pods = Object.fromEntries(
    Object.entries(w.objects.pods)
      .filter(([, pod]) => !isTerminating(pod))
      .map(([name, pod]) => [name, isRunningAndReady(pod) || finished(pod) ? pod : runningAndReady(pod, w.now)]),
  );
  return { ...w, objects: { ...w.objects, pods } };
}

/** Passes and kubelet rounds until neither has anything left to do (at most `limit` rounds). */
function settle(w: World, limit = 40): World {
  let current = w;
  for (let i = 0; i < limit; i++) {
    const [next, result] = step(current);
    current = kubelet(next);
    if (writes(result.intents).length === 0 && JSON.stringify(current.objects) === JSON.stringify(next.objects)) return current;
  }
  throw new Error(`no steady state after ${limit} passes: ${JSON.stringify(Object.keys(current.objects.pods))}`);
}

const writes = (intents: Intent[]) => intents.filter((i) => i.type !== 'event' && i.type !== 'requeueAfter');
const describeWrites = (intents: Intent[]) =>
  writes(intents).map((i) =>
    i.type === 'create' || i.type === 'update' || i.type === 'updateStatus' ? `${i.type} ${i.object.kind} ${i.object.metadata.name}` : i.type === 'delete' ? `delete ${i.kind} ${i.name}` : i.type,
  );
const podNames = (w: World) => Object.keys(w.objects.pods).sort((a, b) => ordinalOf(a) - ordinalOf(b));
const setPod = (w: World, name: string, change: (pod: Pod) => Pod): World => ({ ...w, objects: { ...w.objects, pods: { ...w.objects.pods, [name]: change(w.objects.pods[name]!) } } });
const imageOf = (pod: Pod | undefined) => pod?.spec?.containers[0]?.image;
const finished = (pod: Pod) => isFailed(pod) || isSucceeded(pod);

describe('creating pods', () => {
  test('OrderedReady creates one pod per pass, its claim first (TestStatefulSetControl CreatesPods/Monotonic)', () => {
    const [, result] = step(world(newStatefulSet(3)));
    expect(describeWrites(result.intents)).toEqual(['create PersistentVolumeClaim datadir-foo-0', 'create Pod foo-0']);
  });

  test('the next pod waits until the previous one is Running and Ready', () => {
    let [w] = step(world(newStatefulSet(3)));
    expect(describeWrites(pass(w).intents), 'foo-0 is Pending').toEqual([]);
    w = setPod(w, 'foo-0', (p) => withPhase(p, 'Running'));
    expect(describeWrites(pass(w).intents), 'foo-0 is Running but not Ready').toEqual([]);
    w = setPod(w, 'foo-0', (p) => runningAndReady(p));
    expect(describeWrites(pass(w).intents)).toEqual(['create PersistentVolumeClaim datadir-foo-1', 'create Pod foo-1']);
  });

  test('with minReadySeconds the next pod also waits until the previous one is available', () => {
    let [w] = step(world(spec(newStatefulSet(3), { minReadySeconds: 10 })));
    w = setPod(w, 'foo-0', (p) => runningAndReady(p, T0));
    expect(describeWrites(pass({ ...w, now: after(9) }).intents), 'ready for 9 s of 10').toEqual([]);
    expect(describeWrites(pass({ ...w, now: after(10) }).intents)).toEqual(['create PersistentVolumeClaim datadir-foo-1', 'create Pod foo-1']);
  });

  test('Parallel creates every missing pod in one pass (TestStatefulSetControl CreatesPods/Burst)', () => {
    const [, result] = step(world(burst(newStatefulSet(3))));
    expect(describeWrites(result.intents)).toEqual([0, 1, 2].flatMap((i) => [`create PersistentVolumeClaim datadir-foo-${i}`, `create Pod foo-${i}`]));
  });

  test('turned up, the set has 3 ready, updated pods with their pod-index labels (TestStatefulSetControl CreatesPods)', () => {
    const w = settle(world(newStatefulSet(3)));
    expect(podNames(w)).toEqual(['foo-0', 'foo-1', 'foo-2']);
    expect(pass(w).status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, availableReplicas: 3 });
    for (const name of podNames(w)) expect(w.objects.pods[name]?.metadata.labels?.[POD_INDEX_LABEL]).toBe(String(ordinalOf(name)));
  });

  test('scaling 3 to 4 adds foo-3 (TestStatefulSetControl ScalesUp)', () => {
    const w = settle(world(newStatefulSet(3)));
    const up = settle({ ...w, set: spec(w.set, { replicas: 4 }) });
    expect(podNames(up)).toEqual(['foo-0', 'foo-1', 'foo-2', 'foo-3']);
    expect(pass(up).status).toMatchObject({ replicas: 4, readyReplicas: 4, updatedReplicas: 4 });
  });

  test('ordinals start at spec.ordinals.start (TestStatefulSetControlWithStartOrdinal)', () => {
    const w = settle(world(spec(newStatefulSet(3), { ordinals: { start: 2 } })));
    expect(podNames(w)).toEqual(['foo-2', 'foo-3', 'foo-4']);
  });

  test('deleted pods come back with the same names and reuse their claims (TestStatefulSetControl ReplacesPods)', () => {
    const w = settle(world(newStatefulSet(5)));
    const claims = Object.keys(w.objects.claims).sort();
    const pods = { ...w.objects.pods };
    for (const name of ['foo-0', 'foo-2', 'foo-4']) delete pods[name];
    const back = settle({ ...w, objects: { ...w.objects, pods } });
    expect(podNames(back)).toEqual(['foo-0', 'foo-1', 'foo-2', 'foo-3', 'foo-4']);
    expect(Object.keys(back.objects.claims).sort(), 'no new claims').toEqual(claims);
  });

  test('creating a pod and its claim records the events upstream records', () => {
    const result = pass(world(newStatefulSet(1)));
    const events = result.intents.flatMap((i) => (i.type === 'event' ? [`${i.reason}: ${i.message}`] : []));
    expect(events).toEqual(['SuccessfulCreate: create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success', 'SuccessfulCreate: create Pod foo-0 in StatefulSet foo successful']);
  });
});

describe('repairing pods', () => {
  test.each(['Failed', 'Succeeded'] as const)('a %s pod is deleted, and made again on a later pass (TestStatefulSetControl RecreatesFailedPod, RecreatesSucceededPod)', (phase) => {
    let w = settle(world(newStatefulSet(3)));
    w = setPod(w, 'foo-0', (p) => withPhase(p, phase));
    let result: StatefulSetSyncResult;
    [w, result] = step(w);
    expect(describeWrites(result.intents), 'only the delete, in OrderedReady mode').toEqual(['delete Pod foo-0']);
    [w, result] = step(w);
    expect(describeWrites(result.intents)).toEqual(['create Pod foo-0']);
  });

  test('a finished pod that is already being deleted is not deleted again', () => {
    const w = setPod(settle(world(newStatefulSet(2))), 'foo-1', (p) => terminating(withPhase(p, 'Failed')));
    expect(describeWrites(pass(w).intents)).toEqual([]);
  });

  test('a pending pod whose claim is gone gets the claim again (TestStatefulSetControl RecreatesPVCForPendingPod)', () => {
    let [w] = step(world(newStatefulSet(1)));
    w = { ...w, objects: { ...w.objects, claims: {} } };
    expect(describeWrites(pass(w).intents)).toEqual(['create PersistentVolumeClaim datadir-foo-0']);
  });

  test('a claim that is being deleted stops the pod from being created, and the pass reports why', () => {
    const w = world(newStatefulSet(1));
    const claim = applyWrites(emptyObjects(), pass(w).intents).claims['datadir-foo-0']!;
    const result = pass({ ...w, objects: { pods: {}, claims: { 'datadir-foo-0': { ...claim, metadata: { ...claim.metadata, deletionTimestamp: T0 } } } } });
    expect(describeWrites(result.intents)).toEqual([]);
    expect(result.error).toContain('pvc datadir-foo-0 is being deleted');
  });

  test('a pod that lost its pod-name label gets it back (UpdateStatefulPod)', () => {
    const w = setPod(settle(world(newStatefulSet(2))), 'foo-1', (p) => {
      const { 'statefulset.kubernetes.io/pod-name': _dropped, ...labels } = p.metadata.labels ?? {};
      return { ...p, metadata: { ...p.metadata, labels } };
    });
    const [fixed, result] = step(w);
    expect(describeWrites(result.intents)).toEqual(['update Pod foo-1']);
    expect(fixed.objects.pods['foo-1']?.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'foo-1', [POD_INDEX_LABEL]: '1' });
  });

  test('pods whose ordinal cannot be read are ignored', () => {
    const w = settle(world(newStatefulSet(1)));
    const stray = { ...w.objects.pods['foo-0']!, metadata: { ...w.objects.pods['foo-0']!.metadata, name: 'foo-99999999999' } };
    expect(describeWrites(pass({ ...w, objects: { ...w.objects, pods: { ...w.objects.pods, [stray.metadata.name]: stray } } }).intents)).toEqual([]);
  });

  test('a set being deleted only reports its status', () => {
    const w = world({ ...newStatefulSet(3), metadata: { ...newStatefulSet(3).metadata, deletionTimestamp: T0 } });
    expect(pass(w).intents).toEqual([]);
  });
});

describe('scaling down', () => {
  test('OrderedReady deletes the highest ordinal first, one per pass, and keeps the claims (TestStatefulSetControl ScalesDown/Monotonic)', () => {
    let w = settle(world(newStatefulSet(3)));
    w = { ...w, set: spec(w.set, { replicas: 0 }) };
    const deleted: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const [next, result] = step(w);
      deleted.push(describeWrites(result.intents));
      w = next;
    }
    expect(deleted).toEqual([['delete Pod foo-2'], ['delete Pod foo-1'], ['delete Pod foo-0']]);
    expect(Object.keys(w.objects.claims).sort()).toEqual(['datadir-foo-0', 'datadir-foo-1', 'datadir-foo-2']);
    expect(pass(w).status).toMatchObject({ replicas: 0, readyReplicas: 0, updatedReplicas: 0 });
  });

  test('OrderedReady waits while a condemned pod is terminating', () => {
    const w = setPod(settle(world(newStatefulSet(3))), 'foo-2', (p) => terminating(p));
    expect(describeWrites(pass({ ...w, set: spec(w.set, { replicas: 1 }) }).intents)).toEqual([]);
  });

  test('OrderedReady deletes an unhealthy pod only if it is the first unhealthy one (processCondemned)', () => {
    const w = { ...settle(world(newStatefulSet(3))), set: spec(newStatefulSet(3), { replicas: 1 }) };
    const topSick = setPod(w, 'foo-2', (p) => withPhase(p, 'Running'));
    expect(describeWrites(pass(topSick).intents), 'foo-2 is the first unhealthy pod').toEqual(['delete Pod foo-2']);
    const bothSick = setPod(topSick, 'foo-1', (p) => withPhase(p, 'Running'));
    expect(describeWrites(pass(bothSick).intents), 'foo-1 is unhealthy first: foo-2 must wait').toEqual([]);
  });

  test('Parallel deletes every condemned pod at once (TestStatefulSetControl ScalesDown/Burst)', () => {
    const w = settle(world(burst(newStatefulSet(3))));
    expect(describeWrites(pass({ ...w, set: spec(w.set, { replicas: 0 }) }).intents).sort()).toEqual(['delete Pod foo-0', 'delete Pod foo-1', 'delete Pod foo-2']);
  });

  test('under whenScaled: Delete a condemned pod\'s claim gets the pod as owner before the pod goes (checkClaimInvariants)', () => {
    const set = spec(newStatefulSet(2), { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } });
    const w = { ...settle(world(set)), set: spec(set, { replicas: 1 }) };
    const result = pass(w);
    expect(describeWrites(result.intents)).toEqual(['update PersistentVolumeClaim datadir-foo-1', 'delete Pod foo-1']);
    const claim = applyWrites(w.objects, result.intents).claims['datadir-foo-1'];
    expect(claim?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'foo-1', uid: 'foo-1-uid', controller: true, blockOwnerDeletion: true }]);
  });

  test('under whenDeleted: Delete every claim gets the set as owner once its pod runs (checkClaimInvariants)', () => {
    const w = settle(world(spec(newStatefulSet(2), { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } })));
    for (const claim of Object.values(w.objects.claims)) {
      expect(claim.metadata.ownerReferences, claim.metadata.name).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'test', controller: true, blockOwnerDeletion: true }]);
    }
  });

  test('a claim still owned by the previous pod of that name holds the new pod back (PodClaimIsStale)', () => {
    const set = spec(newStatefulSet(1), { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } });
    const claim = { ...applyWrites(emptyObjects(), pass(world(set)).intents).claims['datadir-foo-0']! };
    const stale = { ...claim, metadata: { ...claim.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'foo-0', uid: 'old-uid', controller: true }] } };
    expect(describeWrites(pass({ ...world(set), objects: { pods: {}, claims: { 'datadir-foo-0': stale } } }).intents)).toEqual([]);
  });
});

describe('rolling updates', () => {
  const updating = (set: StatefulSet, image = 'foo'): World => {
    const w = settle(world(set));
    return { ...w, set: withImage(set, image), update: newRevision(withImage(set, image), 2, 0) };
  };

  test('the highest out-of-date pod is deleted first, and currentReplicas counts it gone (NewRevisionDeletePodFailure)', () => {
    const result = pass(updating(newStatefulSet(3)));
    expect(describeWrites(result.intents)).toEqual(['delete Pod foo-2']);
    expect(result.status).toMatchObject({ currentReplicas: 2, updatedReplicas: 0 });
  });

  test('every pod ends at the new image (TestStatefulSetControlRollingUpdate monotonic image update)', () => {
    const w = settle(updating(newStatefulSet(3)));
    expect(podNames(w).map((n) => imageOf(w.objects.pods[n]))).toEqual(['foo', 'foo', 'foo']);
    expect(pass(w).status).toMatchObject({ updatedReplicas: 3, currentReplicas: 0 });
  });

  test.each([
    ['monotonic image update and scale up', newStatefulSet(3), 5],
    ['monotonic image update and scale down', newStatefulSet(5), 3],
    ['burst image update and scale up', burst(newStatefulSet(3)), 5],
    ['burst image update and scale down', burst(newStatefulSet(5)), 3],
  ])('%s ends with every pod at the new image (TestStatefulSetControlRollingUpdate)', (_name, set, replicas) => {
    const w = updating(set);
    const done = settle({ ...w, set: spec(w.set, { replicas }) });
    expect(podNames(done).map((n) => imageOf(done.objects.pods[n]))).toEqual(Array.from({ length: replicas }, () => 'foo'));
  });

  test('the update waits for the last replaced pod to be ready', () => {
    let [w] = step(updating(newStatefulSet(3)));
    [w] = step(w);
    expect(imageOf(w.objects.pods['foo-2']), 'foo-2 was made again at the new revision').toBe('foo');
    expect(describeWrites(pass(w).intents), 'foo-2 is Pending').toEqual([]);
  });

  test('even Parallel sets are updated one pod at a time', () => {
    expect(describeWrites(pass(updating(burst(newStatefulSet(3)))).intents)).toEqual(['delete Pod foo-2']);
  });

  test.each([
    ['monotonic image update', newStatefulSet(3), 3],
    ['monotonic image update and scale up', newStatefulSet(3), 5],
    ['burst image update', burst(newStatefulSet(3)), 3],
    ['burst image update and scale up', burst(newStatefulSet(3)), 5],
  ])('with partition 2, %s leaves ordinals 0 and 1 at the old image (TestStatefulSetControlRollingUpdateWithPartition)', (_name, set, replicas) => {
    const partitioned = spec(set, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const w = updating(partitioned);
    const done = settle({ ...w, set: spec(w.set, { replicas }) });
    expect(podNames(done).map((n) => imageOf(done.objects.pods[n]))).toEqual(['nginx', 'nginx', ...Array.from({ length: replicas - 2 }, () => 'foo')]);
  });

  test('OnDelete never deletes for an update, and a pod deleted by hand comes back new (TestStatefulSetControlOnDeleteUpdate)', () => {
    const onDelete = spec(newStatefulSet(3), { updateStrategy: { type: 'OnDelete' } });
    let w = settle(updating(onDelete));
    expect(podNames(w).map((n) => imageOf(w.objects.pods[n]))).toEqual(['nginx', 'nginx', 'nginx']);
    const pods = { ...w.objects.pods };
    delete pods['foo-1'];
    w = settle({ ...w, objects: { ...w.objects, pods } });
    expect(podNames(w).map((n) => imageOf(w.objects.pods[n]))).toEqual(['nginx', 'foo', 'nginx']);
  });
});

describe('status', () => {
  test('replicas counts created pods, terminating ones too; current and updated skip terminating pods (computeReplicaStatus)', () => {
    const w = settle(world(newStatefulSet(3)));
    const [p0, p1, p2] = podNames(w).map((n) => w.objects.pods[n]!) as [Pod, Pod, Pod];
    const rev = w.current.metadata.name;
    const pods = [p0, terminating(p1), withPhase(p2, 'Pending'), { ...p0, metadata: { ...p0.metadata, name: 'foo-3' }, status: undefined }];
    expect(computeReplicaStatus(pods, 0, T0, rev, 'other')).toEqual({ replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 0 });
  });

  test('availableReplicas counts pods ready for minReadySeconds', () => {
    const w = settle(world(newStatefulSet(2)));
    const pods = [runningAndReady(w.objects.pods['foo-0']!, T0), runningAndReady(w.objects.pods['foo-1']!, after(5))];
    expect(computeReplicaStatus(pods, 10, after(12), 'a', 'b')).toMatchObject({ readyReplicas: 2, availableReplicas: 1 });
  });

  test('the status names both revisions and the observed generation', () => {
    const w = updating0();
    expect(pass(w).status).toMatchObject({ observedGeneration: 4, currentRevision: w.current.metadata.name, updateRevision: w.update.metadata.name, collisionCount: 0 });
  });

  function updating0(): World {
    const set = { ...newStatefulSet(1), metadata: { ...newStatefulSet(1).metadata, generation: 4 } };
    return world(withImage(set, 'foo'), set);
  }
});

describe('properties', () => {
  type PodState = 'missing' | 'pending' | 'running' | 'ready' | 'terminating' | 'failed';
  const podState = fc.constantFrom<PodState>('missing', 'pending', 'running', 'ready', 'ready', 'terminating', 'failed');
  const scenario = fc.record({
    replicas: fc.nat({ max: 5 }),
    states: fc.array(podState, { minLength: 6, maxLength: 6 }),
    parallel: fc.boolean(),
    partition: fc.option(fc.nat({ max: 5 }), { nil: undefined }),
    oldRevision: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    updated: fc.boolean(),
  });

  // Six turned-up pods and their claims, made once (the pods differ only in their labels below).
  let six: World | undefined;
  const sixPods = () => (six ??= settle(world(spec(newStatefulSet(6), { podManagementPolicy: 'Parallel' }))));

  /** A world built from a scenario: pods 0..5 in the given states, some at the old revision. */
  function fromScenario(s: typeof scenario extends fc.Arbitrary<infer T> ? T : never): World {
    const base = spec(newStatefulSet(s.replicas), {
      podManagementPolicy: s.parallel ? 'Parallel' : 'OrderedReady',
      ...(s.partition !== undefined && { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: s.partition } } }),
    });
    const set = s.updated ? withImage(base, 'foo') : base;
    let w = world(set, s.updated ? base : undefined);
    const full = sixPods();
    const pods: Record<string, Pod> = {};
    s.states.forEach((state, i) => {
      const original = full.objects.pods[`foo-${i}`]!;
      const labelled = { ...original, metadata: { ...original.metadata, labels: { ...original.metadata.labels, [STATEFULSET_REVISION_LABEL]: s.oldRevision[i] ? w.current.metadata.name : w.update.metadata.name } } };
      const pod = { pending: withPhase(labelled, 'Pending'), running: withPhase(labelled, 'Running'), ready: labelled, terminating: terminating(labelled), failed: withPhase(labelled, 'Failed'), missing: undefined }[state];
      if (pod) pods[pod.metadata.name] = pod;
    });
    w = { ...w, objects: { pods, claims: full.objects.claims } };
    return w;
  }

  test('OrderedReady creates a pod only when every lower ordinal is Running, Ready and not terminating, and at most one per pass (assertMonotonicInvariants)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = fromScenario({ ...s, parallel: false });
        const created = writes(pass(w).intents).flatMap((i) => (i.type === 'create' && i.object.kind === 'Pod' ? [ordinalOf(i.object.metadata.name)] : []));
        expect(created.length, 'creates per pass').toBeLessThanOrEqual(1);
        for (const n of created) {
          for (let lower = 0; lower < n; lower++) {
            const pod = w.objects.pods[`foo-${lower}`];
            expect(pod !== undefined && isRunningAndReady(pod) && !isTerminating(pod), `foo-${n} created while foo-${lower} is not Running and Ready`).toBe(true);
          }
        }
      }),
      runs(300),
    );
  });

  test('OrderedReady deletes at most one pod per pass; no pass ever deletes a claim', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = fromScenario(s);
        const intents = writes(pass(w).intents);
        expect(intents.filter((i) => i.type === 'delete' && i.kind === 'PersistentVolumeClaim')).toEqual([]);
        if (!s.parallel) expect(intents.filter((i) => i.type === 'delete').length).toBeLessThanOrEqual(1);
      }),
      runs(300),
    );
  });

  test('a pod is only ever created after the claims it mounts exist or are created before it', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, dropClaims) => {
        const w0 = fromScenario(s);
        const w = dropClaims ? { ...w0, objects: { ...w0.objects, claims: {} } } : w0;
        const seen = new Set(Object.keys(w.objects.claims));
        for (const intent of writes(pass(w).intents)) {
          if (intent.type === 'create' && intent.object.kind === 'PersistentVolumeClaim') seen.add(intent.object.metadata.name);
          if (intent.type === 'create' && intent.object.kind === 'Pod') expect(seen.has(`datadir-${intent.object.metadata.name}`), intent.object.metadata.name).toBe(true);
        }
      }),
      runs(200),
    );
  });

  test('a rolling update never deletes a healthy pod below the partition', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const w = fromScenario({ ...s, updated: true });
        const partition = s.partition ?? 0;
        for (const intent of writes(pass(w).intents)) {
          if (intent.type !== 'delete' || intent.kind !== 'Pod') continue;
          const n = ordinalOf(intent.name);
          const pod = w.objects.pods[intent.name]!;
          const reason = n >= s.replicas ? 'scale-down' : pod.status?.phase === 'Failed' ? 'failed' : n >= partition ? 'update' : 'below the partition';
          expect(reason, `deleted ${intent.name}`).not.toBe('below the partition');
        }
      }),
      runs(300),
    );
  });

  // A Failed pod never becomes healthy again, and OrderedReady scale-down halts behind an
  // unhealthy pod that is not the first unhealthy one (kubernetes.io "Scale a StatefulSet": you
  // cannot scale down while a pod is unhealthy; issue #36333), so condemned pods here are not Failed.
  test('from any start, passes and a kubelet reach replicas ready pods, at the update revision from the partition up, and a last pass writes nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const states = s.states.map((state, i) => (state === 'failed' && i >= s.replicas && !s.parallel ? 'pending' : state));
        const w = settle(fromScenario({ ...s, states, updated: true }), 60);
        const names = podNames(w);
        expect(names).toEqual(Array.from({ length: s.replicas }, (_, i) => `foo-${i}`));
        for (const name of names) {
          const pod = w.objects.pods[name]!;
          const n = ordinalOf(name);
          if (n >= (s.partition ?? 0)) expect(pod.metadata.labels?.[STATEFULSET_REVISION_LABEL], name).toBe(w.update.metadata.name);
          expect(isRunningAndReady(pod), name).toBe(true);
        }
        expect(writes(pass(w).intents)).toEqual([]);
      }),
      runs(150),
    );
  });
});
