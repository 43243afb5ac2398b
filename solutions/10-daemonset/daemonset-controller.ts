/**
 * Kata 10-daemonset-controller: the DaemonSet controller as one level-triggered reconciler.
 * Woken with a DaemonSet's key (by a change to the DaemonSet, to any node, or to one of its
 * pods), it recomputes everything from its caches: which pods it owns, which nodes should run
 * one, what to create and delete, how far a rollout may go, and what the status says.
 *
 * Memory. Upstream keeps two things in the controller's memory. The failed-pods back-off is
 * part of the behaviour (it paces the fight with a kubelet that rejects pods), so this
 * controller is an Agent: the back-off is plain data the runtime hands back to every
 * reconcile. Expectations (the creates and deletes issued but not yet seen in the informer)
 * are not kept, as in chapter 07: in this runtime every write reaches the caches before the
 * next reconcile, so without faults nothing is created twice. Upstream also runs the rolling
 * update only when expectations are satisfied, that is when the manage step had nothing to
 * do; this reconciler does the same. Under faults that hide pods (dropped or stale watch
 * events) it may create a second pod on a node; the next sync that sees both deletes the
 * newer one. ControllerRevisions (the rollout history) are not written: the hash of the
 * template is computed directly.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (syncDaemonSet, updateDaemonSet,
 * syncNodes, getDaemonPods, addNode/updateNode, addPod/updatePod/deletePod,
 * resolveControllerRef, getDaemonSetsForPod), staging/src/k8s.io/client-go/listers/apps/v1/
 * daemonset_expansion.go (GetPodDaemonSets).
 */
import { labelSelectorAsSelector } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { gcBackOff } from '@kata/04-pod-sandbox/restart-backoff';
import { claimPods } from '@kata/07-replicaset/claim-pods';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '@kata/07-replicaset/manage-replicas';
import { newDaemonPod } from '@kata/10-daemonset/daemon-pod';
import { calculateDaemonSetStatus, daemonSetStatusChanged } from '@kata/10-daemonset/daemonset-status';
import { getNodesToDaemonPods, manage } from '@kata/10-daemonset/pods-should-be-on-node';
import { rollingUpdate } from '@kata/10-daemonset/rolling-update';
import { defaultDaemonSet } from '@kata/10-daemonset/update-strategy';
import type { KubeObject } from '../../core/api/meta';
import type { DaemonSet, Node, Pod } from '../../core/api/types';
import {
  BURST_REPLICAS,
  DAEMONSET_CONTROLLER_NAME,
  DAEMONSET_KIND,
  SELECTING_ALL_REASON,
  type DaemonSetControllerState,
  type PodChanges,
} from '../../core/controllers/daemonset-api';
import { computeHash } from '../../core/controllers/daemonset-hash';
import { getControllerOf } from '../../core/controllers/owner-references';
import { claimCandidates } from '../../core/controllers/pod-index';
import type { Selector } from '../../core/labels/types';
import type { Agent, Intent, View } from '../../core/runtime/types';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The selector of a DaemonSet, or `undefined` when it does not convert (upstream returns the error). */
function selectorOf(ds: DaemonSet): Selector | undefined {
  try {
    return labelSelectorAsSelector(ds.spec?.selector);
  } catch {
    return undefined;
  }
}

// #region sync-nodes
/**
 * Upstream syncNodes, as intents: at most BurstReplicas (250) creates, one daemon pod per
 * node in slow-start batches (1, 2, 4, ...; here nothing fails before the API server sees
 * it), then at most 250 deletes, in the order given.
 */
export function syncNodes(ds: DaemonSet, changes: PodChanges, hash: string): Intent[] {
  const intents: Intent[] = [];
  const nodes = changes.nodesNeedingDaemonPods.slice(0, BURST_REPLICAS);
  let next = 0;
  slowStartBatch(nodes.length, SLOW_START_INITIAL_BATCH_SIZE, () => {
    intents.push({ type: 'create', object: newDaemonPod(ds, nodes[next++]!, hash) });
    return true;
  });
  const namespace = ds.metadata.namespace ?? '';
  for (const name of changes.podsToDelete.slice(0, BURST_REPLICAS)) intents.push({ type: 'delete', kind: 'Pod', namespace, name });
  return intents;
}
// #endregion sync-nodes

/**
 * The wait, in whole seconds rounded up, until the first ready pod that is not yet available
 * (ready for less than `minReadySeconds`) becomes available; `undefined` when none waits.
 * Upstream wakes the DaemonSet `minReadySeconds` (plus a second) after a pod turns ready
 * (updatePod) and after a status with ready but unavailable pods (updateDaemonSetStatus); a
 * reconciler that never sees the event asks the same question of the pods themselves.
 */
function secondsUntilAvailable(pods: readonly Pod[], minReadySeconds: number, now: string): number | undefined {
  if (minReadySeconds === 0) return undefined;
  let soonest: number | undefined;
  for (const pod of pods) {
    const since = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime;
    if (pod.metadata.deletionTimestamp !== undefined || !since) continue;
    const wait = Math.ceil((Date.parse(since) + minReadySeconds * 1000 - Date.parse(now)) / 1000);
    if (wait > 0) soonest = Math.min(soonest ?? wait, wait);
  }
  return soonest;
}

// #region sync
/**
 * Upstream syncDaemonSet, for the DaemonSet named by `key`, with the controller's back-off:
 * the intents (adoptions and releases, events, pod creates and deletes, status, requeues)
 * and the back-off to keep for the next reconcile.
 */
export function syncDaemonSet(view: View, key: string, state: DaemonSetControllerState): { intents: Intent[]; local: DaemonSetControllerState } {
  const unchanged = { intents: [], local: state };
  // 1. Load the DaemonSet, with the API defaults; a deleted one needs nothing (GC removes its pods).
  const [namespace = '', name = ''] = key.split('/');
  const object = view.get('DaemonSet', namespace, name);
  if (!object) return unchanged;
  const ds = defaultDaemonSet(object as DaemonSet);

  // 2. An empty selector would claim every pod of the namespace: refuse, and say so.
  if (ds.spec?.selector !== undefined && Object.keys(ds.spec.selector).length === 0) {
    const involvedObject = { ...DAEMONSET_KIND, namespace, name, uid: ds.metadata.uid };
    const message = 'This daemon set is selecting all pods. A non-empty selector is required.';
    return { intents: [{ type: 'event', involvedObject, eventType: 'Warning', reason: SELECTING_ALL_REASON, message, source: DAEMONSET_CONTROLLER_NAME }], local: state };
  }

  // 3. While the DaemonSet is being deleted nothing is done, status included.
  if (ds.metadata.deletionTimestamp !== undefined) return unchanged;
  const selector = selectorOf(ds);
  if (!selector) return unchanged;

  // 4. Claim its pods (all of them, failed ones too), and group them by target node.
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const claim = claimPods({ ...ds, ...DAEMONSET_KIND }, selector, claimCandidates(view, namespace, ds.metadata.uid, selector));
  const intents: Intent[] = [...claim.adopt, ...claim.release];
  const nodes = view.list('Node') as Node[];
  const nodeToDaemonPods = getNodesToDaemonPods(claim.claimed, false);

  // 5. One pod per node that should run it; failed pods go, within the node's back-off.
  const plan = manage(ds, nodes, nodeToDaemonPods, hash, gcBackOff(state.failedPodsBackoff, view.now), view.now);
  intents.push(...plan.events, ...syncNodes(ds, plan, hash));

  // 6. Roll out a new template only when step 5 had nothing to do (upstream: expectations satisfied).
  const idle = plan.nodesNeedingDaemonPods.length === 0 && plan.podsToDelete.length === 0;
  if (idle && ds.spec?.updateStrategy?.type === 'RollingUpdate') {
    try {
      intents.push(...syncNodes(ds, rollingUpdate(ds, nodes, nodeToDaemonPods, hash, view.now), hash));
    } catch {
      // Upstream returns the error and retries later; a later event (the missing node's pods going away) retries here.
    }
  }

  // 7. Status describes what this sync saw; write it only when a count or the generation moved.
  const status = calculateDaemonSetStatus(ds, nodes, nodeToDaemonPods, hash, view.now);
  if (daemonSetStatusChanged(ds, status)) intents.push({ type: 'updateStatus', object: { ...object, status } });

  // 8. Come back when a ready pod becomes available, and when a failed pod's back-off ends.
  const available = secondsUntilAvailable(claim.claimed, ds.spec?.minReadySeconds ?? 0, view.now);
  if (available !== undefined) intents.push({ type: 'requeueAfter', key, seconds: available });
  if (plan.requeueAfterSeconds !== undefined) intents.push({ type: 'requeueAfter', key, seconds: plan.requeueAfterSeconds });
  return { intents, local: { failedPodsBackoff: plan.failedPodsBackoff } };
}
// #endregion sync

/**
 * The keys to wake for a changed object (upstream's event handlers): a DaemonSet wakes
 * itself; a node wakes every DaemonSet (upstream compares the old and new node first, this
 * view has only the new one); a pod wakes the DaemonSet its controller reference names, if
 * that is in the cache with the same UID; an orphan that is not being deleted wakes every
 * DaemonSet of its namespace whose non-empty selector matches its labels, so one can adopt it.
 */
export function keysForObject(object: KubeObject, view: View): string[] {
  if (object.kind === 'DaemonSet') return [keyOf(object)];
  if (object.kind === 'Node') return view.list('DaemonSet').map(keyOf);
  if (object.kind !== 'Pod') return [];
  const namespace = object.metadata.namespace ?? '';
  const ref = getControllerOf(object);
  if (ref) {
    if (ref.kind !== DAEMONSET_KIND.kind) return [];
    const owner = view.get('DaemonSet', namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? [keyOf(owner)] : [];
  }
  const labels = object.metadata.labels ?? {};
  if (object.metadata.deletionTimestamp !== undefined || Object.keys(labels).length === 0) return [];
  return view.list('DaemonSet', namespace).flatMap((candidate) => {
    const selector = selectorOf(candidate as DaemonSet);
    const empty = !selector || (selector.type === 'requirements' && selector.requirements.length === 0);
    return !empty && selectorMatches(selector, labels) ? [keyOf(candidate)] : [];
  });
}

/** The DaemonSet controller, as the assembled cluster runs it (start it with INITIAL_DAEMONSET_CONTROLLER_STATE). */
export const daemonSetController: Agent<DaemonSetControllerState> = {
  name: DAEMONSET_CONTROLLER_NAME,
  watches: ['DaemonSet', 'Node', 'Pod'],
  keysFor: keysForObject,
  reconcile: syncDaemonSet,
};
