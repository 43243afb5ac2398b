/**
 * Kata 10-node-should-run: should this DaemonSet have a pod on this node?
 *
 * The controller answers the way the scheduler would, without asking it: it builds the pod it
 * would create (the template, bound to the node, with the tolerations every daemon pod gets)
 * and runs the scheduler's node-name, node-affinity and taint checks on it. Resources are not
 * checked; the scheduler does that when it binds the pod. The answer has two halves: may a new
 * pod start here (`shouldRun`), and may a pod already here stay (`shouldContinueRunning`).
 * They differ on one point: a `NoSchedule` taint keeps new pods away but does not evict a
 * running one; a `NoExecute` taint does both.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod, predicates,
 * NewPod), pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations),
 * pkg/apis/core/v1/helper/helpers.go (AddOrUpdateTolerationInPodSpec),
 * staging/src/k8s.io/api/core/v1/toleration.go (MatchToleration).
 */
import type { DaemonSet, Node, Pod, PodSpec, Toleration } from '../../core/api/types';
import type { NodeShouldRun } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): build the pod the controller would create on the node (newPod: template,
// namespace, nodeName, and addOrUpdateDaemonPodTolerations, which adds the six daemon
// tolerations through addOrUpdateTolerationInPodSpec), then ask the scheduler's questions of
// it: chapter 06's requiredNodeAffinity/requiredNodeAffinityMatches
// (@kata/06-scheduler/node-affinity) and findMatchingUntoleratedTaint
// (@kata/06-scheduler/taint-toleration). Taint names are in core/controllers/daemonset-api.

/**
 * Upstream AddOrUpdateTolerationInPodSpec: a toleration that matches `toleration` (see
 * MatchToleration) is replaced by it in place, unless it is already equal, in which case the
 * spec comes back unchanged; with no match, `toleration` is appended.
 */
export function addOrUpdateTolerationInPodSpec(spec: PodSpec, toleration: Toleration): PodSpec {
  return notImplemented('10-node-should-run');
}

/**
 * Upstream AddOrUpdateDaemonPodTolerations: a daemon pod is never evicted from a node that
 * turns not-ready or unreachable (no `tolerationSeconds`), and lands on nodes under pressure
 * or cordoned; with `hostNetwork` it also ignores an unconfigured pod network.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): PodSpec {
  return notImplemented('10-node-should-run');
}

/**
 * Upstream NewPod: the pod the controller simulates on `nodeName`: the template's metadata
 * and spec in the DaemonSet's namespace, `spec.nodeName` set, the daemon tolerations added.
 */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  return notImplemented('10-node-should-run');
}

/**
 * Upstream NodeShouldRunDaemonPod:
 * - the template names another node, or the node fails the nodeSelector or required node
 *   affinity: neither run nor continue;
 * - an untolerated NoSchedule or NoExecute taint: do not start a pod, and keep a running one
 *   only if no untolerated NoExecute taint is among them;
 * - otherwise run, and continue running.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeShouldRun {
  return notImplemented('10-node-should-run');
}
