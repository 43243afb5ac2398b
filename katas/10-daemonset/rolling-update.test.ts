/**
 * Kata 10-rolling-update.
 *
 * Examples follow upstream's pkg/controller/daemon/update_test.go: TestGetUnavailableNumbers
 * (case by case), and the first rollout step of TestDaemonSetUpdatesPods,
 * TestDaemonSetUpdatesWhenNewPodIsNotReady, TestDaemonSetUpdatesAllOldPodsNotReady,
 * TestDaemonSetUpdatesNoTemplateChanged, TestDaemonSetUpdatesPodsWithMaxSurge,
 * TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge and
 * TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge. Whole rollouts, step by step, are in
 * the controller's tests.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findUpdatedPodsOnNode, rollingUpdate, updatedDesiredNodeCounts } from '@kata/10-daemonset/rolling-update';
import type { DaemonSet, IntOrString, Node, Pod } from '../../core/api/types';
import type { NodeToDaemonPods } from '../../core/controllers/daemonset-api';
import { addNodes, daemonPod, newDaemonSet, newNode, NOW, SIMPLE_DAEMONSET_LABEL } from '../../core/controllers/daemonset-fixtures';
import { computeHash } from '../../core/controllers/daemonset-hash';
import { isPodAvailable } from '../../core/controllers/pod-status';
import { runs } from '../../core/testing/runs';

const L = { ...SIMPLE_DAEMONSET_LABEL };
const hashOf = (ds: DaemonSet) => computeHash(ds.spec?.template, ds.status?.collisionCount);
const unavailableDs = (maxUnavailable: IntOrString, extra: Partial<NonNullable<DaemonSet['spec']>> = {}) =>
  newDaemonSet('x', {}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } }, ...extra });
const surgeDs = (maxSurge: IntOrString) => newDaemonSet('x', {}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } } });
const byNode = (pods: Pod[]): NodeToDaemonPods => {
  const map: NodeToDaemonPods = {};
  for (const p of pods) (map[p.spec!.nodeName!] ??= []).push(p);
  return map;
};
/** One pod per node `node-0`..: old (made from an earlier template) and ready unless told. */
const onEach = (ds: DaemonSet, n: number, o: { old?: boolean; ready?: boolean } = {}) =>
  Array.from({ length: n }, (_, i) => daemonPod(`pod-${i}`, `node-${i}`, L, ds, { oldHash: o.old ?? true, ready: o.ready ?? true, phase: 'Running' }));

describe('updatedDesiredNodeCounts: TestGetUnavailableNumbers', () => {
  const ready = (name: string, node: string) => daemonPod(name, node, L, undefined, { ready: true });
  const cases: [string, DaemonSet, Node[], Pod[], { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number; emptyNodes: number }][] = [
    ['No nodes', unavailableDs(0), [], [], { maxSurge: 0, maxUnavailable: 0, desiredNumberScheduled: 0, emptyNodes: 0 }],
    ['Two nodes with ready pods', unavailableDs(1), addNodes(0, 2), [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2, emptyNodes: 0 }],
    ['Two nodes, one node without pods', unavailableDs(0), addNodes(0, 2), [ready('pod-0', 'node-0')], { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2, emptyNodes: 1 }],
    ['Two nodes, one node without pods, surge', surgeDs(0), addNodes(0, 2), [ready('pod-0', 'node-0')], { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2, emptyNodes: 1 }],
    ['Two nodes with pods, MaxUnavailable in percents', unavailableDs('50%'), addNodes(0, 2), [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2, emptyNodes: 0 }],
    ['Two nodes with pods, MaxUnavailable in percents, surge', surgeDs('50%'), addNodes(0, 2), [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], { maxSurge: 1, maxUnavailable: 0, desiredNumberScheduled: 2, emptyNodes: 0 }],
    ['Two nodes with pods, MaxUnavailable is 100%, surge', surgeDs('100%'), addNodes(0, 2), [ready('pod-0', 'node-0'), ready('pod-1', 'node-1')], { maxSurge: 2, maxUnavailable: 0, desiredNumberScheduled: 2, emptyNodes: 0 }],
    [
      'Two nodes with pods, MaxUnavailable in percents, pod terminating',
      unavailableDs('50%'),
      addNodes(0, 3),
      [ready('pod-0', 'node-0'), daemonPod('pod-1', 'node-1', L, undefined, { ready: true, deleting: true })],
      { maxSurge: 0, maxUnavailable: 2, desiredNumberScheduled: 3, emptyNodes: 1 },
    ],
  ];
  for (const [name, ds, nodes, pods, want] of cases) {
    test(name, () => {
      const counts = updatedDesiredNodeCounts(ds, nodes, byNode(pods));
      const emptyNodes = Object.values(counts.nodeToDaemonPods).filter((p) => p.length === 0).length;
      expect({ maxSurge: counts.maxSurge, maxUnavailable: counts.maxUnavailable, desiredNumberScheduled: counts.desiredNumberScheduled, emptyNodes }).toEqual(want);
    });
  }

  test('the map passed in is not changed', () => {
    const map = byNode([ready('pod-0', 'node-0')]);
    updatedDesiredNodeCounts(unavailableDs(1), addNodes(0, 3), map);
    expect(Object.keys(map)).toEqual(['node-0']);
  });

  test('an invalid maxUnavailable is an error naming the field', () => {
    expect(() => updatedDesiredNodeCounts(unavailableDs('half'), addNodes(0, 2), {})).toThrow('invalid value for MaxUnavailable: invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('findUpdatedPodsOnNode', () => {
  const ds = newDaemonSet('foo');
  const fresh = (name: string) => daemonPod(name, 'n', L, ds);
  const old = (name: string) => daemonPod(name, 'n', L, ds, { oldHash: true });

  test('one new and one old pod are told apart by the hash label', () => {
    expect(findUpdatedPodsOnNode(ds, [old('o'), fresh('f')], hashOf(ds))).toEqual({ ok: true, newPod: fresh('f'), oldPod: old('o') });
  });

  test('two pods of a kind are not ok: the manage loop must prune first', () => {
    expect(findUpdatedPodsOnNode(ds, [fresh('a'), fresh('b')], hashOf(ds))).toEqual({ ok: false });
    expect(findUpdatedPodsOnNode(ds, [old('a'), old('b')], hashOf(ds))).toEqual({ ok: false });
  });

  test('pods being deleted do not count', () => {
    expect(findUpdatedPodsOnNode(ds, [fresh('a'), daemonPod('b', 'n', L, ds, { deleting: true })], hashOf(ds))).toEqual({ ok: true, newPod: fresh('a') });
  });
});

describe('rollingUpdate without surge', () => {
  test('TestDaemonSetUpdatesPods: 5 ready old pods and maxUnavailable 2 delete 2, in node order', () => {
    const ds = unavailableDs(2);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 5)), hashOf(ds), NOW)).toEqual({ podsToDelete: ['pod-0', 'pod-1'], nodesNeedingDaemonPods: [] });
  });

  test('TestDaemonSetUpdatesWhenNewPodIsNotReady: 3 new pods not ready use up maxUnavailable 3, nothing is deleted', () => {
    const ds = unavailableDs(3);
    const pods = [...onEach(ds, 5).slice(3).map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `old-${i}` } })), ...onEach(ds, 3, { old: false, ready: false })];
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(pods), hashOf(ds), NOW).podsToDelete).toEqual([]);
  });

  test('TestDaemonSetUpdatesAllOldPodsNotReady: old pods that are not available are all replaced at once', () => {
    const ds = unavailableDs(3);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 5, { ready: false })), hashOf(ds), NOW).podsToDelete).toHaveLength(5);
  });

  test('TestDaemonSetUpdatesNoTemplateChanged: pods of the current template are left alone', () => {
    const ds = unavailableDs(3);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 5, { old: false })), hashOf(ds), NOW)).toEqual({ podsToDelete: [], nodesNeedingDaemonPods: [] });
  });

  test('a node that should run a pod but has none counts as unavailable', () => {
    const ds = unavailableDs(2);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 4)), hashOf(ds), NOW).podsToDelete).toEqual(['pod-0']);
  });

  test('a pod ready for less than minReadySeconds is not yet available', () => {
    const ds = unavailableDs(1, { minReadySeconds: 30 });
    const oldAvailable = [1, 2].map((i) => daemonPod(`pod-${i}`, `node-${i}`, L, ds, { oldHash: true, ready: true, readySince: '2025-01-01T11:00:00Z' }));
    const pods = [daemonPod('new', 'node-0', L, ds, { ready: true, readySince: NOW }), ...oldAvailable];
    expect(rollingUpdate(ds, addNodes(0, 3), byNode(pods), hashOf(ds), NOW).podsToDelete, 'the new pod is not available yet').toEqual([]);
    expect(rollingUpdate(ds, addNodes(0, 3), byNode(pods), hashOf(ds), '2025-01-01T12:00:30Z').podsToDelete, '30 s later it is').toEqual(['pod-1']);
  });
});

describe('rollingUpdate with surge', () => {
  test('TestDaemonSetUpdatesPodsWithMaxSurge: 5 ready old pods and maxSurge 2 surge onto 2 nodes, deleting nothing', () => {
    const ds = surgeDs(2);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 5)), hashOf(ds), NOW)).toEqual({ podsToDelete: [], nodesNeedingDaemonPods: ['node-0', 'node-1'] });
  });

  test('new pods that are not yet available use up the surge budget', () => {
    const ds = surgeDs(2);
    const pods = [...onEach(ds, 5), ...onEach(ds, 2, { old: false, ready: false }).map((p) => ({ ...p, metadata: { ...p.metadata, name: `${p.metadata.name}-new` } }))];
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(pods), hashOf(ds), NOW)).toEqual({ podsToDelete: [], nodesNeedingDaemonPods: [] });
  });

  test('an available new pod retires the old one on its node, and frees budget for another node', () => {
    const ds = surgeDs(1);
    const pods = [...onEach(ds, 3), daemonPod('pod-0-new', 'node-0', L, ds, { ready: true })];
    expect(rollingUpdate(ds, addNodes(0, 3), byNode(pods), hashOf(ds), NOW)).toEqual({ podsToDelete: ['pod-0'], nodesNeedingDaemonPods: ['node-1'] });
  });

  test('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: unavailable old pods get new pods at once, beyond maxSurge', () => {
    const ds = surgeDs(3);
    expect(rollingUpdate(ds, addNodes(0, 5), byNode(onEach(ds, 5, { ready: false })), hashOf(ds), NOW).nodesNeedingDaemonPods).toHaveLength(5);
  });

  test('TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge: a node the template no longer tolerates loses its pod once the others are available', () => {
    const ds = surgeDs(1);
    const nodes = [newNode('node-0', undefined, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), ...addNodes(1, 4)];
    expect(rollingUpdate(ds, nodes, byNode(onEach(ds, 5)), hashOf(ds), NOW)).toEqual({ podsToDelete: ['pod-0'], nodesNeedingDaemonPods: ['node-1'] });
  });

  test('a node that is gone but still has an old pod stops the surge rollout with upstream\'s error', () => {
    const ds = surgeDs(1);
    expect(() => rollingUpdate(ds, addNodes(0, 1), byNode(onEach(ds, 2)), hashOf(ds), NOW)).toThrow('couldn\'t get node for nodeName "node-1": node "node-1" not found');
  });
});

describe('properties', () => {
  /** A node's pods during a rollout: none, old, new, or both; each ready or not. */
  const nodeState = fc.record({ old: fc.option(fc.boolean()), fresh: fc.option(fc.boolean()) });
  const world = (ds: DaemonSet, states: { old: boolean | null; fresh: boolean | null }[]) =>
    states.flatMap((s, i) => [
      ...(s.old !== null ? [daemonPod(`old-${i}`, `node-${i}`, L, ds, { oldHash: true, ready: s.old, phase: 'Running' })] : []),
      ...(s.fresh !== null ? [daemonPod(`new-${i}`, `node-${i}`, L, ds, { ready: s.fresh, phase: 'Running' })] : []),
    ]);
  const available = (p: Pod) => isPodAvailable(p, 0, NOW);

  test('without surge, available old pods are deleted only while fewer than maxUnavailable nodes lack an available pod', () => {
    fc.assert(
      fc.property(fc.array(nodeState, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (states, maxUnavailable) => {
        const ds = unavailableDs(maxUnavailable);
        const pods = world(ds, states);
        const lacking = states.filter((s) => !(s.old !== null && s.fresh === null && s.old) && !(s.old === null && s.fresh === true)).length;
        const { podsToDelete } = rollingUpdate(ds, addNodes(0, states.length), byNode(pods), hashOf(ds), NOW);
        const availableDeleted = podsToDelete.filter((n) => available(pods.find((p) => p.metadata.name === n)!)).length;
        expect(availableDeleted).toBeLessThanOrEqual(Math.max(0, maxUnavailable - lacking));
      }),
      runs(200),
    );
  });

  test('a rollout only ever deletes old pods', () => {
    fc.assert(
      fc.property(fc.array(nodeState, { maxLength: 8 }), fc.boolean(), (states, withSurge) => {
        const ds = withSurge ? surgeDs(2) : unavailableDs(2);
        const { podsToDelete } = rollingUpdate(ds, addNodes(0, states.length), byNode(world(ds, states)), hashOf(ds), NOW);
        for (const name of podsToDelete) expect(name.startsWith('old-'), name).toBe(true);
      }),
      runs(200),
    );
  });

  test('with surge, an available old pod leaves a node only when that node\'s new pod is available', () => {
    fc.assert(
      fc.property(fc.array(nodeState, { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (states, maxSurge) => {
        const ds = surgeDs(maxSurge);
        const { podsToDelete, nodesNeedingDaemonPods } = rollingUpdate(ds, addNodes(0, states.length), byNode(world(ds, states)), hashOf(ds), NOW);
        for (const name of podsToDelete) {
          const i = Number(name.slice('old-'.length));
          if (states[i]!.old) expect(states[i]!.fresh, `node-${i}'s new pod`).toBe(true);
        }
        const waiting = states.filter((s) => s.old !== null && s.fresh === false).length;
        const surgedOntoAvailable = nodesNeedingDaemonPods.filter((n) => states[Number(n.slice('node-'.length))]!.old === true).length;
        expect(surgedOntoAvailable, 'new pods next to available old pods').toBeLessThanOrEqual(Math.max(0, maxSurge - waiting));
      }),
      runs(200),
    );
  });
});
