/**
 * The pod questions every workload controller asks. Examples: upstream's TestIsPodAvailable
 * (pkg/api/v1/pod/util_test.go, the current table with the inclusive boundary) and
 * TestActivePodFiltering / TestCountTerminatingPods (pkg/controller/controller_utils_test.go).
 */
import { describe, expect, test } from 'vitest';
import type { Pod, PodPhase } from '../api/types';
import { filterActivePods, isPodActive, isPodAvailable, isPodReady } from './pod-status';

const now = '2025-01-01T12:00:00Z';
const before = (s: number) => new Date(Date.parse(now) - s * 1000).toISOString().replace('.000Z', 'Z');

// upstream newPod(now, ready, beforeSec)
const newPod = (ready: boolean, beforeSec: number, lastTransitionTime: string | undefined = before(beforeSec)): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(lastTransitionTime && { lastTransitionTime }) }] },
});

const phased = (name: string, phase: PodPhase | undefined, deleting = false): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...(deleting && { deletionTimestamp: now }) },
  status: phase ? { phase } : {},
});

describe('isPodAvailable (TestIsPodAvailable)', () => {
  test.each<[string, Pod, number, boolean]>([
    ['not ready', newPod(false, 0), 0, false],
    ['ready now, minReadySeconds 1', newPod(true, 0), 1, false],
    ['ready without a transition time, minReadySeconds 1', newPod(true, 0, ''), 1, false],
    ['ready now, minReadySeconds 0', newPod(true, 0), 0, true],
    ['ready 51 s, minReadySeconds 50', newPod(true, 51), 50, true],
    ['ready 51 s, minReadySeconds 51', newPod(true, 51), 51, true],
    ['ready 51 s, minReadySeconds 52', newPod(true, 51), 52, false],
  ])('%s: %s', (_, pod, minReadySeconds, expected) => {
    expect(isPodAvailable(pod, minReadySeconds, now)).toBe(expected);
  });
});

describe('isPodReady', () => {
  test('a pod is ready when its Ready condition is True, and not without one', () => {
    expect(isPodReady(newPod(true, 0))).toBe(true);
    expect(isPodReady(newPod(false, 0))).toBe(false);
    expect(isPodReady(phased('p', 'Running'))).toBe(false);
  });
});

describe('isPodActive and filterActivePods (TestActivePodFiltering, TestCountTerminatingPods)', () => {
  test('Succeeded and Failed pods are filtered out, pods without a phase stay', () => {
    const pods = [phased('pod-1', 'Succeeded'), phased('pod-2', 'Failed'), phased('pod-3', undefined), phased('pod-4', 'Running'), phased('pod-5', 'Pending')];
    expect(filterActivePods(pods).map((p) => p.metadata.name)).toEqual(['pod-3', 'pod-4', 'pod-5']);
  });

  test('a pod being deleted is not active, whatever its phase', () => {
    expect(isPodActive(phased('p', 'Pending', true))).toBe(false);
    expect(isPodActive(phased('p', 'Running', true))).toBe(false);
  });
});
