/**
 * Kata 10-daemonset-controller.
 *
 * Examples follow upstream's pkg/controller/daemon/daemon_controller_test.go
 * (TestSimpleDaemonSetLaunchesPods, TestNoNodesDoesNothing, TestOneNodeDaemonLaunchesPod,
 * TestNotReadyNodeDaemonDoesLaunchPod, TestDontDoAnythingIfBeingDeleted,
 * TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector, TestDealsWithExistingPods,
 * TestDaemonKillFailedPodsBackoff, TestAddPod, TestAddPodOrphan, TestDeletePodOrphan) and
 * update_test.go (TestDaemonSetUpdatesPods, TestDaemonSetUpdatesAllOldPodsNotReady,
 * TestDaemonSetUpdatesWhenNewPodIsNotReady, TestDaemonSetUpdatesPodsWithMaxSurge), replayed
 * sync by sync on a fake API that, like upstream's fake pod control, creates and deletes at
 * once. The runtime tests run the controller next to a fake scheduler and kubelets
 * (core/controllers/daemonset-testing) on the chapter's example manifests, on generated
 * clusters whose nodes come, go and change, and under generated fault schedules.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { listObjects } from '@kata/01-api-machinery/store';
import { daemonSetController, keysForObject, syncDaemonSet, syncNodes } from '@kata/10-daemonset/daemonset-controller';
import type { KubeObject } from '../../core/api/meta';
import type { DaemonSet, DaemonSetUpdateStrategy, Node, Pod, Taint } from '../../core/api/types';
import { createRequest, submit, type ClusterState } from '../../core/cluster/state';
import { daemonSetLook, daemonSetWithLook, expectedShouldRun, nodeLook, nodeWithLook, updateStrategy, type DaemonSetLook, type NodeLook } from '../../core/controllers/daemonset-arbitraries';
import { INITIAL_DAEMONSET_CONTROLLER_STATE, type DaemonSetControllerState } from '../../core/controllers/daemonset-api';
import { addNodes, addPods, daemonPod, fakeApply, markReady, newDaemonSet, newNode, NOW, SIMPLE_DAEMONSET_LABEL, SIMPLE_DAEMONSET_LABEL2, staticView, type FakeWorld } from '../../core/controllers/daemonset-fixtures';
import { computeHash } from '../../core/controllers/daemonset-hash';
import { clusterAdmin, daemonSetRunnable, fakeDaemonKubelet, targetNodeOf, type AdminStep } from '../../core/controllers/daemonset-testing';
import { getControllerOf } from '../../core/controllers/owner-references';
import { isPodAvailable } from '../../core/controllers/pod-status';
import { allPods, storedObject, withoutServerFields } from '../../core/controllers/testing';
import { faultScheduleArbitrary, type Fault } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate, type ScenarioResult } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Simulation } from '../../core/runtime/simulation';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const L = { ...SIMPLE_DAEMONSET_LABEL };
const ofType = <T extends Intent['type']>(intents: Intent[], type: T) => intents.filter((i): i is Extract<Intent, { type: T }> => i.type === type);
const sync = (objects: KubeObject[], key = 'default/foo', state: DaemonSetControllerState = INITIAL_DAEMONSET_CONTROLLER_STATE, now = NOW) => syncDaemonSet(staticView(objects, now), key, state);
const tally = (intents: Intent[]) => ({ creates: ofType(intents, 'create').length, deletes: ofType(intents, 'delete').length });
const rolling = (rollingUpdate: NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>): DaemonSetUpdateStrategy => ({ type: 'RollingUpdate', rollingUpdate });

describe('syncNodes', () => {
  test('at most 250 pods are created in one sync (BurstReplicas), one per node in order', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => `node-${i}`);
    const creates = ofType(syncNodes(newDaemonSet('foo'), { nodesNeedingDaemonPods: nodes, podsToDelete: [] }, 'h'), 'create');
    expect(creates).toHaveLength(250);
    expect(creates.map((c) => targetNodeOf(c.object as Pod))).toEqual(nodes.slice(0, 250));
  });

  test('at most 250 pods are deleted in one sync, in the namespace of the DaemonSet', () => {
    const deletes = ofType(syncNodes(newDaemonSet('foo'), { nodesNeedingDaemonPods: [], podsToDelete: Array.from({ length: 300 }, (_, i) => `p-${i}`) }, 'h'), 'delete');
    expect(deletes).toHaveLength(250);
    expect(deletes[0]).toEqual({ type: 'delete', kind: 'Pod', namespace: 'default', name: 'p-0' });
  });

  test('creates come before deletes, and every created pod carries the hash it was given', () => {
    const intents = syncNodes(newDaemonSet('foo'), { nodesNeedingDaemonPods: ['a'], podsToDelete: ['x'] }, 'h1');
    expect(intents.map((i) => i.type)).toEqual(['create', 'delete']);
    expect((intents[0] as Extract<Intent, { type: 'create' }>).object.metadata.labels?.['controller-revision-hash']).toBe('h1');
  });
});

describe('syncDaemonSet: examples', () => {
  test('TestSimpleDaemonSetLaunchesPods: 5 nodes, 5 pods, each with a controller reference to the DaemonSet', () => {
    const creates = ofType(sync([newDaemonSet('foo'), ...addNodes(0, 5)]).intents, 'create');
    expect(creates.map((c) => targetNodeOf(c.object as Pod))).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
    for (const c of creates) expect(getControllerOf(c.object)).toMatchObject({ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'uid-foo', controller: true });
  });

  test('TestNoNodesDoesNothing: no nodes, no writes at all', () => {
    expect(sync([newDaemonSet('foo')]).intents).toEqual([]);
  });

  test('TestOneNodeDaemonLaunchesPod and TestNotReadyNodeDaemonDoesLaunchPod: a single node, ready or not, gets its pod', () => {
    const notReady: Node = { ...newNode('not-ready'), status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(tally(sync([newDaemonSet('foo'), newNode('only-node')]).intents).creates).toBe(1);
    expect(tally(sync([newDaemonSet('foo'), notReady]).intents).creates).toBe(1);
  });

  test('TestDontDoAnythingIfBeingDeleted: a DaemonSet being deleted writes nothing, not even status', () => {
    const ds = newDaemonSet('foo');
    expect(sync([{ ...ds, metadata: { ...ds.metadata, deletionTimestamp: NOW } }, ...addNodes(0, 2)]).intents).toEqual([]);
  });

  test('TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector: an empty selector gets one SelectingAll warning and nothing else', () => {
    const ds = newDaemonSet('foo', { nodeSelector: { foo: 'bar' } }, { selector: {} });
    const stranger: Pod = { ...daemonPod('stranger', 'node1', { bang: 'boom' }), metadata: { name: 'stranger', namespace: 'default', labels: { bang: 'boom' } } };
    const { intents } = sync([ds, newNode('node1'), stranger]);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ type: 'event', eventType: 'Warning', reason: 'SelectingAll', message: 'This daemon set is selecting all pods. A non-empty selector is required.' });
  });

  test('TestDealsWithExistingPods: 2 creates, 5 deletes, and the pods whose labels no longer match are released', () => {
    const ds = newDaemonSet('foo');
    const pods = [...addPods('node-1', L, ds, 1), ...addPods('node-2', L, ds, 2), ...addPods('node-3', L, ds, 5), ...addPods('node-4', { ...SIMPLE_DAEMONSET_LABEL2 }, ds, 2)];
    const { intents } = sync([ds, ...addNodes(0, 5), ...pods]);
    expect(tally(intents)).toEqual({ creates: 2, deletes: 5 });
    const released = ofType(intents, 'update').map((u) => u.object);
    expect(released.map((p) => p.metadata.name)).toEqual(['node-4-0', 'node-4-1']);
    for (const p of released) expect(p.metadata.ownerReferences ?? [], 'no reference to the DaemonSet left').toEqual([]);
  });

  test('a matching orphan on a node is adopted instead of getting a new pod next to it', () => {
    const ds = newDaemonSet('foo');
    const orphan = daemonPod('orphan', 'node-0', L);
    const { intents } = sync([ds, ...addNodes(0, 2), orphan]);
    expect(ofType(intents, 'update').map((u) => getControllerOf(u.object)?.uid)).toEqual(['uid-foo']);
    expect(ofType(intents, 'create').map((c) => targetNodeOf(c.object as Pod))).toEqual(['node-1']);
  });

  test('pods another DaemonSet controls are left alone', () => {
    const other = { ...newDaemonSet('other'), spec: { ...newDaemonSet('other').spec!, selector: { matchLabels: { name: 'other' } } } };
    const { intents } = sync([newDaemonSet('foo'), other, newNode('node-0'), ...addPods('node-0', L, other, 1)]);
    expect(tally(intents)).toEqual({ creates: 1, deletes: 0 });
    expect(ofType(intents, 'update')).toEqual([]);
  });

  test('the first sync records status: desired 1, nothing scheduled yet, observedGeneration 1', () => {
    const ds = { ...newDaemonSet('foo'), metadata: { ...newDaemonSet('foo').metadata, generation: 1 } };
    const [status] = ofType(sync([ds, newNode('node-0')]).intents, 'updateStatus');
    expect(status?.object.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 0, observedGeneration: 1, numberUnavailable: 1 });
  });

  test('TestDaemonKillFailedPodsBackoff: the back-off is kept between syncs, and a waiting sync asks to come back', () => {
    const ds = newDaemonSet('foo');
    const objects = [ds, newNode('node-0'), ...addPods('node-0', L, ds, 1, 0, { phase: 'Failed' })];
    const first = sync(objects);
    expect(tally(first.intents), 'first sync').toEqual({ creates: 0, deletes: 1 });
    expect(ofType(first.intents, 'event').map((e) => e.reason)).toEqual(['FailedDaemonPod']);
    const second = sync(objects, 'default/foo', first.local);
    expect(tally(second.intents), 'second sync, same instant').toEqual({ creates: 0, deletes: 0 });
    expect(ofType(second.intents, 'requeueAfter')).toEqual([{ type: 'requeueAfter', key: 'default/foo', seconds: 1 }]);
  });

  test('with minReadySeconds, ready pods that are not yet available bring the DaemonSet back after minReadySeconds', () => {
    const ds = newDaemonSet('foo', {}, { minReadySeconds: 10 });
    const { intents } = sync([ds, newNode('node-0'), ...addPods('node-0', L, ds, 1, 0, { ready: true, readySince: NOW })]);
    expect(ofType(intents, 'requeueAfter')).toEqual([{ type: 'requeueAfter', key: 'default/foo', seconds: 10 }]);
  });

  test('a DaemonSet that is not in the cache needs nothing', () => {
    expect(sync([newNode('node-0')], 'default/gone').intents).toEqual([]);
  });
});

describe('keysForObject', () => {
  const view = staticView([newDaemonSet('foo1'), newDaemonSet('foo2'), newDaemonSet('foo3', {}, { selector: { matchLabels: { ...SIMPLE_DAEMONSET_LABEL2 } } })]);

  test('a DaemonSet wakes itself', () => {
    expect(keysForObject(newDaemonSet('foo1'), view)).toEqual(['default/foo1']);
  });

  test('TestAddPod: a pod wakes the DaemonSet that controls it', () => {
    expect(keysForObject(daemonPod('pod1', 'node-0', L, newDaemonSet('foo2')), view)).toEqual(['default/foo2']);
  });

  test('TestAddPodOrphan: an orphan wakes every DaemonSet whose selector matches it', () => {
    expect(keysForObject(daemonPod('pod1', 'node-0', L), view)).toEqual(['default/foo1', 'default/foo2']);
  });

  test('TestDeletePodOrphan: an orphan being deleted wakes nobody', () => {
    expect(keysForObject(daemonPod('pod1', 'node-0', L, undefined, { deleting: true }), view)).toEqual([]);
  });

  test('a reference to a DaemonSet that is gone or was recreated (another UID) wakes nobody', () => {
    const recreated = { ...newDaemonSet('foo1'), metadata: { ...newDaemonSet('foo1').metadata, uid: 'uid-old' } };
    expect(keysForObject(daemonPod('pod1', 'node-0', L, recreated), view)).toEqual([]);
  });

  test('a node wakes every DaemonSet', () => {
    expect(keysForObject(newNode('node-9'), view)).toEqual(['default/foo1', 'default/foo2', 'default/foo3']);
  });
});

/** Syncs `ds` over `nodes` on a fake API, sync after sync; returns (creates, deletes) of each. */
function rollout(world: FakeWorld) {
  const state = { world, local: INITIAL_DAEMONSET_CONTROLLER_STATE };
  return {
    step(): { creates: number; deletes: number } {
      const result = syncDaemonSet(staticView(state.world.objects, state.world.now), 'default/foo', state.local);
      state.local = result.local;
      state.world = fakeApply(state.world, result.intents);
      return tally(result.intents);
    },
    markReady() {
      state.world = { ...state.world, objects: state.world.objects.map((o) => (o.kind === 'Pod' ? markReady(o as Pod, state.world.now) : o)) };
    },
    editTemplate(patch: (ds: DaemonSet) => DaemonSet) {
      state.world = { ...state.world, objects: state.world.objects.map((o) => (o.kind === 'DaemonSet' ? patch(o as DaemonSet) : o)) };
    },
  };
}
const newImage = (image: string, strategy: DaemonSetUpdateStrategy) => (ds: DaemonSet): DaemonSet => {
  const spec = ds.spec!;
  return { ...ds, spec: { ...spec, updateStrategy: strategy, template: { ...spec.template, spec: { ...spec.template.spec!, containers: [{ name: 'foo', image }] } } } };
};

describe('rolling updates, sync by sync', () => {
  test('TestDaemonSetUpdatesPods: maxUnavailable 2 on 5 nodes deletes 2, recreates 2, twice, then the last one', () => {
    const r = rollout({ objects: [newDaemonSet('foo'), ...addNodes(0, 5)], now: NOW, podsCreated: 0 });
    expect(r.step()).toEqual({ creates: 5, deletes: 0 });
    r.markReady();
    r.editTemplate(newImage('foo2/bar2', rolling({ maxUnavailable: 2 })));
    const steps = [r.step(), r.step()];
    r.markReady();
    steps.push(r.step(), r.step());
    r.markReady();
    steps.push(r.step(), r.step());
    r.markReady();
    steps.push(r.step());
    expect(steps).toEqual([
      { creates: 0, deletes: 2 },
      { creates: 2, deletes: 0 },
      { creates: 0, deletes: 2 },
      { creates: 2, deletes: 0 },
      { creates: 0, deletes: 1 },
      { creates: 1, deletes: 0 },
      { creates: 0, deletes: 0 },
    ]);
  });

  test('TestDaemonSetUpdatesAllOldPodsNotReady: old pods that never got ready are all replaced at once', () => {
    const r = rollout({ objects: [newDaemonSet('foo'), ...addNodes(0, 5)], now: NOW, podsCreated: 0 });
    r.step();
    r.editTemplate(newImage('foo2/bar2', rolling({ maxUnavailable: 3 })));
    expect([r.step(), r.step(), r.step()]).toEqual([
      { creates: 0, deletes: 5 },
      { creates: 5, deletes: 0 },
      { creates: 0, deletes: 0 },
    ]);
  });

  test('TestDaemonSetUpdatesWhenNewPodIsNotReady: new pods that do not get ready stop the rollout at maxUnavailable', () => {
    const r = rollout({ objects: [newDaemonSet('foo'), ...addNodes(0, 5)], now: NOW, podsCreated: 0 });
    r.step();
    r.markReady();
    r.editTemplate(newImage('foo2/bar2', rolling({ maxUnavailable: 3 })));
    expect([r.step(), r.step(), r.step()]).toEqual([
      { creates: 0, deletes: 3 },
      { creates: 3, deletes: 0 },
      { creates: 0, deletes: 0 },
    ]);
  });

  test('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2 on 5 nodes surges 2 at a time, retiring old pods once the new are ready', () => {
    // Upstream's fake pod control sees its deletes inside the sync, so its table shows the
    // deletion of retired pods and the next surge in one sync; here they take two.
    const r = rollout({ objects: [newDaemonSet('foo'), ...addNodes(0, 5)], now: NOW, podsCreated: 0 });
    r.step();
    r.markReady();
    r.editTemplate(newImage('foo2/bar2', rolling({ maxUnavailable: 0, maxSurge: 2 })));
    const steps = [r.step(), r.step()];
    r.markReady();
    steps.push(r.step(), r.step(), r.step());
    r.markReady();
    steps.push(r.step(), r.step(), r.step());
    r.markReady();
    steps.push(r.step(), r.step());
    expect(steps).toEqual([
      { creates: 2, deletes: 0 },
      { creates: 0, deletes: 0 },
      { creates: 0, deletes: 2 },
      { creates: 2, deletes: 0 },
      { creates: 0, deletes: 0 },
      { creates: 0, deletes: 2 },
      { creates: 1, deletes: 0 },
      { creates: 0, deletes: 0 },
      { creates: 0, deletes: 1 },
      { creates: 0, deletes: 0 },
    ]);
  });

  test('OnDelete replaces nothing by itself: a template change leaves the old pods running', () => {
    const r = rollout({ objects: [newDaemonSet('foo'), ...addNodes(0, 3)], now: NOW, podsCreated: 0 });
    r.step();
    r.markReady();
    r.editTemplate(newImage('foo2/bar2', { type: 'OnDelete' }));
    expect([r.step(), r.step()]).toEqual([
      { creates: 0, deletes: 0 },
      { creates: 0, deletes: 0 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// In the runtime, with a fake scheduler and kubelets.
// ---------------------------------------------------------------------------------------------

const EXAMPLES = path.join(import.meta.dirname, '..', '..', 'chapters', '10-daemonset', 'examples');

/** The objects of a chapter example file, as `kubectl apply` would create them. */
function example(file: string): KubeObject[] {
  const decoded = decodeManifest(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
  if (decoded.errors.length > 0) throw new Error(decoded.errors.join('\n'));
  return decoded.objects;
}

const components = (kubelet = fakeDaemonKubelet()) => [daemonSetRunnable(daemonSetController), { type: 'controller' as const, controller: kubelet }];
const plus = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');
/** A controller that never settles fails fast instead of looping for minutes. */
const GUARD = { maxReconcilesPerInstant: 20_000 };
const settle = (sim: Simulation) => runSimulation(sim, { until: plus(sim.cluster.now, 600), untilStable: true, ...GUARD });
const storedDs = (cluster: ClusterState, namespace: string, name: string) => storedObject(cluster, 'DaemonSet', namespace, name) as DaemonSet;
const nodesOf = (cluster: ClusterState) => listObjects(cluster.store, 'Node').items as Node[];

/** The live pods (not finished, not being deleted) of a DaemonSet, by the node they target. */
function livePodsByNode(cluster: ClusterState, dsUid: string, includeDeleting = false): Record<string, Pod[]> {
  const byNode: Record<string, Pod[]> = {};
  for (const pod of allPods(cluster)) {
    if (getControllerOf(pod)?.uid !== dsUid || pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') continue;
    if (!includeDeleting && pod.metadata.deletionTimestamp !== undefined) continue;
    (byNode[targetNodeOf(pod) ?? '?'] ??= []).push(pod);
  }
  return byNode;
}

describe('the chapter\'s examples', () => {
  const run = () => {
    const sim = startSimulation(seedCluster([...example('nodes.yaml'), ...example('fluentd-elasticsearch.yaml'), ...example('ssd-monitor.yaml')]), components());
    settle(sim);
    return sim.cluster;
  };
  const nodesWithPods = (cluster: ClusterState, namespace: string, name: string) => Object.keys(livePodsByNode(cluster, storedDs(cluster, namespace, name).metadata.uid ?? '')).sort();

  test('fluentd-elasticsearch runs on every node it tolerates: the control plane and the cordoned node too, the GPU node not', () => {
    expect(nodesWithPods(run(), 'kube-system', 'fluentd-elasticsearch')).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  });

  test('ssd-monitor runs on the nodes labelled disktype=ssd that it tolerates', () => {
    expect(nodesWithPods(run(), 'default', 'ssd-monitor')).toEqual(['worker-1', 'worker-3']);
  });

  test('every pod is bound by the scheduler to the node its affinity names, and the status says so', () => {
    const cluster = run();
    for (const pod of allPods(cluster)) expect(pod.spec?.nodeName, pod.metadata.name).toBe(targetNodeOf({ ...pod, spec: { ...pod.spec!, nodeName: undefined } }));
    expect(storedDs(cluster, 'kube-system', 'fluentd-elasticsearch').status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberAvailable: 4, updatedNumberScheduled: 4, numberMisscheduled: 0 });
  });
});

describe('following the nodes', () => {
  /** The ssd-monitor DaemonSet with an admin who changes the nodes at 10 s. */
  const scenario = (before: Node[], after: Node[]) => {
    const sim = startSimulation(seedCluster([...before, ...example('ssd-monitor.yaml')]), [...components(), { type: 'controller', controller: clusterAdmin([{ atSeconds: 10, nodes: after }]) }]);
    settle(sim);
    return Object.keys(livePodsByNode(sim.cluster, storedDs(sim.cluster, 'default', 'ssd-monitor').metadata.uid ?? '')).sort();
  };
  const ssd = (name: string, taints?: Taint[]) => newNode(name, { disktype: 'ssd' }, taints);

  test('a node that joins gets a pod; a node that leaves loses it', () => {
    expect(scenario([ssd('a'), ssd('b')], [ssd('b'), ssd('c')])).toEqual(['b', 'c']);
  });

  test('a node that gains the label gets a pod; one that loses it loses the pod', () => {
    expect(scenario([ssd('a'), newNode('b', { disktype: 'hdd' })], [newNode('a', { disktype: 'hdd' }), ssd('b')])).toEqual(['b']);
  });

  test('a new NoSchedule taint does not evict the running daemon pod, a NoExecute taint does', () => {
    expect(scenario([ssd('a'), ssd('b')], [ssd('a', [{ key: 'k', effect: 'NoSchedule' }]), ssd('b', [{ key: 'k', effect: 'NoExecute' }])])).toEqual(['a']);
  });

  test('a node that keeps failing its pod sees it deleted after 1, 2, 4, 8 and 16 seconds', () => {
    const kubelet = fakeDaemonKubelet({ failOn: (node) => node.metadata.labels?.broken === 'yes' });
    const sim = startSimulation(seedCluster([newNode('bad', { broken: 'yes' }), newDaemonSet('foo')].map(withoutServerFields)), components(kubelet));
    runSimulation(sim, { until: plus(sim.cluster.now, 40), ...GUARD });
    const deletions = (listObjects(sim.cluster.store, 'Event').items as (KubeObject & { reason?: string; firstTimestamp?: string })[])
      .filter((e) => e.reason === 'FailedDaemonPod')
      .map((e) => Date.parse(e.firstTimestamp ?? '') / 1000)
      .sort((a, b) => a - b);
    expect(deletions.slice(1).map((t, i) => t - deletions[i]!)).toEqual([1, 2, 4, 8, 16]);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated clusters: convergence, safety at every write, and convergence under faults.
// ---------------------------------------------------------------------------------------------

type Scenario = { look: DaemonSetLook; strategy: DaemonSetUpdateStrategy; minReadySeconds: number; steps: { nodes: (NodeLook | null)[]; newImage: boolean }[] };

/** A DaemonSet and up to 4 changes of 5 node slots (a slot may be empty: the node is gone) and of its image, 30 s apart. */
const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  look: daemonSetLook(),
  strategy: updateStrategy(),
  minReadySeconds: fc.constantFrom(0, 0, 5),
  steps: fc.array(fc.record({ nodes: fc.array(fc.option(nodeLook(), { freq: 3 }), { minLength: 5, maxLength: 5 }), newImage: fc.boolean() }), { minLength: 1, maxLength: 4 }),
});

function adminSteps(s: Scenario): AdminStep[] {
  let image = 'foo/bar';
  return s.steps.map((step, i) => {
    if (step.newImage && i > 0) image = `foo/bar:${i}`;
    return { atSeconds: 30 * i, nodes: step.nodes.flatMap((look, slot) => (look ? [nodeWithLook(`node-${slot}`, look)] : [])), images: { 'default/foo': image } };
  });
}

const surges = (s: DaemonSetUpdateStrategy) => s.type === 'RollingUpdate' && s.rollingUpdate?.maxSurge !== 0;

/** The DaemonSet's pods never crowd a node: one (with surge: one old and one new) not being deleted, and without surge none waiting next to a terminating one. */
function crowding(cluster: ClusterState, s: Scenario): string | undefined {
  const ds = storedDs(cluster, 'default', 'foo');
  const limit = surges(s.strategy) ? 2 : 1;
  for (const [node, pods] of Object.entries(livePodsByNode(cluster, ds.metadata.uid ?? '', !surges(s.strategy)))) {
    if (pods.length > limit) return `${pods.length} pods on ${node}: ${pods.map((p) => p.metadata.name).join(', ')}`;
  }
  return undefined;
}

/** What a converged cluster must look like, per the oracle; `undefined` when it does. */
function convergenceProblem(cluster: ClusterState, s: Scenario): string | undefined {
  const ds = storedDs(cluster, 'default', 'foo');
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const byNode = livePodsByNode(cluster, ds.metadata.uid ?? '', true);
  const nodes = nodesOf(cluster);
  let desired = 0;
  let misscheduled = 0;
  for (const node of nodes) {
    const want = expectedShouldRun(node, s.look);
    const here = byNode[node.metadata.name] ?? [];
    if (want.shouldRun) {
      desired++;
      if (here.length !== 1) return `${node.metadata.name} should run exactly one pod, has ${here.length}`;
      if (s.strategy.type === 'RollingUpdate' && here[0]!.metadata.labels?.['controller-revision-hash'] !== hash) return `${node.metadata.name} runs an old pod`;
      if (!isPodAvailable(here[0]!, s.minReadySeconds, cluster.now)) return `${node.metadata.name}'s pod is not available`;
    } else if (!want.shouldContinueRunning && here.length > 0) return `${node.metadata.name} may not run the pod, has ${here.length}`;
    else if (here.length > 1) return `${node.metadata.name} has ${here.length} pods`;
    else if (here.length === 1) misscheduled++;
  }
  const stray = Object.keys(byNode).filter((n) => !nodes.some((node) => node.metadata.name === n));
  if (stray.length > 0) return `pods for nodes that do not exist: ${stray.join(', ')}`;
  const st = ds.status;
  const want = { desiredNumberScheduled: desired, currentNumberScheduled: desired, numberReady: desired, numberAvailable: desired, numberMisscheduled: misscheduled, observedGeneration: ds.metadata.generation };
  const got = { desiredNumberScheduled: st?.desiredNumberScheduled, currentNumberScheduled: st?.currentNumberScheduled, numberReady: st?.numberReady, numberAvailable: st?.numberAvailable ?? 0, numberMisscheduled: st?.numberMisscheduled, observedGeneration: st?.observedGeneration };
  return JSON.stringify(got) === JSON.stringify(want) ? undefined : `status ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
}

function run(s: Scenario, faults: Fault[] = [], seed = 1): { result: ScenarioResult; crowded: string[] } {
  const crowded: string[] = [];
  const ds = daemonSetWithLook('foo', s.look, s.strategy, s.minReadySeconds);
  const result = simulate({
    objects: [withoutServerFields(ds)],
    runnables: [...components(), { type: 'controller', controller: clusterAdmin(adminSteps(s)) }],
    faults,
    seed,
    invariants: {
      'no node ever runs more daemon pods than the strategy allows': (cluster) => {
        const problem = crowding(cluster, s);
        if (problem) crowded.push(`${cluster.now}: ${problem}`);
        return problem === undefined;
      },
    },
  });
  return { result, crowded };
}

describe('convergence and safety', () => {
  test('without faults, whatever the nodes do, a node never runs more daemon pods than the strategy allows, and every eligible node ends with one up-to-date, available pod', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const { result, crowded } = run(s);
        const trace = formatTrace(result);
        expect(result.violations, `${crowded.join('\n')}\n${trace}`).toEqual([]);
        expect(result.stable, `not stable\n${trace}`).toBe(true);
        expect(convergenceProblem(result.cluster, s), trace).toBeUndefined();
        expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
      }),
      runs(20),
    );
  });

  test('a rolling update without surge never leaves more than maxUnavailable eligible nodes without an available pod', () => {
    fc.assert(
      fc.property(fc.array(nodeLook(), { minLength: 1, maxLength: 6 }), daemonSetLook(), fc.constantFrom(1, 2, '50%'), fc.constantFrom(0, 5), (looks, look, maxUnavailable, minReadySeconds) => {
        const nodes = looks.map((l, i) => nodeWithLook(`node-${i}`, l));
        const eligible = nodes.filter((n) => expectedShouldRun(n, look).shouldRun);
        const budget = typeof maxUnavailable === 'number' ? maxUnavailable : Math.ceil(eligible.length / 2);
        const ds = daemonSetWithLook('foo', look, rolling({ maxUnavailable, maxSurge: 0 }), minReadySeconds);
        let worst = 0;
        const result = simulate({
          objects: [...nodes, withoutServerFields(ds)],
          runnables: [...components(), { type: 'controller', controller: clusterAdmin([{ atSeconds: 100, nodes, images: { 'default/foo': 'foo/bar:2' } }]) }],
          invariants: {
            'records the most unavailable nodes during the update': (cluster) => {
              if (Date.parse(cluster.now) < Date.parse('2025-01-01T00:01:40Z')) return true;
              const byNode = livePodsByNode(cluster, storedDs(cluster, 'default', 'foo').metadata.uid ?? '');
              const lacking = eligible.filter((n) => !(byNode[n.metadata.name] ?? []).some((p) => isPodAvailable(p, minReadySeconds, cluster.now))).length;
              worst = Math.max(worst, lacking);
              return true;
            },
          },
        });
        expect(worst, formatTrace(result)).toBeLessThanOrEqual(Math.max(budget, 1));
        expect(convergenceProblem(result.cluster, { look, strategy: rolling({ maxUnavailable }), minReadySeconds, steps: [] }), formatTrace(result)).toBeUndefined();
      }),
      runs(12),
    );
  });

  test('a rolling update with surge and maxUnavailable 0 keeps an available pod on every eligible node throughout', () => {
    fc.assert(
      fc.property(fc.array(nodeLook(), { minLength: 1, maxLength: 6 }), daemonSetLook(), fc.constantFrom(1, 2, '50%'), (looks, look, maxSurge) => {
        const nodes = looks.map((l, i) => nodeWithLook(`node-${i}`, l));
        const eligible = nodes.filter((n) => expectedShouldRun(n, look).shouldRun);
        const ds = daemonSetWithLook('foo', look, rolling({ maxUnavailable: 0, maxSurge }));
        let lapses = 0;
        const result = simulate({
          objects: [...nodes, withoutServerFields(ds)],
          runnables: [...components(), { type: 'controller', controller: clusterAdmin([{ atSeconds: 100, nodes, images: { 'default/foo': 'foo/bar:2' } }]) }],
          invariants: {
            'counts writes after which an eligible node has no available pod': (cluster) => {
              if (Date.parse(cluster.now) < Date.parse('2025-01-01T00:01:40Z')) return true;
              const byNode = livePodsByNode(cluster, storedDs(cluster, 'default', 'foo').metadata.uid ?? '');
              if (eligible.some((n) => !(byNode[n.metadata.name] ?? []).some((p) => isPodAvailable(p, 0, cluster.now)))) lapses++;
              return true;
            },
          },
        });
        expect(lapses, formatTrace(result)).toBe(0);
      }),
      runs(12),
    );
  });

  test('under any fault schedule the DaemonSet ends with exactly one up-to-date pod on every eligible node, and a restart writes nothing', () => {
    fc.assert(
      fc.property(scenarioArbitrary, faultScheduleArbitrary(40, 6), fc.nat(1000), (s, faults, seed) => {
        // A hidden or stale pod may be created twice while faults last (there are no expectations); only the end is checked.
        const { result } = run(s, faults, seed + 1);
        const trace = formatTrace(result);
        expect(result.stable, `not stable after recovery\n${trace}`).toBe(true);
        expect(convergenceProblem(result.cluster, s), trace).toBeUndefined();
        expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
      }),
      runs(25),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: a user changes nodes and the template; the model says where pods must be.
// ---------------------------------------------------------------------------------------------

type Model = { nodes: Map<string, NodeLook>; pods: Map<string, number>; version: number; added: number; look: DaemonSetLook; strategy: DaemonSetUpdateStrategy };
type Real = { sim: Simulation; hashes: Map<number, string> };

function userWrite(real: Real, request: Parameters<typeof submit>[1]): void {
  const [cluster, result] = submit(real.sim.cluster, request);
  if (!result.ok) throw new Error(result.status.message);
  real.sim.cluster = cluster;
}

/** After the cluster settles: where the model says pods are now (see the chapter's rules). */
function advance(model: Model): void {
  for (const name of [...model.pods.keys()]) if (!model.nodes.has(name)) model.pods.delete(name);
  for (const [name, look] of model.nodes) {
    const want = expectedShouldRun(nodeWithLook(name, look), model.look);
    const have = model.pods.get(name);
    const rolling = model.strategy.type === 'RollingUpdate';
    if (want.shouldRun) model.pods.set(name, rolling ? model.version : (have ?? model.version));
    else if (!want.shouldContinueRunning || (rolling && have !== model.version)) model.pods.delete(name);
  }
}

function check(model: Model, real: Real): void {
  settle(real.sim);
  advance(model);
  const cluster = real.sim.cluster;
  const ds = storedDs(cluster, 'default', 'foo');
  const byNode = livePodsByNode(cluster, ds.metadata.uid ?? '', true);
  const actual = Object.fromEntries(Object.entries(byNode).map(([n, pods]) => [n, pods.map((p) => p.metadata.labels?.['controller-revision-hash'])]));
  const expected = Object.fromEntries([...model.pods].map(([n, v]) => [n, [real.hashes.get(v)]]));
  expect(actual, 'pods by node (their template hash)').toEqual(expected);
  const desired = [...model.nodes].filter(([n, l]) => expectedShouldRun(nodeWithLook(n, l), model.look).shouldRun).map(([n]) => n);
  expect(ds.status, 'status').toMatchObject({
    desiredNumberScheduled: desired.length,
    currentNumberScheduled: desired.length,
    numberMisscheduled: model.pods.size - desired.length,
    numberReady: desired.length,
  });
  expect(ds.status?.updatedNumberScheduled ?? 0, 'updatedNumberScheduled').toBe(desired.filter((n) => model.pods.get(n) === model.version).length);
}

const addNode = (look: NodeLook): fc.Command<Model, Real> => ({
  check: (m) => m.nodes.size < 6,
  run: (m, r) => {
    const name = `node-${m.added++}`;
    userWrite(r, createRequest(r.sim.cluster, nodeWithLook(name, look)));
    m.nodes.set(name, look);
    check(m, r);
  },
  toString: () => `addNode(${JSON.stringify(look)})`,
});

const changeNode = (i: number, look: NodeLook): fc.Command<Model, Real> => ({
  check: (m) => m.nodes.size > 0,
  run: (m, r) => {
    const name = [...m.nodes.keys()].sort()[i % m.nodes.size]!;
    const stored = storedObject(r.sim.cluster, 'Node', '', name) as Node;
    userWrite(r, { type: 'update', object: { ...stored, metadata: { ...stored.metadata, labels: look.labels }, spec: { ...stored.spec, taints: look.taints } }, now: r.sim.cluster.now });
    m.nodes.set(name, look);
    check(m, r);
  },
  toString: () => `changeNode(#${i}, ${JSON.stringify(look)})`,
});

const removeNode = (i: number): fc.Command<Model, Real> => ({
  check: (m) => m.nodes.size > 0,
  run: (m, r) => {
    const name = [...m.nodes.keys()].sort()[i % m.nodes.size]!;
    userWrite(r, { type: 'delete', kind: 'Node', namespace: '', name, now: r.sim.cluster.now });
    m.nodes.delete(name);
    check(m, r);
  },
  toString: () => `removeNode(#${i})`,
});

const changeImage: fc.Command<Model, Real> = {
  check: () => true,
  run: (m, r) => {
    m.version++;
    const ds = storedDs(r.sim.cluster, 'default', 'foo');
    const updated = newImage(`foo/bar:${m.version}`, ds.spec!.updateStrategy!)(ds);
    userWrite(r, { type: 'update', object: updated, now: r.sim.cluster.now });
    r.hashes.set(m.version, computeHash(updated.spec?.template));
    check(m, r);
  },
  toString: () => 'changeImage()',
};

describe('model', () => {
  test('whatever happens to the nodes and the template, a settled DaemonSet runs pods exactly where the rules say, of the template they say', () => {
    fc.assert(
      fc.property(
        daemonSetLook(),
        updateStrategy(),
        fc.commands([nodeLook().map(addNode), fc.tuple(fc.nat(), nodeLook()).map(([i, l]) => changeNode(i, l)), fc.nat().map(removeNode), fc.constant(changeImage)], { maxCommands: 10 }),
        (look, strategy, cmds) => {
          const setup = () => {
            const ds = daemonSetWithLook('foo', look, strategy);
            const sim = startSimulation(seedCluster([withoutServerFields(ds)]), components());
            settle(sim);
            return { model: { nodes: new Map(), pods: new Map(), version: 0, added: 0, look, strategy }, real: { sim, hashes: new Map([[0, computeHash(ds.spec?.template)]]) } };
          };
          fc.modelRun(setup, cmds);
        },
      ),
      runs(25),
    );
  });
});
