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
import { labelSelectorAsSelector } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { claimPods } from '@kata/07-replicaset/claim-pods';
import { manageReplicas } from '@kata/07-replicaset/manage-replicas';
import { calculateStatus, nextAvailabilityCheck } from '@kata/07-replicaset/replica-status';
import type { KubeObject } from '../../core/api/meta';
import type { Pod, ReplicaSet } from '../../core/api/types';
import { getControllerOf } from '../../core/controllers/owner-references';
import { claimCandidates, podsSelectedBy } from '../../core/controllers/pod-index';
import { filterActivePods } from '../../core/controllers/pod-status';
import { replicasOf, replicaSetKind, type ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import { jsonEqual } from '../../core/data/json-equal';
import type { Selector } from '../../core/labels/types';
import type { Controller, Intent, View } from '../../core/runtime/types';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The selector of a ReplicaSet, or `undefined` when it does not convert (upstream logs and skips). */
function selectorOf(rs: ReplicaSet): Selector | undefined {
  try {
    return labelSelectorAsSelector(rs.spec?.selector);
  } catch {
    return undefined;
  }
}

/**
 * Upstream getIndirectlyRelatedPods: the pods (active or not) selected by this ReplicaSet and
 * by every ReplicaSet with the same controller (the same Deployment), each pod once. A
 * ReplicaSet without a controller has no related pods, so every rank is 0.
 */
export function getIndirectlyRelatedPods(view: View, rs: ReplicaSet, kind: ReplicaSetKind): Pod[] {
  const owner = getControllerOf(rs);
  if (!owner) return [];
  const namespace = rs.metadata.namespace ?? '';
  const seen: Record<string, true> = {};
  const related: Pod[] = [];
  for (const sibling of view.list(kind.kind, namespace)) {
    if (getControllerOf(sibling)?.uid !== owner.uid) continue;
    const selector = selectorOf(kind.read(sibling));
    if (!selector) continue;
    for (const pod of podsSelectedBy(view, namespace, selector)) {
      if (seen[pod.metadata.uid ?? pod.metadata.name]) continue;
      seen[pod.metadata.uid ?? pod.metadata.name] = true;
      related.push(pod);
    }
  }
  return related;
}

// #region sync
/**
 * Upstream syncReplicaSet, for the object of `kind` named by `key`: the intents that claim its
 * pods, create or delete pods, record its status, and wake it when a pod becomes available.
 */
export function syncReplicaSet(view: View, key: string, kind: ReplicaSetKind): Intent[] {
  // 1. Load the ReplicaSet from the cache; a deleted one needs nothing (GC removes its pods).
  const [namespace = '', name = ''] = key.split('/');
  const object = view.get(kind.kind, namespace, name);
  if (!object) return [];
  const rs = kind.read(object);
  const selector = selectorOf(rs);
  if (!selector) return [];

  // 2. The active pods it could claim; inactive ones are never counted, so they get replaced.
  const candidates = filterActivePods(claimCandidates(view, namespace, rs.metadata.uid, selector));

  // 3. Claim: keep, adopt or release (the patches go first, as upstream's do).
  const claim = claimPods({ ...rs, apiVersion: kind.apiVersion, kind: kind.kind }, selector, candidates);
  const intents: Intent[] = [...claim.adopt, ...claim.release];

  // 4. Create or delete pods, unless the ReplicaSet itself is being deleted.
  if (rs.metadata.deletionTimestamp === undefined) {
    const related = claim.claimed.length > replicasOf(rs) ? getIndirectlyRelatedPods(view, rs, kind) : [];
    intents.push(...manageReplicas(rs, claim.claimed, related, view.now, kind));
  }

  // 5. Status describes the pods it saw this time; write it only when it changed.
  const status = calculateStatus(rs, claim.claimed, view.now);
  if (!jsonEqual(status, object.status)) intents.push({ type: 'updateStatus', object: kind.writeStatus(object, status) });

  // 6. Come back when a ready pod has been ready for minReadySeconds.
  const wait = nextAvailabilityCheck(rs, claim.claimed, view.now);
  if (wait !== undefined) intents.push({ type: 'requeueAfter', key, seconds: wait });
  return intents;
}
// #endregion sync

/**
 * The keys to wake for a changed object (upstream's event handlers): a ReplicaSet wakes
 * itself; a pod wakes the ReplicaSet its controller reference names (when that object is in
 * the cache with the same UID), and an orphan pod wakes every ReplicaSet of its namespace
 * whose selector matches it, so one of them can adopt it. A pod without labels, or a
 * ReplicaSet with an empty or invalid selector, matches nothing here.
 */
export function keysForObject(object: KubeObject, view: View, kind: ReplicaSetKind): string[] {
  if (object.kind === kind.kind) return [keyOf(object)];
  if (object.kind !== 'Pod') return [];
  const namespace = object.metadata.namespace ?? '';
  const ref = getControllerOf(object);
  if (ref) {
    if (ref.kind !== kind.kind) return [];
    const owner = view.get(kind.kind, namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? [keyOf(owner)] : [];
  }
  const labels = object.metadata.labels ?? {};
  if (Object.keys(labels).length === 0) return [];
  return view.list(kind.kind, namespace).flatMap((candidate) => {
    const selector = selectorOf(kind.read(candidate));
    const empty = !selector || (selector.type === 'requirements' && selector.requirements.length === 0);
    return !empty && selectorMatches(selector, labels) ? [keyOf(candidate)] : [];
  });
}

/** Upstream NewBaseController: the controller for one kind (ReplicaSet, or RC through its adapter). */
export function newBaseController(kind: ReplicaSetKind): Controller {
  return {
    name: kind.controllerName,
    watches: [kind.kind, 'Pod'],
    keysFor: (object, view) => keysForObject(object, view, kind),
    reconcile: (view, key) => syncReplicaSet(view, key, kind),
  };
}

/** The ReplicaSet controller, as the assembled cluster runs it. */
export const replicaSetController: Controller = newBaseController(replicaSetKind);
