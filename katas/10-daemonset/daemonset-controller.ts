/**
 * Kata 10-daemonset-controller: the DaemonSet controller as one level-triggered reconciler.
 * Woken with a DaemonSet's key (by a change to the DaemonSet, to any node, or to one of its
 * pods), it recomputes everything from its caches: which pods it owns, which nodes should run
 * one, what to create and delete, how far a rollout may go, and what the status says.
 *
 * Memory. Upstream keeps two things in the controller's memory. The failed-pods back-off is
 * part of the behaviour (it paces the fight with a kubelet that rejects pods), so this
 * controller is an Agent: the back-off is plain data the runtime hands back to every
 * reconcile. Expectations (the creates and deletes issued but not yet seen in the informer)
 * are not kept, as in chapter 07: in this runtime every write reaches the caches before the
 * next reconcile, so without faults nothing is created twice. Upstream also runs the rolling
 * update only when expectations are satisfied, that is when the manage step had nothing to
 * do; this reconciler does the same. Under faults that hide pods (dropped or stale watch
 * events) it may create a second pod on a node; the next sync that sees both deletes the
 * newer one. ControllerRevisions (the rollout history) are not written: the hash of the
 * template is computed directly.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (syncDaemonSet, updateDaemonSet,
 * syncNodes, getDaemonPods, addNode/updateNode, addPod/updatePod/deletePod,
 * resolveControllerRef, getDaemonSetsForPod), staging/src/k8s.io/client-go/listers/apps/v1/
 * daemonset_expansion.go (GetPodDaemonSets).
 */
import type { KubeObject } from '../../core/api/meta';
import type { DaemonSet } from '../../core/api/types';
import { DAEMONSET_CONTROLLER_NAME, type DaemonSetControllerState, type PodChanges } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Agent, Intent, View } from '../../core/runtime/types';

// TODO(kata): syncNodes caps creates and deletes at BURST_REPLICAS and creates in slow-start
// batches (@kata/07-replicaset/manage-replicas). syncDaemonSet in numbered steps: (1) load and
// default the DaemonSet; (2) an empty selector: a SelectingAll event and nothing else; (3)
// nothing while it is being deleted; (4) computeHash of the template, claimPods over
// claimCandidates, getNodesToDaemonPods; (5) manage and syncNodes; (6) rollingUpdate only when
// manage had nothing to do; (7) status when daemonSetStatusChanged; (8) requeues. Then
// keysForObject.

/**
 * Upstream syncNodes, as intents: at most BurstReplicas (250) creates, one daemon pod per
 * node in slow-start batches (1, 2, 4, ...; here nothing fails before the API server sees
 * it), then at most 250 deletes, in the order given.
 */
export function syncNodes(ds: DaemonSet, changes: PodChanges, hash: string): Intent[] {
  return notImplemented('10-daemonset-controller');
}

/**
 * Upstream syncDaemonSet, for the DaemonSet named by `key`, with the controller's back-off:
 * the intents (adoptions and releases, events, pod creates and deletes, status, requeues)
 * and the back-off to keep for the next reconcile.
 */
export function syncDaemonSet(view: View, key: string, state: DaemonSetControllerState): { intents: Intent[]; local: DaemonSetControllerState } {
  return notImplemented('10-daemonset-controller');
}

/**
 * The keys to wake for a changed object (upstream's event handlers): a DaemonSet wakes
 * itself; a node wakes every DaemonSet (upstream compares the old and new node first, this
 * view has only the new one); a pod wakes the DaemonSet its controller reference names, if
 * that is in the cache with the same UID; an orphan that is not being deleted wakes every
 * DaemonSet of its namespace whose non-empty selector matches its labels, so one can adopt it.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  return notImplemented('10-daemonset-controller');
}

/** The DaemonSet controller, as the assembled cluster runs it (start it with INITIAL_DAEMONSET_CONTROLLER_STATE). */
export const daemonSetController: Agent<DaemonSetControllerState> = {
  name: DAEMONSET_CONTROLLER_NAME,
  watches: ['DaemonSet', 'Node', 'Pod'],
  keysFor: keysForObject,
  reconcile: syncDaemonSet,
};
