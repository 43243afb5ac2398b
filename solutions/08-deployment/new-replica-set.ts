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
import { newRSNewReplicas } from '@kata/08-deployment/new-rs-replicas';
import { equalIgnoreHash, replicaSetIdentity } from '@kata/08-deployment/pod-template-hash';
import { findNewReplicaSet, findOldReplicaSets, maxRevision, setNewReplicaSetAnnotations } from '@kata/08-deployment/revision';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from '@kata/08-deployment/deployment-status';
import type { ReplicaSet } from '../../core/api/types';
import {
  DeploymentConditionTypes as Types,
  DeploymentReasons as Reasons,
  MAX_REV_HISTORY_LENGTH_IN_CHARS,
  REVISION_ANNOTATION,
  SCALING_REPLICA_SET_EVENT,
} from '../../core/controllers/deployment-constants';
import { hasProgressDeadline } from '../../core/controllers/deployment-defaults';
import { createReplicaSet, planned, recordEvent, withAnnotations, withStatus, writeReplicaSet, type SyncPlan } from '../../core/controllers/deployment-plan';
import type { NewReplicaSetResult, ReplicaSetLookup } from '../../core/controllers/deployment-types';
import { getControllerOf, newControllerRef } from '../../core/controllers/owner-references';

/** Upstream SetDeploymentRevision: the plan with the Deployment's revision annotation set to `revision`. */
function withRevision(plan: SyncPlan, revision: string): SyncPlan {
  const annotations = plan.deployment.metadata.annotations ?? {};
  return annotations[REVISION_ANNOTATION] === revision ? plan : withAnnotations(plan, { ...annotations, [REVISION_ANNOTATION]: revision });
}

/** The plan with the Progressing condition set. */
function withProgressing(plan: SyncPlan, status: 'True' | 'False', reason: string, message: string): SyncPlan {
  return withStatus(plan, setDeploymentCondition(plan.deployment.status ?? {}, newDeploymentCondition(Types.Progressing, status, reason, message, plan.now)));
}

// #region get-new
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
  const d = plan.deployment;
  // 1. One more than any old revision.
  const newRevision = String(maxRevision(oldRSs) + 1);
  const existing = findNewReplicaSet(d, rsList);
  // 2. The new ReplicaSet exists: sync its annotations, or else the Deployment's revision.
  if (existing) {
    const { replicaSet, changed } = setNewReplicaSetAnnotations(d, existing, newRevision, true, MAX_REV_HISTORY_LENGTH_IN_CHARS);
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    if (changed || (replicaSet.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
      const updated = { ...replicaSet, spec: { ...replicaSet.spec!, minReadySeconds } };
      return { plan: writeReplicaSet(plan, updated), newRS: updated, failed: false };
    }
    let next = withRevision(plan, replicaSet.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, Types.Progressing)) {
      next = withProgressing(next, 'True', Reasons.FoundNewRS, `Found new replica set ${JSON.stringify(replicaSet.metadata.name)}`);
    }
    return { plan: next, newRS: replicaSet, failed: false };
  }
  // 3. Strategies that must not create it yet (Recreate with old pods) stop here.
  if (!createIfNotExisted) return { plan, failed: false };
  // 4. Build it.
  const identity = replicaSetIdentity(d);
  const draft: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: identity.name, namespace: d.metadata.namespace ?? '', ownerReferences: [newControllerRef(d)], labels: identity.template.metadata?.labels ?? {} },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector: identity.selector, template: identity.template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, draft], draft);
  const newRS = setNewReplicaSetAnnotations(d, { ...draft, spec: { ...draft.spec!, replicas } }, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS).replicaSet;
  // 5. The name may be taken: by our own ReplicaSet (a stale cache), or by a collision.
  const taken = lookup(identity.name);
  if (taken) {
    const ref = getControllerOf(taken);
    if (ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template ?? {}, taken.spec?.template ?? {})) {
      return { plan: withRevision(plan, newRevision), newRS: planned(plan, taken), failed: false };
    }
    return { plan: withStatus(plan, { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 }), failed: true };
  }
  // 6. Create it, say so, and take its revision.
  let next = createReplicaSet(plan, newRS);
  if (replicas > 0) next = recordEvent(next, 'Normal', SCALING_REPLICA_SET_EVENT, `Scaled up replica set ${newRS.metadata.name} from 0 to ${replicas}`);
  next = withRevision(next, newRevision);
  if (hasProgressDeadline(d)) next = withProgressing(next, 'True', Reasons.NewReplicaSet, `Created new replica set ${JSON.stringify(newRS.metadata.name)}`);
  return { plan: next, newRS, failed: false };
}
// #endregion get-new

/**
 * Upstream getAllReplicaSetsAndSyncRevision: the old ReplicaSets (findOldReplicaSets, all
 * of them) and the new one (getNewReplicaSet), each as this sync leaves it so far.
 */
export function getAllReplicaSetsAndSyncRevision(plan: SyncPlan, rsList: readonly ReplicaSet[], createIfNotExisted: boolean, lookup: ReplicaSetLookup): NewReplicaSetResult & { oldRSs: ReplicaSet[] } {
  const current = rsList.map((rs) => planned(plan, rs));
  const { allOldRSs } = findOldReplicaSets(plan.deployment, current);
  return { ...getNewReplicaSet(plan, current, allOldRSs, createIfNotExisted, lookup), oldRSs: allOldRSs };
}
