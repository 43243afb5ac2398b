/**
 * Kata 07-replicaset-controller: the ReplicaSet controller as one level-triggered reconciler.
 * It is woken with a key (`namespace/name`), never with the event that woke it, and each time
 * it recomputes everything from its informer caches: which pods it owns, how many are missing
 * or surplus, what its status says.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (NewBaseController, syncReplicaSet,
 * claimPods, getIndirectlyRelatedPods, getReplicaSetsWithSameController, addPod/updatePod/
 * deletePod, resolveControllerRef), staging/src/k8s.io/client-go/listers/apps/v1/
 * replicaset_expansion.go (GetPodReplicaSets).
 *
 * Expectations. Upstream keeps, per ReplicaSet, a count of the creates and deletes it issued
 * and has not yet seen in its informer, and skips manageReplicas until they are all seen (or 5
 * minutes pass): without it, a sync that runs before the informer catches up would count too
 * few pods and create them again. This reconciler is a pure function of its caches and keeps
 * no memory between calls, so it keeps no expectations. In this runtime every write is
 * delivered to the caches before the next reconcile, so without faults it never over-creates.
 * When faults hide pods from the caches (dropped, delayed or stale watch events) it may create
 * one pod per hidden pod; once the caches catch up, the surplus is scaled down like any other.
 */
import type { KubeObject } from '../../core/api/meta';
import type { Pod, ReplicaSet } from '../../core/api/types';
import { replicaSetKind, type ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller, Intent, View } from '../../core/runtime/types';

// TODO(kata): syncReplicaSet in numbered steps: (1) load the object with view.get and read it
// as a ReplicaSet with kind.read; convert its selector with labelSelectorAsSelector (an error
// means: do nothing); (2) take the active pods among claimCandidates (core/controllers/
// pod-index, pod-status); (3) claimPods; (4) manageReplicas unless the ReplicaSet is being
// deleted; (5) calculateStatus and an updateStatus intent only when it changed (jsonEqual);
// (6) a requeueAfter when nextAvailabilityCheck says so. Then keysForObject and the Controller.

/**
 * Upstream getIndirectlyRelatedPods: the pods (active or not) selected by this ReplicaSet and
 * by every ReplicaSet with the same controller (the same Deployment), each pod once. A
 * ReplicaSet without a controller has no related pods, so every rank is 0.
 */
export function getIndirectlyRelatedPods(view: View, rs: ReplicaSet, kind: ReplicaSetKind): Pod[] {
  return notImplemented('07-replicaset-controller');
}

/**
 * Upstream syncReplicaSet, for the object of `kind` named by `key`: the intents that claim its
 * pods, create or delete pods, record its status, and wake it when a pod becomes available.
 */
export function syncReplicaSet(view: View, key: string, kind: ReplicaSetKind): Intent[] {
  return notImplemented('07-replicaset-controller');
}

/**
 * The keys to wake for a changed object (upstream's event handlers): a ReplicaSet wakes
 * itself; a pod wakes the ReplicaSet its controller reference names (when that object is in
 * the cache with the same UID), and an orphan pod wakes every ReplicaSet of its namespace
 * whose selector matches it, so one of them can adopt it. A pod without labels, or a
 * ReplicaSet with an empty or invalid selector, matches nothing here.
 */
export function keysForObject(object: KubeObject, view: View, kind: ReplicaSetKind): string[] {
  return notImplemented('07-replicaset-controller');
}

/** Upstream NewBaseController: the controller for one kind (ReplicaSet, or RC through its adapter). */
export function newBaseController(kind: ReplicaSetKind): Controller {
  return notImplemented('07-replicaset-controller');
}

/** The ReplicaSet controller, as the assembled cluster runs it. */
export const replicaSetController: Controller = {
  name: replicaSetKind.controllerName,
  watches: [replicaSetKind.kind, 'Pod'],
  keysFor: (object, view) => keysForObject(object, view, replicaSetKind),
  reconcile: (view, key) => syncReplicaSet(view, key, replicaSetKind),
};
