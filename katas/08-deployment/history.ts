/**
 * Kata 08-deployment-controller, part two: revision history. Old ReplicaSets are kept, scaled
 * to 0, as the Deployment's history: `kubectl rollout undo` copies the template of one of them
 * back into the Deployment, and the controller then finds that ReplicaSet as the new one and
 * gives it the next revision. `revisionHistoryLimit` bounds how many are kept; with 0 there is
 * nothing to roll back to.
 *
 * Upstream: pkg/controller/deployment/sync.go (cleanupDeployment),
 * staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go (DeploymentRollbacker.Rollback,
 * deploymentRevision), pkg/controller/deployment/util/deployment_util.go (SetFromReplicaSetTemplate).
 */
import type { Deployment, ReplicaSet } from '../../core/api/types';
import type { RollbackResult } from '../../core/controllers/deployment-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): cleanupDeployment sorts with byRevision (core/controllers/replica-set-lists) and
// checks hasRevisionHistoryLimit (core/controllers/deployment-defaults). rollbackTemplate is
// kubectl's side of `rollout undo`: list the Deployment's own ReplicaSets (isControlledBy in
// core/controllers/owner-references, and its selector matching their labels), pick the
// revision (revisionOf), compare with your equalIgnoreHash, and rebuild template and
// annotations (ANNOTATIONS_TO_SKIP, POD_TEMPLATE_HASH_LABEL in core/controllers/deployment-constants).

/**
 * Upstream cleanupDeployment, as the ReplicaSets to delete: with a revision history limit
 * (not MaxInt32), take the old ReplicaSets not being deleted; if there are more than the
 * limit, look at the surplus with the lowest revisions (ties: the older first) and delete
 * those that want no pods, have no pods, and whose latest spec their controller has seen.
 * A skipped one is not replaced by the next: a busy old ReplicaSet simply stays.
 */
export function cleanupDeployment(oldRSs: readonly ReplicaSet[], d: Deployment): ReplicaSet[] {
  return notImplemented('08-deployment-controller');
}

/**
 * kubectl's DeploymentRollbacker.Rollback, without the API calls: given the Deployment and
 * the ReplicaSets of its namespace, what `kubectl rollout undo [--to-revision=N]` does.
 * 1. A negative revision, or one not in the history, is an error; 0 means the previous one.
 * 2. A paused Deployment cannot be rolled back.
 * 3. If the Deployment already runs that template: skipped.
 * 4. Otherwise the Deployment gets that ReplicaSet's template, without the pod-template-hash
 *    label, and its annotations: the Deployment keeps the ones in ANNOTATIONS_TO_SKIP (its
 *    revision, its last-applied configuration) and takes every other one from the ReplicaSet
 *    (a change cause, say). The controller does the rest.
 */
export function rollbackTemplate(deployment: Deployment, replicaSets: readonly ReplicaSet[], toRevision: number): RollbackResult {
  return notImplemented('08-deployment-controller');
}
