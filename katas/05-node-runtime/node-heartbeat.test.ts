import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Node } from '../../core/api/types/node';
import { addSeconds } from '../../core/data/rfc3339';
import type { Lease } from '../../core/kubelet/lease';
import { defaultMachine, HEALTHY, type NodeHealth } from '../../core/kubelet/node-machine';
import { nodeNamed } from '../../core/kubelet/testing/builders';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';
import { defaultLabelsIntent, leaseIntent, nodeHeartbeat, nodeStatusHasChanged, setNodeStatus } from '@kata/05-node-runtime/node-heartbeat';

const T0 = '2025-01-01T00:00:00Z';
const machine = defaultMachine('node-1', 0);
const node = () => nodeNamed('node-1');
const eventLines = (intents: Intent[]) => intents.flatMap((i) => (i.type === 'event' ? [`${i.reason}: ${i.message}`] : []));
const writes = (intents: Intent[]) => intents.filter((i) => i.type !== 'event').map((i) => (i.type === 'create' || i.type === 'update' || i.type === 'updateStatus' ? `${i.type} ${i.object.kind}` : i.type));

/** Applies a heartbeat's writes to local copies of the Node and the Lease, as the API would. */
function apply(state: { node: Node; lease: Lease | undefined }, intents: Intent[]) {
  let { node: n, lease } = state;
  for (const i of intents) {
    if ((i.type === 'create' || i.type === 'update') && i.object.kind === 'Lease') lease = i.object as Lease;
    if (i.type === 'update' && i.object.kind === 'Node') n = { ...n, metadata: { ...n.metadata, labels: i.object.metadata.labels } };
    if (i.type === 'updateStatus') n = { ...n, status: (i.object as Node).status };
  }
  return { node: n, lease };
}

describe('the node lease', () => {
  test('a node without a lease creates one in kube-node-lease, held by the node, lasting 40 s, owned by the Node', () => {
    // lease/controller.go newLease; kubelet.go: NodeLeaseDurationSeconds 40; util/nodelease.go SetNodeOwnerFunc.
    expect(leaseIntent(node(), undefined, T0)).toEqual({
      type: 'create',
      object: {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'node-1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-node-1' }] },
        spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' },
      },
    });
  });

  test('the lease is renewed once 10 s (a quarter of its duration) have passed, not before', () => {
    const created = leaseIntent(node(), undefined, T0) as Extract<Intent, { type: 'create' }>;
    const lease = created.object as Lease;
    expect(leaseIntent(node(), lease, addSeconds(T0, 9))).toBeUndefined();
    expect(leaseIntent(node(), lease, addSeconds(T0, 10))).toMatchObject({ type: 'update', object: { spec: { renewTime: '2025-01-01T00:00:10.000000Z', holderIdentity: 'node-1' } } });
  });

  test('a lease without an owner gets the Node as its owner when it is renewed', () => {
    const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', renewTime: '2025-01-01T00:00:00.000000Z' } };
    expect(leaseIntent(node(), lease, addSeconds(T0, 10))).toMatchObject({ object: { metadata: { ownerReferences: [{ kind: 'Node', name: 'node-1', uid: 'uid-node-1' }] } } });
  });
});

describe('the node status', () => {
  test('a new node reports the four conditions in setter order with upstream reasons and messages', () => {
    const { status } = setNodeStatus(node(), machine, HEALTHY, T0);
    // nodestatus/setters.go; `kubectl describe node` lists them in this order.
    expect(status.conditions).toEqual([
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: T0, lastTransitionTime: T0 },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: T0, lastTransitionTime: T0 },
      { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: T0, lastTransitionTime: T0 },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: T0, lastTransitionTime: T0 },
    ]);
  });

  test('a new node reports its addresses, capacity with 110 pods, allocatable, versions and kubelet port', () => {
    const { status } = setNodeStatus(node(), machine, HEALTHY, T0);
    expect(status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.2' },
      { type: 'Hostname', address: 'node-1' },
    ]);
    // kubelet config defaults: maxPods 110; allocatable memory is capacity less the 100Mi eviction threshold.
    expect(status.capacity).toMatchObject({ cpu: '4', memory: '16777216Ki', pods: '110' });
    expect(status.allocatable).toMatchObject({ cpu: '4', memory: '16674816Ki', pods: '110' });
    expect(status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64' });
    expect(status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
  });

  test('capacity and addresses the Node already reports are kept', () => {
    const described = { ...node(), status: { capacity: { cpu: '64', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' }, addresses: [{ type: 'InternalIP' as const, address: '10.0.0.7' }] } };
    const { status } = setNodeStatus(described, machine, HEALTHY, T0);
    expect(status.capacity).toEqual(described.status.capacity);
    expect(status.addresses).toEqual(described.status.addresses);
  });

  test('the first status records an event for each condition, in upstream wording', () => {
    const { events } = setNodeStatus(node(), machine, HEALTHY, T0);
    expect(eventLines(events)).toEqual([
      'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'NodeReady: Node node-1 status is now: NodeReady',
    ]);
    expect(events[0]).toMatchObject({ involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' }, source: 'kubelet', eventType: 'Normal' });
  });

  test('memory pressure turns MemoryPressure True and leaves Ready True', () => {
    const first = setNodeStatus(node(), machine, HEALTHY, T0).status;
    const health: NodeHealth = { ...HEALTHY, memoryPressure: true };
    const { status, events } = setNodeStatus({ ...node(), status: first }, machine, health, addSeconds(T0, 10));
    expect(status.conditions?.[0]).toMatchObject({ type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', lastTransitionTime: addSeconds(T0, 10) });
    expect(status.conditions?.[3]).toMatchObject({ type: 'Ready', status: 'True', lastTransitionTime: T0 });
    expect(eventLines(events)).toEqual(['NodeHasInsufficientMemory: Node node-1 status is now: NodeHasInsufficientMemory']);
  });

  test('runtime errors make the node NotReady with the errors joined by commas', () => {
    const health: NodeHealth = { ...HEALTHY, runtimeErrors: ['container runtime is down', 'PLEG is not healthy'] };
    const { status, events } = setNodeStatus(node(), machine, health, T0);
    expect(status.conditions?.[3]).toMatchObject({ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down,PLEG is not healthy' });
    expect(eventLines(events)).toContain('NodeNotReady: Node node-1 status is now: NodeNotReady');
  });

  test('missing capacity makes the node NotReady, naming what is missing', () => {
    const { status } = setNodeStatus({ ...node(), status: { capacity: { cpu: '2' } } }, machine, HEALTHY, T0);
    expect(status.conditions?.[3]?.message).toBe('Missing node capacity for resources: memory, pods, ephemeral-storage');
  });

  test('a node the controller marked Unknown is Ready again with a new transition time and a NodeReady event', () => {
    const first = setNodeStatus(node(), machine, HEALTHY, T0).status;
    const unknown = { ...first, conditions: first.conditions?.map((c) => ({ ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })) };
    const later = addSeconds(T0, 100);
    const { status, events } = setNodeStatus({ ...node(), status: unknown }, machine, HEALTHY, later);
    expect(status.conditions?.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'False', later],
      ['DiskPressure', 'False', later],
      ['PIDPressure', 'False', later],
      ['Ready', 'True', later],
    ]);
    expect(eventLines(events)).toHaveLength(4);
  });

  test('nodeStatusHasChanged ignores heartbeat times and the order of conditions', () => {
    const first = setNodeStatus(node(), machine, HEALTHY, T0).status;
    const later = setNodeStatus({ ...node(), status: first }, machine, HEALTHY, addSeconds(T0, 10)).status;
    expect(nodeStatusHasChanged(first, later)).toBe(false);
    expect(nodeStatusHasChanged(first, { ...later, conditions: [...(later.conditions ?? [])].reverse() })).toBe(false);
    expect(nodeStatusHasChanged(first, { ...later, capacity: { ...later.capacity, pods: '111' } })).toBe(true);
    expect(nodeStatusHasChanged(undefined, later)).toBe(true);
  });
});

describe('registration labels', () => {
  test('the kubelet adds the hostname, os and arch labels once', () => {
    const intent = defaultLabelsIntent(node(), machine) as Extract<Intent, { type: 'update' }>;
    expect(intent.object.metadata.labels).toEqual({
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/arch': 'amd64',
    });
    expect(defaultLabelsIntent({ ...node(), metadata: intent.object.metadata }, machine)).toBeUndefined();
  });
});

describe('the heartbeat', () => {
  test('the first heartbeat labels the node, creates the lease and posts the status, then beats again in 10 s', () => {
    const result = nodeHeartbeat({ node: node(), lease: undefined, now: T0, machine, health: HEALTHY });
    expect(writes(result.intents)).toEqual(['update Node', 'create Lease', 'updateStatus Node']);
    expect(result.nextSeconds).toBe(10);
  });

  test('ten seconds later only the lease is renewed: the status has not changed', () => {
    let state = apply({ node: node(), lease: undefined }, nodeHeartbeat({ node: node(), lease: undefined, now: T0, machine, health: HEALTHY }).intents);
    const result = nodeHeartbeat({ ...state, now: addSeconds(T0, 10), machine, health: HEALTHY });
    expect(writes(result.intents)).toEqual(['update Lease']);
    state = apply(state, result.intents);
    expect(state.node.status?.conditions?.[3]?.lastHeartbeatTime, 'the API keeps the last posted heartbeat time').toBe(T0);
  });

  test('a change of health is posted at the next heartbeat', () => {
    const state = apply({ node: node(), lease: undefined }, nodeHeartbeat({ node: node(), lease: undefined, now: T0, machine, health: HEALTHY }).intents);
    const result = nodeHeartbeat({ ...state, now: addSeconds(T0, 10), machine, health: { ...HEALTHY, diskPressure: true } });
    expect(writes(result.intents)).toEqual(['update Lease', 'updateStatus Node']);
    expect(eventLines(result.intents)).toEqual(['NodeHasDiskPressure: Node node-1 status is now: NodeHasDiskPressure']);
  });

  test('the status is written without a resourceVersion, so it cannot conflict with the label update before it', () => {
    const stored = { ...node(), metadata: { ...node().metadata, resourceVersion: '42' } };
    const result = nodeHeartbeat({ node: stored, lease: undefined, now: T0, machine, health: HEALTHY });
    const status = result.intents.find((i) => i.type === 'updateStatus') as Extract<Intent, { type: 'updateStatus' }>;
    expect(status.object.metadata.resourceVersion).toBeUndefined();
  });

  test('beating every 10 s, a healthy node renews its lease every 10 s and posts its status every 5 minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), (beats) => {
        let state: { node: Node; lease: Lease | undefined } = { node: node(), lease: undefined };
        let leaseWrites = 0;
        let statusWrites = 0;
        for (let i = 0; i < beats; i++) {
          const result = nodeHeartbeat({ ...state, now: addSeconds(T0, i * 10), machine, health: HEALTHY });
          leaseWrites += result.intents.filter((x) => (x.type === 'create' || x.type === 'update') && x.object.kind === 'Lease').length;
          statusWrites += result.intents.filter((x) => x.type === 'updateStatus').length;
          state = apply(state, result.intents);
        }
        expect(leaseWrites).toBe(beats);
        // Posted at 0 s, then every 300 s (nodeStatusReportFrequency).
        expect(statusWrites).toBe(Math.floor(((beats - 1) * 10) / 300) + 1);
      }),
      runs(30),
    );
  });

  test('a heartbeat on the state its own writes produced, at the same instant, asks for nothing more', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.nat({ max: 1000 }), (memory, disk, pid, at) => {
        const health = { memoryPressure: memory, diskPressure: disk, pidPressure: pid, runtimeErrors: [] };
        const now = addSeconds(T0, at);
        const state = apply({ node: node(), lease: undefined }, nodeHeartbeat({ node: node(), lease: undefined, now, machine, health }).intents);
        expect(nodeHeartbeat({ ...state, now, machine, health }).intents).toEqual([]);
      }),
      runs(50),
    );
  });
});
