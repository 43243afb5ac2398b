/**
 * Kata 10-daemonset-status: what a DaemonSet reports. Every field is counted in nodes, not
 * pods: how many nodes should run the pod, how many do, how many run it but should not, and,
 * looking at the oldest pod of each node that should run one, how many of those are ready,
 * available and made from the current template.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (updateDaemonSetStatus,
 * storeDaemonSetStatus), staging/src/k8s.io/api/apps/v1/types.go (DaemonSetStatus: the first
 * four counts are always written, the others are left out when 0).
 */
import type { DaemonSet, DaemonSetStatus, Node } from '../../core/api/types';
import type { NodeToDaemonPods } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): one pass over the nodes with nodeShouldRunDaemonPod; for a node that should run
// the pod, look at its oldest pod (podByCreationTimestampAndPhase) for readiness, availability
// (core/controllers/pod-status) and isPodUpdated. Zero optional counts are left out.

/**
 * Upstream updateDaemonSetStatus's counts, for every node:
 * - should run: desiredNumberScheduled; with a pod also currentNumberScheduled, and the
 *   oldest pod (podByCreationTimestampAndPhase) decides numberReady, numberAvailable (ready
 *   for minReadySeconds at `now`) and updatedNumberScheduled (isPodUpdated);
 * - should not run but has a pod: numberMisscheduled.
 * numberUnavailable = desired - available; observedGeneration = metadata.generation. Other
 * fields of the current status (collisionCount, conditions) are kept.
 */
export function calculateDaemonSetStatus(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods, hash: string, now: string): DaemonSetStatus {
  return notImplemented('10-daemonset-status');
}

/**
 * The opposite of storeDaemonSetStatus's early return: the status must be written unless all
 * seven counts equal the current ones and `observedGeneration` has caught up with
 * `metadata.generation`.
 */
export function daemonSetStatusChanged(ds: DaemonSet, status: DaemonSetStatus): boolean {
  return notImplemented('10-daemonset-status');
}
