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
import { getTemplateGeneration, isPodUpdated } from '@kata/10-daemonset/daemon-pod';
import { nodeShouldRunDaemonPod } from '@kata/10-daemonset/node-should-run';
import { podByCreationTimestampAndPhase } from '@kata/10-daemonset/pods-should-be-on-node';
import type { DaemonSet, DaemonSetStatus, Node } from '../../core/api/types';
import { podsTargeting, type NodeToDaemonPods } from '../../core/controllers/daemonset-api';
import { isPodAvailable, isPodReady } from '../../core/controllers/pod-status';

// #region status
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
  const generation = getTemplateGeneration(ds);
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const pods = podsTargeting(nodeToDaemonPods, node.metadata.name) ?? [];
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const oldest = [...pods].sort(podByCreationTimestampAndPhase)[0]!;
    if (isPodReady(oldest)) {
      ready++;
      if (isPodAvailable(oldest, minReadySeconds, now)) available++;
    }
    if (isPodUpdated(oldest, hash, generation)) updated++;
  }
  const { observedGeneration: _o, updatedNumberScheduled: _u, numberAvailable: _a, numberUnavailable: _n, ...kept } = ds.status ?? {};
  const observedGeneration = ds.metadata.generation ?? 0;
  return {
    ...kept,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    ...(observedGeneration > 0 && { observedGeneration }),
    ...(updated > 0 && { updatedNumberScheduled: updated }),
    ...(available > 0 && { numberAvailable: available }),
    ...(desired - available > 0 && { numberUnavailable: desired - available }),
  };
}
// #endregion status

/**
 * The opposite of storeDaemonSetStatus's early return: the status must be written unless all
 * seven counts equal the current ones and `observedGeneration` has caught up with
 * `metadata.generation`.
 */
export function daemonSetStatusChanged(ds: DaemonSet, status: DaemonSetStatus): boolean {
  const old = ds.status;
  const same = (a: number | undefined, b: number | undefined) => (a ?? 0) === (b ?? 0);
  return !(
    same(old?.desiredNumberScheduled, status.desiredNumberScheduled) &&
    same(old?.currentNumberScheduled, status.currentNumberScheduled) &&
    same(old?.numberMisscheduled, status.numberMisscheduled) &&
    same(old?.numberReady, status.numberReady) &&
    same(old?.updatedNumberScheduled, status.updatedNumberScheduled) &&
    same(old?.numberAvailable, status.numberAvailable) &&
    same(old?.numberUnavailable, status.numberUnavailable) &&
    (old?.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
  );
}
