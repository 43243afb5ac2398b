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
import { notImplemented } from '../../core/kata/not-implemented';
import type { NodeStatus } from '../../core/api/types/node';
import type { Node } from '../../core/api/types/node';
import type { Time } from '../../core/api/types/common';
import type { HeartbeatInput, HeartbeatResult } from '../../core/kubelet/heartbeat';
import type { Lease } from '../../core/kubelet/lease';
import type { NodeHealth, NodeMachine } from '../../core/kubelet/node-machine';
import type { Intent } from '../../core/runtime/types';

// TODO(kata): the lease first (constants and microTime in core/kubelet/lease): create it in
// kube-node-lease with holderIdentity = node name, leaseDurationSeconds 40, renewTime now and an
// ownerReference {apiVersion v1, kind Node, name, uid}; renew it once 10 s have passed.
// Then the setters, in order: addresses (InternalIP, Hostname), capacity, allocatable and
// nodeInfo (keep what the Node reports, else the machine's), daemonEndpoints, then the
// MemoryPressure, DiskPressure, PIDPressure and Ready conditions with upstream's reasons and
// messages: lastHeartbeatTime is always now, lastTransitionTime only moves when the status
// does, and each change is an Event `Node <name> status is now: <NodeReady|NodeHasSufficientMemory|...>`.
// Post the status (updateStatus without resourceVersion, as a patch would) when
// nodeStatusHasChanged or when the Ready condition's lastHeartbeatTime is 5 minutes old.

/**
 * The Lease write the heartbeat needs, if any: create it (holder and duration set, renewed
 * now, owned by the Node), or renew it once the renew interval has passed.
 * Upstream: lease controller sync, newLease, SetNodeOwnerFunc.
 */
export function leaseIntent(node: Node, lease: Lease | undefined, now: Time): Intent | undefined {
  return notImplemented('05-node-heartbeat');
}

/**
 * The node's status as the kubelet's setters compute it, with the Events for conditions
 * that changed. Addresses, capacity, allocatable and versions the Node already reports are
 * kept (a simulated node may be described in its manifest); the machine fills in the rest.
 * Upstream: defaultNodeStatusFuncs and the setters they list, in that order.
 */
export function setNodeStatus(node: Node, machine: NodeMachine, health: NodeHealth, now: Time): { status: NodeStatus; events: Intent[] } {
  return notImplemented('05-node-heartbeat');
}

/** Whether anything but heartbeat times differs. Upstream: nodeStatusHasChanged. */
export function nodeStatusHasChanged(old: NodeStatus | undefined, next: NodeStatus): boolean {
  return notImplemented('05-node-heartbeat');
}

/** The default labels the Node lacks or has wrong, as a label update, if any. Upstream: updateDefaultLabels. */
export function defaultLabelsIntent(node: Node, machine: NodeMachine): Intent | undefined {
  return notImplemented('05-node-heartbeat');
}

/**
 * One heartbeat: default labels, the Lease, and the Node status when it changed or its
 * report is due (5 minutes after the last one, which the Ready condition's
 * lastHeartbeatTime records). Upstream: syncNodeStatus, tryUpdateNodeStatus, and the lease controller.
 */
export function nodeHeartbeat(input: HeartbeatInput): HeartbeatResult {
  return notImplemented('05-node-heartbeat');
}
