/**
 * Kata 10-pods-should-be-on-node.
 *
 * Examples replay upstream's pkg/controller/daemon/daemon_controller_test.go through manage
 * (the pods are given as already claimed: upstream's claim releases pods whose labels do not
 * match, so those are left out here): TestDealsWithExistingPods, TestSelectorDaemon*,
 * TestNameDaemonSetLaunchesPods and friends, TestNodeAffinityDaemonLaunchesPods,
 * TestDaemonKillFailedPods, TestDaemonKillFailedPodsBackoff, TestDaemonSetRespectsTermination,
 * TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod, TestDeleteUnscheduledPodForNotExistingNode,
 * TestGetNodesToDaemonPods, and the TestSurge* tests. The back-off is client-go's
 * flowcontrol.Backoff with the controller manager's 1 s and 15 min.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  failedPodsBackoffKey,
  getNodesToDaemonPods,
  getUnscheduledPodsWithoutNode,
  manage,
  podByCreationTimestampAndPhase,
  podsShouldBeOnNode,
} from '@kata/10-daemonset/pods-should-be-on-node';
import type { DaemonSet, Node, Pod, PodPhase } from '../../core/api/types';
import { daemonSetLook, daemonSetWithLook, expectedShouldRun, nodes as nodesArbitrary } from '../../core/controllers/daemonset-arbitraries';
import { INITIAL_DAEMONSET_CONTROLLER_STATE, type ManagePlan } from '../../core/controllers/daemonset-api';
import {
  addNodes,
  addPods,
  daemonPod,
  newDaemonSet,
  newNode,
  NOW,
  SIMPLE_DAEMONSET_LABEL,
  SIMPLE_NODE_LABEL,
  SIMPLE_NODE_LABEL2,
} from '../../core/controllers/daemonset-fixtures';
import { computeHash } from '../../core/controllers/daemonset-hash';
import { targetNodeOf } from '../../core/controllers/daemonset-testing';
import { addSeconds } from '../../core/data/rfc3339';
import type { BackOff } from '../../core/kubelet/backoff';
import { runs } from '../../core/testing/runs';

const EMPTY: BackOff = INITIAL_DAEMONSET_CONTROLLER_STATE.failedPodsBackoff;
const L = { ...SIMPLE_DAEMONSET_LABEL };
const hashOf = (ds: DaemonSet) => computeHash(ds.spec?.template, ds.status?.collisionCount);
const unix = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** manage over claimed pods, at NOW (or `now`) with an empty back-off unless given. */
function plan(ds: DaemonSet, nodes: Node[], pods: Pod[], now = NOW, backoff = EMPTY): ManagePlan {
  return manage(ds, nodes, getNodesToDaemonPods(pods, false), hashOf(ds), backoff, now);
}
const counts = (p: ManagePlan) => ({ creates: p.nodesNeedingDaemonPods.length, deletes: p.podsToDelete.length, events: p.events.length });
const surgeDs = (maxSurge = 1, minReadySeconds?: number) =>
  newDaemonSet('foo', {}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } }, ...(minReadySeconds && { minReadySeconds }) });

describe('podByCreationTimestampAndPhase', () => {
  test('a bound pod sorts before an unbound one, whatever their ages', () => {
    const bound = daemonPod('b', 'n', L, undefined, { created: unix(200) });
    const unbound = daemonPod('a', 'n', L, undefined, { created: unix(100), unbound: true });
    expect([unbound, bound].sort(podByCreationTimestampAndPhase).map((p) => p.metadata.name)).toEqual(['b', 'a']);
  });

  test('older first; a pod without creationTimestamp is the oldest; equal times go by name', () => {
    const pods = [daemonPod('c', 'n', L, undefined, { created: unix(5) }), daemonPod('b', 'n', L, undefined, { created: unix(5) }), daemonPod('z', 'n', L), daemonPod('a', 'n', L, undefined, { created: unix(9) })];
    expect(pods.sort(podByCreationTimestampAndPhase).map((p) => p.metadata.name)).toEqual(['z', 'b', 'c', 'a']);
  });
});

describe('getNodesToDaemonPods: TestGetNodesToDaemonPods', () => {
  const ds = newDaemonSet('foo');
  const terminal = (name: string, node: string, phase: 'Succeeded' | 'Failed', deleting: boolean) => daemonPod(name, node, L, ds, { phase, deleting });
  const pods = [
    daemonPod('matching-owned-0', 'node-0', L, ds),
    daemonPod('matching-owned-1', 'node-1', L, ds),
    terminal('matching-owned-succeeded-pod-0', 'node-0', 'Succeeded', false),
    terminal('matching-owned-failed-pod-1', 'node-1', 'Failed', false),
    terminal('matching-owned-succeeded-deleted-pod-0', 'node-0', 'Succeeded', true),
    terminal('matching-owned-failed-deleted-pod-1', 'node-1', 'Failed', true),
  ];
  const grouped = (byNode: Record<string, Pod[]>) => Object.fromEntries(Object.entries(byNode).map(([n, ps]) => [n, ps.map((p) => p.metadata.name)]));

  test('exclude deleted terminal pods: terminal pods stay until they are being deleted', () => {
    expect(grouped(getNodesToDaemonPods(pods, false))).toEqual({
      'node-0': ['matching-owned-0', 'matching-owned-succeeded-pod-0'],
      'node-1': ['matching-owned-1', 'matching-owned-failed-pod-1'],
    });
  });

  test('include deleted terminal pods', () => {
    expect(grouped(getNodesToDaemonPods(pods, true))['node-1']).toEqual(['matching-owned-1', 'matching-owned-failed-pod-1', 'matching-owned-failed-deleted-pod-1']);
  });

  test('an unbound pod is grouped under the node its affinity names; a pod with no target is left out', () => {
    const noTarget: Pod = { ...daemonPod('lost', 'x', L, ds), spec: { containers: [] } };
    expect(grouped(getNodesToDaemonPods([daemonPod('waiting', 'node-7', L, ds, { unbound: true }), noTarget], false))).toEqual({ 'node-7': ['waiting'] });
  });
});

describe('manage: creating and deleting', () => {
  test('TestDealsWithExistingPods: 5 nodes with 0, 1, 2, 5 pods and a released one: 2 creates, 5 deletes', () => {
    const ds = newDaemonSet('foo');
    const pods = [...addPods('node-1', L, ds, 1), ...addPods('node-2', L, ds, 2), ...addPods('node-3', L, ds, 5)];
    expect(counts(plan(ds, addNodes(0, 5), pods))).toEqual({ creates: 2, deletes: 5, events: 0 });
  });

  test('the oldest pod of a node is the one that stays', () => {
    const ds = newDaemonSet('foo');
    const pods = [daemonPod('young', 'node-0', L, ds, { created: unix(30) }), daemonPod('old', 'node-0', L, ds, { created: unix(10) }), daemonPod('mid', 'node-0', L, ds, { created: unix(20) })];
    expect(plan(ds, addNodes(0, 1), pods).podsToDelete.sort()).toEqual(['mid', 'young']);
  });

  test('TestSelectorDaemonLaunchesPods: a nodeSelector matching 3 of 7 nodes creates 3 pods', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL } });
    expect(plan(ds, [...addNodes(0, 4), ...addNodes(4, 3, SIMPLE_NODE_LABEL)], []).nodesNeedingDaemonPods).toEqual(['node-4', 'node-5', 'node-6']);
  });

  test('TestSelectorDaemonDeletesUnselectedPods: 5 creates on the selected nodes, 4 deletes on the others', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL } });
    const pods = [...addPods('node-1', L, ds, 3), ...addPods('node-4', L, ds, 1)];
    expect(counts(plan(ds, [...addNodes(0, 5), ...addNodes(5, 5, SIMPLE_NODE_LABEL)], pods))).toEqual({ creates: 5, deletes: 4, events: 0 });
  });

  test('TestSelectorDaemonDealsWithExistingPods: 3 creates, 20 deletes', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL } });
    const pods = [...addPods('node-0', L, ds, 1), ...addPods('node-1', L, ds, 3), ...addPods('node-2', L, ds, 4), ...addPods('node-6', L, ds, 13), ...addPods('node-9', L, ds, 1)];
    expect(counts(plan(ds, [...addNodes(0, 5), ...addNodes(5, 5, SIMPLE_NODE_LABEL)], pods))).toEqual({ creates: 3, deletes: 20, events: 0 });
  });

  test('TestBadSelectorDaemonDoesNothing: a nodeSelector no node matches does nothing', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL2 } });
    expect(counts(plan(ds, [...addNodes(0, 4), ...addNodes(4, 3, SIMPLE_NODE_LABEL)], []))).toEqual({ creates: 0, deletes: 0, events: 0 });
  });

  test('TestNameDaemonSetLaunchesPods and TestBadNameDaemonSetDoesNothing: a template nodeName picks that node or none', () => {
    expect(plan(newDaemonSet('foo', { nodeName: 'node-0' }), addNodes(0, 5), []).nodesNeedingDaemonPods).toEqual(['node-0']);
    expect(plan(newDaemonSet('foo', { nodeName: 'node-10' }), addNodes(0, 5), []).nodesNeedingDaemonPods).toEqual([]);
  });

  test('TestNameAndSelectorDaemonSetLaunchesPods and TestInconsistentNameSelectorDaemonSetDoesNothing', () => {
    const nodes = [...addNodes(0, 4), ...addNodes(4, 3, SIMPLE_NODE_LABEL)];
    expect(plan(newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL }, nodeName: 'node-6' }), nodes, []).nodesNeedingDaemonPods).toEqual(['node-6']);
    expect(plan(newDaemonSet('foo', { nodeSelector: { ...SIMPLE_NODE_LABEL }, nodeName: 'node-0' }), nodes, []).nodesNeedingDaemonPods).toEqual([]);
  });

  test('TestNodeAffinityDaemonLaunchesPods: required affinity color In [blue] creates 3 pods', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In' as const, values: ['blue'] }] }] } } };
    expect(plan(newDaemonSet('foo', { affinity }), [...addNodes(0, 4), ...addNodes(4, 3, SIMPLE_NODE_LABEL)], []).nodesNeedingDaemonPods).toHaveLength(3);
  });

  test('TestDaemonSetRespectsTermination: a pod being deleted is neither replaced nor deleted again', () => {
    const ds = newDaemonSet('foo');
    expect(counts(plan(ds, addNodes(0, 1, SIMPLE_NODE_LABEL), addPods('node-0', L, ds, 1, 0, { deleting: true })))).toEqual({ creates: 0, deletes: 0, events: 0 });
  });

  test('TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod and its NoExecute twin', () => {
    const ds = newDaemonSet('intolerant');
    const pods = [daemonPod('keep-running-me', 'tainted', L, ds)];
    expect(counts(plan(ds, [newNode('tainted', undefined, [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }])], pods)).deletes, 'NoSchedule').toBe(0);
    expect(counts(plan(ds, [newNode('tainted', undefined, [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }])], pods)).deletes, 'NoExecute').toBe(1);
  });

  test('pods on a node that may not keep them are all deleted, except those already being deleted', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { disk: 'ssd' } });
    const pods = [daemonPod('a', 'node-0', L, ds), daemonPod('b', 'node-0', L, ds, { deleting: true }), daemonPod('c', 'node-0', L, ds, { phase: 'Failed' })];
    expect(plan(ds, addNodes(0, 1), pods).podsToDelete.sort()).toEqual(['a', 'c']);
  });

  test('TestDeleteUnscheduledPodForNotExistingNode: an unbound pod for a missing node is deleted, a bound one is left to pod GC', () => {
    const ds = newDaemonSet('foo');
    const pods = [...addPods('node-0', L, ds, 1), ...addPods('node-1', L, ds, 1), daemonPod('pod1-node-3', 'node-2', L, ds, { unbound: true })];
    const p = plan(ds, addNodes(0, 1), pods);
    expect(counts(p)).toEqual({ creates: 0, deletes: 1, events: 0 });
    expect(p.podsToDelete).toEqual(['pod1-node-3']);
    expect(getUnscheduledPodsWithoutNode(addNodes(0, 1), getNodesToDaemonPods(pods, false))).toEqual(['pod1-node-3']);
  });
});

describe('manage: failed and succeeded pods', () => {
  const cases: [string, number, number, { creates: number; deletes: number; events: number }][] = [
    ['normal (do nothing)', 0, 1, { creates: 0, deletes: 0, events: 0 }],
    ['no pods (create 1)', 0, 0, { creates: 1, deletes: 0, events: 0 }],
    ['1 failed pod (kill 1), 0 normal pod (create 0; will create in the next sync)', 1, 0, { creates: 0, deletes: 1, events: 1 }],
    ['1 failed pod (kill 1), 3 normal pods (kill 2)', 1, 3, { creates: 0, deletes: 3, events: 1 }],
  ];
  for (const [name, failed, normal, want] of cases) {
    test(`TestDaemonKillFailedPods: ${name}`, () => {
      const ds = newDaemonSet('foo');
      const pods = [...addPods('node-0', L, ds, failed, 0, { phase: 'Failed' }), ...addPods('node-0', L, ds, normal, failed)];
      expect(counts(plan(ds, addNodes(0, 1), pods))).toEqual(want);
    });
  }

  test('a failed pod is reported with a Warning FailedDaemonPod event about the DaemonSet', () => {
    const ds = newDaemonSet('foo');
    expect(plan(ds, addNodes(0, 1), addPods('node-0', L, ds, 1, 0, { phase: 'Failed' })).events).toEqual([
      {
        type: 'event',
        involvedObject: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'default', name: 'foo', uid: 'uid-foo' },
        eventType: 'Warning',
        reason: 'FailedDaemonPod',
        message: 'Found failed daemon pod default/node-0-0 on node node-0, will try to kill it',
        source: 'daemonset-controller',
      },
    ]);
  });

  test('a succeeded pod is deleted with a Normal SucceededDaemonPod event and no back-off', () => {
    const ds = newDaemonSet('foo');
    const p = plan(ds, addNodes(0, 1), addPods('node-0', L, ds, 1, 0, { phase: 'Succeeded' }));
    expect(p.podsToDelete).toEqual(['node-0-0']);
    expect(p.events.map((e) => (e.type === 'event' ? [e.eventType, e.reason, e.message] : []))).toEqual([
      ['Normal', 'SucceededDaemonPod', 'Found succeeded daemon pod default/node-0-0 on node node-0, will try to delete it'],
    ]);
    expect(p.failedPodsBackoff).toEqual(EMPTY);
  });

  test('TestDaemonKillFailedPodsBackoff: delete, then wait out 1 s (sync again after it), then delete again', () => {
    const ds = newDaemonSet('foo');
    const failed = addPods('node-0', L, ds, 1, 0, { phase: 'Failed' });
    const first = plan(ds, addNodes(0, 1), failed);
    expect(counts(first), 'first sync').toEqual({ creates: 0, deletes: 1, events: 1 });
    expect(first.failedPodsBackoff.perItemBackoff[failedPodsBackoffKey(ds, 'node-0')]?.backoffSeconds, 'initial delay').toBe(1);
    const second = plan(ds, addNodes(0, 1), failed, NOW, first.failedPodsBackoff);
    expect(counts(second), 'an immediate second sync is limited by the back-off').toEqual({ creates: 0, deletes: 0, events: 0 });
    expect(second.requeueAfterSeconds, 'and asks to sync again once the delay is over').toBe(1);
    expect(second.failedPodsBackoff, 'waiting does not raise the delay').toEqual(first.failedPodsBackoff);
    expect(counts(plan(ds, addNodes(0, 1), failed, '2025-01-01T12:00:00.999Z', first.failedPodsBackoff)).deletes, 'just before the delay ends').toBe(0);
    expect(counts(plan(ds, addNodes(0, 1), failed, addSeconds(NOW, 1), first.failedPodsBackoff)).deletes, 'when the delay ends').toBe(1);
  });

  test('the back-off key is <uid>/<observedGeneration>/<node>', () => {
    const ds = { ...newDaemonSet('foo'), status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, observedGeneration: 3 } };
    expect(failedPodsBackoffKey(ds, 'node-0')).toBe('uid-foo/3/node-0');
  });
});

describe('manage: surge', () => {
  const oldReady = (name: string, node: string, ds: DaemonSet, created: number) => daemonPod(name, node, L, ds, { oldHash: true, created: unix(created), ready: true });

  test('TestSurgeDealsWithExistingPods: surge changes nothing about excess pods of one hash', () => {
    const ds = surgeDs();
    const pods = [...addPods('node-1', L, ds, 1), ...addPods('node-2', L, ds, 2), ...addPods('node-3', L, ds, 5)];
    expect(counts(plan(ds, addNodes(0, 5), pods))).toEqual({ creates: 2, deletes: 5, events: 0 });
  });

  test('TestSurgePreservesReadyOldPods: the oldest ready old pod stays next to an unready new one; the other old pod goes', () => {
    const ds = surgeDs();
    const pods = [daemonPod('node-1-', 'node-1', L, ds, { created: unix(100) }), oldReady('node-1-old-', 'node-1', ds, 50), oldReady('node-1-delete-', 'node-1', ds, 60), ...addPods('node-2', L, ds, 1)];
    const p = plan(ds, addNodes(0, 5), pods, unix(100));
    expect(counts(p)).toEqual({ creates: 3, deletes: 1, events: 0 });
    expect(p.podsToDelete).toEqual(['node-1-delete-']);
  });

  test('TestSurgeDeletesUnreadyOldPods: an unready old pod goes as soon as a new pod exists', () => {
    const ds = surgeDs();
    const unready = daemonPod('node-1-old-unready-', 'node-1', L, ds, { oldHash: true, created: unix(50), ready: false });
    const pods = [daemonPod('node-1-', 'node-1', L, ds, { created: unix(100) }), unready, oldReady('node-1-delete-', 'node-1', ds, 60), ...addPods('node-2', L, ds, 1)];
    const p = plan(ds, addNodes(0, 5), pods, unix(100));
    expect(counts(p)).toEqual({ creates: 3, deletes: 2, events: 0 });
    expect(p.podsToDelete.sort()).toEqual(['node-1-delete-', 'node-1-old-unready-']);
  });

  test('TestSurgePreservesOldReadyWithUnsatisfiedMinReady: 10 s after the new pod got ready, with minReadySeconds 15, the old pod stays', () => {
    const ds = surgeDs(1, 15);
    const pods = [daemonPod('node-1-', 'node-1', L, ds, { created: unix(100), ready: true, readySince: unix(50) }), oldReady('node-1-old-ready-', 'node-1', ds, 50), oldReady('node-1-delete-', 'node-1', ds, 60), ...addPods('node-2', L, ds, 1)];
    expect(plan(ds, addNodes(0, 5), pods, unix(60)).podsToDelete).toEqual(['node-1-delete-']);
  });

  test('TestSurgeDeletesOldReadyWithUnsatisfiedMinReady: 20 s after, the new pod is available and the old pod goes', () => {
    const ds = surgeDs(1, 15);
    const pods = [daemonPod('node-1-', 'node-1', L, ds, { created: unix(100), ready: true, readySince: unix(50) }), oldReady('node-1-old-ready-', 'node-1', ds, 50), oldReady('node-1-delete-', 'node-1', ds, 60), ...addPods('node-2', L, ds, 1)];
    expect(plan(ds, addNodes(0, 5), pods, unix(70)).podsToDelete.sort()).toEqual(['node-1-delete-', 'node-1-old-ready-']);
  });

  test('TestSurgeCreatesNewPodWhenAtMaxSurgeAndOldPodDeleted: a node whose only pod is being deleted gets a new one at once', () => {
    const ds = surgeDs();
    const pods = [
      daemonPod('node-0-', 'node-0', L, ds, { created: unix(100), ready: false }),
      oldReady('node-0-old-ready-', 'node-0', ds, 50),
      ...[1, 2, 3].map((i) => oldReady(`node-${i}-preserve-`, `node-${i}`, ds, 1)),
      daemonPod('node-4-preserve-', 'node-4', L, ds, { oldHash: true, created: unix(1), ready: true, deleting: true }),
    ];
    const p = plan(ds, addNodes(0, 5), pods, unix(100));
    expect(counts(p)).toEqual({ creates: 1, deletes: 0, events: 0 });
    expect(p.nodesNeedingDaemonPods).toEqual(['node-4']);
  });

  test('without surge, a node whose only pod is being deleted waits for it to go', () => {
    const ds = newDaemonSet('foo');
    expect(plan(ds, addNodes(0, 1), [daemonPod('going', 'node-0', L, ds, { deleting: true })]).nodesNeedingDaemonPods).toEqual([]);
  });
});

describe('properties', () => {
  /** Up to 3 claimed pods per node slot, some targeting nodes that do not exist. */
  const podsFor = (ds: DaemonSet) =>
    fc
      .array(fc.record({ node: fc.integer({ min: 0, max: 7 }), phase: fc.constantFrom<PodPhase | undefined>(undefined, 'Running', 'Running', 'Failed', 'Succeeded'), deleting: fc.boolean(), unbound: fc.boolean() }), { maxLength: 10 })
      .map((shapes) => shapes.map((s, i) => daemonPod(`p-${i}`, `node-${s.node}`, L, ds, { created: unix(i), deleting: s.deleting && s.phase !== undefined, unbound: s.unbound, ...(s.phase && { phase: s.phase }) })));

  test('manage never creates a pod on a node that should not run one, nor twice on a node', () => {
    fc.assert(
      fc.property(nodesArbitrary(6), daemonSetLook(), (nodes, look) => {
        const ds = daemonSetWithLook('ds', look);
        return fc.assert(
          fc.property(podsFor(ds), (pods) => {
            const created = plan(ds, nodes, pods).nodesNeedingDaemonPods;
            expect(new Set(created).size, 'one create per node').toBe(created.length);
            for (const name of created) expect(expectedShouldRun(nodes.find((n) => n.metadata.name === name)!, look).shouldRun, `create on ${name}`).toBe(true);
          }),
          { numRuns: 5 },
        );
      }),
      runs(40),
    );
  });

  test('a pod on a node it may not continue on is always deleted, a bound pod being deleted never is', () => {
    fc.assert(
      fc.property(nodesArbitrary(6), daemonSetLook(), fc.integer({ min: 0, max: 1000 }), (nodes, look, seed) => {
        const ds = daemonSetWithLook('ds', look);
        const pods = fc.sample(podsFor(ds), { seed, numRuns: 1 })[0]!;
        const deleted = new Set(plan(ds, nodes, pods).podsToDelete);
        for (const pod of pods) {
          // An unbound pod for a missing node is deleted even then (upstream does not look); the API server deletes unbound pods at once anyway.
          if (pod.metadata.deletionTimestamp !== undefined && pod.spec?.nodeName) expect(deleted.has(pod.metadata.name), `${pod.metadata.name} is being deleted already`).toBe(false);
          const node = nodes.find((n) => n.metadata.name === targetNodeOf(pod));
          if (node && pod.metadata.deletionTimestamp === undefined && !expectedShouldRun(node, look).shouldContinueRunning) expect(deleted.has(pod.metadata.name), `${pod.metadata.name} on ${node.metadata.name}`).toBe(true);
        }
      }),
      runs(100),
    );
  });

  test('applying manage\'s plan twice (deleted pods gone, created pods running) leaves one pod on every node that should run one', () => {
    fc.assert(
      fc.property(nodesArbitrary(6), daemonSetLook(), fc.integer({ min: 0, max: 1000 }), (nodes, look, seed) => {
        const ds = daemonSetWithLook('ds', look);
        let pods = fc.sample(podsFor(ds), { seed, numRuns: 1 })[0]!.filter((p) => p.metadata.deletionTimestamp === undefined);
        let backoff = EMPTY;
        let now = NOW;
        for (let round = 0; round < 3; round++) {
          const p = plan(ds, nodes, pods, now, backoff);
          backoff = p.failedPodsBackoff;
          pods = [...pods.filter((x) => !p.podsToDelete.includes(x.metadata.name)), ...p.nodesNeedingDaemonPods.map((n) => daemonPod(`new-${round}-${n}`, n, L, ds, { created: now, phase: 'Running' }))];
          now = addSeconds(now, 1000);
        }
        for (const node of nodes) {
          const here = pods.filter((p) => targetNodeOf(p) === node.metadata.name);
          const want = expectedShouldRun(node, look);
          if (want.shouldRun) expect(here, `one pod on ${node.metadata.name}`).toHaveLength(1);
          if (!want.shouldContinueRunning) expect(here, `no pod on ${node.metadata.name}`).toHaveLength(0);
        }
        expect(plan(ds, nodes, pods, now, backoff).podsToDelete.concat(plan(ds, nodes, pods, now, backoff).nodesNeedingDaemonPods), 'then nothing is left to do').toEqual([]);
      }),
      runs(100),
    );
  });

  test('a node whose pod keeps failing has it deleted after waits of 1, 2, 4, ... seconds, never more than 15 minutes', () => {
    // The kubelet rejects every new pod at once; the controller syncs when it asked to.
    const ds = newDaemonSet('foo');
    const failed = getNodesToDaemonPods(addPods('node-0', L, ds, 1, 0, { phase: 'Failed' }), false);
    let backoff = EMPTY;
    let second = 0;
    const deletedAt: number[] = [];
    while (deletedAt.length < 13) {
      const p = podsShouldBeOnNode(newNode('node-0'), failed, ds, hashOf(ds), backoff, addSeconds(NOW, second));
      backoff = p.failedPodsBackoff;
      if (p.podsToDelete.length > 0) deletedAt.push(second);
      else second += p.requeueAfterSeconds ?? Infinity;
    }
    const waits = deletedAt.slice(1).map((t, i) => t - deletedAt[i]!);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });
});
