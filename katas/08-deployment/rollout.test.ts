/**
 * Kata 08-deployment-controller, part three: the strategies.
 *
 * Tables: TestScaleDownOldReplicaSets and TestOldPodsRunning in pkg/controller/deployment/
 * recreate_test.go. The other examples restate rolling.go ("scale up, if we can", then
 * "scale down, if we can", cleanup only when complete), recreate.go (old first, wait for old
 * pods, then the new ReplicaSet at full size), sync.go's sync (paused: no new ReplicaSet,
 * proportional scaling) and scaleReplicaSet's event text ("Scaled %s replica set %s from %d to %d").
 */
import { describe, expect, test } from 'vitest';
import { applyScales, isScalingEvent, oldPodsRunning, rolloutRecreate, rolloutRolling, scaleReplicaSet, sync, syncRolloutStatus } from '@kata/08-deployment/rollout';
import type { Deployment, Pod, ReplicaSet } from '../../core/api/types';
import { defaultDeployment } from '../../core/controllers/deployment-defaults';
import { deploymentRef, newDeployment, newRSWithStatus } from '../../core/controllers/deployment-fixtures';
import { startPlan, writeReplicaSet, type SyncPlan } from '../../core/controllers/deployment-plan';
import type { PodMap } from '../../core/controllers/deployment-types';
import type { Intent } from '../../core/runtime/types';

const NOW = '2025-03-01T12:00:00Z';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const nothingTaken = () => undefined;

const planFor = (d: Deployment): SyncPlan => startPlan(defaultDeployment(d), d, NOW);
const writes = (plan: SyncPlan) => plan.intents.filter((i) => i.type !== 'event');
const events = (plan: SyncPlan) => plan.intents.filter((i): i is Extract<Intent, { type: 'event' }> => i.type === 'event').map((e) => e.message);
const sizes = (plan: SyncPlan) =>
  Object.fromEntries(plan.intents.flatMap((i) => (i.type === 'create' || i.type === 'update' ? [[`${i.type} ${i.object.metadata.name}`, (i.object as ReplicaSet).spec?.replicas]] : [])));

/** A Deployment `foo` selecting foo=bar, running `image`. */
const foo = (replicas: number, image: string, options: { maxSurge?: number; maxUnavailable?: number } = {}): Deployment => {
  const d = newDeployment('foo', replicas, { selector: { foo: 'bar' }, ...options });
  d.spec!.template.spec!.containers[0]!.image = image;
  return d;
};
/** A ReplicaSet of `d` running `image`, with `replicas` wanted and `available` of them available. */
const owned = (d: Deployment, name: string, image: string, replicas: number, available = replicas, created = '2025-01-01T00:00:00Z'): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: created, labels: { foo: 'bar', 'pod-template-hash': name }, ownerReferences: [deploymentRef(d)] },
  spec: {
    replicas,
    selector: { matchLabels: { foo: 'bar', 'pod-template-hash': name } },
    template: { metadata: { labels: { foo: 'bar', 'pod-template-hash': name } }, spec: { containers: [{ name: 'foo', image }] } },
  },
  status: { replicas, readyReplicas: available, availableReplicas: available },
});
const withRevision = (rs: ReplicaSet, revision: string): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, 'deployment.kubernetes.io/revision': revision } } });
const annotated = (rs: ReplicaSet, desired: number, max: number): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, [DESIRED]: String(desired), [MAX]: String(max) } } });

describe('scaleReplicaSet', () => {
  const d = foo(5, 'v1', { maxSurge: 1, maxUnavailable: 1 });

  test("writes the new size with the Deployment's current sizes and records the scale-up", () => {
    const { plan, scaled } = scaleReplicaSet(planFor(d), owned(d, 'foo-1', 'v1', 1), 3);
    expect(scaled).toBe(true);
    const [write] = writes(plan) as Extract<Intent, { type: 'update' }>[];
    expect((write!.object as ReplicaSet).spec?.replicas).toBe(3);
    expect(write!.object.metadata.annotations).toMatchObject({ [DESIRED]: '5', [MAX]: '6' });
    expect(events(plan)).toEqual(['Scaled up replica set foo-1 from 1 to 3']);
  });

  test('records a scale-down as down', () => {
    expect(events(scaleReplicaSet(planFor(d), owned(d, 'foo-1', 'v1', 4), 2).plan)).toEqual(['Scaled down replica set foo-1 from 4 to 2']);
  });

  test('refreshes stale size annotations without an event, and without counting as scaled', () => {
    const { plan, scaled } = scaleReplicaSet(planFor(d), annotated(owned(d, 'foo-1', 'v1', 3), 4, 5), 3);
    expect(scaled).toBe(false);
    expect(writes(plan)).toHaveLength(1);
    expect(events(plan)).toEqual([]);
  });

  test('writes nothing when size and annotations are right', () => {
    const { plan } = scaleReplicaSet(planFor(d), annotated(owned(d, 'foo-1', 'v1', 3), 5, 6), 3);
    expect(plan.intents).toEqual([]);
  });

  test('a ReplicaSet already written in this sync is written once, with both changes', () => {
    const rs = owned(d, 'foo-1', 'v1', 1);
    const relabelled = { ...rs, metadata: { ...rs.metadata, labels: { ...rs.metadata.labels, extra: 'yes' } } };
    const { plan } = applyScales(writeReplicaSet(planFor(d), relabelled), [{ replicaSet: rs, newScale: 2 }]);
    const all = writes(plan) as Extract<Intent, { type: 'update' }>[];
    expect(all).toHaveLength(1);
    expect(all[0]!.object.metadata.labels?.extra).toBe('yes');
    expect((all[0]!.object as ReplicaSet).spec?.replicas).toBe(2);
  });
});

describe('oldPodsRunning', () => {
  const d = newDeployment('foo', 1, { selector: { foo: 'bar' } });
  const withUid = (uid: string) => owned(d, `foo-${uid}`, 'v1', 0);
  const pod = (phase?: Pod['status'] extends infer S ? (S extends { phase?: infer P } ? P : never) : never): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, ...(phase && { status: { phase } }) });
  // TestOldPodsRunning
  test.each<[string, ReplicaSet[], PodMap, boolean]>([
    ['no old RSs', [], {}, false],
    ['old RSs with running pods', [withUid('some-uid'), withUid('other-uid')], { 'some-uid': [pod(), pod()], 'other-uid': [pod(), pod()] }, true],
    ['old RSs without pods but with non-zero status replicas', [newRSWithStatus('rs-1', 0, 1)], {}, true],
    ['old RSs without pods or non-zero status replicas', [newRSWithStatus('rs-1', 0, 0)], {}, false],
    ['old RSs with zero status replicas but pods in terminal state are present', [newRSWithStatus('rs-1', 0, 0)], { 'uid-1': [pod('Failed'), pod('Succeeded')] }, false],
    ['old RSs with zero status replicas but pod in unknown phase present', [newRSWithStatus('rs-1', 0, 0)], { 'uid-1': [pod('Unknown')] }, true],
    ['old RSs with zero status replicas with pending pod present', [newRSWithStatus('rs-1', 0, 0)], { 'uid-1': [pod('Pending')] }, true],
    ['old RSs with zero status replicas with running pod present', [newRSWithStatus('rs-1', 0, 0)], { 'uid-1': [pod('Running')] }, true],
    [
      'old RSs with zero status replicas but pods in terminal state and pending are present',
      [newRSWithStatus('rs-1', 0, 0)],
      { 'uid-1': [pod('Failed'), pod('Succeeded')], 'uid-2': [], 'uid-3': [pod('Pending')] },
      true,
    ],
  ])('%s', (_name, oldRSs, podMap, expected) => {
    expect(oldPodsRunning(undefined, oldRSs, podMap)).toBe(expected);
  });

  test("the new ReplicaSet's pods do not count", () => {
    const newRS = withUid('new');
    expect(oldPodsRunning(newRS, [], { 'uid-foo-new': [pod('Running')] })).toBe(false);
  });
});

describe('rolloutRecreate', () => {
  // TestScaleDownOldReplicaSets: one old ReplicaSet of 3 goes to 0.
  test('scales every active old ReplicaSet to 0 first, and creates nothing in that sync', () => {
    const d = { ...foo(3, 'v2'), spec: { ...foo(3, 'v2').spec!, strategy: { type: 'Recreate' as const } } };
    const old = owned(d, 'foo-0', 'v1', 3);
    const plan = rolloutRecreate(planFor(d), [old], {}, nothingTaken);
    expect(sizes(plan)).toEqual({ 'update foo-0': 0 });
  });

  test('waits while an old pod is still running, even one being deleted', () => {
    const d = { ...foo(3, 'v2'), spec: { ...foo(3, 'v2').spec!, strategy: { type: 'Recreate' as const } } };
    const old = owned(d, 'foo-0', 'v1', 0, 0);
    const terminating: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'foo-0-a', deletionTimestamp: NOW }, status: { phase: 'Running' } };
    const plan = rolloutRecreate(planFor(d), [old], { 'uid-foo-0': [terminating] }, nothingTaken);
    expect(sizes(plan)).toEqual({});
  });

  test('creates the new ReplicaSet at full size once no old pod runs', () => {
    const d = { ...foo(3, 'v2'), spec: { ...foo(3, 'v2').spec!, strategy: { type: 'Recreate' as const } } };
    const old = owned(d, 'foo-0', 'v1', 0, 0);
    const plan = rolloutRecreate(planFor(d), [old], { 'uid-foo-0': [] }, nothingTaken);
    const creates = plan.intents.filter((i) => i.type === 'create').map((i) => (i.type === 'create' ? (i.object as ReplicaSet).spec?.replicas : 0));
    expect(creates).toEqual([3]);
  });
});

describe('rolloutRolling', () => {
  test('a new rollout creates the new ReplicaSet within the surge, and creating is not scaling: old pods beyond minAvailable go in the same sync', () => {
    const d = foo(3, 'v2', { maxSurge: 1, maxUnavailable: 1 });
    const old = annotated(owned(d, 'foo-old', 'v1', 3), 3, 4);
    const plan = rolloutRolling(planFor(d), [old], nothingTaken);
    const entries = Object.entries(sizes(plan));
    expect(entries.map(([what]) => what.replace(/^create foo-.*/, 'create new'))).toEqual(['create new', 'update foo-old']);
    expect(entries.map(([, n]) => n)).toEqual([1, 2]);
  });

  test('growing the new ReplicaSet ends the sync: no old pod goes in the same sync', () => {
    const d = foo(3, 'v2', { maxSurge: 1, maxUnavailable: 1 });
    const old = withRevision(annotated(owned(d, 'foo-old', 'v1', 3), 3, 4), '1');
    const fresh = withRevision(annotated(owned(d, 'foo-new', 'v2', 0, 0, '2025-02-01T00:00:00Z'), 3, 4), '2');
    expect(sizes(rolloutRolling(planFor(d), [old, fresh], nothingTaken))).toEqual({ 'update foo-new': 1 });
  });

  test('when the new ReplicaSet cannot grow, the old one shrinks', () => {
    const d = foo(3, 'v2', { maxSurge: 1, maxUnavailable: 0 });
    const old = withRevision(annotated(owned(d, 'foo-old', 'v1', 3), 3, 4), '1');
    const fresh = withRevision(annotated(owned(d, 'foo-new', 'v2', 1, 1, '2025-02-01T00:00:00Z'), 3, 4), '2');
    expect(sizes(rolloutRolling(planFor(d), [old, fresh], nothingTaken))).toEqual({ 'update foo-old': 2 });
  });

  test('trims the history only once the Deployment reported a complete rollout', () => {
    const d: Deployment = { ...foo(2, 'v3'), spec: { ...foo(2, 'v3').spec!, revisionHistoryLimit: 1 } };
    const old1 = owned(d, 'foo-v1', 'v1', 0, 0, '2025-01-01T00:00:00Z');
    const old2 = owned(d, 'foo-v2', 'v2', 0, 0, '2025-01-02T00:00:00Z');
    const current = annotated(owned(d, 'foo-v3', 'v3', 2, 2, '2025-01-03T00:00:00Z'), 2, 2);
    const deletes = (plan: SyncPlan) => plan.intents.flatMap((i) => (i.type === 'delete' ? [i.name] : []));
    expect(deletes(rolloutRolling(planFor(d), [old1, old2, current], nothingTaken)), 'not complete yet: nothing deleted').toEqual([]);
    const complete: Deployment = { ...d, status: { observedGeneration: 0, replicas: 2, updatedReplicas: 2, availableReplicas: 2 } };
    expect(deletes(rolloutRolling(planFor(complete), [old1, old2, current], nothingTaken))).toEqual(['foo-v1']);
  });

  test('ends with the rollout status', () => {
    const d = foo(3, 'v2', { maxSurge: 1, maxUnavailable: 0 });
    const plan = rolloutRolling(planFor(d), [annotated(owned(d, 'foo-old', 'v1', 3), 3, 4)], nothingTaken);
    expect(plan.deployment.status).toMatchObject({ replicas: 3, updatedReplicas: 0, availableReplicas: 3 });
  });
});

describe('sync (paused or scaled)', () => {
  test('a paused Deployment with a new template creates no ReplicaSet', () => {
    const d: Deployment = { ...foo(3, 'v2'), spec: { ...foo(3, 'v2').spec!, paused: true } };
    const plan = sync(planFor(d), [annotated(owned(d, 'foo-old', 'v1', 3), 3, 3)], nothingTaken);
    expect(plan.intents.filter((i) => i.type === 'create')).toEqual([]);
  });

  test('spreads a new size over the active ReplicaSets in proportion', () => {
    // The docs example: 10 -> 15 with 8 old and 5 new, maxSurge 3: 11 old and 7 new.
    const d = foo(15, 'v2', { maxSurge: 3, maxUnavailable: 2 });
    const old = annotated(owned(d, 'foo-old', 'v1', 8, 8, '2025-01-01T00:00:00Z'), 10, 13);
    const fresh = annotated(owned(d, 'foo-new', 'v2', 5, 0, '2025-02-01T00:00:00Z'), 10, 13);
    expect(sizes(sync(planFor(d), [old, fresh], nothingTaken))).toEqual({ 'update foo-old': 11, 'update foo-new': 7 });
  });
});

describe('isScalingEvent', () => {
  const d = foo(5, 'v1');
  test('an active ReplicaSet sized for another Deployment size is a scaling event', () => {
    expect(isScalingEvent(planFor(d), [annotated(owned(d, 'foo-1', 'v1', 3), 3, 3)], nothingTaken).scalingEvent).toBe(true);
  });

  test('ReplicaSets sized for this size, or not sized at all, are not', () => {
    expect(isScalingEvent(planFor(d), [annotated(owned(d, 'foo-1', 'v1', 5), 5, 5)], nothingTaken).scalingEvent).toBe(false);
    expect(isScalingEvent(planFor(d), [owned(d, 'foo-1', 'v1', 3)], nothingTaken).scalingEvent).toBe(false);
  });

  test('inactive ReplicaSets do not count', () => {
    expect(isScalingEvent(planFor(d), [annotated(owned(d, 'foo-1', 'v0', 0), 2, 2), annotated(owned(d, 'foo-2', 'v1', 5), 5, 5)], nothingTaken).scalingEvent).toBe(false);
  });
});

describe('syncRolloutStatus', () => {
  test('asks to be synced again when a stuck rollout reaches its deadline', () => {
    const d = foo(3, 'v2', { maxSurge: 1 });
    const fresh = annotated(owned(d, 'foo-new', 'v2', 3, 1), 3, 4);
    const stuck: Deployment = {
      ...d,
      status: {
        observedGeneration: 0,
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 1,
        availableReplicas: 1,
        unavailableReplicas: 2,
        conditions: [
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: '2025-03-01T11:55:00Z', lastTransitionTime: '2025-03-01T11:55:00Z' },
          { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: NOW, lastTransitionTime: NOW },
        ],
      },
    };
    // Deadline 600 s after 11:55:00 is 12:05:00; at 12:00:00 that is 300 s away, plus one.
    expect(syncRolloutStatus(planFor(stuck), [fresh], fresh).requeueAfter).toBe(301);
  });
});
