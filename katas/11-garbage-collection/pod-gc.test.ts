/**
 * Kata 11-pod-gc.
 *
 * Examples follow upstream pkg/controller/podgc/gc_controller_test.go (TestGCTerminated's
 * table: pods a, b, c created an hour apart; TestGCOrphaned; TestGCUnscheduledTerminating; and
 * the out-of-service cases of TestGCTerminating), and gc_controller.go itself
 * (byEvictionAndCreationTimestamp, quarantineTime = 40 s, the DisruptionTarget condition with
 * reason DeletionByPodGC, markFailedAndDeletePodWithCondition: status first, then a delete with
 * a grace period of 0). kubernetes.io concepts/workloads/pods/pod-lifecycle.md "Garbage
 * collection of Pods" lists the same four cases.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compareByEvictionAndCreationTimestamp,
  deletionByPodGCCondition,
  gcOrphaned,
  gcPod,
  gcTerminated,
  isPodEvicted,
  isPodTerminated,
  keysForPodGC,
  markFailedAndDeletePod,
  newPodGCController,
  podGCController,
  reconcilePodGC,
} from '@kata/11-garbage-collection/pod-gc';
import type { KubeObject } from '../../core/api/meta';
import type { Node, Pod, PodPhase } from '../../core/api/types';
import { createObject } from '../../core/cluster/api-requests';
import { submit, type ClusterState } from '../../core/cluster/state';
import { protectedPodsNeverDeleted } from '../../core/controllers/garbage-collection.invariants';
import { nodeGcKey, podGcKey, TERMINATED_PODS_KEY } from '../../core/controllers/pod-gc-config';
import { allPods, freshView, storedObject } from '../../core/controllers/testing';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation } from '../../core/runtime/simulation';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const NOW = '2025-01-01T12:00:00Z';
const hoursAfterEpoch = (h: number) => new Date(Date.UTC(1970, 0, 1) + h * 3600_000).toISOString().replace('.000Z', 'Z');

type PodOptions = { phase?: PodPhase; nodeName?: string; created?: string; deleting?: boolean; reason?: string; uid?: string };
function pod(name: string, o: PodOptions = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '7',
      ...(o.created && { creationTimestamp: o.created }),
      ...(o.deleting && { deletionTimestamp: NOW }),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(o.nodeName && { nodeName: o.nodeName }) },
    status: { ...(o.phase && { phase: o.phase }), ...(o.reason && { reason: o.reason }) },
  };
}
function node(name: string, o: { ready?: boolean; outOfService?: boolean } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: o.outOfService ? { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } : {},
    status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}
const deletedNames = (intents: Intent[]) => intents.flatMap((i) => (i.type === 'delete' ? [i.name] : [])).sort();
const view = (c: ClusterState) => freshView(c, ['Pod', 'Node']);
/** A pod as a client would send it: without the fields the API server sets. */
const seedable = (p: Pod): KubeObject => {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, deletionTimestamp: _d, ...metadata } = p.metadata;
  return { ...p, metadata };
};
/** A cluster seeded with `objects` (pods stripped of server-set fields). */
const clusterOf = (objects: KubeObject[]) => seedCluster(objects.map((o) => (o.kind === 'Pod' ? seedable(o as Pod) : o)));

describe('isPodTerminated, isPodEvicted and the deletion order', () => {
  test('terminated means neither Pending, Running nor Unknown; a pod without a phase counts', () => {
    expect(['Pending', 'Running', 'Unknown', 'Succeeded', 'Failed', undefined].map((phase) => isPodTerminated(pod('p', { phase: phase as PodPhase })))).toEqual([false, false, false, true, true, true]);
  });

  test('evicted means Failed with reason Evicted', () => {
    expect(isPodEvicted(pod('p', { phase: 'Failed', reason: 'Evicted' }))).toBe(true);
    expect(isPodEvicted(pod('p', { phase: 'Failed', reason: 'OOMKilled' }))).toBe(false);
    expect(isPodEvicted(pod('p', { phase: 'Succeeded', reason: 'Evicted' }))).toBe(false);
  });

  test('evicted pods come first, then the oldest, then by name', () => {
    const pods = [
      pod('young', { phase: 'Failed', created: hoursAfterEpoch(3) }),
      pod('b-old', { phase: 'Failed', created: hoursAfterEpoch(1) }),
      pod('a-old', { phase: 'Succeeded', created: hoursAfterEpoch(1) }),
      pod('evicted', { phase: 'Failed', reason: 'Evicted', created: hoursAfterEpoch(5) }),
    ];
    expect([...pods].sort(compareByEvictionAndCreationTimestamp).map((p) => p.metadata.name)).toEqual(['evicted', 'a-old', 'b-old', 'young']);
  });

  const shapes = fc.array(
    fc.record({ phase: fc.constantFrom<PodPhase>('Failed', 'Succeeded'), evicted: fc.boolean(), hour: fc.integer({ min: 0, max: 3 }), name: fc.constantFrom('a', 'b', 'c', 'd') }),
    { maxLength: 8 },
  );
  const build = (s: { phase: PodPhase; evicted: boolean; hour: number; name: string }[]) =>
    s.map((x, i) => pod(`${x.name}${i}`, { phase: x.evicted ? 'Failed' : x.phase, reason: x.evicted ? 'Evicted' : undefined, created: hoursAfterEpoch(x.hour) }));

  test('the order is a total order: antisymmetric, and sorting twice changes nothing', () => {
    fc.assert(
      fc.property(shapes, (s) => {
        const pods = build(s);
        for (const a of pods) for (const b of pods) expect(Math.sign(compareByEvictionAndCreationTimestamp(a, b))).toBe(-Math.sign(compareByEvictionAndCreationTimestamp(b, a)) || 0);
        const once = [...pods].sort(compareByEvictionAndCreationTimestamp);
        expect([...once].reverse().sort(compareByEvictionAndCreationTimestamp)).toEqual(once);
      }),
      runs(100),
    );
  });
});

describe('markFailedAndDeletePod', () => {
  test('a running pod is first written Failed, with the condition, through the status subresource; then deleted with grace period 0', () => {
    const running = pod('web', { phase: 'Running', nodeName: 'gone' });
    const [status, remove] = markFailedAndDeletePod(running, NOW, deletionByPodGCCondition());
    expect(status?.type).toBe('updateStatus');
    expect(status?.type === 'updateStatus' && status.object.status).toEqual({
      phase: 'Failed',
      conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: NOW }],
    });
    expect(remove).toEqual({ type: 'delete', kind: 'Pod', namespace: 'default', name: 'web', gracePeriodSeconds: 0 });
  });

  test('the status write is conditional on the UID only, like upstream\'s patch, not on the resourceVersion', () => {
    const [status] = markFailedAndDeletePod(pod('web', { phase: 'Running' }), NOW);
    expect(status?.type === 'updateStatus' && status.object.metadata.uid).toBe('uid-web');
    expect(status?.type === 'updateStatus' && status.object.metadata.resourceVersion).toBeUndefined();
  });

  test('a pod that has finished is deleted without a status write', () => {
    expect(markFailedAndDeletePod(pod('done', { phase: 'Succeeded' }), NOW)).toEqual([{ type: 'delete', kind: 'Pod', namespace: 'default', name: 'done', gracePeriodSeconds: 0 }]);
    expect(markFailedAndDeletePod(pod('failed', { phase: 'Failed' }), NOW).map((i) => i.type)).toEqual(['delete']);
  });

  test('a condition already true keeps its transition time (UpdatePodCondition)', () => {
    const p = pod('web', { phase: 'Running' });
    const marked: Pod = { ...p, status: { ...p.status, conditions: [{ type: 'DisruptionTarget', status: 'True', lastTransitionTime: '2025-01-01T11:00:00Z' }] } };
    const [status] = markFailedAndDeletePod(marked, NOW, deletionByPodGCCondition());
    expect(status?.type === 'updateStatus' && (status.object as Pod).status?.conditions?.[0]?.lastTransitionTime).toBe('2025-01-01T11:00:00Z');
  });
});

describe('gcTerminated (TestGCTerminated: pods a, b, c created an hour apart on one node)', () => {
  const table = (phases: PodPhase[]) => phases.map((phase, i) => pod('abc'[i]!, { phase, nodeName: 'node', created: hoursAfterEpoch(i + 1) }));
  const cases: [PodPhase[], number, string[]][] = [
    [['Failed', 'Succeeded'], 0, []],
    [['Failed', 'Succeeded', 'Failed'], 1, ['a', 'b']],
    [['Running', 'Succeeded', 'Failed'], 1, ['b']],
    [['Failed', 'Succeeded'], 1, ['a']],
    [['Failed', 'Succeeded'], 5, []],
  ];
  test.each(cases)('phases %j with threshold %i delete %j', (phases, threshold, expected) => {
    expect(deletedNames(gcTerminated(table(phases), threshold, NOW))).toEqual(expected);
  });

  test('evicted pods are deleted before older terminated ones', () => {
    const pods = [pod('old', { phase: 'Succeeded', created: hoursAfterEpoch(1) }), pod('evicted', { phase: 'Failed', reason: 'Evicted', created: hoursAfterEpoch(9) })];
    expect(deletedNames(gcTerminated(pods, 1, NOW))).toEqual(['evicted']);
  });

  test('exactly the surplus goes, terminated pods only, and no kept terminated pod comes before a deleted one', () => {
    const shape = fc.record({ phase: fc.constantFrom<PodPhase | undefined>('Pending', 'Running', 'Unknown', 'Succeeded', 'Failed', undefined), evicted: fc.boolean(), hour: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(shape, { maxLength: 12 }), fc.integer({ min: -1, max: 8 }), (shapes, threshold) => {
        const pods = shapes.map((s, i) => pod(`p${i}`, { phase: s.evicted && s.phase === 'Failed' ? 'Failed' : s.phase, reason: s.evicted && s.phase === 'Failed' ? 'Evicted' : undefined, created: hoursAfterEpoch(s.hour) }));
        const deleted = new Set(deletedNames(gcTerminated(pods, threshold, NOW)));
        const terminated = pods.filter(isPodTerminated);
        expect(deleted.size).toBe(threshold > 0 ? Math.max(0, terminated.length - threshold) : 0);
        for (const p of pods) if (deleted.has(p.metadata.name)) expect(isPodTerminated(p), `${p.metadata.name} is terminated`).toBe(true);
        for (const gone of terminated.filter((p) => deleted.has(p.metadata.name)))
          for (const kept of terminated.filter((p) => !deleted.has(p.metadata.name))) expect(compareByEvictionAndCreationTimestamp(gone, kept), `${gone.metadata.name} before ${kept.metadata.name}`).toBeLessThan(0);
      }),
      runs(200),
    );
  });
});

describe('gcPod and gcOrphaned', () => {
  const seeded = (objects: KubeObject[]) => view(clusterOf(objects));

  test('TestGCUnscheduledTerminating: an unscheduled pod being deleted goes, in any phase', () => {
    for (const phase of ['Failed', 'Succeeded', 'Running'] as PodPhase[]) {
      expect(deletedNames(gcPod(seeded([]), pod('p', { phase, deleting: true }))), phase).toEqual(['p']);
    }
  });

  test('TestGCUnscheduledTerminating: a pod that is scheduled, or not being deleted, is not deleted here', () => {
    const v = seeded([node('node')]);
    expect(gcPod(v, pod('a', { phase: 'Failed' }))).toEqual([]);
    expect(gcPod(v, pod('b', { phase: 'Succeeded', nodeName: 'node' }))).toEqual([]);
    expect(gcPod(v, pod('c', { phase: 'Running', nodeName: 'node', deleting: true }))).toEqual([]);
  });

  test('TestGCOrphaned: a pod bound to a node that does not exist puts the node in quarantine for 40 s, and is not deleted yet', () => {
    expect(gcPod(seeded([]), pod('a', { phase: 'Running', nodeName: 'node' }))).toEqual([{ type: 'requeueAfter', key: nodeGcKey('node'), seconds: 40 }]);
  });

  test('TestGCOrphaned: after the quarantine every pod on the missing node goes, in any phase, running ones marked Failed with DisruptionTarget', () => {
    const c = clusterOf([pod('a', { phase: 'Failed', nodeName: 'node' }), pod('b', { phase: 'Succeeded', nodeName: 'node' }), pod('r', { phase: 'Running', nodeName: 'node' }), pod('elsewhere', { phase: 'Running', nodeName: 'other' })] as KubeObject[]);
    const intents = gcOrphaned(view(c), 'node');
    expect(deletedNames(intents)).toEqual(['a', 'b', 'r']);
    const statuses = intents.filter((i): i is Extract<Intent, { type: 'updateStatus' }> => i.type === 'updateStatus');
    expect(statuses.map((s) => [s.object.metadata.name, (s.object as Pod).status?.phase, (s.object as Pod).status?.conditions?.map((x) => x.reason)])).toEqual([['r', 'Failed', ['DeletionByPodGC']]]);
  });

  test('a node that came back during the quarantine keeps its pods', () => {
    expect(gcOrphaned(seeded([node('node'), pod('a', { phase: 'Running', nodeName: 'node' })] as KubeObject[]), 'node')).toEqual([]);
  });

  test('TestGCTerminating: a terminating pod on a node that is not ready and out of service goes', () => {
    expect(deletedNames(gcPod(seeded([node('n', { ready: false, outOfService: true })]), pod('p', { phase: 'Running', nodeName: 'n', deleting: true })))).toEqual(['p']);
  });

  test('TestGCTerminating: not on a ready node, nor without the taint, nor when the pod is not terminating', () => {
    expect(gcPod(seeded([node('n', { ready: true, outOfService: true })]), pod('p', { phase: 'Running', nodeName: 'n', deleting: true }))).toEqual([]);
    expect(gcPod(seeded([node('n', { ready: false })]), pod('p', { phase: 'Running', nodeName: 'n', deleting: true }))).toEqual([]);
    expect(gcPod(seeded([node('n', { ready: false, outOfService: true })]), pod('p', { phase: 'Running', nodeName: 'n' }))).toEqual([]);
  });
});

describe('keys and the controller', () => {
  test('a pod wakes its own key, plus the terminated count when it has terminated', () => {
    const v = view(clusterOf([]));
    expect(keysForPodGC(pod('a', { phase: 'Running' }), v, 10)).toEqual(['pod/default/a']);
    expect(keysForPodGC(pod('a', { phase: 'Succeeded' }), v, 10)).toEqual(['pod/default/a', TERMINATED_PODS_KEY]);
    expect(keysForPodGC(pod('a', { phase: 'Succeeded' }), v, 0), 'not when the threshold turns that part off').toEqual(['pod/default/a']);
  });

  test('a node wakes the pods bound to it', () => {
    const c = clusterOf([pod('a', { phase: 'Running', nodeName: 'n' }), pod('b', { phase: 'Running', nodeName: 'other' })] as KubeObject[]);
    expect(keysForPodGC(node('n'), view(c), 10)).toEqual(['pod/default/a']);
  });

  test('reconcilePodGC dispatches on the key', () => {
    const c = clusterOf([pod('a', { phase: 'Succeeded', nodeName: 'n' }), pod('b', { phase: 'Failed', nodeName: 'n' })] as KubeObject[]);
    expect(deletedNames(reconcilePodGC(view(c), TERMINATED_PODS_KEY, 1))).toEqual(['a']);
    expect(deletedNames(reconcilePodGC(view(c), nodeGcKey('n'), 1))).toEqual(['a', 'b']);
    expect(reconcilePodGC(view(c), podGcKey(pod('a')), 1)).toEqual([{ type: 'requeueAfter', key: nodeGcKey('n'), seconds: 40 }]);
    expect(reconcilePodGC(view(c), 'pod/default/nobody', 1)).toEqual([]);
  });

  test('the controller watches pods and nodes and uses its threshold; the default one keeps 12500 terminated pods', () => {
    const c = clusterOf([node('n'), pod('a', { phase: 'Succeeded', nodeName: 'n' }), pod('b', { phase: 'Failed', nodeName: 'n' })] as KubeObject[]);
    const controller = newPodGCController({ terminatedPodThreshold: 1 });
    expect(controller.watches).toEqual(['Pod', 'Node']);
    expect(deletedNames(controller.reconcile(view(c), TERMINATED_PODS_KEY))).toEqual(['a']);
    expect(podGCController.reconcile(view(c), TERMINATED_PODS_KEY)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// In the runtime.
// ---------------------------------------------------------------------------------------------

const plus = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');
const stored = (c: ClusterState, name: string) => storedObject(c, 'Pod', 'default', name) as Pod | undefined;

describe('a node removed from the cluster', () => {
  const start = () => {
    const sim = startSimulation(seedCluster([node('n'), seedable(pod('web', { phase: 'Running', nodeName: 'n' })), seedable(pod('done', { phase: 'Succeeded', nodeName: 'n' }))]), [
      { type: 'controller', controller: newPodGCController({ terminatedPodThreshold: 100 }) },
    ]);
    runSimulation(sim, { until: plus(sim.cluster.now, 60), untilStable: true });
    const last: Record<string, Pod> = {};
    sim.onWrite = (c) => {
      for (const p of allPods(c)) last[p.metadata.name] = p;
    };
    sim.cluster = submit(sim.cluster, { type: 'delete', kind: 'Node', namespace: '', name: 'n', now: sim.cluster.now })[0];
    return { sim, last };
  };

  test('its pods stay through the 40 s quarantine, then go, the running one marked Failed with DisruptionTarget first', () => {
    const { sim, last } = start();
    const removedAt = sim.cluster.now;
    runSimulation(sim, { until: plus(removedAt, 39) });
    expect(stored(sim.cluster, 'web'), 'still there after 39 s').toBeDefined();
    runSimulation(sim, { until: plus(removedAt, 41) });
    expect(stored(sim.cluster, 'web')).toBeUndefined();
    expect(stored(sim.cluster, 'done')).toBeUndefined();
    expect(last.web?.status?.phase).toBe('Failed');
    expect(last.web?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC' });
  });

  test('if the node comes back within the quarantine, its pods are kept', () => {
    const { sim } = start();
    runSimulation(sim, { until: plus(sim.cluster.now, 20) });
    const back = createObject(sim.cluster, node('n'));
    if (!back.ok) throw new Error(back.status.message);
    sim.cluster = back.state;
    runSimulation(sim, { until: plus(sim.cluster.now, 60), untilStable: true });
    expect(stored(sim.cluster, 'web')).toBeDefined();
  });
});

describe('convergence under faults (eventually stable reconciliation)', () => {
  const NODES = ['node-a', 'node-b'];
  const podShape = fc.record({
    phase: fc.constantFrom<PodPhase>('Running', 'Pending', 'Succeeded', 'Failed'),
    evicted: fc.boolean(),
    nodeName: fc.constantFrom('', 'node-a', 'node-b', 'gone-1', 'gone-2'),
  });

  test('pods on missing nodes go, at most `threshold` terminated pods stay (the newest), a running pod on a live node is never deleted, and a restart writes nothing', () => {
    fc.assert(
      fc.property(fc.array(podShape, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), faultScheduleArbitrary(40, 6), fc.nat(1000), (shapes, threshold, faults, seed) => {
        const pods = shapes.map((s, i) => pod(`pod-${i}`, { phase: s.phase, nodeName: s.nodeName || undefined, reason: s.evicted && s.phase === 'Failed' ? 'Evicted' : undefined }));
        const onMissing = (p: Pod) => (p.spec?.nodeName ?? '').startsWith('gone');
        const protectedPods = pods.filter((p) => !isPodTerminated(p) && !onMissing(p)).map((p) => p.metadata.name);
        const result = simulate({
          objects: [...NODES.map((n) => node(n)), ...pods.map(seedable)],
          runnables: [{ type: 'controller', controller: newPodGCController({ terminatedPodThreshold: threshold }) }],
          faults,
          seed: seed + 1,
          invariants: { 'a pod that runs on a live node is never deleted': protectedPodsNeverDeleted(protectedPods) },
        });
        const trace = formatTrace(result);
        expect(result.violations, trace).toEqual([]);
        expect(result.stable, `not stable after recovery\n${trace}`).toBe(true);
        expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
        const left = allPods(result.cluster);
        expect(left.filter(onMissing).map((p) => p.metadata.name), `pods on missing nodes\n${trace}`).toEqual([]);
        const terminatedLeft = left.filter(isPodTerminated);
        expect(terminatedLeft.length, `terminated pods left\n${trace}`).toBeLessThanOrEqual(threshold);
        const gone = pods.filter((p) => isPodTerminated(p) && !onMissing(p) && !left.some((l) => l.metadata.name === p.metadata.name));
        // Seeded together, all pods share one creationTimestamp: the order is evicted first, then by name.
        const kept = pods.filter((p) => terminatedLeft.some((l) => l.metadata.name === p.metadata.name));
        for (const g of gone) for (const k of kept) expect(compareByEvictionAndCreationTimestamp(g, k), `${g.metadata.name} went before ${k.metadata.name}\n${trace}`).toBeLessThan(0);
      }),
      runs(40),
    );
  });
});
