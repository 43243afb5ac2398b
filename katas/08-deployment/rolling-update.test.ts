/**
 * Kata 08-rolling-update.
 *
 * Tables: TestDeploymentController_reconcileNewReplicaSet, _reconcileOldReplicaSets,
 * _cleanupUnhealthyReplicas and _scaleDownOldReplicaSetsForRollingUpdate in
 * pkg/controller/deployment/rolling_test.go (their deployments come from newDeployment:
 * maxSurge and maxUnavailable 0 unless given). The properties restate the guarantees of
 * kubernetes.io "Deployments" > Rolling Update Deployment: at most replicas + maxSurge pods
 * wanted, at least replicas - maxUnavailable available.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  cleanupUnhealthyReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from '@kata/08-deployment/rolling-update';
import type { ReplicaSet } from '../../core/api/types';
import { newDeployment, rs } from '../../core/controllers/deployment-fixtures';
import type { ReplicaSetScale } from '../../core/controllers/deployment-plan';
import { runs } from '../../core/testing/runs';

const withAvailable = (r: ReplicaSet, available: number): ReplicaSet => ({ ...r, status: { replicas: r.spec?.replicas ?? 0, availableReplicas: available } });
/** The size each named ReplicaSet ends at once the scales are applied in order. */
const finalSizes = (start: ReplicaSet[], scales: ReplicaSetScale[]) => {
  const sizes: Record<string, number> = Object.fromEntries(start.map((r) => [r.metadata.name, r.spec?.replicas ?? 0]));
  for (const s of scales) sizes[s.replicaSet.metadata.name] = s.newScale;
  return sizes;
};
const show = (scales: ReplicaSetScale[]) => scales.map((s) => `${s.replicaSet.metadata.name}: ${s.replicaSet.spec?.replicas} -> ${s.newScale}`).join(', ') || 'no scaling';

describe('reconcileNewReplicaSet', () => {
  // TestDeploymentController_reconcileNewReplicaSet: [replicas, maxSurge, old, new, scale expected, expected new]
  test.each<[string, number, number, number, number, boolean, number]>([
    ['should not scale up when there is no surge room', 10, 0, 10, 0, false, 0],
    ['scales up into the surge room', 10, 2, 10, 0, true, 2],
    ['scales up by the room the old ReplicaSet leaves', 10, 2, 5, 0, true, 7],
    ['does not scale up when the surge room is used', 10, 2, 10, 2, false, 2],
    ['should scale down a new ReplicaSet above replicas', 10, 2, 2, 11, true, 10],
  ])('%s', (_name, replicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expected) => {
    const newRS = rs('foo-v2', newReplicas);
    const allRSs = [newRS, rs('foo-v1', oldReplicas)];
    const scales = reconcileNewReplicaSet(allRSs, newRS, newDeployment('foo', replicas, { maxSurge, maxUnavailable: 0 }));
    expect(scales.length > 0, `scaling expected: ${scaleExpected}, got ${show(scales)}`).toBe(scaleExpected);
    expect(finalSizes(allRSs, scales)['foo-v2']).toBe(expected);
  });
});

describe('reconcileOldReplicaSets', () => {
  // TestDeploymentController_reconcileOldReplicaSets:
  // [name, replicas, maxUnavailable, old, new, available old, available new, scale expected, expected old]
  test.each<[string, number, number, number, number, number, number, boolean, number]>([
    ['maxUnavailable 0 resolves to 1 and lets one old pod go', 10, 0, 10, 0, 10, 0, true, 9],
    ['maxUnavailable 2 lets two old pods go', 10, 2, 10, 0, 10, 0, true, 8],
    ['expect unhealthy replicas from old replica sets been cleaned up', 10, 2, 10, 0, 8, 0, true, 8],
    ['expect 1 unhealthy replica from old replica sets been cleaned up, and 1 ready pod been scaled down', 10, 2, 10, 0, 9, 0, true, 8],
    ['the unavailable pods from the newRS would not make us scale down old RSs in a further step', 10, 2, 8, 2, 8, 0, false, 8],
  ])('%s', (_name, replicas, maxUnavailable, oldReplicas, newReplicas, oldAvailable, newAvailable, scaleExpected, expectedOld) => {
    const newRS = withAvailable(rs('foo-new', newReplicas, { foo: 'new' }), newAvailable);
    const oldRS = withAvailable(rs('foo-old', oldReplicas, { foo: 'old' }), oldAvailable);
    const d = newDeployment('foo', replicas, { maxSurge: 0, maxUnavailable, selector: { foo: 'new' } });
    const { scaled, scales } = reconcileOldReplicaSets([oldRS, newRS], [oldRS], newRS, d);
    expect(scaled, `scaling expected: ${scaleExpected}, got ${show(scales)}`).toBe(scaleExpected);
    expect(finalSizes([oldRS, newRS], scales)['foo-old']).toBe(expectedOld);
  });

  test('an old ReplicaSet reporting more available pods than it wants stops the step, as upstream errors out', () => {
    const newRS = withAvailable(rs('foo-new', 3), 0);
    const shrinking = { ...withAvailable(rs('foo-old', 5), 7) };
    const { scaled, scales } = reconcileOldReplicaSets([shrinking, newRS], [shrinking], newRS, newDeployment('foo', 5, { maxSurge: 3, maxUnavailable: 1 }));
    expect(scaled).toBe(false);
    expect(scales).toEqual([]);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  // TestDeploymentController_cleanupUnhealthyReplicas: [old replicas, available, max cleanup, cleaned up]
  test.each<[number, number, number, number]>([
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ])('%d replicas, %d available, at most %d cleaned: %d cleaned up', (oldReplicas, available, maxCleanupCount, expected) => {
    const oldRS = withAvailable(rs('foo-v2', oldReplicas), available);
    const d = newDeployment('foo', 10, { maxSurge: 2, maxUnavailable: 2 });
    const result = cleanupUnhealthyReplicas([oldRS], d, maxCleanupCount);
    expect(result.cleanupCount).toBe(expected);
    expect(finalSizes([oldRS], result.scales)['foo-v2']).toBe(oldReplicas - expected);
  });

  test('takes the oldest ReplicaSet first', () => {
    const older = withAvailable(rs('b-older', 3, {}, '2025-01-01T00:00:00Z'), 1);
    const newer = withAvailable(rs('a-newer', 3, {}, '2025-01-02T00:00:00Z'), 1);
    const result = cleanupUnhealthyReplicas([newer, older], newDeployment('foo', 6), 3);
    expect(result.scales.map((s) => [s.replicaSet.metadata.name, s.newScale])).toEqual([
      ['b-older', 1],
      ['a-newer', 2],
    ]);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  // TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate:
  // [replicas, maxUnavailable, available, old replicas, scale expected, expected old]
  test.each<[number, number, number, number, boolean, number]>([
    [10, 0, 10, 10, true, 9],
    [10, 2, 10, 10, true, 8],
    [10, 2, 8, 10, false, 10],
    [10, 2, 10, 0, false, 0],
    [10, 2, 1, 10, false, 10],
  ])('%d replicas, maxUnavailable %d, %d available of %d old', (replicas, maxUnavailable, available, oldReplicas, scaleExpected, expected) => {
    const oldRS = withAvailable(rs('foo-v2', oldReplicas), available);
    const d = newDeployment('foo', replicas, { maxSurge: 0, maxUnavailable, selector: { foo: 'bar' } });
    const result = scaleDownOldReplicaSetsForRollingUpdate([oldRS], [oldRS], d);
    expect(result.scaledDownCount > 0, `scaling expected: ${scaleExpected}, got ${show(result.scales)}`).toBe(scaleExpected);
    expect(finalSizes([oldRS], result.scales)['foo-v2']).toBe(expected);
  });
});

/** A Deployment mid-rollout: some old ReplicaSets and a new one, each with its available pods. */
const midRollout = fc
  .record({
    replicas: fc.integer({ min: 1, max: 20 }),
    surge: fc.integer({ min: 0, max: 100 }),
    unavailable: fc.integer({ min: 0, max: 100 }),
    old: fc.array(fc.record({ spec: fc.integer({ min: 0, max: 20 }), ready: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 3 }),
    fresh: fc.record({ spec: fc.integer({ min: 0, max: 20 }), ready: fc.integer({ min: 0, max: 20 }) }),
  })
  .map(({ replicas, surge, unavailable, old, fresh }) => {
    const d = newDeployment('web', replicas, { maxSurge: `${surge}%`, maxUnavailable: `${unavailable}%` });
    const oldRSs = old.map((o, i) => withAvailable(rs(`web-old-${i}`, o.spec, {}, `2025-01-0${i + 1}T00:00:00Z`), Math.min(o.ready, o.spec)));
    const newRS = withAvailable(rs('web-new', Math.min(fresh.spec, replicas), {}, '2025-02-01T00:00:00Z'), Math.min(fresh.ready, fresh.spec, replicas));
    return { d, replicas, oldRSs, newRS };
  });

describe('rolling update properties', () => {
  test('scaling down old ReplicaSets never takes availability below replicas - maxUnavailable', () => {
    fc.assert(
      fc.property(midRollout, ({ d, replicas, oldRSs, newRS }) => {
        const active = oldRSs.filter((r) => (r.spec?.replicas ?? 0) > 0);
        const all = [...oldRSs, newRS];
        const { scales } = reconcileOldReplicaSets(all, active, newRS, d);
        const sizes = finalSizes(all, scales);
        // A ReplicaSet removes its unavailable pods first, so it keeps min(available, new size) available pods.
        const availableAfter = all.reduce((sum, r) => sum + Math.min(r.status?.availableReplicas ?? 0, sizes[r.metadata.name] ?? 0), 0);
        const availableBefore = all.reduce((sum, r) => sum + (r.status?.availableReplicas ?? 0), 0);
        const unavailable = Math.max(Math.floor((Number(String(d.spec!.strategy!.rollingUpdate!.maxUnavailable).slice(0, -1)) * replicas) / 100), 0);
        const surge = Math.ceil((Number(String(d.spec!.strategy!.rollingUpdate!.maxSurge).slice(0, -1)) * replicas) / 100);
        const minAvailable = replicas - Math.min(surge === 0 && unavailable === 0 ? 1 : unavailable, replicas);
        expect(availableAfter, `after ${show(scales)}`).toBeGreaterThanOrEqual(Math.min(availableBefore, minAvailable));
      }),
      runs(200),
    );
  });

  test('old ReplicaSets only ever shrink, and never below zero', () => {
    fc.assert(
      fc.property(midRollout, ({ d, oldRSs, newRS }) => {
        const active = oldRSs.filter((r) => (r.spec?.replicas ?? 0) > 0);
        const { scales } = reconcileOldReplicaSets([...oldRSs, newRS], active, newRS, d);
        for (const s of scales) {
          expect(s.replicaSet.metadata.name).not.toBe('web-new');
          expect(s.newScale).toBeGreaterThanOrEqual(0);
          expect(s.newScale).toBeLessThan(s.replicaSet.spec?.replicas ?? 0);
        }
      }),
      runs(200),
    );
  });

  test('a whole rollout, one step per sync, stays within maxSurge and maxUnavailable and ends on the new ReplicaSet', () => {
    const rollout = fc.record({
      replicas: fc.integer({ min: 1, max: 15 }),
      surge: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`)),
      unavailable: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`)),
    });
    fc.assert(
      fc.property(rollout, ({ replicas, surge, unavailable }) => {
        const d = newDeployment('web', replicas, { maxSurge: surge, maxUnavailable: unavailable });
        const resolve = (v: number | string, up: boolean) => (typeof v === 'number' ? v : (up ? Math.ceil : Math.floor)((Number(v.slice(0, -1)) * replicas) / 100));
        const s = resolve(surge, true);
        const u0 = resolve(unavailable, false);
        const u = Math.min(s === 0 && u0 === 0 ? 1 : u0, replicas);
        let old = withAvailable(rs('web-old', replicas, {}, '2025-01-01T00:00:00Z'), replicas);
        let fresh = withAvailable(rs('web-new', 0, {}, '2025-02-01T00:00:00Z'), 0);
        const trace: string[] = [];
        for (let step = 0; step < 4 * replicas + 10; step++) {
          const all = [old, fresh];
          let scales = reconcileNewReplicaSet(all, fresh, d);
          if (scales.length === 0) scales = (old.spec?.replicas ?? 0) > 0 ? reconcileOldReplicaSets(all, [old], fresh, d).scales : [];
          if (scales.length === 0) break;
          const sizes = finalSizes(all, scales);
          trace.push(show(scales));
          // Old pods are removed at once; new pods become available before the next sync.
          old = withAvailable({ ...old, spec: { ...old.spec!, replicas: sizes['web-old']! } }, Math.min(old.status!.availableReplicas!, sizes['web-old']!));
          fresh = withAvailable({ ...fresh, spec: { ...fresh.spec!, replicas: sizes['web-new']! } }, fresh.status!.availableReplicas!);
          const wanted = old.spec!.replicas! + fresh.spec!.replicas!;
          const available = old.status!.availableReplicas! + fresh.status!.availableReplicas!;
          expect(wanted, `at most ${replicas + s} pods wanted; steps: ${trace.join(' | ')}`).toBeLessThanOrEqual(replicas + s);
          expect(available, `at least ${replicas - u} available; steps: ${trace.join(' | ')}`).toBeGreaterThanOrEqual(replicas - u);
          fresh = withAvailable(fresh, fresh.spec!.replicas!);
        }
        expect([old.spec!.replicas, fresh.spec!.replicas], `steps: ${trace.join(' | ')}`).toEqual([0, replicas]);
      }),
      runs(150),
    );
  });
});
