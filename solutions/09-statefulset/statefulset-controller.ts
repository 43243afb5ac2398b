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
import { labelSelectorAsSelector } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { getPersistentVolumeClaims, getPodName, getStartOrdinal, isMemberOf } from '@kata/09-statefulset/identity';
import { completeRollingUpdate, getStatefulSetRevisions, truncateHistory } from '@kata/09-statefulset/revisions';
import { updateStatefulSet } from '@kata/09-statefulset/update-statefulset';
import type { KubeObject } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, StatefulSet, StatefulSetStatus } from '../../core/api/types';
import type { ControllerRevision } from '../../core/controllers/controller-revision';
import { getControllerOf } from '../../core/controllers/owner-references';
import { claimCandidates } from '../../core/controllers/pod-index';
import { isRunningAndReady } from '../../core/controllers/stateful-pod-status';
import { defaultStatefulSet, STATEFULSET_CONTROLLER_NAME, STATEFULSET_KIND } from '../../core/controllers/statefulset-api';
import { podReadyCondition } from '../../core/controllers/pod-status';
import type { Selector } from '../../core/labels/types';
import type { Controller, Intent, View } from '../../core/runtime/types';

/** Seconds before a pass that stopped on an error runs again. */
export const RETRY_SECONDS = 5;

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function selectorOf(set: StatefulSet): Selector | undefined {
  try {
    return labelSelectorAsSelector(set.spec?.selector);
  } catch {
    return undefined;
  }
}

/** An `update` of `object` with a controller reference to `set` added (AdoptPod, AdoptControllerRevision). */
function adopt(set: StatefulSet, object: KubeObject): Intent {
  const ref = { ...STATEFULSET_KIND, name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  return { type: 'update', object: { ...object, metadata: { ...object.metadata, ownerReferences: [...(object.metadata.ownerReferences ?? []), ref] } } };
}

/** An `update` of `pod` without its references to `set` (ReleasePod). */
function release(set: StatefulSet, pod: Pod): Intent {
  const { ownerReferences, ...metadata } = pod.metadata;
  const kept = (ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
  return { type: 'update', object: { ...pod, metadata: kept.length > 0 ? { ...metadata, ownerReferences: kept } : metadata } };
}

/**
 * Upstream getPodsForStatefulSet: ClaimPods with the extra filter isMemberOf. A pod the set
 * controls is kept when the selector matches and its name makes it a member, and released
 * otherwise (unless the set is being deleted); an orphan is adopted under the same two
 * conditions, when neither it nor the set is being deleted.
 */
function claimPods(set: StatefulSet, selector: Selector, candidates: Pod[]): { claimed: Pod[]; intents: Intent[] } {
  const claimed: Pod[] = [];
  const intents: Intent[] = [];
  const deleting = set.metadata.deletionTimestamp !== undefined;
  for (const pod of candidates) {
    const match = selectorMatches(selector, pod.metadata.labels ?? {}) && isMemberOf(set, pod);
    const ref = getControllerOf(pod);
    if (ref !== undefined) {
      if (ref.uid !== set.metadata.uid) continue;
      if (match) claimed.push(pod);
      else if (!deleting) intents.push(release(set, pod));
      continue;
    }
    if (deleting || !match || pod.metadata.deletionTimestamp !== undefined) continue;
    intents.push(adopt(set, pod));
    claimed.push(pod);
  }
  return { claimed, intents };
}

/**
 * Upstream inconsistentStatus: the new status has a newer observedGeneration, or differs in a
 * replica count or a revision name (a changed collisionCount alone is not written).
 */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const old = set.status;
  return (
    (status.observedGeneration ?? 0) > (old?.observedGeneration ?? 0) ||
    status.replicas !== (old?.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (old?.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (old?.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (old?.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (old?.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (old?.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (old?.updateRevision ?? '')
  );
}

/** Seconds until the next ready pod has been ready for `minReadySeconds`, if any is waiting. */
function nextAvailability(pods: Pod[], minReadySeconds: number, now: string): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let soonest: number | undefined;
  for (const pod of pods) {
    const since = podReadyCondition(pod)?.lastTransitionTime;
    if (!isRunningAndReady(pod) || !since) continue;
    const wait = (Date.parse(since) + minReadySeconds * 1000 - Date.parse(now)) / 1000;
    if (wait > 0 && (soonest === undefined || wait < soonest)) soonest = wait;
  }
  return soonest;
}

/** Upstream sync + UpdateStatefulSet for the set named by `key`: every write one reconcile asks for. */
export function syncStatefulSet(view: View, key: string): Intent[] {
  // 1. Load the set (with its defaults); a deleted set needs nothing (the GC removes its pods).
  const [namespace = '', name = ''] = key.split('/');
  const object = view.get('StatefulSet', namespace, name) as StatefulSet | undefined;
  if (!object) return [];
  const set = defaultStatefulSet(object);
  const selector = selectorOf(set);
  if (!selector) return [];
  const deleting = set.metadata.deletionTimestamp !== undefined;

  // 2. Its revisions: its own and the orphans its selector matches; adopt the orphans.
  const inNamespace = view.list('ControllerRevision', namespace) as ControllerRevision[];
  const revisions = inNamespace.filter((r) => {
    const ref = getControllerOf(r);
    return (ref === undefined || ref.uid === set.metadata.uid) && selectorMatches(selector, r.metadata.labels ?? {});
  });
  const orphans = revisions.filter((r) => getControllerOf(r) === undefined);
  if (orphans.length > 0 && deleting) return [];
  const intents: Intent[] = orphans.map((r) => adopt(set, r));

  // 3. Its pods: claim members, adopt orphans, release the others.
  const claim = claimPods(set, selector, claimCandidates(view, namespace, set.metadata.uid, selector));
  intents.push(...claim.intents);

  // 4. Current and update revisions (maybe creating or renumbering one).
  const { currentRevision, updateRevision, collisionCount, intents: revisionIntents } = getStatefulSetRevisions(set, revisions, inNamespace);
  intents.push(...revisionIntents);

  // 5. One pass of the control loop over the claims every pod of the set may use.
  const claims: Record<string, PersistentVolumeClaim> = {};
  const replicas = set.spec?.replicas ?? 1;
  const names = [...claim.claimed.map((p) => p.metadata.name), ...Array.from({ length: replicas }, (_, i) => getPodName(set, getStartOrdinal(set) + i))];
  for (const podName of names) {
    for (const wanted of Object.values(getPersistentVolumeClaims(set, { metadata: { name: podName } }))) {
      const found = view.get('PersistentVolumeClaim', namespace, wanted.metadata.name);
      if (found) claims[wanted.metadata.name] = found as PersistentVolumeClaim;
    }
  }
  const pass = updateStatefulSet({ set, currentRevision, updateRevision, collisionCount, pods: claim.claimed, claims, now: view.now });
  intents.push(...pass.intents);

  // 6. Record the status when it changed, completing a finished rolling update.
  const status = completeRollingUpdate(set, pass.status);
  if (inconsistentStatus(set, status)) intents.push({ type: 'updateStatus', object: { ...object, status } });

  // 7. Keep the history within revisionHistoryLimit.
  intents.push(...truncateHistory(set, claim.claimed, revisions, currentRevision, updateRevision));

  // 8. Come back when a pod becomes available, or after a failed pass.
  const wait = nextAvailability(claim.claimed, set.spec?.minReadySeconds ?? 0, view.now);
  if (wait !== undefined) intents.push({ type: 'requeueAfter', key, seconds: wait });
  if (pass.error !== undefined) intents.push({ type: 'requeueAfter', key, seconds: RETRY_SECONDS });
  return intents;
}

/**
 * The keys to wake for a changed object (upstream's event handlers): a set wakes itself; a pod
 * wakes the set its controller reference names (same name and UID), and an orphan pod every
 * set of its namespace whose selector matches it. Revisions and claims wake nobody: upstream
 * registers no handlers for them.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  if (object.kind === 'StatefulSet') return [keyOf(object)];
  if (object.kind !== 'Pod') return [];
  const namespace = object.metadata.namespace ?? '';
  const ref = getControllerOf(object);
  if (ref) {
    if (ref.kind !== STATEFULSET_KIND.kind) return [];
    const owner = view.get('StatefulSet', namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? [keyOf(owner)] : [];
  }
  return view.list('StatefulSet', namespace).flatMap((candidate) => {
    const selector = selectorOf(candidate as StatefulSet);
    return selector && selectorMatches(selector, object.metadata.labels ?? {}) ? [keyOf(candidate)] : [];
  });
}

/** The StatefulSet controller, as the assembled cluster runs it. */
export const statefulSetController: Controller = {
  name: STATEFULSET_CONTROLLER_NAME,
  watches: ['StatefulSet', 'Pod', 'ControllerRevision', 'PersistentVolumeClaim'],
  keysFor: keysForObject,
  reconcile: syncStatefulSet,
};
