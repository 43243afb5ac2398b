/**
 * Kata 08-deployment-controller, part one: find or create the new ReplicaSet. A Deployment
 * looks for the ReplicaSet whose template is its own; if there is one, it brings its
 * revision and annotations up to date, and if there is none (and the strategy may create it
 * now), it creates it under its deterministic name. A name already taken by a ReplicaSet with
 * another template is a hash collision: the Deployment counts it in `status.collisionCount`,
 * which changes the hash, and tries again in its next sync.
 *
 * Upstream: pkg/controller/deployment/sync.go (getAllReplicaSetsAndSyncRevision,
 * getNewReplicaSet), pkg/controller/deployment/util/deployment_util.go (SetDeploymentRevision).
 */
import type { ReplicaSet } from '../../core/api/types';
import type { SyncPlan } from '../../core/controllers/deployment-plan';
import type { NewReplicaSetResult, ReplicaSetLookup } from '../../core/controllers/deployment-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): getNewReplicaSet follows sync.go step by step; it uses your findNewReplicaSet,
// maxRevision and setNewReplicaSetAnnotations (revision), replicaSetIdentity and
// equalIgnoreHash (pod-template-hash), newRSNewReplicas, and the condition helpers of
// deployment-status, all under @kata/08-deployment/. The plan helpers (writeReplicaSet,
// createReplicaSet, recordEvent, withStatus, withAnnotations, planned) are in
// core/controllers/deployment-plan; newControllerRef and getControllerOf in
// core/controllers/owner-references. Pass MAX_REV_HISTORY_LENGTH_IN_CHARS as the history limit.

/**
 * Upstream getNewReplicaSet, with `rsList` the Deployment's ReplicaSets and `oldRSs` the old ones:
 * 1. the new revision is the highest old revision + 1;
 * 2. an existing new ReplicaSet gets its annotations (setNewReplicaSetAnnotations) and
 *    `minReadySeconds` brought up to date and is written if they changed; otherwise the
 *    Deployment takes its revision, and, when it has a deadline but no Progressing condition
 *    yet, gets Progressing=True, FoundNewReplicaSet, `Found new replica set "<name>"`;
 * 3. without one, nothing unless `createIfNotExisted`;
 * 4. create it: replicaSetIdentity's name, labels, selector and template, a controller
 *    reference, the Deployment's `minReadySeconds`, newRSNewReplicas replicas, the new
 *    revision and size annotations;
 * 5. a name already taken (`lookup`) by a ReplicaSet this Deployment controls with the same
 *    template is that ReplicaSet; taken by anything else is a collision: bump
 *    `status.collisionCount` and fail;
 * 6. after a real create: the event `Scaled up replica set <name> from 0 to <n>` (when n > 0)
 *    and Progressing=True, NewReplicaSetCreated, `Created new replica set "<name>"`; in both
 *    cases the Deployment takes the new revision.
 */
export function getNewReplicaSet(plan: SyncPlan, rsList: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], createIfNotExisted: boolean, lookup: ReplicaSetLookup): NewReplicaSetResult {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream getAllReplicaSetsAndSyncRevision: the old ReplicaSets (findOldReplicaSets, all
 * of them) and the new one (getNewReplicaSet), each as this sync leaves it so far.
 */
export function getAllReplicaSetsAndSyncRevision(plan: SyncPlan, rsList: readonly ReplicaSet[], createIfNotExisted: boolean, lookup: ReplicaSetLookup): NewReplicaSetResult & { oldRSs: ReplicaSet[] } {
  return notImplemented('08-deployment-controller');
}
