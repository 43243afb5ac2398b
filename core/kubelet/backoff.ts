/**
 * The kubelet's restart back-off: one entry per (pod, container) key, doubling from 10 s to
 * at most 300 s. The state is plain data so the kubelet agent can keep it between syncs.
 *
 * Upstream: staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (Backoff, backoffEntry),
 * pkg/kubelet/kubelet.go (backOffPeriod, MaxContainerBackOff).
 */
import type { Time } from '../api/types/common';

/** The first delay, in seconds (`backOffPeriod`). */
export const BACK_OFF_PERIOD_SECONDS = 10;

/** The longest delay, in seconds (`MaxContainerBackOff`). */
export const MAX_CONTAINER_BACK_OFF_SECONDS = 300;

/** One key's back-off (`backoffEntry`). */
export type BackOffEntry = {
  /** The current delay. */
  backoffSeconds: number;
  /** When the delay last moved: the time of the last `Next`, i.e. the last (re)start. */
  lastUpdate: Time;
};

/** A back-off table (`flowcontrol.Backoff` without its clock and lock). */
export type BackOff = {
  defaultDurationSeconds: number;
  maxDurationSeconds: number;
  perItemBackoff: Record<string, BackOffEntry>;
};

/** Whether a container may be restarted now (`doBackOff`'s answer). */
export type RestartDecision =
  /** Still inside the delay: do not start it; `backoffSeconds` is the current delay. */
  | { inBackOff: true; backoffSeconds: number }
  /** Start it (the delay has been moved on, or there was nothing to wait for). */
  | { inBackOff: false };
