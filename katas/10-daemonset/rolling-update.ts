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
import type { DaemonSet, Node, Pod } from '../../core/api/types';
import type { DesiredNodeCounts, NodeToDaemonPods, PodChanges, UpdatedPodsOnNode } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): findUpdatedPodsOnNode sorts a node's live pods into new and old with
// isPodUpdated (@kata/10-daemonset/daemon-pod); updatedDesiredNodeCounts counts the nodes that
// should run a pod and scales the budgets (@kata/10-daemonset/update-strategy); rollingUpdate
// walks the nodes in name order and spends the maxUnavailable budget (deleting old pods) or,
// with surge, the maxSurge budget (creating new pods next to old ones).

/**
 * Upstream findUpdatedPodsOnNode: among the pods not being deleted, at most one new pod
 * (isPodUpdated) and at most one old pod; a second of either kind is `ok: false`, and the
 * node is left to the manage loop, which prunes the extra pods.
 */
export function findUpdatedPodsOnNode(ds: DaemonSet, podsOnNode: readonly Pod[], hash: string): UpdatedPodsOnNode {
  return notImplemented('10-rolling-update');
}

/**
 * Upstream updatedDesiredNodeCounts: desired = the nodes that should run a pod (each gets an
 * entry in the returned map, empty if no pod targets it); maxUnavailable and maxSurge scaled
 * against it. When both come out 0 on a non-empty DaemonSet (a configuration validation
 * refuses, but an old object may carry), one unavailable node is allowed. Throws
 * `invalid value for MaxUnavailable: ...` or `... MaxSurge: ...` for a bad value.
 */
export function updatedDesiredNodeCounts(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods): DesiredNodeCounts {
  return notImplemented('10-rolling-update');
}

/**
 * Upstream rollingUpdate: the old pods to delete and the nodes to surge onto, within the
 * budgets of updatedDesiredNodeCounts (which may throw, as may the surge branch). Nodes are
 * taken in name order.
 *
 * Without surge (maxSurge 0): a node counts as unavailable when it has no pod, both an old
 * and a new pod, more than one of a kind, or only a new pod that is not available. An
 * unavailable old pod is always replaced (and counts as unavailable); an available old pod is
 * a candidate while the count is below maxUnavailable. As many candidates as the remaining
 * budget (maxUnavailable - unavailable) allows are deleted, after the replacements.
 *
 * With surge: a node with extra pods uses up surge budget. A node with only an old pod gets a
 * new pod at once if the old one is unavailable, or (a candidate) while the budget lasts; if
 * the node should no longer run the pod, an unavailable old pod is deleted, and an available
 * one only once enough pods elsewhere are available (at most available - desired of them). A
 * node whose new pod is available loses its old pod; one whose new pod is not yet available
 * uses up budget. Every node counts its old pod's availability, or else its new pod's. Throws
 * `couldn't get node for nodeName "<n>": node "<n>" not found` when a node with only an old
 * pod no longer exists.
 */
export function rollingUpdate(ds: DaemonSet, nodes: readonly Node[], nodeToDaemonPods: NodeToDaemonPods, hash: string, now: string): PodChanges {
  return notImplemented('10-rolling-update');
}
