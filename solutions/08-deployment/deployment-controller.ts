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
import { labelSelectorAsSelector } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { claimPods } from '@kata/07-replicaset/claim-pods';
import { checkPausedConditions } from '@kata/08-deployment/deployment-status';
import { isScalingEvent, rolloutRecreate, rolloutRolling, sync, syncStatusOnly } from '@kata/08-deployment/rollout';
import type { KubeObject } from '../../core/api/meta';
import type { Deployment, Pod, ReplicaSet } from '../../core/api/types';
import { DEPLOYMENT_CONTROLLER_NAME } from '../../core/controllers/deployment-constants';
import { defaultDeployment } from '../../core/controllers/deployment-defaults';
import type { PodMap, ReplicaSetLookup } from '../../core/controllers/deployment-types';
import { finishPlan, planned, recordEvent, startPlan, withStatus, writeReplicaSet, type SyncPlan } from '../../core/controllers/deployment-plan';
import { getControllerOf } from '../../core/controllers/owner-references';
import { podsSelectedBy } from '../../core/controllers/pod-index';
import type { Selector } from '../../core/labels/types';
import type { Controller, Intent, View } from '../../core/runtime/types';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The Deployment's selector, or `undefined` when it does not convert (upstream returns an error and retries). */
function selectorOf(d: Deployment): Selector | undefined {
  try {
    return labelSelectorAsSelector(d.spec?.selector);
  } catch {
    return undefined;
  }
}

/** `reflect.DeepEqual(d.Spec.Selector, &metav1.LabelSelector{})`: a selector with neither matchLabels nor matchExpressions. */
function selectsEverything(d: Deployment): boolean {
  const s = d.spec?.selector;
  return s !== undefined && s !== null && s.matchLabels == null && s.matchExpressions == null;
}

/**
 * Upstream ClaimReplicaSets: ClaimObject's rules, the ones kata 07-claim-pods implements for
 * pods, applied to ReplicaSets. The adoptions and releases become ReplicaSet writes of the
 * plan, so a ReplicaSet adopted and then scaled in the same sync is written once.
 */
function claimReplicaSets(plan: SyncPlan, selector: Selector, candidates: readonly ReplicaSet[]): { plan: SyncPlan; rsList: ReplicaSet[] } {
  const claim = claimPods(plan.cached, selector, candidates as unknown as Pod[]);
  const written = [...claim.adopt, ...claim.release].reduce((p, intent) => (intent.type === 'update' ? writeReplicaSet(p, intent.object as ReplicaSet) : p), plan);
  return { plan: written, rsList: (claim.claimed as unknown as ReplicaSet[]).map((rs) => planned(written, rs)) };
}

/** Upstream getPodMapForDeployment: the pods the selector matches, grouped by the UID of the claimed ReplicaSet that controls them. */
function podMapFor(view: View, d: Deployment, selector: Selector, rsList: readonly ReplicaSet[]): PodMap {
  const map: PodMap = Object.fromEntries(rsList.map((rs) => [rs.metadata.uid ?? '', [] as Pod[]]));
  for (const pod of podsSelectedBy(view, d.metadata.namespace ?? '', selector)) {
    const uid = getControllerOf(pod)?.uid;
    if (uid !== undefined && map[uid]) map[uid].push(pod);
  }
  return map;
}

// #region sync-deployment
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
  // 1. Load the Deployment from the cache.
  const [namespace = '', name = ''] = key.split('/');
  const cached = view.get('Deployment', namespace, name) as Deployment | undefined;
  if (!cached) return [];
  const d = defaultDeployment(cached);
  let plan = startPlan(d, cached, view.now);

  // 2. Selecting every pod is refused, loudly.
  if (selectsEverything(d)) {
    plan = recordEvent(plan, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    const generation = d.metadata.generation ?? 0;
    if ((d.status?.observedGeneration ?? 0) < generation) plan = withStatus(plan, { ...d.status, observedGeneration: generation });
    return finishPlan(plan);
  }
  const selector = selectorOf(d);
  if (!selector) return [];

  // 3. Claim ReplicaSets: all of the namespace, so those we own but no longer select are released.
  const claimed = claimReplicaSets(plan, selector, view.list('ReplicaSet', namespace) as ReplicaSet[]);
  plan = claimed.plan;
  const rsList = claimed.rsList;
  const lookup: ReplicaSetLookup = (rsName) => view.get('ReplicaSet', namespace, rsName) as ReplicaSet | undefined;

  // 4. A Deployment being deleted only reports.
  if (d.metadata.deletionTimestamp !== undefined) return finishPlan(syncStatusOnly(plan, rsList, lookup));

  // 5. Record a pause or a resume, so a paused period does not count against the deadline.
  const paused = checkPausedConditions(plan.deployment, plan.now);
  if (paused) plan = withStatus(plan, paused);

  // 6. Paused: scale, but no rollout.
  if (d.spec?.paused) return finishPlan(sync(plan, rsList, lookup));

  // 7. A size change is spread over the ReplicaSets before any rollout step.
  const scaling = isScalingEvent(plan, rsList, lookup);
  if (scaling.failed) return finishPlan(scaling.plan);
  if (scaling.scalingEvent) return finishPlan(sync(scaling.plan, rsList, lookup));
  plan = scaling.plan;

  // 8. Roll out with the strategy.
  if (d.spec?.strategy?.type === 'Recreate') return finishPlan(rolloutRecreate(plan, rsList, podMapFor(view, d, selector, rsList), lookup));
  return finishPlan(rolloutRolling(plan, rsList, lookup));
}
// #endregion sync-deployment

/** The Deployment a ReplicaSet's controller reference names, if it is in the cache with that UID. */
function owningDeployment(rs: KubeObject, view: View): Deployment | undefined {
  const ref = getControllerOf(rs);
  if (!ref || ref.kind !== 'Deployment') return undefined;
  const d = view.get('Deployment', rs.metadata.namespace ?? '', ref.name) as Deployment | undefined;
  return d && d.metadata.uid === ref.uid ? d : undefined;
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
  const namespace = object.metadata.namespace ?? '';
  if (object.kind === 'Deployment') return [keyOf(object)];
  if (object.kind === 'ReplicaSet') {
    if (getControllerOf(object)) {
      const owner = owningDeployment(object, view);
      return owner ? [keyOf(owner)] : [];
    }
    const labels = object.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) return [];
    return view.list('Deployment', namespace).flatMap((candidate) => {
      const d = candidate as Deployment;
      const selector = selectorOf(d);
      const empty = !selector || (selector.type === 'requirements' && selector.requirements.length === 0);
      return !empty && selectorMatches(selector, labels) ? [keyOf(d)] : [];
    });
  }
  if (object.kind !== 'Pod' || view.get('Pod', namespace, object.metadata.name)?.metadata.uid === object.metadata.uid) return [];
  const ref = getControllerOf(object);
  if (!ref || ref.kind !== 'ReplicaSet') return [];
  const rs = view.get('ReplicaSet', namespace, ref.name);
  if (!rs || rs.metadata.uid !== ref.uid) return [];
  const owner = owningDeployment(rs, view);
  return owner && owner.spec?.strategy?.type === 'Recreate' ? [keyOf(owner)] : [];
}

/** The Deployment controller, as the assembled cluster runs it. */
export const deploymentController: Controller = {
  name: DEPLOYMENT_CONTROLLER_NAME,
  watches: ['Deployment', 'ReplicaSet', 'Pod'],
  keysFor: keysForObject,
  reconcile: syncDeployment,
};
