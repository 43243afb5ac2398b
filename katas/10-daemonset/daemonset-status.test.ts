/**
 * Kata 10-daemonset-status.
 *
 * Examples follow upstream's pkg/controller/daemon/daemon_controller_test.go
 * (TestNumberReadyStatus, TestObservedGeneration, the status half of
 * TestSimpleDaemonSetPodCreateErrors: 100 nodes, 10 pods) and the field list of
 * staging/src/k8s.io/api/apps/v1/types.go (DaemonSetStatus, which fields are omitempty).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { calculateDaemonSetStatus, daemonSetStatusChanged } from '@kata/10-daemonset/daemonset-status';
import type { DaemonSet, DaemonSetStatus, Pod } from '../../core/api/types';
import { daemonSetLook, daemonSetWithLook, nodes as nodesArbitrary } from '../../core/controllers/daemonset-arbitraries';
import type { NodeToDaemonPods } from '../../core/controllers/daemonset-api';
import { addNodes, addPods, daemonPod, newDaemonSet, newNode, NOW, SIMPLE_DAEMONSET_LABEL, SIMPLE_NODE_LABEL } from '../../core/controllers/daemonset-fixtures';
import { computeHash } from '../../core/controllers/daemonset-hash';
import { runs } from '../../core/testing/runs';

const L = { ...SIMPLE_DAEMONSET_LABEL };
const hashOf = (ds: DaemonSet) => computeHash(ds.spec?.template, ds.status?.collisionCount);
const byNode = (pods: Pod[]): NodeToDaemonPods => {
  const map: NodeToDaemonPods = {};
  for (const p of pods) (map[p.spec!.nodeName!] ??= []).push(p);
  return map;
};
const withGeneration = (ds: DaemonSet, generation: number, status?: DaemonSetStatus): DaemonSet => ({ ...ds, metadata: { ...ds.metadata, generation }, ...(status && { status }) });

describe('calculateDaemonSetStatus', () => {
  test('TestNumberReadyStatus: two pods that are not ready count as scheduled, not ready', () => {
    const ds = newDaemonSet('foo');
    const status = calculateDaemonSetStatus(ds, addNodes(0, 2, SIMPLE_NODE_LABEL), byNode([...addPods('node-0', L, ds, 1), ...addPods('node-1', L, ds, 1)]), hashOf(ds), NOW);
    expect(status).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2 });
  });

  test('TestNumberReadyStatus: once both are ready, numberReady is 2 (and with minReadySeconds 0 they are available)', () => {
    const ds = newDaemonSet('foo');
    const pods = [...addPods('node-0', L, ds, 1, 0, { ready: true }), ...addPods('node-1', L, ds, 1, 0, { ready: true })];
    const status = calculateDaemonSetStatus(ds, addNodes(0, 2, SIMPLE_NODE_LABEL), byNode(pods), hashOf(ds), NOW);
    expect(status).toMatchObject({ numberReady: 2, numberAvailable: 2 });
    expect(status.numberUnavailable, 'left out when 0').toBeUndefined();
  });

  test('TestObservedGeneration: observedGeneration is the DaemonSet\'s generation', () => {
    const ds = withGeneration(newDaemonSet('foo'), 1);
    expect(calculateDaemonSetStatus(ds, addNodes(0, 1, SIMPLE_NODE_LABEL), byNode(addPods('node-0', L, ds, 1)), hashOf(ds), NOW).observedGeneration).toBe(1);
  });

  test('TestSimpleDaemonSetPodCreateErrors: 100 nodes and 10 pods give desired 100, current 10, updated 10', () => {
    const ds = newDaemonSet('foo');
    const pods = Array.from({ length: 10 }, (_, i) => daemonPod(`p-${i}`, `node-${i}`, L, ds));
    expect(calculateDaemonSetStatus(ds, addNodes(0, 100), byNode(pods), hashOf(ds), NOW)).toMatchObject({ desiredNumberScheduled: 100, currentNumberScheduled: 10, updatedNumberScheduled: 10 });
  });

  test('a pod on a node that should not run one is misscheduled, and not counted anywhere else', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL } });
    const status = calculateDaemonSetStatus(ds, [newNode('node-0'), newNode('node-1', SIMPLE_NODE_LABEL)], byNode(addPods('node-0', L, ds, 1, 0, { ready: true })), hashOf(ds), NOW);
    expect(status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 1, desiredNumberScheduled: 1, numberReady: 0, numberUnavailable: 1 });
  });

  test('the oldest pod of a node decides: an old ready pod next to a new unready one is ready but not updated', () => {
    const ds = newDaemonSet('foo');
    const pods = [daemonPod('old', 'node-0', L, ds, { oldHash: true, ready: true, created: '2025-01-01T10:00:00Z' }), daemonPod('new', 'node-0', L, ds, { created: '2025-01-01T11:00:00Z' })];
    expect(calculateDaemonSetStatus(ds, addNodes(0, 1), byNode(pods), hashOf(ds), NOW)).toMatchObject({ currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1 });
    expect(calculateDaemonSetStatus(ds, addNodes(0, 1), byNode(pods), hashOf(ds), NOW).updatedNumberScheduled).toBeUndefined();
  });

  test('a pod ready for less than minReadySeconds is ready but unavailable', () => {
    const ds = newDaemonSet('foo', {}, { minReadySeconds: 15 });
    const pods = addPods('node-0', L, ds, 1, 0, { ready: true, readySince: '2025-01-01T11:59:50Z' });
    expect(calculateDaemonSetStatus(ds, addNodes(0, 1), byNode(pods), hashOf(ds), NOW)).toMatchObject({ numberReady: 1, numberUnavailable: 1 });
    expect(calculateDaemonSetStatus(ds, addNodes(0, 1), byNode(pods), hashOf(ds), '2025-01-01T12:00:05Z')).toMatchObject({ numberReady: 1, numberAvailable: 1 });
  });

  test('collisionCount and conditions of the current status are kept; the four counts are always written', () => {
    const ds = { ...newDaemonSet('foo'), status: { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, collisionCount: 2 } };
    expect(calculateDaemonSetStatus(ds, [], {}, hashOf(ds), NOW)).toEqual({ collisionCount: 2, currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });
});

describe('daemonSetStatusChanged: storeDaemonSetStatus', () => {
  const status: DaemonSetStatus = { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, observedGeneration: 4 };

  test('the same counts with observedGeneration caught up: nothing to write', () => {
    expect(daemonSetStatusChanged(withGeneration(newDaemonSet('foo'), 4, status), status)).toBe(false);
  });

  test('a new generation must be recorded even with the same counts', () => {
    expect(daemonSetStatusChanged(withGeneration(newDaemonSet('foo'), 5, status), { ...status, observedGeneration: 5 })).toBe(true);
  });

  test('any count that moved must be written', () => {
    for (const field of ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'numberAvailable', 'updatedNumberScheduled', 'numberUnavailable'] as const) {
      expect(daemonSetStatusChanged(withGeneration(newDaemonSet('foo'), 4, status), { ...status, [field]: (status[field] ?? 0) + 1 }), field).toBe(true);
    }
  });

  test('an absent count equals 0', () => {
    const { numberAvailable: _a, ...noAvailable } = status;
    expect(daemonSetStatusChanged(withGeneration(newDaemonSet('foo'), 4, { ...noAvailable, numberAvailable: 0 }), noAvailable)).toBe(false);
  });
});

describe('properties', () => {
  test('the counts add up: ready <= current <= desired, available <= ready, updated <= current, available + unavailable = desired, one count per node with pods', () => {
    fc.assert(
      fc.property(nodesArbitrary(6), daemonSetLook(), fc.array(fc.record({ node: fc.integer({ min: 0, max: 7 }), ready: fc.boolean(), old: fc.boolean() }), { maxLength: 10 }), (nodes, look, shapes) => {
        const ds = daemonSetWithLook('ds', look);
        const pods = shapes.map((s, i) => daemonPod(`p-${i}`, `node-${s.node}`, L, ds, { ready: s.ready, oldHash: s.old }));
        const st = calculateDaemonSetStatus(ds, nodes, byNode(pods), hashOf(ds), NOW);
        expect(st.numberReady).toBeLessThanOrEqual(st.currentNumberScheduled);
        expect(st.currentNumberScheduled).toBeLessThanOrEqual(st.desiredNumberScheduled);
        expect(st.numberAvailable ?? 0).toBeLessThanOrEqual(st.numberReady);
        expect(st.updatedNumberScheduled ?? 0).toBeLessThanOrEqual(st.currentNumberScheduled);
        expect((st.numberAvailable ?? 0) + (st.numberUnavailable ?? 0)).toBe(st.desiredNumberScheduled);
        const nodesWithPods = nodes.filter((n) => pods.some((p) => p.spec?.nodeName === n.metadata.name)).length;
        expect(st.currentNumberScheduled + st.numberMisscheduled, 'every existing node with a pod is counted once').toBe(nodesWithPods);
      }),
      runs(150),
    );
  });

  test('writing the computed status makes it unchanged', () => {
    fc.assert(
      fc.property(nodesArbitrary(5), daemonSetLook(), fc.integer({ min: 0, max: 5 }), (nodes, look, generation) => {
        const ds = withGeneration(daemonSetWithLook('ds', look), generation);
        const pods = nodes.slice(0, 3).map((n, i) => daemonPod(`p-${i}`, n.metadata.name, L, ds, { ready: i % 2 === 0 }));
        const st = calculateDaemonSetStatus(ds, nodes, byNode(pods), hashOf(ds), NOW);
        expect(daemonSetStatusChanged({ ...ds, status: st }, calculateDaemonSetStatus({ ...ds, status: st }, nodes, byNode(pods), hashOf(ds), NOW))).toBe(false);
      }),
      runs(100),
    );
  });
});
