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
import { getBackOff, isInBackOffSince, nextBackOff } from '@kata/04-pod-sandbox/restart-backoff';
import { getTargetNodeName } from '@kata/10-daemonset/daemon-pod';
import { nodeShouldRunDaemonPod } from '@kata/10-daemonset/node-should-run';
import { allowsSurge } from '@kata/10-daemonset/update-strategy';
import type { DaemonSet, Node, Pod } from '../../core/api/types';
import {
  DAEMONSET_CONTROLLER_NAME,
  DAEMONSET_KIND,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  FAILED_DAEMON_POD_REASON,
  SUCCEEDED_DAEMON_POD_REASON,
  podsTargeting,
  type ManagePlan,
  type NodeToDaemonPods,
} from '../../core/controllers/daemonset-api';
import { isPodAvailable, isPodReady } from '../../core/controllers/pod-status';
import type { BackOff } from '../../core/kubelet/backoff';
import type { Intent } from '../../core/runtime/types';

const creationMillis = (pod: Pod) => (pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : -Infinity);

/**
 * Upstream podByCreationTimestampAndPhase, as a comparator: bound pods before unbound ones,
 * then older first (a missing creationTimestamp is the oldest), then by name.
 */
export function podByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = Boolean(a.spec?.nodeName);
  const bBound = Boolean(b.spec?.nodeName);
  if (aBound !== bBound) return aBound ? -1 : 1;
  const ta = creationMillis(a);
  const tb = creationMillis(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';

/**
 * Upstream getNodesToDaemonPods, after the claim: the claimed pods grouped by
 * getTargetNodeName, in the order given. Pods whose target cannot be told are left out, and
 * so are terminal pods already being deleted unless `includeDeletedTerminal`.
 */
export function getNodesToDaemonPods(claimed: readonly Pod[], includeDeletedTerminal: boolean): NodeToDaemonPods {
  const byNode: NodeToDaemonPods = {};
  for (const pod of claimed) {
    if (!includeDeletedTerminal && isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
    const target = getTargetNodeName(pod);
    if ('error' in target) continue;
    const pods = podsTargeting(byNode, target.nodeName);
    if (pods) pods.push(pod);
    else byNode[target.nodeName] = [pod];
  }
  return byNode;
}

/** Upstream failedPodsBackoffKey: `<ds uid>/<status.observedGeneration>/<node>`. */
export function failedPodsBackoffKey(ds: DaemonSet, nodeName: string): string {
  return `${ds.metadata.uid ?? ''}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
}

function dsEvent(ds: DaemonSet, eventType: 'Normal' | 'Warning', reason: string, message: string): Intent {
  const { name, namespace, uid } = ds.metadata;
  return { type: 'event', involvedObject: { ...DAEMONSET_KIND, namespace, name, uid }, eventType, reason, message, source: DAEMONSET_CONTROLLER_NAME };
}

// #region pods-should-be-on-node
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
  const nodeName = node.metadata.name;
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const daemonPods = podsTargeting(nodeToDaemonPods, nodeName);
  const plan: ManagePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], failedPodsBackoff: backoff, events: [] };

  if (shouldRun && daemonPods === undefined) {
    plan.nodesNeedingDaemonPods.push(nodeName);
  } else if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const id = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
      if (pod.status?.phase === 'Failed') {
        // The kubelet may keep rejecting the pod; without a back-off the two would fight in a hot loop.
        const key = failedPodsBackoffKey(ds, nodeName);
        const entry = plan.failedPodsBackoff.perItemBackoff[key];
        if (entry !== undefined && isInBackOffSince(plan.failedPodsBackoff, key, entry.lastUpdate, now)) {
          const delay = getBackOff(plan.failedPodsBackoff, key);
          plan.requeueAfterSeconds = Math.min(plan.requeueAfterSeconds ?? delay, delay);
          continue;
        }
        plan.failedPodsBackoff = nextBackOff(plan.failedPodsBackoff, key, now, now);
        plan.events.push(dsEvent(ds, 'Warning', FAILED_DAEMON_POD_REASON, `Found failed daemon pod ${id} on node ${nodeName}, will try to kill it`));
        plan.podsToDelete.push(pod.metadata.name);
      } else if (pod.status?.phase === 'Succeeded') {
        plan.events.push(dsEvent(ds, 'Normal', SUCCEEDED_DAEMON_POD_REASON, `Found succeeded daemon pod ${id} on node ${nodeName}, will try to delete it`));
        plan.podsToDelete.push(pod.metadata.name);
      } else running.push(pod);
    }
    running.sort(podByCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      for (const extra of running.slice(1)) plan.podsToDelete.push(extra.metadata.name);
    } else if (running.length <= 1) {
      // Surging needs at least one live pod on the node; the old one may just have been deleted.
      if (running.length === 0 && shouldRun) plan.nodesNeedingDaemonPods.push(nodeName);
    } else {
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of running) {
        const current = pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash;
        if (current && oldestNew === undefined) oldestNew = pod;
        else if (!current && oldestOld === undefined) oldestOld = pod;
        else plan.podsToDelete.push(pod.metadata.name);
      }
      if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, now))) {
        plan.podsToDelete.push(oldestOld.metadata.name);
      }
    }
  } else if (daemonPods !== undefined) {
    for (const pod of daemonPods) if (pod.metadata.deletionTimestamp === undefined) plan.podsToDelete.push(pod.metadata.name);
  }
  return plan;
}
// #endregion pods-should-be-on-node

/**
 * Upstream getUnscheduledPodsWithoutNode: pods not yet bound whose target node does not
 * exist. The scheduler can never bind them and pod GC only removes bound pods, so the
 * DaemonSet controller deletes them. In node-name order (upstream walks a Go map).
 */
export function getUnscheduledPodsWithoutNode(nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): string[] {
  const existing = new Set(nodes.map((n) => n.metadata.name));
  const names: string[] = [];
  for (const nodeName of Object.keys(nodeToDaemonPods).sort()) {
    if (existing.has(nodeName)) continue;
    for (const pod of nodeToDaemonPods[nodeName]!) if (!pod.spec?.nodeName) names.push(pod.metadata.name);
  }
  return names;
}

/**
 * Upstream manage, before syncNodes: podsShouldBeOnNode for every node in the order given,
 * the results concatenated (the back-off threaded through, the earliest requeue kept), then
 * the unscheduled pods of nodes that do not exist added to the deletions.
 */
export function manage(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods, hash: string, backoff: BackOff, now: string): ManagePlan {
  const plan: ManagePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], failedPodsBackoff: backoff, events: [] };
  for (const node of nodes) {
    const onNode = podsShouldBeOnNode(node, nodeToDaemonPods, ds, hash, plan.failedPodsBackoff, now);
    plan.nodesNeedingDaemonPods.push(...onNode.nodesNeedingDaemonPods);
    plan.podsToDelete.push(...onNode.podsToDelete);
    plan.events.push(...onNode.events);
    plan.failedPodsBackoff = onNode.failedPodsBackoff;
    if (onNode.requeueAfterSeconds !== undefined) plan.requeueAfterSeconds = Math.min(plan.requeueAfterSeconds ?? Infinity, onNode.requeueAfterSeconds);
  }
  plan.podsToDelete.push(...getUnscheduledPodsWithoutNode(nodes, nodeToDaemonPods));
  return plan;
}
