/**
 * The questions the StatefulSet controller asks about one of its pods. They differ from the
 * ReplicaSet's in two ways worth knowing: "ready" here also requires the `Running` phase
 * (a pod whose containers all exited may still say Ready=True for a moment), and the
 * controller works with pods it has not created yet, which have no phase at all.
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go (isRunningAndReady,
 * isRunningAndAvailable, isCreated, isPending, isFailed, isSucceeded, isTerminating,
 * isHealthy, isUnavailable).
 */
import type { Pod } from '../api/types';
import { isPodAvailable, isPodReady } from './pod-status';

/** Upstream isCreated: the API server has the pod, so it has a phase (the server sets Pending on create). */
export function isCreated(pod: Pod): boolean {
  return (pod.status?.phase ?? '') !== '';
}

/** Upstream isPending: phase Pending. */
export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending';
}

/** Upstream isFailed: phase Failed. */
export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

/** Upstream isSucceeded: phase Succeeded. */
export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

/** Upstream isTerminating: deletion has started. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** Upstream isRunningAndReady: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** Upstream isRunningAndAvailable: ready for at least `minReadySeconds` by `now` (see isPodAvailable). */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: string): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** Upstream isHealthy: running, ready and not being deleted. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** Upstream isUnavailable: not healthy, or not yet ready for `minReadySeconds`. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: string): boolean {
  return !isHealthy(pod) || !isRunningAndAvailable(pod, minReadySeconds, now);
}
