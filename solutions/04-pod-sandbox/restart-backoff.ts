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
import { BACK_OFF_PERIOD_SECONDS, MAX_CONTAINER_BACK_OFF_SECONDS, type BackOff, type RestartDecision } from '../../core/kubelet/backoff';
import type { Time } from '../../core/api/types/common';
import { toMillis } from '../../core/data/rfc3339';

const seconds = (from: Time, to: Time) => (toMillis(to) - toMillis(from)) / 1000;

/** An empty table; the kubelet uses 10 s and 300 s. Upstream: flowcontrol.NewBackOff. */
export function newBackOff(initialSeconds = BACK_OFF_PERIOD_SECONDS, maxSeconds = MAX_CONTAINER_BACK_OFF_SECONDS): BackOff {
  return { defaultDurationSeconds: initialSeconds, maxDurationSeconds: maxSeconds, perItemBackoff: {} };
}

/** The current delay of `id` in seconds, 0 when it has none. Upstream: Backoff.Get. */
export function getBackOff(b: BackOff, id: string): number {
  return b.perItemBackoff[id]?.backoffSeconds ?? 0;
}

/** "Stable for twice the cap": the entry is stale and starts over. Upstream: hasExpired. */
function hasExpired(b: BackOff, eventTime: Time, lastUpdate: Time): boolean {
  return seconds(lastUpdate, eventTime) > 2 * b.maxDurationSeconds;
}

/**
 * Moves `id` to its next delay: the initial one when it has none or its entry expired
 * (`eventTime` more than twice the cap after the last update), else double, capped.
 * The entry's lastUpdate becomes `now`. Upstream: Backoff.Next.
 */
export function nextBackOff(b: BackOff, id: string, eventTime: Time, now: Time): BackOff {
  const entry = b.perItemBackoff[id];
  const backoffSeconds =
    entry === undefined || hasExpired(b, eventTime, entry.lastUpdate)
      ? b.defaultDurationSeconds
      : Math.min(entry.backoffSeconds * 2, b.maxDurationSeconds);
  return { ...b, perItemBackoff: { ...b.perItemBackoff, [id]: { backoffSeconds, lastUpdate: now } } };
}

/** Forgets `id`. Upstream: Backoff.Reset. */
export function resetBackOff(b: BackOff, id: string): BackOff {
  if (!(id in b.perItemBackoff)) return b;
  const { [id]: _, ...rest } = b.perItemBackoff;
  return { ...b, perItemBackoff: rest };
}

/**
 * Whether less than the current delay has passed since `eventTime` (a container's exit).
 * False when `id` has no entry or the entry expired. Upstream: Backoff.IsInBackOffSince.
 */
export function isInBackOffSince(b: BackOff, id: string, eventTime: Time, now: Time): boolean {
  const entry = b.perItemBackoff[id];
  if (entry === undefined || hasExpired(b, eventTime, entry.lastUpdate)) return false;
  return seconds(eventTime, now) < entry.backoffSeconds;
}

/** Drops entries not updated for more than twice the cap. Upstream: Backoff.GC. */
export function gcBackOff(b: BackOff, now: Time): BackOff {
  const keep = Object.entries(b.perItemBackoff).filter(([, e]) => seconds(e.lastUpdate, now) <= 2 * b.maxDurationSeconds);
  return keep.length === Object.keys(b.perItemBackoff).length ? b : { ...b, perItemBackoff: Object.fromEntries(keep) };
}

/**
 * The kubelet's check before restarting container `key`: with no exited instance there is
 * nothing to wait for; inside the delay since its `finishedAt` it must wait; otherwise it may
 * start, and the delay moves on. Upstream: kubeGenericRuntimeManager.doBackOff.
 */
export function restartBackOff(b: BackOff, key: string, lastExitFinishedAt: Time | undefined, now: Time): [BackOff, RestartDecision] {
  if (lastExitFinishedAt === undefined) return [b, { inBackOff: false }];
  if (isInBackOffSince(b, key, lastExitFinishedAt, now)) return [b, { inBackOff: true, backoffSeconds: getBackOff(b, key) }];
  return [nextBackOff(b, key, lastExitFinishedAt, now), { inBackOff: false }];
}
