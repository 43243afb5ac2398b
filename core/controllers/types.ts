/**
 * Shapes shared by the ReplicaSet chapter's katas (and the workload chapters after it): what a
 * claim produces and a pod with its scale-down rank.
 *
 * Upstream: pkg/controller/controller_ref_manager.go (ClaimPods returns the claimed pods and
 * issues adopt/release patches), pkg/controller/controller_utils.go (ActivePodsWithRanks).
 */
import type { Pod } from '../api/types';
import type { Intent } from '../runtime/types';

/**
 * The outcome of claiming pods: the pods the owner now counts as its own, and the writes that
 * make the ownerReferences say so. Adopted pods are counted as claimed right away, as upstream
 * counts a pod whose adoption patch succeeded.
 */
export type ClaimResult = {
  claimed: Pod[];
  /** One `update` per orphan to adopt: the pod with a controller reference to the owner added. */
  adopt: Intent[];
  /** One `update` per owned pod to release: the pod without its reference to the owner. */
  release: Intent[];
};

/**
 * A pod with its rank for scale-down: the number of active related pods (of this ReplicaSet
 * and its siblings under the same Deployment) on the same node. Higher ranks go first.
 */
export type RankedPod = { pod: Pod; rank: number };

/** Why creating or deleting pods failed, when the caller saw it fail (the ReplicaFailure condition). */
export type ManageReplicasError = { message: string };
