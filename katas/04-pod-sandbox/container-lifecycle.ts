/**
 * Kata 04-container-lifecycle: one container instance from "to be created" to "terminated",
 * as a reducer over what the kubelet learns, returning the runtime calls and hook runs to
 * make next. The API sees three states (waiting, running, terminated); the kubelet walks
 * through more, because the hooks sit between them:
 *
 * - start: CreateContainer -> PreStartContainer -> StartContainer -> postStart hook. The
 *   container only counts as Running once postStart returned; if the hook fails, the kubelet
 *   kills the container (reason FailedPostStartHook) and the restart policy takes over.
 * - stop: preStop hook -> StopContainer -> PostStopContainer. The preStop hook runs inside
 *   the grace period; StopContainer gets what is left, but never less than 2 s (so a preStop
 *   that used the whole grace leaves a single 2 s extension). A grace period of 0 skips preStop.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer, killContainer,
 * executePreStopHook, minimumGracePeriodInSeconds), website: concepts/containers/container-lifecycle-hooks.md.
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { ContainerState } from '../../core/api/types/pod';
import type { ContainerLifecycle, ContainerLifecycleEffect, ContainerLifecycleEvent, ContainerLifecycleSpec } from '../../core/kubelet/container-lifecycle';
import type { TransitionTable } from '../../core/docs/transitions';

// TODO(kata): write reduceContainer phase by phase (match on state.phase first, then on the
// event; an event that makes no sense in a phase returns the state unchanged and no effects).
// Kill: RunPreStopHook when the container has a preStop hook and the grace period is > 0,
// else StopContainer right away; StopContainer's timeout is max(grace left, 2). Then list
// every edge your reducer makes in `transitions`, and map phases to the API in toContainerState.

/**
 * Every edge of the state machine, for the docs' diagram: `{ from, event, to }` with phase
 * names, `'[*]'` for the start. An event label is the event's `type`, optionally followed by
 * a condition in brackets (`container/started [postStart hook]`). Write it as a literal array.
 */
export const transitions = [] as const satisfies TransitionTable;

/** A container not created yet: Waiting with reason ContainerCreating. */
export function initialContainer(spec: ContainerLifecycleSpec): ContainerLifecycle {
  return notImplemented('04-container-lifecycle');
}

/**
 * Applies one event; an event that makes no sense in the current phase (a stale report, a
 * second kill) changes nothing and asks for nothing.
 * Upstream: startContainer and killContainer, split at every point where the kubelet waits.
 */
export function reduceContainer(state: ContainerLifecycle, event: ContainerLifecycleEvent): [ContainerLifecycle, ContainerLifecycleEffect[]] {
  return notImplemented('04-container-lifecycle');
}

/**
 * The API's view of the container (`v1.ContainerState`): waiting (reason ContainerCreating)
 * until postStart returned, running until the process is gone (hooks and TERM included),
 * then terminated with exit code, reason (`Completed` for 0, else `Error`) and times.
 * Upstream: convertToAPIContainerStatuses in pkg/kubelet/kubelet_pods.go.
 */
export function toContainerState(state: ContainerLifecycle): ContainerState {
  return notImplemented('04-container-lifecycle');
}
