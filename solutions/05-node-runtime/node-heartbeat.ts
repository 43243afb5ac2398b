/**
 * Kata 05-node-heartbeat: how a kubelet tells the control plane that its node is alive.
 * Two channels, at two speeds:
 *
 * - the Lease `kube-node-lease/<node>`: created once, its `renewTime` renewed every 10 s
 *   (a quarter of its 40 s duration), a tiny write;
 * - the Node's status (addresses, capacity, versions, conditions): computed every 10 s, but
 *   posted only when something other than a heartbeat time changed, or when 5 minutes
 *   passed since the last post.
 *
 * The node lifecycle controller (chapter 17) reads both and marks a silent node Unknown.
 *
 * Upstream: staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go (sync,
 * newLease), pkg/kubelet/util/nodelease.go (SetNodeOwnerFunc), pkg/kubelet/kubelet_node_status.go
 * (updateDefaultLabels, tryUpdateNodeStatus, nodeStatusHasChanged, nodeConditionsHaveChanged),
 * pkg/kubelet/nodestatus/setters.go (NodeAddress, MachineInfo, VersionInfo, DaemonEndpoints,
 * MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition, ReadyCondition).
 */
import type { NodeCondition, NodeStatus } from '../../core/api/types/node';
import type { Node } from '../../core/api/types/node';
import type { Time } from '../../core/api/types/common';
import { jsonEqual } from '../../core/data/json-equal';
import { addSeconds, toMillis } from '../../core/data/rfc3339';
import { nodeEvent, NODE_NOT_READY, NODE_READY } from '../../core/kubelet/events';
import { DEFAULT_NODE_LABEL_KEYS, type HeartbeatInput, type HeartbeatResult } from '../../core/kubelet/heartbeat';
import {
  microTime,
  NODE_LEASE_DURATION_SECONDS,
  NODE_LEASE_NAMESPACE,
  NODE_LEASE_RENEW_INTERVAL_SECONDS,
  NODE_STATUS_REPORT_FREQUENCY_SECONDS,
  NODE_STATUS_UPDATE_FREQUENCY_SECONDS,
  type Lease,
} from '../../core/kubelet/lease';
import type { NodeHealth, NodeMachine } from '../../core/kubelet/node-machine';
import type { Intent } from '../../core/runtime/types';

// #region lease
/**
 * The Lease write the heartbeat needs, if any: create it (holder and duration set, renewed
 * now, owned by the Node), or renew it once the renew interval has passed.
 * Upstream: lease controller sync, newLease, SetNodeOwnerFunc.
 */
export function leaseIntent(node: Node, lease: Lease | undefined, now: Time): Intent | undefined {
  const name = node.metadata.name;
  const owner = [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }];
  if (lease === undefined) {
    const created: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: owner },
      spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: microTime(now) },
    };
    return { type: 'create', object: created };
  }
  const renewed = lease.spec?.renewTime;
  if (renewed !== undefined && toMillis(now) - toMillis(renewed) < NODE_LEASE_RENEW_INTERVAL_SECONDS * 1000) return undefined;
  const ownerReferences = (lease.metadata.ownerReferences ?? []).length > 0 ? lease.metadata.ownerReferences : owner;
  return { type: 'update', object: { ...lease, metadata: { ...lease.metadata, ownerReferences }, spec: { ...lease.spec, renewTime: microTime(now) } } };
}
// #endregion lease

type Setter = { status: NodeStatus; events: Intent[] };

/** One pressure condition's setter: False with the "sufficient" wording, True with the other. */
function pressure(s: Setter, node: string, type: string, under: boolean, now: Time, words: { okReason: string; ok: string; badReason: string; bad: string; okEvent: string; badEvent: string }): Setter {
  const conditions = [...(s.status.conditions ?? [])];
  const index = conditions.findIndex((c) => c.type === type);
  const old: NodeCondition = index >= 0 ? conditions[index]! : { type, status: 'Unknown' };
  let next: NodeCondition = { ...old, lastHeartbeatTime: now };
  const events = [...s.events];
  const wanted = under ? 'True' : 'False';
  if (old.status !== wanted) {
    next = { ...next, status: wanted, reason: under ? words.badReason : words.okReason, message: under ? words.bad : words.ok, lastTransitionTime: now };
    events.push(nodeEvent(node, 'Normal', under ? words.badEvent : words.okEvent, `Node ${node} status is now: ${under ? words.badEvent : words.okEvent}`));
  }
  if (index >= 0) conditions[index] = next;
  else conditions.push(next);
  return { status: { ...s.status, conditions }, events };
}

// #region ready
/** The Ready setter: True unless the runtime reports errors or required capacity is missing. Upstream: ReadyCondition. */
function ready(s: Setter, node: string, health: NodeHealth, now: Time): Setter {
  const missing = ['cpu', 'memory', 'pods', 'ephemeral-storage'].filter((r) => s.status.capacity?.[r] === undefined);
  const errors = [...health.runtimeErrors, ...(missing.length > 0 ? [`Missing node capacity for resources: ${missing.join(', ')}`] : [])];
  const fresh: NodeCondition =
    errors.length === 0
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now }
      : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: errors.join(','), lastHeartbeatTime: now };
  const conditions = [...(s.status.conditions ?? [])];
  const index = conditions.findIndex((c) => c.type === 'Ready');
  const old = index >= 0 ? conditions[index] : undefined;
  const changed = old !== undefined && old.status !== fresh.status;
  const next = { ...fresh, lastTransitionTime: old !== undefined && !changed ? old.lastTransitionTime : now };
  // Ready stays last in the list (older control planes read it from there).
  if (index >= 0) conditions[index] = next;
  else conditions.push(next);
  const event = fresh.status === 'True' ? NODE_READY : NODE_NOT_READY;
  const events = changed || old === undefined ? [...s.events, nodeEvent(node, 'Normal', event, `Node ${node} status is now: ${event}`)] : s.events;
  return { status: { ...s.status, conditions }, events };
}
// #endregion ready

/**
 * The node's status as the kubelet's setters compute it, with the Events for conditions
 * that changed. Addresses, capacity, allocatable and versions the Node already reports are
 * kept (a simulated node may be described in its manifest); the machine fills in the rest.
 * Upstream: defaultNodeStatusFuncs and the setters they list, in that order.
 */
export function setNodeStatus(node: Node, machine: NodeMachine, health: NodeHealth, now: Time): { status: NodeStatus; events: Intent[] } {
  const name = node.metadata.name;
  const old = node.status ?? {};
  let s: Setter = {
    status: {
      ...old,
      addresses: old.addresses ?? [
        { type: 'InternalIP', address: machine.nodeIP },
        { type: 'Hostname', address: name },
      ],
      capacity: old.capacity ?? { ...machine.capacity },
      allocatable: old.allocatable ?? { ...machine.allocatable },
      daemonEndpoints: { kubeletEndpoint: { Port: machine.kubeletPort } },
      nodeInfo: old.nodeInfo ?? { ...machine.nodeInfo },
    },
    events: [],
  };
  s = pressure(s, name, 'MemoryPressure', health.memoryPressure, now, {
    okReason: 'KubeletHasSufficientMemory', ok: 'kubelet has sufficient memory available', okEvent: 'NodeHasSufficientMemory',
    badReason: 'KubeletHasInsufficientMemory', bad: 'kubelet has insufficient memory available', badEvent: 'NodeHasInsufficientMemory',
  });
  s = pressure(s, name, 'DiskPressure', health.diskPressure, now, {
    okReason: 'KubeletHasNoDiskPressure', ok: 'kubelet has no disk pressure', okEvent: 'NodeHasNoDiskPressure',
    badReason: 'KubeletHasDiskPressure', bad: 'kubelet has disk pressure', badEvent: 'NodeHasDiskPressure',
  });
  s = pressure(s, name, 'PIDPressure', health.pidPressure, now, {
    okReason: 'KubeletHasSufficientPID', ok: 'kubelet has sufficient PID available', okEvent: 'NodeHasSufficientPID',
    badReason: 'KubeletHasInsufficientPID', bad: 'kubelet has insufficient PID available', badEvent: 'NodeHasInsufficientPID',
  });
  return ready(s, name, health, now);
}

/** Whether anything but heartbeat times differs. Upstream: nodeStatusHasChanged. */
export function nodeStatusHasChanged(old: NodeStatus | undefined, next: NodeStatus): boolean {
  if (old === undefined) return true;
  const byType = (cs: NodeCondition[] | undefined) =>
    [...(cs ?? [])].map(({ lastHeartbeatTime: _h, ...c }) => c).sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  if (!jsonEqual(byType(old.conditions), byType(next.conditions))) return true;
  const { conditions: _a, ...restOld } = old;
  const { conditions: _b, ...restNext } = next;
  return !jsonEqual(restOld, restNext);
}

/** The default labels the Node lacks or has wrong, as a label update, if any. Upstream: updateDefaultLabels. */
export function defaultLabelsIntent(node: Node, machine: NodeMachine): Intent | undefined {
  const wanted: Record<(typeof DEFAULT_NODE_LABEL_KEYS)[number], string> = {
    'kubernetes.io/hostname': node.metadata.name,
    'kubernetes.io/os': machine.nodeInfo.operatingSystem,
    'kubernetes.io/arch': machine.nodeInfo.architecture,
    'beta.kubernetes.io/os': machine.nodeInfo.operatingSystem,
    'beta.kubernetes.io/arch': machine.nodeInfo.architecture,
  };
  const labels = { ...(node.metadata.labels ?? {}) };
  let changed = false;
  for (const key of DEFAULT_NODE_LABEL_KEYS) {
    if (labels[key] !== wanted[key]) {
      labels[key] = wanted[key];
      changed = true;
    }
  }
  if (!changed) return undefined;
  // A patch, not a conditional update: it must not conflict with the status written beside it.
  const { resourceVersion: _rv, ...metadata } = node.metadata;
  return { type: 'update', object: { ...node, metadata: { ...metadata, labels } } };
}

/**
 * One heartbeat: default labels, the Lease, and the Node status when it changed or its
 * report is due (5 minutes after the last one, which the Ready condition's
 * lastHeartbeatTime records). Upstream: syncNodeStatus, tryUpdateNodeStatus, and the lease controller.
 */
export function nodeHeartbeat({ node, lease, now, machine, health }: HeartbeatInput): HeartbeatResult {
  const intents: Intent[] = [];
  // 1. Registration: the labels every kubelet puts on its Node.
  const labels = defaultLabelsIntent(node, machine);
  if (labels) intents.push(labels);
  // 2. The Lease.
  const leaseWrite = leaseIntent(node, lease, now);
  if (leaseWrite) intents.push(leaseWrite);
  // 3. The status: post it when it changed, or when the last report is 5 minutes old.
  const { status, events } = setNodeStatus(node, machine, health, now);
  const lastReport = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  const reportDue = lastReport === undefined || toMillis(now) >= toMillis(addSeconds(lastReport, NODE_STATUS_REPORT_FREQUENCY_SECONDS));
  if (reportDue || nodeStatusHasChanged(node.status, status)) {
    const { resourceVersion: _rv, ...metadata } = node.metadata;
    intents.push({ type: 'updateStatus', object: { ...node, metadata, status } }, ...events);
  }
  return { intents, nextSeconds: NODE_STATUS_UPDATE_FREQUENCY_SECONDS };
}
