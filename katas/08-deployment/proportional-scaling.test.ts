/**
 * Kata 08-proportional-scaling.
 *
 * Tables: TestScale in pkg/controller/deployment/sync_test.go (each ReplicaSet annotated as
 * that test does: desired-replicas from the old Deployment, max-replicas = desired + its
 * maxSurge) and TestGetReplicaSetFraction in pkg/controller/deployment/util/
 * deployment_util_test.go. The worked example is kubernetes.io "Deployments" > Proportional
 * scaling. The properties restate scale()'s comments in sync.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findActiveOrLatest, getReplicaSetFraction, getReplicaSetProportion, scale } from '@kata/08-deployment/proportional-scaling';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { generateDeployment, generateRS, newDeployment, rs } from '../../core/controllers/deployment-fixtures';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { runs } from '../../core/testing/runs';

const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const NEW = '2016-05-20T02:00:00Z';
const OLD = '2016-05-20T01:00:00Z';
const OLDER = '2016-05-20T00:00:00Z';

const annotated = (r: ReplicaSet, desired: number, max: number): ReplicaSet => ({ ...r, metadata: { ...r.metadata, annotations: { [DESIRED]: String(desired), [MAX]: String(max) } } });
const sizesAfter = (rss: (ReplicaSet | undefined)[], scales: ReplicaSetScale[]) => {
  const sizes: Record<string, number> = {};
  for (const r of rss) if (r) sizes[r.metadata.name] = r.spec?.replicas ?? 0;
  for (const s of scales) sizes[s.replicaSet.metadata.name] = s.newScale;
  return sizes;
};

describe('scale', () => {
  /** The "change both size and template" Deployment: the template gained a label. */
  const updatedTemplate = (replicas: number): Deployment => {
    const d = newDeployment('foo', replicas, { selector: { foo: 'bar' } });
    d.spec!.template.metadata!.labels!['another'] = 'label';
    return d;
  };
  type Case = {
    name: string;
    deployment: Deployment;
    oldDeployment: Deployment;
    newRS?: ReplicaSet;
    oldRSs: ReplicaSet[];
    expectedNew?: number;
    expectedOld: number[];
    desired?: Record<string, number>;
  };
  const d = (replicas: number, surge?: number, unavailable?: number) =>
    newDeployment('foo', replicas, { ...(surge !== undefined && { maxSurge: surge }), ...(unavailable !== undefined && { maxUnavailable: unavailable }) });
  const broken = { ...rs('foo-v2', 2, {}, NEW), status: { replicas: 2, availableReplicas: 0 } };

  // TestScale
  const cases: Case[] = [
    { name: 'normal scaling event: 10 -> 12', deployment: d(12), oldDeployment: d(10), newRS: rs('foo-v1', 10, {}, NEW), oldRSs: [], expectedNew: 12, expectedOld: [] },
    { name: 'normal scaling event: 10 -> 5', deployment: d(5), oldDeployment: d(10), newRS: rs('foo-v1', 10, {}, NEW), oldRSs: [], expectedNew: 5, expectedOld: [] },
    { name: 'proportional scaling: 5 -> 10', deployment: d(10), oldDeployment: d(5), newRS: rs('foo-v2', 2, {}, NEW), oldRSs: [rs('foo-v1', 3, {}, OLD)], expectedNew: 4, expectedOld: [6] },
    { name: 'proportional scaling: 5 -> 3', deployment: d(3), oldDeployment: d(5), newRS: rs('foo-v2', 2, {}, NEW), oldRSs: [rs('foo-v1', 3, {}, OLD)], expectedNew: 1, expectedOld: [2] },
    { name: 'proportional scaling: 9 -> 4', deployment: d(4), oldDeployment: d(9), newRS: rs('foo-v2', 8, {}, NEW), oldRSs: [rs('foo-v1', 1, {}, OLD)], expectedNew: 4, expectedOld: [0] },
    { name: 'proportional scaling: 7 -> 10', deployment: d(10), oldDeployment: d(7), newRS: rs('foo-v3', 2, {}, NEW), oldRSs: [rs('foo-v2', 3, {}, OLD), rs('foo-v1', 2, {}, OLDER)], expectedNew: 3, expectedOld: [4, 3] },
    { name: 'proportional scaling: 13 -> 8', deployment: d(8), oldDeployment: d(13), newRS: rs('foo-v3', 2, {}, NEW), oldRSs: [rs('foo-v2', 8, {}, OLD), rs('foo-v1', 3, {}, OLDER)], expectedNew: 1, expectedOld: [5, 2] },
    { name: 'leftover distribution: 3 -> 4', deployment: d(4), oldDeployment: d(3), newRS: rs('foo-v3', 1, {}, NEW), oldRSs: [rs('foo-v2', 1, {}, OLD), rs('foo-v1', 1, {}, OLDER)], expectedNew: 2, expectedOld: [1, 1] },
    { name: 'leftover distribution: 3 -> 2', deployment: d(2), oldDeployment: d(3), newRS: rs('foo-v3', 1, {}, NEW), oldRSs: [rs('foo-v2', 1, {}, OLD), rs('foo-v1', 1, {}, OLDER)], expectedNew: 1, expectedOld: [1, 0] },
    { name: 'proportional scaling (no new rs): 4 -> 5', deployment: d(5), oldDeployment: d(4), oldRSs: [rs('foo-v2', 2, {}, OLD), rs('foo-v1', 2, {}, OLDER)], expectedOld: [3, 2] },
    { name: 'proportional scaling: 6 -> 0', deployment: d(0), oldDeployment: d(6), newRS: rs('foo-v3', 3, {}, NEW), oldRSs: [rs('foo-v2', 2, {}, OLD), rs('foo-v1', 1, {}, OLDER)], expectedNew: 0, expectedOld: [0, 0] },
    { name: 'proportional scaling: 0 -> 6', deployment: d(6), oldDeployment: d(6), newRS: rs('foo-v3', 0, {}, NEW), oldRSs: [rs('foo-v2', 0, {}, OLD), rs('foo-v1', 0, {}, OLDER)], expectedNew: 6, expectedOld: [0, 0] },
    {
      name: 'failed rs update',
      deployment: d(5),
      oldDeployment: d(5),
      newRS: rs('foo-v3', 2, {}, NEW),
      oldRSs: [rs('foo-v2', 1, {}, OLD), rs('foo-v1', 1, {}, OLDER)],
      expectedNew: 2,
      expectedOld: [2, 1],
      desired: { 'foo-v2': 3 },
    },
    { name: 'deployment with surge pods', deployment: d(20, 2), oldDeployment: d(10, 2), newRS: rs('foo-v2', 6, {}, NEW), oldRSs: [rs('foo-v1', 6, {}, OLD)], expectedNew: 11, expectedOld: [11] },
    { name: 'change both surge and size', deployment: d(50, 6), oldDeployment: d(10, 3), newRS: rs('foo-v2', 5, {}, NEW), oldRSs: [rs('foo-v1', 8, {}, OLD)], expectedNew: 22, expectedOld: [34] },
    {
      name: 'change both size and template',
      deployment: updatedTemplate(14),
      oldDeployment: newDeployment('foo', 10, { selector: { foo: 'bar' } }),
      oldRSs: [rs('foo-v2', 7, {}, NEW), rs('foo-v1', 3, {}, OLD)],
      expectedOld: [10, 4],
    },
    { name: 'saturated but broken new replica set does not affect old pods', deployment: d(2, 1, 1), oldDeployment: d(2, 1, 1), newRS: broken, oldRSs: [rs('foo-v1', 1, {}, OLD)], expectedNew: 2, expectedOld: [1] },
  ];

  test.each(cases)('$name', (c) => {
    const oldReplicas = c.oldDeployment.spec!.replicas!;
    const oldSurge = Number(c.oldDeployment.spec!.strategy!.rollingUpdate!.maxSurge ?? 0);
    const mark = (r: ReplicaSet) => {
      const desired = c.desired?.[r.metadata.name] ?? oldReplicas;
      return annotated(r, desired, desired + oldSurge);
    };
    const newRS = c.newRS && mark(c.newRS);
    const oldRSs = c.oldRSs.map(mark);
    const scales = scale(c.deployment, newRS, oldRSs);
    const sizes = sizesAfter([newRS, ...oldRSs], scales);
    if (newRS && c.expectedNew !== undefined) expect(sizes[newRS.metadata.name], 'new ReplicaSet').toBe(c.expectedNew);
    expect(oldRSs.map((r) => sizes[r.metadata.name]), 'old ReplicaSets').toEqual(c.expectedOld);
  });

  test('the docs example: 10 -> 15 mid-rollout with 8 old and 5 new pods gives 11 old and 7 new', () => {
    const deployment = newDeployment('nginx-deployment', 15, { maxSurge: 3, maxUnavailable: 2 });
    const oldRS = annotated(rs('nginx-deployment-618515232', 8, {}, OLD), 10, 13);
    const newRS = annotated(rs('nginx-deployment-1989198191', 5, {}, NEW), 10, 13);
    const sizes = sizesAfter([newRS, oldRS], scale(deployment, newRS, [oldRS]));
    expect(sizes).toEqual({ 'nginx-deployment-618515232': 11, 'nginx-deployment-1989198191': 7 });
  });

  test('every active ReplicaSet gets a scale, so its size annotations are refreshed even when its size stays', () => {
    const deployment = newDeployment('foo', 5, { maxSurge: 1, maxUnavailable: 1 });
    const a = annotated(rs('foo-a', 3, {}, OLD), 4, 5);
    const b = annotated(rs('foo-b', 3, {}, NEW), 4, 5);
    expect(scale(deployment, b, [a]).map((s) => [s.replicaSet.metadata.name, s.newScale])).toEqual([
      ['foo-a', 3],
      ['foo-b', 3],
    ]);
  });
});

describe('getReplicaSetFraction', () => {
  // TestGetReplicaSetFraction: [name, replicas, status.replicas, maxSurge, rs replicas, annotations, fraction]
  test.each<[string, number, number, number, number, Record<string, string> | undefined, number]>([
    ['empty deployment always scales to 0', 0, 0, 0, 10, undefined, -10],
    ['unsynced deployment does not scale when max-replicas annotation is missing (removed by a 3rd party)', 10, 0, 0, 5, undefined, 0],
    ['unsynced deployment does not scale when max-replicas annotation is incorrectly set to 0 (by a 3rd party)', 10, 0, 0, 5, { [MAX]: '0' }, 0],
    ['scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is missing (removed by a 3rd party)', 120, 100, 0, 50, undefined, 10],
    ['scale up by 1/5 should increase RS replicas by 1/5 when max-replicas annotation is incorrectly set to 0 (by a 3rd party)', 120, 100, 0, 50, { [MAX]: '0' }, 10],
    ['scale up by 1/5 should increase RS replicas by 1/5', 120, 0, 0, 50, { [MAX]: '100' }, 10],
    ['scale up with maxSurge by 1/5 should increase RS replicas approximately by 1/5', 120, 0, 10, 50, { [MAX]: '110' }, 9],
    ['scale down by 1/6 should decrease RS replicas by 1/6', 10, 0, 0, 6, { [MAX]: '12' }, -1],
    ['scale down with maxSurge by 1/6 should decrease RS replicas approximately by 1/6', 100, 0, 10, 50, { [MAX]: '130' }, -8],
  ])('%s', (_name, replicas, statusReplicas, surge, rsReplicas, annotations, expected) => {
    const base = generateDeployment('nginx');
    const d: Deployment = {
      ...base,
      spec: { ...base.spec!, replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: 1 } } },
      status: { replicas: statusReplicas },
    };
    const made = generateRS(d, 'nginx-rs');
    const r: ReplicaSet = { ...made, metadata: { ...made.metadata, ...(annotations && { annotations }) }, spec: { ...made.spec!, replicas: rsReplicas } };
    expect(getReplicaSetFraction(r, d)).toBe(expected);
  });

  test('rounds halves away from zero, as Go integer.RoundToInt32 does', () => {
    // 1 · 5 / 2 = 2.5 → 3, a gain of 2; 3 · 1 / 2 = 1.5 → 2, a loss of 1.
    expect(getReplicaSetFraction(annotated(rs('a', 1), 2, 2), newDeployment('foo', 5))).toBe(2);
    expect(getReplicaSetFraction(annotated(rs('b', 3), 2, 2), newDeployment('foo', 1))).toBe(-1);
  });
});

describe('getReplicaSetProportion', () => {
  const d = newDeployment('foo', 20);
  const r = annotated(rs('foo-1', 5), 10, 10);

  test('gives the fraction when it fits in what is left to add', () => {
    expect(getReplicaSetProportion(r, d, 10, 0)).toBe(5);
  });

  test('never adds more than what is left', () => {
    expect(getReplicaSetProportion(r, d, 10, 8)).toBe(2);
  });

  test('never removes more than what is left to remove', () => {
    const smaller = newDeployment('foo', 2);
    expect(getReplicaSetProportion(r, smaller, -2, 0)).toBe(-2);
  });

  test('gives nothing to an empty ReplicaSet, or when nothing is left', () => {
    expect(getReplicaSetProportion(annotated(rs('foo-0', 0), 10, 10), d, 10, 0)).toBe(0);
    expect(getReplicaSetProportion(r, d, 10, 10)).toBe(0);
    expect(getReplicaSetProportion(undefined, d, 10, 0)).toBe(0);
  });
});

describe('findActiveOrLatest', () => {
  test('with one active ReplicaSet, that one', () => {
    expect(findActiveOrLatest(rs('new', 0, {}, NEW), [rs('old', 3, {}, OLD)])?.metadata.name).toBe('old');
  });

  test('with none active, the new one', () => {
    expect(findActiveOrLatest(rs('new', 0, {}, NEW), [rs('old', 0, {}, OLD)])?.metadata.name).toBe('new');
  });

  test('with none active and no new one, the newest old one', () => {
    expect(findActiveOrLatest(undefined, [rs('older', 0, {}, OLDER), rs('old', 0, {}, OLD)])?.metadata.name).toBe('old');
  });

  test('with several active, none', () => {
    expect(findActiveOrLatest(rs('new', 1, {}, NEW), [rs('old', 3, {}, OLD)])).toBeUndefined();
  });
});

describe('proportional scaling properties', () => {
  /** Two or three active ReplicaSets, all sized for one earlier Deployment size M >= their total. */
  const midRollout = fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 3 }),
      slack: fc.integer({ min: 0, max: 10 }),
      replicas: fc.integer({ min: 0, max: 60 }),
      surge: fc.integer({ min: 0, max: 10 }),
    })
    .map(({ sizes, slack, replicas, surge }) => {
      const max = sizes.reduce((a, b) => a + b, 0) + slack;
      const stamps = ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'];
      const rss = sizes.map((n, i) => annotated(rs(`web-${i}`, n, {}, stamps[i]), max, max));
      return { rss, replicas, surge, deployment: newDeployment('web', replicas, { maxSurge: surge, maxUnavailable: 1 }) };
    });

  test('ReplicaSets sized for one earlier size end up wanting exactly replicas + maxSurge in total', () => {
    fc.assert(
      fc.property(midRollout, ({ rss, replicas, surge, deployment }) => {
        const [newRS, ...old] = [...rss].reverse();
        const sizes = sizesAfter(rss, scale(deployment, newRS, old));
        const total = Object.values(sizes).reduce((a, b) => a + b, 0);
        expect(total, JSON.stringify(sizes)).toBe(replicas === 0 ? 0 : replicas + surge);
      }),
      runs(200),
    );
  });

  test('no ReplicaSet is ever sized below zero', () => {
    fc.assert(
      fc.property(midRollout, fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 3, maxLength: 3 }), ({ rss, deployment }, maxes) => {
        // Any annotations at all, even ones that disagree with each other.
        const odd = rss.map((r, i) => annotated(r, maxes[i]!, maxes[i]!));
        const [newRS, ...old] = [...odd].reverse();
        for (const s of scale(deployment, newRS, old)) expect(s.newScale).toBeGreaterThanOrEqual(0);
      }),
      runs(200),
    );
  });

  test('scaling again after the sizes and annotations are written changes no size, while several ReplicaSets stay active', () => {
    fc.assert(
      fc.property(midRollout, ({ rss, replicas, surge, deployment }) => {
        const [newRS, ...old] = [...rss].reverse();
        const sizes = sizesAfter(rss, scale(deployment, newRS, old));
        // A single active ReplicaSet left is sized to replicas next time (findActiveOrLatest), not replicas + maxSurge.
        fc.pre(Object.values(sizes).filter((n) => n > 0).length > 1);
        // What scaleReplicaSet writes: the new size, desired = replicas, max = replicas + maxSurge.
        const written = rss.map((r) => annotated({ ...r, spec: { ...r.spec!, replicas: sizes[r.metadata.name] } }, replicas, replicas + surge));
        const [newAgain, ...oldAgain] = [...written].reverse();
        const again = sizesAfter(written, scale(deployment, newAgain, oldAgain));
        expect(again).toEqual(sizes);
      }),
      runs(200),
    );
  });
});
