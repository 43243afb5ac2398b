/**
 * Kata 08-new-rs-replicas.
 *
 * Tables: TestNewRSNewReplicas and the IsSaturated case of TestAnnotationUtils in
 * pkg/controller/deployment/util/deployment_util_test.go. The other saturation examples take
 * one condition of IsSaturated away at a time; the properties restate NewRSNewReplicas'
 * comment ("Do not exceed the number of desired replicas", "Cannot scale up").
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isSaturated, newRSNewReplicas } from '@kata/08-deployment/new-rs-replicas';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { DESIRED_REPLICAS_ANNOTATION } from '../../core/controllers/deployment-constants';
import { generateDeployment, generateRS } from '../../core/controllers/deployment-fixtures';
import { runs } from '../../core/testing/runs';

const withStrategy = (d: Deployment, type: 'RollingUpdate' | 'Recreate', replicas: number, maxSurge: number | string, maxUnavailable: number | string = 1): Deployment => ({
  ...d,
  spec: { ...d.spec!, replicas, strategy: { type, rollingUpdate: { maxUnavailable, maxSurge } } },
});
const sized = (rs: ReplicaSet, replicas: number, available = 0, desired?: number): ReplicaSet => ({
  ...rs,
  metadata: { ...rs.metadata, annotations: desired === undefined ? {} : { [DESIRED_REPLICAS_ANNOTATION]: String(desired) } },
  spec: { ...rs.spec!, replicas },
  status: { replicas, availableReplicas: available },
});

describe('newRSNewReplicas', () => {
  const nginx = generateDeployment('nginx');
  const rs5 = sized(generateRS(nginx, 'nginx-rs5'), 5);
  const newRS = generateRS(nginx, 'nginx-new');

  // TestNewRSNewReplicas: allRSs is [rs5] only, as upstream passes it.
  test.each<[string, 'RollingUpdate' | 'Recreate', number, number, number, number]>([
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ])('%s', (_name, type, depReplicas, newRSReplicas, surge, expected) => {
    const d = withStrategy(nginx, type, depReplicas, surge);
    expect(newRSNewReplicas(d, [rs5], sized(newRS, newRSReplicas))).toBe(expected);
  });

  test('a percentage surge is rounded up before it is used', () => {
    // 10 replicas at 25% may reach 13 pods; 10 wanted already, so the new ReplicaSet gets 3.
    const d = withStrategy(nginx, 'RollingUpdate', 10, '25%');
    expect(newRSNewReplicas(d, [sized(rs5, 10), sized(newRS, 0)], sized(newRS, 0))).toBe(3);
  });

  test('an unknown strategy type is an error in upstream words', () => {
    const d = { ...nginx, spec: { ...nginx.spec!, strategy: { type: 'BlueGreen' as 'Recreate' } } };
    expect(() => newRSNewReplicas(d, [], newRS)).toThrow("deployment type BlueGreen isn't supported");
  });

  const scenario = fc.record({
    replicas: fc.integer({ min: 0, max: 30 }),
    surge: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`)),
    old: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
    fresh: fc.integer({ min: 0, max: 30 }),
  });

  test('a rolling update never makes the new ReplicaSet want more than replicas', () => {
    fc.assert(
      fc.property(scenario, ({ replicas, surge, old, fresh }) => {
        const d = withStrategy(nginx, 'RollingUpdate', replicas, surge);
        const mine = sized(newRS, Math.min(fresh, replicas));
        const all = [...old.map((n, i) => sized(generateRS(nginx, `old-${i}`), n)), mine];
        expect(newRSNewReplicas(d, all, mine)).toBeLessThanOrEqual(replicas);
      }),
      runs(150),
    );
  });

  test('a rolling update grows the new ReplicaSet only into the room below replicas + maxSurge, and never shrinks it', () => {
    fc.assert(
      fc.property(scenario, ({ replicas, surge, old, fresh }) => {
        const d = withStrategy(nginx, 'RollingUpdate', replicas, surge);
        const mine = sized(newRS, Math.min(fresh, replicas));
        const all = [...old.map((n, i) => sized(generateRS(nginx, `old-${i}`), n)), mine];
        const before = all.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
        const ceiling = replicas + (typeof surge === 'number' ? surge : Math.ceil((Number(surge.slice(0, -1)) * replicas) / 100));
        const next = newRSNewReplicas(d, all, mine);
        const mineBefore = mine.spec!.replicas!;
        expect(next, 'the new ReplicaSet must not shrink').toBeGreaterThanOrEqual(mineBefore);
        if (next > mineBefore) expect(before - mineBefore + next, `at most ${ceiling} pods wanted`).toBeLessThanOrEqual(ceiling);
      }),
      runs(150),
    );
  });
});

describe('isSaturated', () => {
  const d = generateDeployment('nginx');
  const rs = generateRS(d, 'nginx-1');

  // TestAnnotationUtils, "IsSaturated": desired-replicas 1, 1 replica, 1 available.
  test('a ReplicaSet sized for this Deployment with every pod available is saturated', () => {
    expect(isSaturated(d, sized(rs, 1, 1, 1))).toBe(true);
  });

  test('a ReplicaSet sized for an earlier Deployment size is not saturated', () => {
    expect(isSaturated(d, sized(rs, 1, 1, 3))).toBe(false);
  });

  test('a ReplicaSet whose pods are not all available is not saturated', () => {
    expect(isSaturated(d, sized(rs, 1, 0, 1))).toBe(false);
  });

  test('a ReplicaSet without the desired-replicas annotation is not saturated', () => {
    expect(isSaturated(d, sized(rs, 1, 1))).toBe(false);
  });

  test('no ReplicaSet is not saturated', () => {
    expect(isSaturated(d, undefined)).toBe(false);
  });
});
