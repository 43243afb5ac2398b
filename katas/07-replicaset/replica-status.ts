/**
 * Kata 07-replica-status: what a ReplicaSet reports about itself. The status is an
 * observation, recomputed from the claimed pods on every sync and never remembered: how many
 * there are, how many carry all of the template's labels, how many are ready, how many have
 * been ready for `minReadySeconds`, and which generation of the spec this describes.
 *
 * Upstream: pkg/controller/replicaset/replica_set_utils.go (calculateStatus, SetCondition,
 * RemoveCondition, updateReplicaSetStatus's observedGeneration), pkg/controller/replicaset/
 * replica_set.go (updatePod's availability requeue).
 */
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../../core/api/types';
import type { ManageReplicasError } from '../../core/controllers/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): count over the claimed pods. "Fully labelled" means the template's labels as a
// selector (selectorFromSet, @kata/02-labels-selectors/label-selector) match the pod's labels.
// Ready and available come from core/controllers/pod-status. Keep the status fields you do not
// compute, leave zero counts out, and handle the ReplicaFailure condition as described.

/**
 * Upstream calculateStatus, plus the `observedGeneration` that updateReplicaSetStatus adds.
 * `replicas` counts the claimed (active) pods; `fullyLabeledReplicas` those whose labels
 * include every template label; `readyReplicas` and `availableReplicas` use the pods' `Ready`
 * condition and `spec.minReadySeconds` at `now`. Other status fields are kept.
 *
 * ReplicaFailure: with an error, the condition is set (reason FailedCreate when pods were
 * missing, FailedDelete when there were too many) unless one is already there; without an
 * error, it is removed. Zero counts are left out, as the API's JSON (`omitempty`) leaves them.
 */
export function calculateStatus(rs: ReplicaSet, claimed: readonly Pod[], now: string, manageReplicasError?: ManageReplicasError): ReplicaSetStatus {
  return notImplemented('07-replica-status');
}

/**
 * When the next claimed pod becomes available: the seconds from `now` until the earliest
 * `lastTransitionTime + minReadySeconds` among pods that are ready but not yet available, or
 * `undefined` when no pod is waiting (or `minReadySeconds` is 0). A pod whose Ready condition
 * has no transition time never becomes available, so it is not waited for.
 *
 * Upstream requeues the ReplicaSet `minReadySeconds + 1 s` after it sees a pod turn ready
 * (updatePod) and, as a fallback, `minReadySeconds` after a sync that found every replica
 * ready but not all available. A reconciler that never sees events computes the same moment
 * from the pods themselves.
 */
export function nextAvailabilityCheck(rs: ReplicaSet, claimed: readonly Pod[], now: string): number | undefined {
  return notImplemented('07-replica-status');
}
