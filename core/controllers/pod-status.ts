/**
 * The questions every workload controller asks about a pod: is it still active, is it ready,
 * has it been ready long enough to count as available? Given here, because the ReplicaSet,
 * Deployment, StatefulSet and DaemonSet chapters all ask them the same way.
 *
 * Upstream: pkg/controller/controller_utils.go (IsPodActive, FilterActivePods),
 * pkg/api/v1/pod/util.go (IsPodReady, GetPodReadyCondition, IsPodAvailable).
 */
import type { Pod, PodCondition } from '../api/types';

/**
 * Upstream IsPodActive: not Succeeded, not Failed and not being deleted. A terminating pod is
 * no longer counted, so a controller replaces it at once instead of waiting for it to go.
 */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined;
}

/** Upstream FilterActivePods: the active pods, in the order given. */
export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/** Upstream GetPodReadyCondition: the pod's `Ready` condition, if it has one. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** Upstream IsPodReady: the `Ready` condition is present and `True`. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * Upstream IsPodAvailable: ready, and either `minReadySeconds` is 0 or the `Ready` condition
 * became true at least `minReadySeconds` before `now`. A ready condition without
 * `lastTransitionTime` never becomes available when `minReadySeconds > 0`.
 *
 * The boundary is inclusive (ready at t, available from t + minReadySeconds on), as since
 * Kubernetes v1.34 (PR #132122); before that it was strict, a difference of one nanosecond.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: string): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyCondition(pod)?.lastTransitionTime;
  if (!since) return false;
  return Date.parse(since) + minReadySeconds * 1000 <= Date.parse(now);
}
