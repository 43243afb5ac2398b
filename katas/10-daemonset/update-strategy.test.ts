/**
 * Kata 10-update-strategy.
 *
 * Defaults are those of upstream's pkg/apis/apps/v1/defaults.go (SetDefaults_DaemonSet);
 * the scaled budgets are the values of pkg/controller/daemon/update_test.go
 * (TestGetUnavailableNumbers: 50% of 2 nodes is 1, 50% of 3 is 2, 100% of 2 is 2) and of
 * intstr.GetScaledValueFromIntOrPercent (rounding up, its error text).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allowsSurge, defaultDaemonSet, surgeCount, unavailableCount } from '@kata/10-daemonset/update-strategy';
import type { DaemonSet, DaemonSetUpdateStrategy, IntOrString } from '../../core/api/types';
import { newDaemonSet } from '../../core/controllers/daemonset-fixtures';
import { runs } from '../../core/testing/runs';

const withStrategy = (updateStrategy: DaemonSetUpdateStrategy | undefined): DaemonSet => {
  const ds = newDaemonSet('x');
  const { updateStrategy: _u, revisionHistoryLimit: _r, ...spec } = ds.spec!;
  return { ...ds, spec: { ...spec, ...(updateStrategy && { updateStrategy }) } };
};
const unavailable = (maxUnavailable: IntOrString) => withStrategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable } });
const surge = (maxSurge: IntOrString) => withStrategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } });

describe('defaultDaemonSet: SetDefaults_DaemonSet', () => {
  test('no strategy becomes RollingUpdate with maxUnavailable 1 and maxSurge 0, and revisionHistoryLimit 10', () => {
    const spec = defaultDaemonSet(withStrategy(undefined)).spec;
    expect(spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec?.revisionHistoryLimit).toBe(10);
  });

  test('OnDelete stays OnDelete and gets no rollingUpdate block', () => {
    expect(defaultDaemonSet(withStrategy({ type: 'OnDelete' })).spec?.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('values that are set are kept: maxUnavailable 25% gets only maxSurge 0 added', () => {
    expect(defaultDaemonSet(unavailable('25%')).spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } });
  });

  test('a RollingUpdate with only maxSurge keeps it and gets the default maxUnavailable 1', () => {
    expect(defaultDaemonSet(withStrategy({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } })).spec?.updateStrategy?.rollingUpdate).toEqual({ maxUnavailable: 1, maxSurge: 2 });
  });

  test('an explicit revisionHistoryLimit of 0 is kept, and the input is not changed', () => {
    const ds = { ...withStrategy(undefined), spec: { ...withStrategy(undefined).spec!, revisionHistoryLimit: 0 } };
    const copy = structuredClone(ds);
    expect(defaultDaemonSet(ds).spec?.revisionHistoryLimit).toBe(0);
    expect(ds).toEqual(copy);
  });
});

describe('unavailableCount and surgeCount', () => {
  test('an integer is taken as it is', () => {
    expect(unavailableCount(unavailable(1), 2)).toBe(1);
    expect(surgeCount(surge(3), 2)).toBe(3);
  });

  test('50% of 2 nodes is 1 (TestGetUnavailableNumbers, "MaxUnavailable in percents")', () => {
    expect(unavailableCount(unavailable('50%'), 2)).toBe(1);
  });

  test('50% of 3 nodes rounds up to 2 (TestGetUnavailableNumbers, "pod terminating")', () => {
    expect(unavailableCount(unavailable('50%'), 3)).toBe(2);
  });

  test('surge 50% of 2 nodes is 1 and 100% of 2 is 2 (TestGetUnavailableNumbers, surge cases)', () => {
    expect(surgeCount(surge('50%'), 2)).toBe(1);
    expect(surgeCount(surge('100%'), 2)).toBe(2);
  });

  test('10% of 3 nodes is 1, where a Deployment would round maxUnavailable down to 0', () => {
    expect(unavailableCount(unavailable('10%'), 3)).toBe(1);
  });

  test('OnDelete has no budgets at all', () => {
    expect(unavailableCount(withStrategy({ type: 'OnDelete' }), 10)).toBe(0);
    expect(surgeCount(withStrategy({ type: 'OnDelete' }), 10)).toBe(0);
  });

  test('no maxSurge means no surge', () => {
    expect(surgeCount(unavailable(1), 10)).toBe(0);
  });

  test('a value that is neither a number nor a percentage is an error with upstream\'s message', () => {
    expect(() => unavailableCount(unavailable('3'), 10)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('allowsSurge', () => {
  test('maxSurge 1 allows surge, maxSurge 0 does not', () => {
    expect(allowsSurge(surge(1))).toBe(true);
    expect(allowsSurge(surge(0))).toBe(false);
  });

  test('any percentage above 0 allows surge: on one node it rounds up to 1', () => {
    expect(allowsSurge(surge('1%'))).toBe(true);
  });

  test('OnDelete never surges, and neither does an invalid maxSurge', () => {
    expect(allowsSurge(withStrategy({ type: 'OnDelete' }))).toBe(false);
    expect(allowsSurge(surge('lots'))).toBe(false);
  });
});

describe('properties', () => {
  test('a percentage budget is the percentage of the nodes rounded up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 5000 }), (percent, nodes) => {
        const want = Math.ceil((percent * nodes) / 100);
        expect(unavailableCount(unavailable(`${percent}%`), nodes)).toBe(want);
        expect(surgeCount(surge(`${percent}%`), nodes)).toBe(want);
      }),
      runs(200),
    );
  });

  test('a non-zero percentage never rounds a non-empty DaemonSet\'s budget down to 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 5000 }), (percent, nodes) => {
        expect(unavailableCount(unavailable(`${percent}%`), nodes)).toBeGreaterThanOrEqual(1);
      }),
      runs(100),
    );
  });

  test('defaulting twice is defaulting once', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom<DaemonSetUpdateStrategy>({ type: 'OnDelete' }, { type: 'RollingUpdate' }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } })), (s) => {
        const once = defaultDaemonSet(withStrategy(s ?? undefined));
        expect(defaultDaemonSet(once)).toEqual(once);
      }),
      runs(20),
    );
  });
});
