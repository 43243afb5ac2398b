/**
 * Kata 05-kubelet: the kubelet of every node, as one agent of the simulation (KWOK-style).
 * It watches Pods, Nodes and Leases and works on two kinds of keys:
 *
 * - `node/<node>`: the node's heartbeat (labels, Lease, status), its static pods (mirror pods
 *   in the API, a pod worker each), and the removal of static pods whose file is gone;
 * - `pod/<node>/<namespace>/<name>`: one pod bound to that node. The pod worker runs it, and
 *   whatever the runtime still runs under that name with another UID (a deleted or replaced
 *   pod) is killed and removed.
 *
 * Each node's machine, container runtime and back-off tables live in the agent's local
 * state, created the first time the agent meets the Node. Every reconcile first moves that
 * node's runtime clock to `view.now`, so exits and pulls due by then have happened.
 *
 * Upstream: pkg/kubelet/kubelet.go (syncLoop, HandlePodAdditions, HandlePodCleanups,
 * SyncPod), pkg/kubelet/pod_workers.go, pkg/kubelet/kubelet_node_status.go (syncNodeStatus),
 * kubernetes-sigs/kwok pkg/kwok/controllers (one controller for many nodes).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Node } from '../../core/api/types/node';
import type { KubeObject } from '../../core/api/meta';
import type { Time } from '../../core/api/types/common';
import type { KubeletLocal, NodeLocal } from '../../core/kubelet/kubelet-local';
import type { NodeHealth } from '../../core/kubelet/node-machine';
import type { Stages } from '../../core/kubelet/stages';
import type { Agent, Intent, View } from '../../core/runtime/types';

// TODO(kata): keys first (kubeletKeysFor). ensureNodeLocal builds a node's state the first time:
// defaultMachine(name, local.nodesSeen) (core/kubelet/node-machine) with the Node's InternalIP
// and spec.podCIDR when it has them, newRuntime (@kata/05-node-runtime/cri-runtime) and two
// newBackOff(10, 300) tables (@kata/04-pod-sandbox/restart-backoff). nodeHealthFor reads the
// node stage events (nodeDown, nodePressure, nodeNotReady) for facts {node, elapsedSeconds}.
// reconcileKubelet: tick the node's runtime to view.now, then
// - node key: a missing Node drops its state; a down node only requeues; otherwise
//   nodeHeartbeat, readStaticPods + syncMirrorPods, a syncPodWorker per static pod (status to
//   its mirror when the mirror is current), removePod for static pods whose file is gone;
//   requeue periodically every 10 s, and at the static pods' earliest wake;
// - pod key: removePod for sandboxes of that namespace/name with another UID (not static);
//   syncPodWorker for the pod bound here; requeueAfter its wakeAt.

/** The key of a node's own work. */
export function nodeKey(nodeName: string): string {
  return notImplemented('05-kubelet');
}

/** The key of a pod bound to a node. */
export function podKey(nodeName: string, namespace: string, name: string): string {
  return notImplemented('05-kubelet');
}

/**
 * The keys a changed object concerns: a Node or its Lease concern the node; a mirror pod
 * concerns its node (static pods are the node's business); any other pod bound to a node
 * concerns that pod on that node. Unbound pods are the scheduler's.
 */
export function kubeletKeysFor(object: KubeObject): string[] {
  return notImplemented('05-kubelet');
}

/** The node's state, created on first sight: its machine, an empty runtime clocked at `now`, fresh back-off tables. */
export function ensureNodeLocal(local: KubeletLocal, node: Node, now: Time): [KubeletLocal, NodeLocal] {
  return notImplemented('05-kubelet');
}

/** What the stage rules say about the node now: down (silent), or its health. */
export function nodeHealthFor(node: Node, stages: Stages, now: Time): { down: boolean; health: NodeHealth } {
  return notImplemented('05-kubelet');
}

/** One reconcile of the kubelet agent for `key`. */
export function reconcileKubelet(view: View, key: string, local: KubeletLocal, stages: Stages): { intents: Intent[]; local: KubeletLocal } {
  return notImplemented('05-kubelet');
}

/** The kubelet agent, deciding with `stages` (a compiled stage rule file). */
export function createKubeletAgent(stages: Stages): Agent<KubeletLocal> {
  return notImplemented('05-kubelet');
}
