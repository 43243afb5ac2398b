/**
 * Kata 07-replica-status.
 *
 * Examples: upstream's TestCalculateStatus and TestCalculateStatusConditions
 * (pkg/controller/replicaset/replica_set_utils_test.go), with their newReplicaSet/newPod
 * test constructors (pkg/controller/replicaset/replica_set_test.go): template labels
 * {name: foo, type: production}, pods labelled with the selector's matchLabels, a Running pod
 * Ready without a transition time. Availability follows IsPodAvailable and its
 * TestIsPodAvailable table (pkg/api/v1/pod/util.go, util_test.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calculateStatus, nextAvailabilityCheck } from '@kata/07-replicaset/replica-status';
import type { Pod, PodPhase, ReplicaSet, ReplicaSetStatus } from '../../core/api/types';
import { NOW, pods, secondsBefore, webReplicaSet } from '../../core/controllers/arbitraries';
import { runs } from '../../core/testing/runs';

// upstream newReplicaSet(replicas, selectorMap)
function newReplicaSet(replicas: number, selector: Record<string, string>, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'foobar', namespace: 'default', uid: 'uid-foobar' },
    spec: { replicas, selector: { matchLabels: selector }, template: { metadata: { labels: { name: 'foo', type: 'production' } }, spec: { containers: [] } }, ...extra },
  };
}

// upstream newPod(name, rs, status, lastTransitionTime, properlyOwned)
function newPod(name: string, rs: ReplicaSet, phase: PodPhase, lastTransitionTime?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { ...rs.spec?.selector.matchLabels } },
    spec: { containers: [] },
    status: { phase, ...(phase === 'Running' && { conditions: [{ type: 'Ready', status: 'True' as const, ...(lastTransitionTime && { lastTransitionTime }) }] }) },
  };
}

const counts = (s: ReplicaSetStatus) => ({
  replicas: s.replicas,
  fullyLabeledReplicas: s.fullyLabeledReplicas ?? 0,
  readyReplicas: s.readyReplicas ?? 0,
  availableReplicas: s.availableReplicas ?? 0,
});

const notFullyLabelledRS = newReplicaSet(1, { name: 'foo' });
const fullyLabelledRS = newReplicaSet(2, { name: 'foo', type: 'production' });
const longMinReadySecondsRS = newReplicaSet(1, { name: 'foo', type: 'production' }, { minReadySeconds: 3600 });

describe('calculateStatus: upstream TestCalculateStatus', () => {
  test.each<[string, ReplicaSet, Pod[], [number, number, number, number]]>([
    ['1 fully labelled pod', fullyLabelledRS, [newPod('pod1', fullyLabelledRS, 'Running')], [1, 1, 1, 1]],
    ['1 not fully labelled pod', notFullyLabelledRS, [newPod('pod1', notFullyLabelledRS, 'Running')], [1, 0, 1, 1]],
    ['2 fully labelled pods', fullyLabelledRS, [newPod('pod1', fullyLabelledRS, 'Running'), newPod('pod2', fullyLabelledRS, 'Running')], [2, 2, 2, 2]],
    ['2 not fully labelled pods', notFullyLabelledRS, [newPod('pod1', notFullyLabelledRS, 'Running'), newPod('pod2', notFullyLabelledRS, 'Running')], [2, 0, 2, 2]],
    ['1 fully labelled pod, 1 not fully labelled pod', notFullyLabelledRS, [newPod('pod1', notFullyLabelledRS, 'Running'), newPod('pod2', fullyLabelledRS, 'Running')], [2, 1, 2, 2]],
    ['1 non-ready pod', fullyLabelledRS, [newPod('pod1', fullyLabelledRS, 'Pending')], [1, 1, 0, 0]],
    ['1 ready but non-available pod', longMinReadySecondsRS, [newPod('pod1', longMinReadySecondsRS, 'Running')], [1, 1, 1, 0]],
  ])('%s', (_, rs, list, [replicas, fullyLabeledReplicas, readyReplicas, availableReplicas]) => {
    expect(counts(calculateStatus(rs, list, NOW))).toEqual({ replicas, fullyLabeledReplicas, readyReplicas, availableReplicas });
  });
});

describe('calculateStatus: upstream TestCalculateStatusConditions', () => {
  const rs = newReplicaSet(2, { name: 'foo' });
  const failing: ReplicaSet = { ...newReplicaSet(10, { name: 'foo' }), status: { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True' }] } };
  const error = { message: 'fake manageReplicasErr' };

  test('an error while pods were missing sets ReplicaFailure with reason FailedCreate', () => {
    expect(calculateStatus(rs, [newPod('pod1', rs, 'Running')], NOW, error).conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'fake manageReplicasErr', lastTransitionTime: NOW },
    ]);
  });

  test('an error while there were too many pods sets ReplicaFailure with reason FailedDelete', () => {
    const three = ['pod1', 'pod2', 'pod3'].map((n) => newPod(n, rs, 'Running'));
    expect(calculateStatus(rs, three, NOW, error).conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: 'fake manageReplicasErr', lastTransitionTime: NOW },
    ]);
  });

  test('no error removes an existing ReplicaFailure condition', () => {
    expect(calculateStatus(failing, [newPod('pod1', failing, 'Running')], NOW).conditions ?? []).toEqual([]);
  });

  test('an error keeps an existing ReplicaFailure condition as it is', () => {
    expect(calculateStatus(failing, [newPod('pod1', failing, 'Running')], NOW, error).conditions).toEqual([{ type: 'ReplicaFailure', status: 'True' }]);
  });

  test('no error and no condition: no conditions', () => {
    expect(calculateStatus(rs, [newPod('pod1', rs, 'Running')], NOW).conditions ?? []).toEqual([]);
  });
});

describe('calculateStatus: availability and the rest of the status', () => {
  // upstream TestIsPodAvailable: newPod(now, ready, beforeSec) with minReadySeconds
  test.each<[string, number, number, number]>([
    ['ready 51 s with minReadySeconds 50 is available', 51, 50, 1],
    ['ready 51 s with minReadySeconds 51 is available (the boundary counts)', 51, 51, 1],
    ['ready 51 s with minReadySeconds 52 is not available yet', 51, 52, 0],
    ['ready just now with minReadySeconds 1 is not available yet', 0, 1, 0],
  ])('%s', (_, readyFor, minReadySeconds, available) => {
    const rs = webReplicaSet(1, minReadySeconds);
    const pod = newPod('pod1', rs, 'Running', secondsBefore(readyFor));
    expect(calculateStatus(rs, [pod], NOW).availableReplicas ?? 0).toBe(available);
  });

  test('a ready pod without a transition time is never available when minReadySeconds > 0', () => {
    const rs = webReplicaSet(1, 1);
    expect(calculateStatus(rs, [newPod('pod1', rs, 'Running')], NOW).availableReplicas ?? 0).toBe(0);
  });

  test('observedGeneration is the generation the status describes', () => {
    const rs = { ...webReplicaSet(1), metadata: { ...webReplicaSet(1).metadata, generation: 4 } };
    expect(calculateStatus(rs, [], NOW).observedGeneration).toBe(4);
  });

  test('status fields it does not compute are kept', () => {
    const rs: ReplicaSet = { ...webReplicaSet(1), status: { replicas: 3, terminatingReplicas: 2 } };
    expect(calculateStatus(rs, [], NOW).terminatingReplicas).toBe(2);
  });

  test('zero counts are left out, as the API\'s JSON leaves them out', () => {
    const rs = { ...webReplicaSet(0), metadata: { ...webReplicaSet(0).metadata, generation: 1 } };
    expect(calculateStatus(rs, [], NOW)).toEqual({ replicas: 0, observedGeneration: 1 });
  });
});

describe('nextAvailabilityCheck', () => {
  test('a pod ready for 10 s of 30 is checked again in 20 s', () => {
    const rs = webReplicaSet(1, 30);
    expect(nextAvailabilityCheck(rs, [newPod('pod1', rs, 'Running', secondsBefore(10))], NOW)).toBe(20);
  });

  test('the soonest pod decides', () => {
    const rs = webReplicaSet(2, 30);
    const list = [newPod('pod1', rs, 'Running', secondsBefore(5)), newPod('pod2', rs, 'Running', secondsBefore(25))];
    expect(nextAvailabilityCheck(rs, list, NOW)).toBe(5);
  });

  test('nothing to wait for when every ready pod is available, none is ready, or minReadySeconds is 0', () => {
    const rs = webReplicaSet(2, 30);
    expect(nextAvailabilityCheck(rs, [newPod('pod1', rs, 'Running', secondsBefore(31))], NOW)).toBeUndefined();
    expect(nextAvailabilityCheck(rs, [newPod('pod1', rs, 'Pending')], NOW)).toBeUndefined();
    expect(nextAvailabilityCheck(webReplicaSet(1), [newPod('pod1', rs, 'Running', NOW)], NOW)).toBeUndefined();
  });

  test('a ready pod without a transition time is not waited for', () => {
    const rs = webReplicaSet(1, 30);
    expect(nextAvailabilityCheck(rs, [newPod('pod1', rs, 'Running')], NOW)).toBeUndefined();
  });
});

describe('properties', () => {
  test('available <= ready <= replicas, and fully labelled <= replicas = number of claimed pods', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 5, 3600), pods(8), (minReadySeconds, list) => {
        const s = counts(calculateStatus(webReplicaSet(3, minReadySeconds), list, NOW));
        expect(s.replicas).toBe(list.length);
        expect(s.availableReplicas).toBeLessThanOrEqual(s.readyReplicas);
        expect(s.readyReplicas).toBeLessThanOrEqual(s.replicas);
        expect(s.fullyLabeledReplicas).toBeLessThanOrEqual(s.replicas);
      }),
      runs(200),
    );
  });

  test('when the availability check comes due, one more pod is available than before', () => {
    fc.assert(
      fc.property(fc.constantFrom(5, 30), pods(6), (minReadySeconds, list) => {
        const rs = webReplicaSet(3, minReadySeconds);
        const wait = nextAvailabilityCheck(rs, list, NOW);
        if (wait === undefined) return;
        const later = secondsBefore(-wait);
        const before = calculateStatus(rs, list, NOW).availableReplicas ?? 0;
        const after = calculateStatus(rs, list, later).availableReplicas ?? 0;
        expect(after, `${wait} s later`).toBeGreaterThan(before);
        expect(calculateStatus(rs, list, secondsBefore(-(wait - 1))).availableReplicas ?? 0, 'one second earlier nothing changed').toBe(before);
      }),
      runs(200),
    );
  });
});
