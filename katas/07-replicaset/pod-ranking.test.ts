/**
 * Kata 07-pod-ranking.
 *
 * Examples: upstream's TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go:
 * the same pods, ranks and expected orders, with `now` fixed instead of metav1.Now()) and
 * TestGetPodsToDelete (pkg/controller/replicaset/replica_set_test.go). The deletion-cost
 * parsing rules are those stated in GetDeletionCostFromPodAnnotations
 * (pkg/apis/core/helper/helpers.go: "values that start with plus sign (e.g, "+10") or leading
 * zeros (e.g., "008") are not valid", ParseInt with bit size 32, 0 on error).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  activePodsWithRanksLess,
  getDeletionCostFromPodAnnotations,
  getPodsRankedByRelatedPodsOnSameNode,
  getPodsToDelete,
  logarithmicRankDiff,
  POD_DELETION_COST,
} from '@kata/07-replicaset/pod-ranking';
import type { Pod, PodPhase } from '../../core/api/types';
import { NOW, pods } from '../../core/controllers/arbitraries';
import { isPodReady } from '../../core/controllers/pod-status';
import { runs } from '../../core/testing/runs';

// upstream: now := metav1.Now(); then1Month := now.AddDate(0, -1, 0); ...
const now = '2025-03-15T12:00:00Z';
const then1Month = '2025-02-15T12:00:00Z';
const then2Hours = '2025-03-15T10:00:00Z';
const then5Hours = '2025-03-15T07:00:00Z';
const then8Hours = '2025-03-15T04:00:00Z';
const zero = undefined;

// upstream's pod(podName, nodeName, phase, ready, restarts, readySince, created, annotations)
function pod(name: string, nodeName: string, phase: PodPhase, ready: boolean, restarts: number, readySince: string | undefined, created: string | undefined, annotations?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(created && { creationTimestamp: created }), ...(annotations && { annotations }) },
    spec: { containers: [], ...(nodeName && { nodeName }) },
    status: {
      phase,
      ...(ready && {
        conditions: [{ type: 'Ready', status: 'True' as const, ...(readySince && { lastTransitionTime: readySince }) }],
        containerStatuses: [{ name: 'c', ready: true, restartCount: restarts, image: '', imageID: '' }],
      }),
    },
  };
}

const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, zero, zero);
const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, zero, zero);
const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, zero, zero);
const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, zero, zero);
const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, zero, zero);
const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, now, now);
const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now);
const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month);
const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST]: '10' });
const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST]: '100' });
const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

describe('activePodsWithRanksLess: upstream equality tests (rank 1 each, neither is less)', () => {
  test.each(([
    [unscheduledPod, unscheduledPod],
    [scheduledPendingPod, scheduledPendingPod],
    [unknownPhasePod, unknownPhasePod],
    [runningNotReadyPod, runningNotReadyPod],
    [runningReadyNowCreatedThen, runningReadyNowCreatedThen],
    [runningReadyNow, runningReadyNow],
    [runningReadyThen, runningReadyThen],
    [runningReadyNowHighRestarts, runningReadyNowHighRestarts],
    // created 5 and 8 hours ago: the same logarithmic bucket, and equal (empty) UIDs
    [unscheduled5Hours, unscheduled8Hours],
    // ready since 5 and 8 hours: the same bucket again
    [ready5Hours, ready10Hours],
  ] as [Pod, Pod][]).map(([p1, p2]) => [p1.metadata.name, p2.metadata.name, p1, p2] as const))('%s and %s are equivalent', (_n1, _n2, p1, p2) => {
    const [a, b] = [{ pod: p1, rank: 1 }, { pod: p2, rank: 1 }];
    expect(activePodsWithRanksLess(a, b, now), `${p1.metadata.name} < ${p2.metadata.name}`).toBe(false);
    expect(activePodsWithRanksLess(b, a, now), `${p2.metadata.name} < ${p1.metadata.name}`).toBe(false);
  });
});

describe('activePodsWithRanksLess: upstream inequality tests (lesser goes first)', () => {
  test.each<[string, Pod, number, Pod, number]>([
    ['an unscheduled pod before a scheduled one, whatever the ranks', unscheduledPod, 1, scheduledPendingPod, 2],
    ['an unscheduled pod before a scheduled one, even with a higher rank', unscheduledPod, 2, scheduledPendingPod, 1],
    ['Pending before Unknown', scheduledPendingPod, 1, unknownPhasePod, 2],
    ['Unknown before Running', unknownPhasePod, 1, runningNotReadyPod, 2],
    ['not ready before ready', runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    ['ready with no transition time (zero, so "most recent") before ready now', runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    ['a higher rank before a lower one', runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    ['ready now before ready a month ago', runningReadyNow, 1, runningReadyThen, 1],
    ['a higher rank wins over readiness time', runningReadyNow, 2, runningReadyThen, 1],
    ['more restarts before fewer', runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    ['a higher rank wins over restarts', runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    ['created now before created a month ago', runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    ['a higher rank wins over creation time', runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    ['a lower deletion cost wins over a higher rank', lowPodDeletionCost, 2, highPodDeletionCost, 1],
    ['ready 2 hours (bucket 42) before ready 5 hours (bucket 44)', ready2Hours, 1, ready5Hours, 1],
  ])('%s', (_, lesser, lesserRank, greater, greaterRank) => {
    const [a, b] = [{ pod: lesser, rank: lesserRank }, { pod: greater, rank: greaterRank }];
    expect(activePodsWithRanksLess(a, b, now), `${lesser.metadata.name} (rank ${lesserRank}) should go first`).toBe(true);
    expect(activePodsWithRanksLess(b, a, now), `${greater.metadata.name} (rank ${greaterRank}) should not go first`).toBe(false);
  });

  test('within one logarithmic bucket the pod UID breaks the tie', () => {
    const a = { ...ready5Hours, metadata: { ...ready5Hours.metadata, uid: 'aaa' } };
    const b = { ...ready10Hours, metadata: { ...ready10Hours.metadata, uid: 'bbb' } };
    expect(activePodsWithRanksLess({ pod: b, rank: 1 }, { pod: a, rank: 1 }, now)).toBe(false);
    expect(activePodsWithRanksLess({ pod: a, rank: 1 }, { pod: b, rank: 1 }, now)).toBe(true);
  });

  test('without a `now` times compare exactly, so the pod ready more recently goes first even in one bucket', () => {
    expect(activePodsWithRanksLess({ pod: ready5Hours, rank: 1 }, { pod: ready10Hours, rank: 1 }, undefined)).toBe(true);
    expect(activePodsWithRanksLess({ pod: ready10Hours, rank: 1 }, { pod: ready5Hours, rank: 1 }, undefined)).toBe(false);
  });
});

describe('logarithmicRankDiff', () => {
  // Ages in nanoseconds: 2 h = 7.2e12 (2^42 <= x < 2^43), 5 h = 1.8e13 and 8 h = 2.88e13 (both
  // in [2^44, 2^45)), 28 days = 2.42e15 (2^51 <= x < 2^52).
  test('5 and 8 hours fall in the same bucket', () => {
    expect(logarithmicRankDiff(then5Hours, then8Hours, now)).toBe(0);
  });

  test('2 hours is two buckets below 5 hours', () => {
    expect(logarithmicRankDiff(then2Hours, then5Hours, now)).toBe(-2);
  });

  test('a month (28 days before March 15) is bucket 51, seven above 5 hours', () => {
    expect(logarithmicRankDiff(then1Month, then5Hours, now)).toBe(7);
  });

  test('a time not in the past is bucket -1', () => {
    // 1 ns would be bucket 0; now itself (age 0) is -1, and 1 s ago (1e9 ns) is bucket 29.
    expect(logarithmicRankDiff(now, '2025-03-15T11:59:59Z', now)).toBe(-30);
    expect(logarithmicRankDiff('2025-03-15T12:00:01Z', now, now)).toBe(0);
  });
});

describe('getDeletionCostFromPodAnnotations', () => {
  test.each<[string, Record<string, string> | undefined, number]>([
    ['no annotations', undefined, 0],
    ['another annotation only', { other: '5' }, 0],
    ['a positive value', { [POD_DELETION_COST]: '100' }, 100],
    ['a negative value', { [POD_DELETION_COST]: '-8' }, -8],
    ['zero', { [POD_DELETION_COST]: '0' }, 0],
    ['a leading plus sign (invalid)', { [POD_DELETION_COST]: '+10' }, 0],
    ['a leading zero (invalid)', { [POD_DELETION_COST]: '008' }, 0],
    ['not a number', { [POD_DELETION_COST]: 'ten' }, 0],
    ['the empty string', { [POD_DELETION_COST]: '' }, 0],
    ['the int32 maximum', { [POD_DELETION_COST]: '2147483647' }, 2147483647],
    ['beyond int32 (an error, so 0)', { [POD_DELETION_COST]: '2147483648' }, 0],
    ['the int32 minimum', { [POD_DELETION_COST]: '-2147483648' }, -2147483648],
  ])('%s gives %d', (_, annotations, expected) => {
    expect(getDeletionCostFromPodAnnotations(annotations)).toBe(expected);
  });
});

// upstream TestGetPodsToDelete: newPod(name, rs, status, nil, true) gives a Running pod a Ready=True condition
function rsPod(name: string, phase: PodPhase, nodeName?: string, ready?: 'True' | 'False'): Pod {
  const status = ready ?? (phase === 'Running' ? 'True' : undefined);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { name: 'foo' } },
    spec: { containers: [], ...(nodeName && { nodeName }) },
    status: { phase, ...(status && { conditions: [{ type: 'Ready', status }] }) },
  };
}

const unscheduledPendingPod = rsPod('unscheduled-pending-pod', 'Pending');
const scheduledPending = rsPod('scheduled-pending-pod', 'Pending', 'fake-node');
const scheduledRunningNotReadyPod = rsPod('scheduled-running-not-ready-pod', 'Running', 'fake-node', 'False');
const readyOnNode1 = rsPod('scheduled-running-ready-pod-on-node-1', 'Running', 'fake-node-1', 'True');
const readyOnNode2 = rsPod('scheduled-running-ready-pod-on-node-2', 'Running', 'fake-node-2', 'True');

describe('getPodsToDelete: upstream TestGetPodsToDelete', () => {
  test.each<[string, Pod[], Pod[] | undefined, number, Pod[]]>([
    ['no pods, diff 0', [], undefined, 0, []],
    ['diff = len(pods) returns them as given', [scheduledRunningNotReadyPod, readyOnNode1], undefined, 2, [scheduledRunningNotReadyPod, readyOnNode1]],
    ['diff < len(pods) deletes the not-ready pod', [readyOnNode1, scheduledRunningNotReadyPod], undefined, 1, [scheduledRunningNotReadyPod]],
    [
      'various phases and conditions, diff = len(pods): nothing is sorted',
      [readyOnNode1, readyOnNode1, readyOnNode2, scheduledRunningNotReadyPod, scheduledPending, unscheduledPendingPod],
      undefined,
      6,
      [readyOnNode1, readyOnNode1, readyOnNode2, scheduledRunningNotReadyPod, scheduledPending, unscheduledPendingPod],
    ],
    [
      'various phases and conditions, diff = len(pods), no related pods',
      [readyOnNode1, readyOnNode1, readyOnNode2, scheduledRunningNotReadyPod, scheduledPending, unscheduledPendingPod],
      [],
      6,
      [readyOnNode1, readyOnNode1, readyOnNode2, scheduledRunningNotReadyPod, scheduledPending, unscheduledPendingPod],
    ],
    ['scheduled vs unscheduled', [scheduledPending, unscheduledPendingPod], undefined, 1, [unscheduledPendingPod]],
    ['ready vs not ready', [readyOnNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod], undefined, 2, [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod]],
    ['a ready pod sharing its node with a related pod goes before one alone on its node', [readyOnNode1, readyOnNode2], [readyOnNode1, readyOnNode2, readyOnNode2], 1, [readyOnNode2]],
    ['pending vs running', [scheduledPending, scheduledRunningNotReadyPod], undefined, 1, [scheduledPending]],
    [
      'various phases and conditions, diff < len(pods)',
      [readyOnNode1, readyOnNode2, scheduledRunningNotReadyPod, scheduledPending, unscheduledPendingPod],
      undefined,
      3,
      [unscheduledPendingPod, scheduledPending, scheduledRunningNotReadyPod],
    ],
  ])('%s', (_, list, related, diff, expected) => {
    expect(getPodsToDelete(list, related ?? list, diff, now).map((p) => p.metadata.name)).toEqual(expected.map((p) => p.metadata.name));
  });
});

describe('getPodsRankedByRelatedPodsOnSameNode', () => {
  test('the rank counts active related pods on the pod\'s node, unscheduled pods sharing the node ""', () => {
    const terminating = { ...readyOnNode2, metadata: { ...readyOnNode2.metadata, name: 'gone', deletionTimestamp: now } };
    const ranked = getPodsRankedByRelatedPodsOnSameNode([readyOnNode1, readyOnNode2, unscheduledPendingPod], [readyOnNode2, readyOnNode2, terminating, unscheduledPendingPod]);
    expect(ranked.map((r) => r.rank)).toEqual([0, 2, 1]);
  });
});

// Rules 1 to 5 form a plain sort key; only rules 6 to 8 look at times and UIDs.
const phaseOrdinal = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as 'Pending'] ?? 0;
function keyOf(p: Pod, rank: number): number[] {
  return [p.spec?.nodeName ? 1 : 0, phaseOrdinal(p), isPodReady(p) ? 1 : 0, getDeletionCostFromPodAnnotations(p.metadata.annotations), -rank];
}
const compareKeys = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
};

describe('properties', () => {
  test('no pod goes before itself', () => {
    fc.assert(
      fc.property(pods(1), fc.nat(3), ([p], rank) => {
        if (p) expect(activePodsWithRanksLess({ pod: p, rank }, { pod: p, rank }, NOW)).toBe(false);
      }),
      runs(300),
    );
  });

  test('of two pods at most one goes first', () => {
    fc.assert(
      fc.property(pods(2), fc.nat(3), fc.nat(3), (list, ra, rb) => {
        const [a, b] = list;
        if (!a || !b) return;
        expect(activePodsWithRanksLess({ pod: a, rank: ra }, { pod: b, rank: rb }, NOW) && activePodsWithRanksLess({ pod: b, rank: rb }, { pod: a, rank: ra }, NOW)).toBe(false);
      }),
      runs(300),
    );
  });

  test('rules 1 to 5 agree with a plain sort key: scheduled, phase, ready, deletion cost, then rank', () => {
    fc.assert(
      fc.property(pods(2), fc.nat(3), fc.nat(3), (list, ra, rb) => {
        const [a, b] = list;
        if (!a || !b) return;
        const byKey = compareKeys(keyOf(a, ra), keyOf(b, rb));
        if (byKey !== 0) expect(activePodsWithRanksLess({ pod: a, rank: ra }, { pod: b, rank: rb }, NOW), `key ${keyOf(a, ra)} vs ${keyOf(b, rb)}`).toBe(byKey < 0);
      }),
      runs(300),
    );
  });

  test('scale-down never deletes a pod that ranks better on rules 1 to 5 than a pod it keeps', () => {
    fc.assert(
      fc.property(pods(10), fc.nat(10), (list, d) => {
        const diff = Math.min(d, list.length);
        const deleted = getPodsToDelete(list, list, diff, NOW);
        expect(deleted).toHaveLength(diff);
        const ranks = new Map(getPodsRankedByRelatedPodsOnSameNode(list, list).map((r) => [r.pod.metadata.name, r.rank]));
        const key = (p: Pod) => keyOf(p, ranks.get(p.metadata.name) ?? 0);
        const kept = list.filter((p) => !deleted.includes(p));
        for (const x of deleted) for (const k of kept) expect(compareKeys(key(x), key(k)), `${x.metadata.name} deleted while ${k.metadata.name} kept`).toBeLessThanOrEqual(0);
      }),
      runs(200),
    );
  });
});
