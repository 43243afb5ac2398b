/**
 * Kata 04-backoff: CrashLoopBackOff. Every (pod, container) key has a delay that starts at
 * 10 s and doubles on every restart, up to 300 s. A container that ran for more than twice
 * the cap (10 minutes) before it exited starts over at the beginning. The table is plain
 * data and never reads a clock: `now` and the container's `finishedAt` come in.
 *
 * Upstream: staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (Backoff: Get, Next,
 * Reset, IsInBackOffSince, GC, hasExpired), pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * (doBackOff), pkg/kubelet/kubelet.go (backOffPeriod 10 s, MaxContainerBackOff 300 s).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { BackOff, RestartDecision } from '../../core/kubelet/backoff';
import type { Time } from '../../core/api/types/common';

// TODO(kata): keep one entry per key, { backoffSeconds, lastUpdate }. Next starts an entry at
// the initial delay (or restarts it when eventTime is more than 2 x max after lastUpdate),
// otherwise doubles it up to the max, and stamps lastUpdate = now. IsInBackOffSince answers
// "has less than the delay passed since eventTime?". restartBackOff combines them the way the
// kubelet does before every container start. Times are RFC 3339 (core/data/rfc3339 converts).

/** An empty table; the kubelet uses 10 s and 300 s (core/kubelet/backoff). Upstream: flowcontrol.NewBackOff. */
export function newBackOff(initialSeconds?: number, maxSeconds?: number): BackOff {
  return notImplemented('04-backoff');
}

/** The current delay of `id` in seconds, 0 when it has none. Upstream: Backoff.Get. */
export function getBackOff(b: BackOff, id: string): number {
  return notImplemented('04-backoff');
}

/**
 * Moves `id` to its next delay: the initial one when it has none or its entry expired
 * (`eventTime` more than twice the cap after the last update), else double, capped.
 * The entry's lastUpdate becomes `now`. Upstream: Backoff.Next.
 */
export function nextBackOff(b: BackOff, id: string, eventTime: Time, now: Time): BackOff {
  return notImplemented('04-backoff');
}

/** Forgets `id`. Upstream: Backoff.Reset. */
export function resetBackOff(b: BackOff, id: string): BackOff {
  return notImplemented('04-backoff');
}

/**
 * Whether less than the current delay has passed since `eventTime` (a container's exit).
 * False when `id` has no entry or the entry expired. Upstream: Backoff.IsInBackOffSince.
 */
export function isInBackOffSince(b: BackOff, id: string, eventTime: Time, now: Time): boolean {
  return notImplemented('04-backoff');
}

/** Drops entries not updated for more than twice the cap. Upstream: Backoff.GC. */
export function gcBackOff(b: BackOff, now: Time): BackOff {
  return notImplemented('04-backoff');
}

/**
 * The kubelet's check before restarting container `key`: with no exited instance there is
 * nothing to wait for; inside the delay since its `finishedAt` it must wait; otherwise it may
 * start, and the delay moves on. Upstream: kubeGenericRuntimeManager.doBackOff.
 */
export function restartBackOff(b: BackOff, key: string, lastExitFinishedAt: Time | undefined, now: Time): [BackOff, RestartDecision] {
  return notImplemented('04-backoff');
}
