import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../../core/api/meta';
import type { Node } from '../../core/api/types/node';
import type { Pod } from '../../core/api/types/pod';
import { submit, type ClusterState } from '../../core/cluster/state';
import { addSeconds, toMillis } from '../../core/data/rfc3339';
import { repoRoot } from '../../core/kata/target';
import { initialKubeletLocal, type KubeletLocal } from '../../core/kubelet/kubelet-local';
import type { Lease } from '../../core/kubelet/lease';
import type { ManifestDir } from '../../core/kubelet/pod-source';
import type { Stages } from '../../core/kubelet/stages';
import { nodeNamed } from '../../core/kubelet/testing/builders';
import { chapterStages } from '../../core/kubelet/testing/stage-files';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Runnable, type Simulation } from '../../core/runtime/simulation';
import type { Agent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';
import { createKubeletAgent, ensureNodeLocal, kubeletKeysFor, nodeHealthFor, nodeKey, podKey } from '@kata/05-node-runtime/kubelet';

const T0 = '2025-01-01T00:00:00Z';
const stages = chapterStages('default.rules.yaml');
const kubelet = (s: Stages = stages, manifests: Record<string, ManifestDir> = {}): Runnable => ({
  type: 'agent',
  agent: createKubeletAgent(s) as unknown as Agent<unknown>,
  initial: initialKubeletLocal(manifests),
});
const manifestNode = (name = 'node-1', labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
const boundPod = (name: string, image: string, annotations: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', annotations },
  // The scheduler is chapter 06: these pods name their node themselves.
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image }], ...extra },
});
const podIn = (cluster: ClusterState, name: string, namespace = 'default') => getObject(cluster.store, 'Pod', namespace, name) as Pod | undefined;
const eventsFor = (cluster: ClusterState, name: string) =>
  (listObjects(cluster.store, 'Event').items as (KubeObject & { involvedObject: { name: string }; reason: string; message: string; firstTimestamp: string })[])
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => toMillis(a.firstTimestamp) - toMillis(b.firstTimestamp) || (a.metadata.name < b.metadata.name ? -1 : 1));

/** A running simulation of one kubelet, with every written status of pod `watch` recorded. */
function running(objects: KubeObject[], options: { stages?: Stages; manifests?: Record<string, ManifestDir>; watch?: string } = {}): { sim: Simulation; statuses: Pod['status'][] } {
  const sim = startSimulation(seedCluster(objects), [kubelet(options.stages, options.manifests)]);
  sim.trace = [];
  const statuses: Pod['status'][] = [];
  sim.onWrite = (cluster) => {
    const pod = options.watch ? podIn(cluster, options.watch) : undefined;
    if (pod && JSON.stringify(pod.status) !== JSON.stringify(statuses.at(-1))) statuses.push(pod.status);
  };
  return { sim, statuses };
}
const runTo = (sim: Simulation, seconds: number) => runSimulation(sim, { until: addSeconds(T0, seconds), maxReconcilesPerInstant: 2_000 });

describe('keys', () => {
  test('a Node and its Lease concern the node; a bound pod concerns that pod on its node', () => {
    expect(kubeletKeysFor(nodeNamed('node-1'))).toEqual([nodeKey('node-1')]);
    expect(kubeletKeysFor({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' } })).toEqual([nodeKey('node-1')]);
    expect(kubeletKeysFor(boundPod('web', 'nginx'))).toEqual([podKey('node-1', 'default', 'web')]);
    expect(podKey('node-1', 'default', 'web')).not.toBe(nodeKey('node-1'));
  });

  test('unbound pods are the scheduler`s, leases elsewhere are not heartbeats, mirror pods are the node`s business', () => {
    expect(kubeletKeysFor({ ...boundPod('web', 'nginx'), spec: { containers: [] } })).toEqual([]);
    expect(kubeletKeysFor({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-scheduler', namespace: 'kube-system' } })).toEqual([]);
    expect(kubeletKeysFor(boundPod('etcd-node-1', 'etcd', { 'kubernetes.io/config.mirror': 'abc' }))).toEqual([nodeKey('node-1')]);
  });

  test('the agent is named kubelet and watches Pods, Nodes and Leases', () => {
    const agent = createKubeletAgent(stages);
    expect(agent.name).toBe('kubelet');
    expect([...agent.watches].sort()).toEqual(['Lease', 'Node', 'Pod']);
  });
});

describe('node state', () => {
  test('each node the agent meets gets the next IP and pod range, unless the Node has its own', () => {
    let local: KubeletLocal = initialKubeletLocal();
    [local] = ensureNodeLocal(local, nodeNamed('a'), T0);
    const [afterB, b] = ensureNodeLocal(local, nodeNamed('b'), T0);
    expect(afterB.nodes.a?.machine).toMatchObject({ nodeIP: '172.18.0.2', podCIDR: '10.244.0.0/24' });
    expect(b.machine).toMatchObject({ nodeIP: '172.18.0.3', podCIDR: '10.244.1.0/24' });
    const withCIDR = { ...nodeNamed('c'), spec: { podCIDR: '10.244.7.0/24' } } as Node;
    expect(ensureNodeLocal(afterB, withCIDR, T0)[1].machine.podCIDR).toBe('10.244.7.0/24');
    expect(ensureNodeLocal(afterB, nodeNamed('b'), T0)[1], 'a node met before keeps its state').toBe(b);
  });

  test('the stage rules can take a node down, put it under pressure, or make it not ready', () => {
    expect(nodeHealthFor(nodeNamed('n', { 'stage.kube-katas.io/node': 'down' }), stages, T0).down).toBe(true);
    expect(nodeHealthFor(nodeNamed('n', { 'stage.kube-katas.io/node': 'memory-pressure' }), stages, T0).health.memoryPressure).toBe(true);
    expect(nodeHealthFor(nodeNamed('n', { 'stage.kube-katas.io/node': 'not-ready' }), stages, T0).health.runtimeErrors).toEqual([
      'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ]);
    expect(nodeHealthFor(nodeNamed('n'), stages, T0)).toEqual({ down: false, health: { memoryPressure: false, diskPressure: false, pidPressure: false, runtimeErrors: [] } });
  });
});

describe('a node in the simulation', () => {
  test('a bound pod goes from Pending to Running with the events Pulling, Pulled, Created, Started', () => {
    const result = simulate({ objects: [manifestNode(), boundPod('web', 'nginx')], runnables: [kubelet()] });
    expect(podIn(result.cluster, 'web')?.status?.phase, formatTrace(result)).toBe('Running');
    expect(eventsFor(result.cluster, 'web').map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(result.stable).toBe(true);
    expect(result.writesAfterStable, 'a restarted kubelet on a converged node has nothing to write').toBe(0);
  });

  test('the node registers: Ready, labelled, with a lease in kube-node-lease held by the node', () => {
    const result = simulate({ objects: [manifestNode()], runnables: [kubelet()] });
    const node = getObject(result.cluster.store, 'Node', '', 'node-1') as Node;
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node.metadata.labels?.['kubernetes.io/hostname']).toBe('node-1');
    expect((getObject(result.cluster.store, 'Lease', 'kube-node-lease', 'node-1') as Lease).spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
  });

  test('the lease is renewed every 10 s of simulated time', () => {
    const { sim } = running([manifestNode()]);
    runTo(sim, 35);
    const lease = getObject(sim.cluster.store, 'Lease', 'kube-node-lease', 'node-1') as Lease;
    expect(lease.spec?.renewTime).toBe('2025-01-01T00:00:30.000000Z');
  });

  test('a pod started under faults (lost, repeated, late events, crashes, stale reads) still ends Running and settles', () => {
    fc.assert(
      fc.property(faultScheduleArbitrary(25, 4), (faults) => {
        const result = simulate({ objects: [manifestNode(), boundPod('web', 'nginx')], runnables: [kubelet()], faults, phaseSeconds: 120 });
        expect(podIn(result.cluster, 'web')?.status?.phase, formatTrace(result)).toBe('Running');
        expect(result.writesAfterStable, formatTrace(result)).toBe(0);
      }),
      runs(12),
    );
  });

  test('a crash-looping container is restarted at once, then after 10, 20 and 40 s of CrashLoopBackOff', () => {
    const { sim, statuses } = running([manifestNode(), boundPod('crash', 'busybox:1.36', { 'stage.kube-katas.io/behaviour': 'crash' })], { watch: 'crash' });
    runTo(sim, 120);
    const starts = [...new Set(statuses.map((s) => s?.containerStatuses?.[0]?.state?.running?.startedAt).filter((t): t is string => t !== undefined))];
    // Each run lasts 3 s; the gaps between runs are the back-off (kubelet.go: 10 s doubling to 300 s).
    expect(starts.slice(1, 5).map((t, i) => (toMillis(t) - toMillis(starts[i]!)) / 1000 - 3)).toEqual([0, 10, 20, 40]);
    expect(statuses.some((s) => s?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff')).toBe(true);
    expect(podIn(sim.cluster, 'crash')?.status?.containerStatuses?.[0]?.restartCount).toBe(4);
  });

  test('an image that cannot be pulled shows ErrImagePull, then ImagePullBackOff, and the pod stays Pending', () => {
    const { sim, statuses } = running([manifestNode(), boundPod('bad', 'nginx:does-not-exist')], { watch: 'bad' });
    runTo(sim, 60);
    const reasons = statuses.map((s) => s?.containerStatuses?.[0]?.state?.waiting?.reason);
    expect(reasons.indexOf('ErrImagePull')).toBeGreaterThanOrEqual(0);
    expect(reasons.indexOf('ImagePullBackOff')).toBeGreaterThan(reasons.indexOf('ErrImagePull'));
    expect(podIn(sim.cluster, 'bad')?.status?.phase).toBe('Pending');
    expect(eventsFor(sim.cluster, 'bad').map((e) => e.message)).toContain('Back-off pulling image "nginx:does-not-exist"');
  });

  test('a deleted pod is stopped and removed from the API', () => {
    const { sim } = running([manifestNode(), boundPod('web', 'nginx')]);
    runTo(sim, 20);
    [sim.cluster] = submit(sim.cluster, { type: 'delete', kind: 'Pod', namespace: 'default', name: 'web', now: sim.cluster.now });
    expect(podIn(sim.cluster, 'web')?.metadata.deletionTimestamp, 'graceful deletion only marks the pod').toBeDefined();
    runTo(sim, 30);
    expect(podIn(sim.cluster, 'web')).toBeUndefined();
    expect(eventsFor(sim.cluster, 'web').map((e) => e.message)).toContain('Stopping container app');
    expect(Object.keys((sim.cluster.agents.kubelet as KubeletLocal).nodes['node-1']!.runtime.sandboxes)).toEqual([]);
  });

  test('a pod deleted with grace 0 (force) does not leave its containers running', () => {
    const { sim } = running([manifestNode(), boundPod('web', 'nginx')]);
    runTo(sim, 20);
    [sim.cluster] = submit(sim.cluster, { type: 'delete', kind: 'Pod', namespace: 'default', name: 'web', now: sim.cluster.now, gracePeriodSeconds: 0 });
    runTo(sim, 21);
    const runtime = (sim.cluster.agents.kubelet as KubeletLocal).nodes['node-1']!.runtime;
    expect(Object.values(runtime.containers).filter((c) => c.state === 'running')).toEqual([]);
  });

  test('a node labelled down stops renewing its lease', () => {
    const { sim } = running([manifestNode('node-1', { 'stage.kube-katas.io/node': 'down' })]);
    runTo(sim, 60);
    expect(getObject(sim.cluster.store, 'Lease', 'kube-node-lease', 'node-1')).toBeUndefined();
  });
});

describe('static pods', () => {
  const dir = path.join(repoRoot, 'chapters/05-node-runtime/examples/static-pods');
  const controlPlane = () => ({ 'node-1': Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')])) });
  const mirrors = (cluster: ClusterState) => (listObjects(cluster.store, 'Pod', 'kube-system').items as Pod[]).map((p) => `${p.metadata.name} ${p.status?.phase}`);

  test('the control plane manifests run as static pods and appear in the API as mirror pods', () => {
    const result = simulate({ objects: [manifestNode()], runnables: [kubelet(stages, controlPlane())] });
    expect(mirrors(result.cluster)).toEqual(['etcd-node-1 Running', 'kube-apiserver-node-1 Running', 'kube-controller-manager-node-1 Running', 'kube-scheduler-node-1 Running']);
    const etcd = podIn(result.cluster, 'etcd-node-1', 'kube-system')!;
    expect(etcd.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: expect.any(String), controller: true }]);
    expect(etcd.status?.podIP, 'a hostNetwork static pod has the node IP').toBe('172.18.0.2');
    expect(result.writesAfterStable).toBe(0);
  });

  test('deleting a mirror pod does not stop the static pod: the mirror comes back, the container keeps running', () => {
    const { sim } = running([manifestNode()], { manifests: controlPlane() });
    runTo(sim, 20);
    const before = podIn(sim.cluster, 'etcd-node-1', 'kube-system')!;
    [sim.cluster] = submit(sim.cluster, { type: 'delete', kind: 'Pod', namespace: 'kube-system', name: 'etcd-node-1', now: sim.cluster.now });
    runTo(sim, 30);
    const after = podIn(sim.cluster, 'etcd-node-1', 'kube-system')!;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.status?.containerStatuses?.[0]?.state?.running?.startedAt).toBe(before.status?.containerStatuses?.[0]?.state?.running?.startedAt);
  });

  test('removing a manifest file stops the static pod and deletes its mirror', () => {
    const { sim } = running([manifestNode()], { manifests: controlPlane() });
    runTo(sim, 20);
    const local = sim.cluster.agents.kubelet as KubeletLocal;
    const { 'kube-scheduler.yaml': _gone, ...rest } = local.manifests['node-1']!;
    sim.cluster = { ...sim.cluster, agents: { ...sim.cluster.agents, kubelet: { ...local, manifests: { 'node-1': rest } } } };
    runTo(sim, 40);
    expect(podIn(sim.cluster, 'kube-scheduler-node-1', 'kube-system')).toBeUndefined();
    const runtime = (sim.cluster.agents.kubelet as KubeletLocal).nodes['node-1']!.runtime;
    expect(Object.values(runtime.sandboxes).map((s) => s.config.name).sort()).toEqual(['etcd-node-1', 'kube-apiserver-node-1', 'kube-controller-manager-node-1']);
  });
});
