/**
 * Kata 11-pod-gc: the pod garbage collector. Owner references cannot clean up everything: a
 * pod bound to a node that was removed has no kubelet left to finish it, a pod deleted before
 * it was ever scheduled has nobody to confirm its end, and finished pods pile up. This
 * controller deletes them, each after marking it Failed, so that a pod never vanishes while its
 * status still says Running:
 *
 * - pods bound to a node that has been missing for the quarantine (40 s), with the condition
 *   `DisruptionTarget` (reason `DeletionByPodGC`);
 * - terminating pods that were never scheduled;
 * - terminating pods on a node that is not ready and tainted `node.kubernetes.io/out-of-service`;
 * - terminated pods beyond `--terminated-pod-gc-threshold`, evicted ones first, then the oldest.
 *
 * Upstream runs all of it every 20 s over every pod; here each part is woken by the change it
 * depends on (see core/controllers/pod-gc-config.ts for the keys), and the quarantine is a
 * requeue of the node's key, as upstream's delaying queue of node names is.
 *
 * Upstream: pkg/controller/podgc/gc_controller.go (gc, gcTerminated, gcTerminating, gcOrphaned,
 * discoverDeletedNodes, gcUnscheduledTerminating, byEvictionAndCreationTimestamp,
 * markFailedAndDeletePodWithCondition), pkg/kubelet/eviction (PodIsEvicted),
 * pkg/api/v1/pod/util.go (UpdatePodCondition).
 */
import type { KubeObject } from '../../core/api/meta';
import type { Pod, PodCondition } from '../../core/api/types';
import { POD_GC_NAME, TERMINATED_POD_GC_THRESHOLD } from '../../core/controllers/pod-gc-config';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller, Intent, View } from '../../core/runtime/types';

// TODO(kata): start with the pure pieces (isPodTerminated, isPodEvicted, the comparator,
// markFailedAndDeletePod, gcTerminated), then the per-key passes (gcPod, gcOrphaned,
// reconcilePodGC with ts-pattern's match on parsePodGcKey) and the keys. Keys and constants are
// in core/controllers/pod-gc-config.ts; isNodeReady is there too.

/** Upstream isPodTerminated: the phase is neither Pending, Running nor Unknown (a missing phase counts as terminated). */
export function isPodTerminated(pod: Pod): boolean {
  return notImplemented('11-pod-gc');
}

/** Upstream eviction.PodIsEvicted: Failed with reason `Evicted`. */
export function isPodEvicted(pod: Pod): boolean {
  return notImplemented('11-pod-gc');
}

/**
 * Upstream byEvictionAndCreationTimestamp.Less as a comparator: evicted pods first, then the
 * older creationTimestamp, then the name.
 */
export function compareByEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  return notImplemented('11-pod-gc');
}

/**
 * The condition pods on a vanished node are marked with before deletion: `DisruptionTarget`,
 * status `True`, reason `DeletionByPodGC`, message `PodGC: node no longer exists`.
 */
export function deletionByPodGCCondition(): PodCondition {
  return notImplemented('11-pod-gc');
}

/**
 * Upstream markFailedAndDeletePodWithCondition: a pod that has not finished (neither
 * Succeeded nor Failed) is first written `Failed` through `updateStatus`, with `condition`
 * set as UpdatePodCondition sets it (transition time `now`, or the old one when the status did
 * not change); then it is deleted with `gracePeriodSeconds: 0`. The status write carries only
 * the pod's UID as a precondition (no resourceVersion), as upstream's patch does.
 */
export function markFailedAndDeletePod(pod: Pod, now: string, condition?: PodCondition): Intent[] {
  return notImplemented('11-pod-gc');
}

/** Upstream gcTerminated: beyond `threshold` terminated pods, delete the surplus, evicted and oldest first; a threshold of 0 or less deletes nothing. */
export function gcTerminated(pods: Pod[], threshold: number, now: string): Intent[] {
  return notImplemented('11-pod-gc');
}

/**
 * The checks about one pod: never scheduled and terminating (gcUnscheduledTerminating: mark
 * Failed and delete); bound to a node missing from the cache (gcOrphaned's first step: a
 * `requeueAfter` of nodeGcKey(nodeName) in QUARANTINE_SECONDS); terminating on a node that is
 * not ready and has the out-of-service taint (gcTerminating: mark Failed and delete).
 */
export function gcPod(view: View, pod: Pod): Intent[] {
  return notImplemented('11-pod-gc');
}

/** Upstream gcOrphaned after discoverDeletedNodes: if the node is still missing, every pod bound to it is marked Failed with deletionByPodGCCondition and deleted. */
export function gcOrphaned(view: View, nodeName: string): Intent[] {
  return notImplemented('11-pod-gc');
}

/** One pass for `key` (terminated, node/<name> or pod/<ns>/<name>), with `threshold` as `--terminated-pod-gc-threshold`. */
export function reconcilePodGC(view: View, key: string, threshold: number): Intent[] {
  return notImplemented('11-pod-gc');
}

/** A pod wakes its own key (and TERMINATED_PODS_KEY when it has terminated and the threshold is above 0); a node wakes the pods bound to it. */
export function keysForPodGC(object: KubeObject, view: View, threshold: number): string[] {
  return notImplemented('11-pod-gc');
}

/** The pod garbage collector with a given terminated-pod threshold. */
export function newPodGCController(options: { terminatedPodThreshold: number }): Controller {
  return notImplemented('11-pod-gc');
}

/** The pod garbage collector as kube-controller-manager runs it by default (threshold 12500). */
export const podGCController: Controller = {
  name: POD_GC_NAME,
  watches: ['Pod', 'Node'],
  keysFor: (object, view) => keysForPodGC(object, view, TERMINATED_POD_GC_THRESHOLD),
  reconcile: (view, key) => reconcilePodGC(view, key, TERMINATED_POD_GC_THRESHOLD),
};
