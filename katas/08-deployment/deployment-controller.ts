/**
 * Kata 08-deployment-controller: the Deployment controller as one level-triggered reconciler.
 * A Deployment owns ReplicaSets, which own pods; the controller never touches a pod. Woken
 * with a key, it reads the Deployment and its ReplicaSets from its caches, decides in the
 * order upstream's syncDeployment decides, and returns the writes as intents.
 *
 * Upstream: pkg/controller/deployment/deployment_controller.go (syncDeployment,
 * getReplicaSetsForDeployment, getPodMapForDeployment, the add/update/delete handlers for
 * Deployments, ReplicaSets and Pods, getDeploymentsForReplicaSet), pkg/controller/
 * controller_ref_manager.go (ClaimReplicaSets).
 */
import type { KubeObject } from '../../core/api/meta';
import { DEPLOYMENT_CONTROLLER_NAME } from '../../core/controllers/deployment-constants';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller, Intent, View } from '../../core/runtime/types';

// TODO(kata): syncDeployment in numbered steps, as its TSDoc lists them: defaultDeployment
// (core/controllers/deployment-defaults), startPlan and finishPlan (core/controllers/
// deployment-plan), labelSelectorAsSelector (@kata/02-labels-selectors/label-selector),
// claimPods (@kata/07-replicaset/claim-pods; ReplicaSets claim by the same rules as pods),
// checkPausedConditions (@kata/08-deployment/deployment-status) and the strategies of
// @kata/08-deployment/rollout. Recreate needs the pods by ReplicaSet UID: podsSelectedBy
// (core/controllers/pod-index) and getControllerOf. Then keysForObject.

/**
 * Upstream syncDeployment, for the Deployment named by `key`:
 * 1. load it (gone: nothing to do) and apply the API defaults;
 * 2. a selector `{}` only gets a `SelectingAll` warning and `observedGeneration`;
 * 3. claim its ReplicaSets (adopt and release, as for pods);
 * 4. being deleted: only the status;
 * 5. pause bookkeeping (checkPausedConditions);
 * 6. paused: sync (scale, no rollout);
 * 7. a scaling event: sync (proportional scaling);
 * 8. otherwise the strategy: rolloutRecreate (with the pods by ReplicaSet) or rolloutRolling.
 */
export function syncDeployment(view: View, key: string): Intent[] {
  return notImplemented('08-deployment-controller');
}

/**
 * The keys to wake for a changed object (upstream's event handlers):
 * - a Deployment wakes itself;
 * - a ReplicaSet wakes the Deployment its controller reference names; an orphan wakes every
 *   Deployment of its namespace whose (non-empty) selector matches its labels, so one of them
 *   can adopt it (upstream getDeploymentsForReplicaSet);
 * - a pod wakes nothing, except when it is gone: then the Recreate Deployment that owns its
 *   ReplicaSet, which may be waiting for the last old pod to go.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  return notImplemented('08-deployment-controller');
}

/** The Deployment controller, as the assembled cluster runs it. */
export const deploymentController: Controller = {
  name: DEPLOYMENT_CONTROLLER_NAME,
  watches: ['Deployment', 'ReplicaSet', 'Pod'],
  keysFor: keysForObject,
  reconcile: syncDeployment,
};
