/**
 * Kata 07-manage-replicas: closing the gap between the pods a ReplicaSet has and the pods it
 * wants. Too few: create pods from the template, at most 500 per sync, in slow-start batches.
 * Too many: delete the pods that hurt least, as the ranking of kata 07-pod-ranking orders them.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (BurstReplicas, manageReplicas,
 * slowStartBatch), pkg/controller/controller_utils.go (SlowStartInitialBatchSize,
 * GetPodFromTemplate, getPodsPrefix).
 */
import type { KubeObject } from '../../core/api/meta';
import type { Pod, PodTemplateSpec, ReplicaSet } from '../../core/api/types';
import type { ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent } from '../../core/runtime/types';

// TODO(kata): slowStartBatch first (batches 1, 2, 4, ... capped by what remains; stop after a
// batch with a failure). podFromTemplate copies the template's metadata and spec and adds
// newControllerRef(owner) (core/controllers/owner-references). manageReplicas compares the
// claimed pods with replicasOf(rs) (core/controllers/replica-set-kind): create through
// slowStartBatch, delete what getPodsToDelete (@kata/07-replicaset/pod-ranking) picks.

/** Upstream BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;

/** Upstream SlowStartInitialBatchSize: the first batch of creations. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * Upstream slowStartBatch: call `fn` up to `count` times in batches of `initialBatchSize`,
 * then twice the previous batch (never more than what remains). A batch with a failure is
 * finished, and no further batch starts. Returns how many calls succeeded and whether one
 * failed. A quota that admits 10 pods thus costs 15 requests for 100 wanted, not 100.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): { successes: number; failed: boolean } {
  return notImplemented('07-manage-replicas');
}

/**
 * Upstream GetPodFromTemplate (and createPods, which sets the namespace): a pod with the
 * template's labels, annotations, finalizers and spec, `generateName` `<owner>-` (the API
 * server appends a random suffix), and a controller reference to `owner`.
 */
export function podFromTemplate(owner: KubeObject, template: PodTemplateSpec | undefined): Pod {
  return notImplemented('07-manage-replicas');
}

/**
 * Upstream manageReplicas, as intents. `diff = claimed - spec.replicas`:
 * - below zero: `min(-diff, 500)` `create` intents, from the template, in slow-start order;
 * - above zero: `min(diff, 500)` `delete` intents for the pods getPodsToDelete ranks first,
 *   ranking by `related` pods (this ReplicaSet's and its siblings') on the same node;
 * - zero: nothing.
 * `kind` says which kind the pods' controller reference names (ReplicaSet or RC).
 */
export function manageReplicas(rs: ReplicaSet, claimed: readonly Pod[], related: readonly Pod[], now: string, kind: Pick<ReplicaSetKind, 'apiVersion' | 'kind'>): Intent[] {
  return notImplemented('07-manage-replicas');
}
