/**
 * Kata 10-rolling-update: replacing a DaemonSet's pods node by node when its template changes.
 *
 * A pod is new when its `controller-revision-hash` label is the hash of the current template,
 * old otherwise. Without surge, the rollout deletes old pods (the next sync's manage loop
 * creates their replacements) while fewer than `maxUnavailable` nodes lack an available pod;
 * an old pod that is not available anyway is replaced at once. With surge, it creates the new
 * pod next to the old one, on at most `maxSurge` nodes at a time, and deletes the old pod once
 * the new one is available. Nodes are taken in name order: upstream walks a Go map, whose order
 * is random.
 *
 * Upstream: pkg/controller/daemon/update.go (rollingUpdate, findUpdatedPodsOnNode,
 * updatedDesiredNodeCounts).
 */
import { isPodUpdated, getTemplateGeneration } from '@kata/10-daemonset/daemon-pod';
import { nodeShouldRunDaemonPod } from '@kata/10-daemonset/node-should-run';
import { surgeCount, unavailableCount } from '@kata/10-daemonset/update-strategy';
import type { DaemonSet, Node, Pod } from '../../core/api/types';
import { podsTargeting, type DesiredNodeCounts, type NodeToDaemonPods, type PodChanges, type UpdatedPodsOnNode } from '../../core/controllers/daemonset-api';
import { isPodAvailable } from '../../core/controllers/pod-status';

/**
 * Upstream findUpdatedPodsOnNode: among the pods not being deleted, at most one new pod
 * (isPodUpdated) and at most one old pod; a second of either kind is `ok: false`, and the
 * node is left to the manage loop, which prunes the extra pods.
 */
export function findUpdatedPodsOnNode(ds: DaemonSet, podsOnNode: readonly Pod[], hash: string): UpdatedPodsOnNode {
  const generation = getTemplateGeneration(ds);
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of podsOnNode) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, ...(newPod && { newPod }), ...(oldPod && { oldPod }) };
}

/**
 * Upstream updatedDesiredNodeCounts: desired = the nodes that should run a pod (each gets an
 * entry in the returned map, empty if no pod targets it); maxUnavailable and maxSurge scaled
 * against it. When both come out 0 on a non-empty DaemonSet (a configuration validation
 * refuses, but an old object may carry), one unavailable node is allowed. Throws
 * `invalid value for MaxUnavailable: ...` or `... MaxSurge: ...` for a bad value.
 */
export function updatedDesiredNodeCounts(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): DesiredNodeCounts {
  const byNode: NodeToDaemonPods = { ...nodeToDaemonPods };
  let desiredNumberScheduled = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desiredNumberScheduled++;
    if (podsTargeting(byNode, node.metadata.name) === undefined) byNode[node.metadata.name] = [];
  }
  const scaled = (what: string, count: () => number) => {
    try {
      return count();
    } catch (error) {
      throw new Error(`invalid value for ${what}: ${(error as Error).message}`);
    }
  };
  let maxUnavailable = scaled('MaxUnavailable', () => unavailableCount(ds, desiredNumberScheduled));
  const maxSurge = scaled('MaxSurge', () => surgeCount(ds, desiredNumberScheduled));
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled, nodeToDaemonPods: byNode };
}

// #region max-unavailable
/**
 * Upstream rollingUpdate without surge. A node counts as unavailable when it has no pod, both
 * an old and a new pod, more than one of a kind, or only a new pod that is not available. An
 * unavailable old pod is always replaced (and counts as unavailable); an available old pod is
 * a candidate while the count is below maxUnavailable. As many candidates as the remaining
 * budget allows are deleted, in node order.
 */
function rollingUpdateWithoutSurge(ds: DaemonSet, counts: DesiredNodeCounts, hash: string, now: string): PodChanges {
  const available = (pod: Pod) => isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now);
  let numUnavailable = 0;
  const replacements: string[] = [];
  const candidates: string[] = [];
  for (const nodeName of Object.keys(counts.nodeToDaemonPods).sort()) {
    const found = findUpdatedPodsOnNode(ds, counts.nodeToDaemonPods[nodeName]!, hash);
    if (!found.ok) {
      numUnavailable++;
      continue;
    }
    const { newPod, oldPod } = found;
    if ((oldPod === undefined) === (newPod === undefined)) numUnavailable++;
    else if (newPod !== undefined) {
      if (!available(newPod)) numUnavailable++;
    } else if (oldPod !== undefined) {
      if (!available(oldPod)) {
        replacements.push(oldPod.metadata.name);
        numUnavailable++;
      } else if (numUnavailable < counts.maxUnavailable) candidates.push(oldPod.metadata.name);
    }
  }
  const remaining = Math.min(Math.max(counts.maxUnavailable - numUnavailable, 0), candidates.length);
  return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesNeedingDaemonPods: [] };
}
// #endregion max-unavailable

// #region max-surge
/**
 * Upstream rollingUpdate with surge. A node with extra pods counts against the surge budget.
 * A node with only an old pod gets a new pod at once if the old one is unavailable, or while
 * the budget lasts; if the node should no longer run the pod, the unavailable old pod is
 * deleted, and an available one only once enough pods elsewhere are available
 * (available - desired of them). A node whose new pod is available loses its old pod; one
 * whose new pod is not yet available uses up budget. Throws
 * `couldn't get node for nodeName "<n>": node "<n>" not found` when a node with only an old
 * pod no longer exists.
 */
function rollingUpdateWithSurge(ds: DaemonSet, nodes: readonly Node[], counts: DesiredNodeCounts, hash: string, now: string): PodChanges {
  const available = (pod: Pod) => isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now);
  const nodesByName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const shouldRun = (nodeName: string) => {
    const node = nodesByName.get(nodeName);
    if (!node) throw new Error(`couldn't get node for nodeName "${nodeName}": node "${nodeName}" not found`);
    return nodeShouldRunDaemonPod(node, ds).shouldRun;
  };
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const allowedNewNodes: string[] = [];
  const candidateNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of Object.keys(counts.nodeToDaemonPods).sort()) {
    const found = findUpdatedPodsOnNode(ds, counts.nodeToDaemonPods[nodeName]!, hash);
    if (!found.ok) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    // Availability first, on every node, even those the DaemonSet is leaving.
    if (oldPod ? available(oldPod) : newPod !== undefined && available(newPod)) numAvailable++;
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!available(oldPod)) {
        if (!shouldRun(nodeName)) oldPodsToDelete.push(oldPod.metadata.name);
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun(nodeName)) shouldNotRunPodsToDelete.push(oldPod.metadata.name);
      else if (numSurge < counts.maxSurge) candidateNewNodes.push(nodeName);
    } else if (!available(newPod)) numSurge++;
    else oldPodsToDelete.push(oldPod.metadata.name);
  }
  // With surge the owner expects full availability: a node being left keeps its pod until another is available.
  const deletable = Math.min(numAvailable - counts.desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(counts.maxSurge - numSurge, 0), candidateNewNodes.length);
  return { podsToDelete: oldPodsToDelete, nodesNeedingDaemonPods: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
// #endregion max-surge

/**
 * Upstream rollingUpdate: the old pods to delete and the nodes to surge onto, within the
 * budgets of updatedDesiredNodeCounts (which may throw, as may the surge branch).
 */
export function rollingUpdate(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods, hash: string, now: string): PodChanges {
  const counts = updatedDesiredNodeCounts(ds, nodes, nodeToDaemonPods);
  return counts.maxSurge === 0 ? rollingUpdateWithoutSurge(ds, counts, hash, now) : rollingUpdateWithSurge(ds, nodes, counts, hash, now);
}
