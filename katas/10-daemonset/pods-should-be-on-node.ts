/**
 * Kata 10-pods-should-be-on-node: the core loop of the DaemonSet controller, node by node.
 *
 * For every node the controller compares what should be there (kata 10-node-should-run) with
 * the daemon pods that target it: a missing pod is created, pods that may not stay are
 * deleted, a failed or succeeded pod is deleted so the next sync replaces it, and of several
 * live pods only the oldest survives (with surge, one old and one new pod may share a node
 * while the new one becomes available). Deleting failed pods is throttled per node by an
 * exponential back-off, 1 s doubling to 15 min, so that a kubelet that keeps rejecting the pod
 * and the controller that keeps recreating it do not spin.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (getNodesToDaemonPods,
 * podsShouldBeOnNode, manage, getUnscheduledPodsWithoutNode, podByCreationTimestampAndPhase,
 * failedPodsBackoffKey), staging/src/k8s.io/client-go/util/flowcontrol/backoff.go
 * (IsInBackOffSinceUpdate, Next, Get).
 */
import type { DaemonSet, Node, Pod } from '../../core/api/types';
import type { ManagePlan, NodeToDaemonPods } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';
import type { BackOff } from '../../core/kubelet/backoff';

// TODO(kata): group the claimed pods by getTargetNodeName (@kata/10-daemonset/daemon-pod),
// then decide node by node with nodeShouldRunDaemonPod (@kata/10-daemonset/node-should-run):
// create, keep the oldest, delete the rest. Failed pods are deleted through the back-off of
// kata 04-backoff (@kata/04-pod-sandbox/restart-backoff): isInBackOffSince from the entry's
// lastUpdate, getBackOff for the wait, nextBackOff(b, key, now, now) when deleting. Surge
// (allowsSurge, @kata/10-daemonset/update-strategy) lets an old and a new pod share a node.
// Read the node map with podsTargeting (core/controllers/daemonset-api): node names are keys.

/**
 * Upstream podByCreationTimestampAndPhase, as a comparator: bound pods before unbound ones,
 * then older first (a missing creationTimestamp is the oldest), then by name.
 */
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  return notImplemented('10-pods-should-be-on-node');
}

/**
 * Upstream getNodesToDaemonPods, after the claim: the claimed pods grouped by
 * getTargetNodeName, in the order given. Pods whose target cannot be told are left out, and
 * so are terminal pods already being deleted unless `includeDeletedTerminal`.
 */
export function getNodesToDaemonPods(claimed: readonly Pod[], includeDeletedTerminal: boolean): NodeToDaemonPods {
  return notImplemented('10-pods-should-be-on-node');
}

/** Upstream failedPodsBackoffKey: `<ds uid>/<status.observedGeneration>/<node>`. */
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return notImplemented('10-pods-should-be-on-node');
}

/**
 * Upstream podsShouldBeOnNode, for one node:
 * - should run and no pod targets the node: create one;
 * - may continue running: skip pods being deleted; delete failed pods (unless the node's
 *   back-off says wait; then ask to sync again after the current delay) and succeeded ones;
 *   of the rest keep the oldest (podByCreationTimestampAndPhase) and delete the others. With
 *   surge, keep the oldest pod with the current hash and the oldest without, delete the old
 *   one once it is not ready or the new one is available, and create a pod when none is left;
 * - may not continue: delete every pod not already being deleted.
 */
export function podsShouldBeOnNode(node: Node, nodeToDaemonPods: NodeToDaemonPods, ds: DaemonSet, hash: string, backoff: BackOff, now: string): ManagePlan {
  return notImplemented('10-pods-should-be-on-node');
}

/**
 * Upstream getUnscheduledPodsWithoutNode: pods not yet bound whose target node does not
 * exist. The scheduler can never bind them and pod GC only removes bound pods, so the
 * DaemonSet controller deletes them. In node-name order (upstream walks a Go map).
 */
export function getUnscheduledPodsWithoutNode(nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): string[] {
  return notImplemented('10-pods-should-be-on-node');
}

/**
 * Upstream manage, before syncNodes: podsShouldBeOnNode for every node in the order given,
 * the results concatenated (the back-off threaded through, the earliest requeue kept), then
 * the unscheduled pods of nodes that do not exist added to the deletions.
 */
export function manage(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods, hash: string, backoff: BackOff, now: string): ManagePlan {
  return notImplemented('10-pods-should-be-on-node');
}
