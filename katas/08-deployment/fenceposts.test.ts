/**
 * Kata 08-fenceposts.
 *
 * Tables: TestResolveFenceposts, TestMaxUnavailable and TestMinAvailable in
 * pkg/controller/deployment/util/deployment_util_test.go; TestGetIntFromIntOrPercent in
 * staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr_test.go. The 25%/25% example is
 * kubernetes.io "Deployments" (at most 125% of the pods, at least 75% up), rounded for 10
 * replicas as ResolveFenceposts rounds. Error texts are those of intstr.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maxSurge, maxUnavailable, minAvailable, resolveFenceposts, scaledValueFromIntOrPercent } from '@kata/08-deployment/fenceposts';
import type { Deployment, IntOrString } from '../../core/api/types';
import { runs } from '../../core/testing/runs';

/** TestMaxUnavailable's deployment(): RollingUpdate, maxSurge 1. */
const rolling = (replicas: number, unavailable: IntOrString, surge: IntOrString = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
});
const recreate = (replicas?: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { ...(replicas !== undefined && { replicas }), selector: {}, template: {}, strategy: { type: 'Recreate' } },
});

describe('scaledValueFromIntOrPercent', () => {
  // TestGetIntFromIntOrPercent
  test.each<[IntOrString, number, boolean, number]>([
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
  ])('%j of %d (round up: %s) is %d', (value, total, roundUp, expected) => {
    expect(scaledValueFromIntOrPercent(value, total, roundUp)).toBe(expected);
  });

  test.each(['%', '90#', '#%', '90'])('%j is rejected', (value) => {
    expect(() => scaledValueFromIntOrPercent(value, 100, true)).toThrow(/^invalid value for IntOrString: /);
  });

  test('a string without % is not a percentage, in upstream words', () => {
    expect(() => scaledValueFromIntOrPercent('oops', 10, true)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });

  test('a bad number before % reports the strconv.Atoi error', () => {
    expect(() => scaledValueFromIntOrPercent('a%', 10, true)).toThrow('invalid value for IntOrString: invalid value "a%": strconv.Atoi: parsing "a": invalid syntax');
  });

  test('a missing value is an error', () => {
    expect(() => scaledValueFromIntOrPercent(undefined, 10, true)).toThrow('nil value for IntOrString');
  });
});

describe('resolveFenceposts', () => {
  // TestResolveFenceposts: [maxSurge, maxUnavailable, desired, surge, unavailable]
  test.each<[string | undefined, string | undefined, number, number, number]>([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ])('maxSurge %j, maxUnavailable %j of %d resolve to surge %d, unavailable %d', (surge, unavailable, desired, expectSurge, expectUnavailable) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: expectSurge, unavailable: expectUnavailable });
  });

  test.each<[string, string]>([
    ['oops', '39%'],
    ['55%', 'urg'],
  ])('maxSurge %j with maxUnavailable %j is an error', (surge, unavailable) => {
    expect(() => resolveFenceposts(surge, unavailable, 10)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });

  test('the docs example: 10 replicas at 25%/25% may surge by 3 and lose 2', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
  });

  test('percentages round the surge up and the unavailability down, and never both to zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }), (s, u, n) => {
        const surge = Math.trunc((s * n + 99) / 100);
        const unavailable = Math.trunc((u * n) / 100);
        const expected = surge === 0 && unavailable === 0 ? { surge: 0, unavailable: 1 } : { surge, unavailable };
        expect(resolveFenceposts(`${s}%`, `${u}%`, n), `maxSurge ${s}%, maxUnavailable ${u}% of ${n}`).toEqual(expected);
      }),
      runs(200),
    );
  });

  test('absolute values are used as they are, whatever the replicas', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100 }), (s, u, n) => {
        expect(resolveFenceposts(s, u, n)).toEqual(s === 0 && u === 0 ? { surge: 0, unavailable: 1 } : { surge: s, unavailable: u });
      }),
      runs(100),
    );
  });
});

describe('maxUnavailable', () => {
  // TestMaxUnavailable
  test.each<[string, Deployment, number]>([
    ['maxUnavailable less than replicas', rolling(10, 5), 5],
    ['maxUnavailable equal replicas', rolling(10, 10), 10],
    ['maxUnavailable greater than replicas', rolling(5, 10), 5],
    ['maxUnavailable with replicas is 0', rolling(0, 10), 0],
    ['maxUnavailable with Recreate deployment strategy', recreate(), 0],
    ['maxUnavailable less than replicas with percents', rolling(10, '50%'), 5],
    ['maxUnavailable equal replicas with percents', rolling(10, '100%'), 10],
    ['maxUnavailable greater than replicas with percents', rolling(5, '100%'), 5],
  ])('%s', (_name, d, expected) => {
    expect(maxUnavailable(d)).toBe(expected);
  });

  test('never exceeds replicas, so minAvailable is never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`)), (n, u) => {
        const d = rolling(n, u);
        expect(maxUnavailable(d)).toBeLessThanOrEqual(n);
        expect(minAvailable(d)).toBeGreaterThanOrEqual(0);
      }),
      runs(100),
    );
  });
});

describe('minAvailable', () => {
  // TestMinAvailable
  test.each<[string, Deployment, number]>([
    ['replicas greater than maxUnavailable', rolling(10, 5), 5],
    ['replicas equal maxUnavailable', rolling(10, 10), 0],
    ['replicas less than maxUnavailable', rolling(5, 10), 0],
    ['replicas is 0', rolling(0, 10), 0],
    ['minAvailable with Recreate deployment strategy', recreate(10), 0],
    ['replicas greater than maxUnavailable with percents', rolling(10, '60%'), 4],
    ['replicas equal maxUnavailable with percents', rolling(10, '100%'), 0],
    ['replicas less than maxUnavailable with percents', rolling(5, '100%'), 0],
  ])('%s', (_name, d, expected) => {
    expect(minAvailable(d)).toBe(expected);
  });
});

describe('maxSurge', () => {
  test('a RollingUpdate Deployment surges by its resolved maxSurge', () => {
    expect(maxSurge(rolling(10, '25%', '25%'))).toBe(3);
  });

  test('a Recreate Deployment never surges', () => {
    expect(maxSurge(recreate(10))).toBe(0);
  });

  test('an invalid value counts as no surge, as upstream ignores the error validation catches', () => {
    expect(maxSurge(rolling(10, 1, 'oops'))).toBe(0);
  });
});
