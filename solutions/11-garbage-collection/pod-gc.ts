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
import { match } from 'ts-pattern';
import type { KubeObject } from '../../core/api/meta';
import type { Node, Pod, PodCondition } from '../../core/api/types';
import {
  isNodeReady,
  nodeGcKey,
  parsePodGcKey,
  POD_GC_NAME,
  podGcKey,
  QUARANTINE_SECONDS,
  TAINT_NODE_OUT_OF_SERVICE,
  TERMINATED_POD_GC_THRESHOLD,
  TERMINATED_PODS_KEY,
} from '../../core/controllers/pod-gc-config';
import type { Controller, Intent, View } from '../../core/runtime/types';

/** Upstream isPodTerminated: the phase is neither Pending, Running nor Unknown (a missing phase counts as terminated). */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** Upstream eviction.PodIsEvicted: Failed with reason `Evicted`. */
export function isPodEvicted(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' && pod.status.reason === 'Evicted';
}

/**
 * Upstream byEvictionAndCreationTimestamp.Less as a comparator: evicted pods first, then the
 * older creationTimestamp, then the name.
 */
export function compareByEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const evictedA = isPodEvicted(a);
  if (evictedA !== isPodEvicted(b)) return evictedA ? -1 : 1;
  const createdA = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const createdB = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (createdA !== createdB) return createdA - createdB;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The condition pods on a vanished node are marked with before deletion. */
export function deletionByPodGCCondition(): PodCondition {
  return { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
}

/** Upstream UpdatePodCondition: set `condition`, keeping the old transition time when the status did not change. */
function withCondition(conditions: PodCondition[], condition: PodCondition, now: string): PodCondition[] {
  const old = conditions.find((c) => c.type === condition.type);
  const lastTransitionTime = old && old.status === condition.status ? old.lastTransitionTime : now;
  const next = { ...condition, ...(lastTransitionTime !== undefined && { lastTransitionTime }) };
  return old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
}

// #region mark-failed
/**
 * Upstream markFailedAndDeletePodWithCondition: a pod that has not finished is first patched
 * to `Failed` (with `condition`, when given); then it is deleted with a grace period of 0. The
 * status write carries only the pod's UID as a precondition, as upstream's patch does.
 */
export function markFailedAndDeletePod(pod: Pod, now: string, condition?: PodCondition): Intent[] {
  const intents: Intent[] = [];
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const { resourceVersion: _rv, ...metadata } = pod.metadata;
    const conditions = condition ? withCondition(pod.status?.conditions ?? [], condition, now) : pod.status?.conditions;
    const status = { ...pod.status, phase: 'Failed' as const, ...(conditions && { conditions }) };
    intents.push({ type: 'updateStatus', object: { ...pod, metadata, status } as KubeObject });
  }
  intents.push({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, gracePeriodSeconds: 0 });
  return intents;
}
// #endregion mark-failed

/** Upstream gcTerminated: beyond `threshold` terminated pods, delete the surplus, evicted and oldest first. */
export function gcTerminated(pods: Pod[], threshold: number, now: string): Intent[] {
  const terminated = pods.filter(isPodTerminated);
  const deleteCount = terminated.length - threshold;
  if (threshold <= 0 || deleteCount <= 0) return [];
  return [...terminated].sort(compareByEvictionAndCreationTimestamp).slice(0, deleteCount).flatMap((pod) => markFailedAndDeletePod(pod, now));
}

/**
 * The checks about one pod, in upstream's order: gcTerminating (terminating on an
 * out-of-service node that is not ready), gcOrphaned's first step (a missing node is
 * quarantined: its key comes back after 40 s), gcUnscheduledTerminating.
 */
export function gcPod(view: View, pod: Pod): Intent[] {
  const nodeName = pod.spec?.nodeName ?? '';
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  // 1. Never scheduled and being deleted: no kubelet will ever confirm it.
  if (nodeName === '') return terminating ? markFailedAndDeletePod(pod, view.now) : [];
  const node = view.get('Node', '', nodeName) as Node | undefined;
  // 2. The node is missing: look again once the quarantine is over.
  if (!node) return [{ type: 'requeueAfter', key: nodeGcKey(nodeName), seconds: QUARANTINE_SECONDS }];
  // 3. Terminating on a node an administrator declared out of service.
  const outOfService = (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
  if (terminating && outOfService && !isNodeReady(node)) return markFailedAndDeletePod(pod, view.now);
  return [];
}

/** Upstream gcOrphaned after discoverDeletedNodes: if the node is still missing, every pod bound to it goes. */
export function gcOrphaned(view: View, nodeName: string): Intent[] {
  if (view.get('Node', '', nodeName)) return [];
  return (view.podsOnNode(nodeName) as Pod[]).flatMap((pod) => markFailedAndDeletePod(pod, view.now, deletionByPodGCCondition()));
}

/** One pass for `key`, with `threshold` as `--terminated-pod-gc-threshold`. */
export function reconcilePodGC(view: View, key: string, threshold: number): Intent[] {
  return match(parsePodGcKey(key))
    .with({ type: 'terminated' }, () => gcTerminated(view.list('Pod') as Pod[], threshold, view.now))
    .with({ type: 'node' }, ({ name }) => gcOrphaned(view, name))
    .with({ type: 'pod' }, ({ namespace, name }) => {
      const pod = view.get('Pod', namespace, name) as Pod | undefined;
      return pod ? gcPod(view, pod) : [];
    })
    .exhaustive();
}

/** A pod wakes its own key (and the terminated count when it has finished); a node wakes the pods bound to it. */
export function keysForPodGC(object: KubeObject, view: View, threshold: number): string[] {
  if (object.kind === 'Node') return view.podsOnNode(object.metadata.name).map(podGcKey);
  if (object.kind !== 'Pod') return [];
  return threshold > 0 && isPodTerminated(object as Pod) ? [podGcKey(object), TERMINATED_PODS_KEY] : [podGcKey(object)];
}

/** The pod garbage collector with a given terminated-pod threshold. */
export function newPodGCController(options: { terminatedPodThreshold: number }): Controller {
  return {
    name: POD_GC_NAME,
    watches: ['Pod', 'Node'],
    keysFor: (object, view) => keysForPodGC(object, view, options.terminatedPodThreshold),
    reconcile: (view, key) => reconcilePodGC(view, key, options.terminatedPodThreshold),
  };
}

/** The pod garbage collector as kube-controller-manager runs it by default (threshold 12500). */
export const podGCController: Controller = newPodGCController({ terminatedPodThreshold: TERMINATED_POD_GC_THRESHOLD });
