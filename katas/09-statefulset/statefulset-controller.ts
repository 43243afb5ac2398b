/**
 * Kata 09-statefulset-controller: the StatefulSet controller as one level-triggered reconciler.
 * Woken with a set's key, it reads everything from its caches: it adopts orphaned revisions
 * and pods, works out the current and update revisions, runs one pass of the control loop,
 * records the status (completing a finished rolling update) and trims the revision history.
 *
 * Upstream: pkg/controller/statefulset/stateful_set.go (sync, adoptOrphanRevisions,
 * getPodsForStatefulSet, syncStatefulSet, addPod/updatePod/deletePod, resolveControllerRef,
 * getStatefulSetsForPod), pkg/controller/statefulset/stateful_set_control.go
 * (UpdateStatefulSet, performUpdate, ListRevisions, updateStatefulSetStatus),
 * pkg/controller/statefulset/stateful_set_utils.go (inconsistentStatus),
 * pkg/controller/controller_ref_manager.go (ClaimPods with a filter, AdoptPod, ReleasePod),
 * pkg/controller/history/controller_history.go (ListControllerRevisions, AdoptControllerRevision).
 *
 * Two differences from upstream, both because a reconciler keeps no memory between calls:
 * - Availability. Upstream re-queues a set `minReadySeconds` after a pod becomes ready, and
 *   again after every sync while fewer pods are available than wanted. Here the reconciler
 *   asks to be woken exactly when the next ready pod becomes available.
 * - Errors. Upstream re-queues a failed sync with a growing back-off; here a pass that stopped
 *   on an error (a claim still being deleted) asks to run again after {@link RETRY_SECONDS}.
 */
import type { KubeObject } from '../../core/api/meta';
import type { StatefulSet, StatefulSetStatus } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller, Intent, View } from '../../core/runtime/types';

// TODO(kata): syncStatefulSet(view, key): load and default the set (defaultStatefulSet in
// core/controllers/statefulset-api.ts), list and adopt its revisions, claim its pods (member
// pods only: isMemberOf), getStatefulSetRevisions, updateStatefulSet, completeRollingUpdate and
// write the status when inconsistentStatus says so, truncateHistory, then ask to be woken when
// a pod becomes available. keysForObject maps pods to their set, as upstream's handlers do.

/** Seconds before a pass that stopped on an error runs again. */
export const RETRY_SECONDS = 5;

/**
 * Upstream inconsistentStatus: the new status has a newer observedGeneration, or differs in a
 * replica count or a revision name (a changed collisionCount alone is not written).
 */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  return notImplemented('09-statefulset-controller');
}

/** Upstream sync + UpdateStatefulSet for the set named by `key`: every write one reconcile asks for. */
export function syncStatefulSet(view: View, key: string): Intent[] {
  return notImplemented('09-statefulset-controller');
}

/**
 * The keys to wake for a changed object (upstream's event handlers): a set wakes itself; a pod
 * wakes the set its controller reference names (same name and UID), and an orphan pod every
 * set of its namespace whose selector matches it. Revisions and claims wake nobody: upstream
 * registers no handlers for them.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  return notImplemented('09-statefulset-controller');
}

/** The StatefulSet controller, as the assembled cluster runs it. */
export const statefulSetController: Controller = {
  name: 'statefulset-controller',
  watches: ['StatefulSet', 'Pod', 'ControllerRevision', 'PersistentVolumeClaim'],
  keysFor: keysForObject,
  reconcile: syncStatefulSet,
};
