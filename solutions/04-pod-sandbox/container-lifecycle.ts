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
import { match, P } from 'ts-pattern';
import type { ContainerState } from '../../core/api/types/pod';
import {
  MINIMUM_GRACE_PERIOD_SECONDS,
  SIGKILL_EXIT_CODE,
  type ContainerLifecycle,
  type ContainerLifecycleEffect,
  type ContainerLifecycleEvent,
  type ContainerLifecycleSpec,
} from '../../core/kubelet/container-lifecycle';
import type { TransitionTable } from '../../core/docs/transitions';

type Step = [ContainerLifecycle, ContainerLifecycleEffect[]];
type Alive = Extract<ContainerLifecycle, { phase: 'PostStartHook' | 'Running' }>;
type Started = Extract<ContainerLifecycle, { startedAt: string }>;

/**
 * Every edge of the state machine, for the docs' diagram. An event label is the event's
 * `type`, followed by the condition in brackets when the target depends on one.
 */
export const transitions = [
  { from: '[*]', event: 'initialContainer', to: 'Waiting' },
  { from: 'Waiting', event: 'container/startRequested', to: 'Creating' },
  { from: 'Creating', event: 'container/created', to: 'Created' },
  { from: 'Created', event: 'container/started [postStart hook]', to: 'PostStartHook' },
  { from: 'Created', event: 'container/started [no postStart hook]', to: 'Running' },
  { from: 'PostStartHook', event: 'postStart/succeeded', to: 'Running' },
  { from: 'PostStartHook', event: 'postStart/failed [preStop hook, grace > 0]', to: 'PreStopHook' },
  { from: 'PostStartHook', event: 'postStart/failed [otherwise]', to: 'Stopping' },
  { from: 'PostStartHook', event: 'container/exited', to: 'Terminated' },
  { from: 'Running', event: 'container/killRequested [preStop hook, grace > 0]', to: 'PreStopHook' },
  { from: 'Running', event: 'container/killRequested [otherwise]', to: 'Stopping' },
  { from: 'Running', event: 'container/exited', to: 'Terminated' },
  { from: 'PreStopHook', event: 'preStop/completed', to: 'Stopping' },
  { from: 'PreStopHook', event: 'preStop/timedOut', to: 'Stopping' },
  { from: 'PreStopHook', event: 'container/exited', to: 'Terminated' },
  { from: 'Stopping', event: 'container/exited', to: 'Terminated' },
  { from: 'Stopping', event: 'container/killed', to: 'Terminated' },
] as const satisfies TransitionTable;

/** A container not created yet: Waiting with reason ContainerCreating. */
export function initialContainer(spec: ContainerLifecycleSpec): ContainerLifecycle {
  return { phase: 'Waiting', spec, reason: 'ContainerCreating' };
}

/**
 * Applies one event; an event that makes no sense in the current phase (a stale report, a
 * second kill) changes nothing and asks for nothing.
 * Upstream: startContainer and killContainer, split at every point where the kubelet waits.
 */
export function reduceContainer(state: ContainerLifecycle, event: ContainerLifecycleEvent): Step {
  const ignore = (): Step => [state, []];
  return match(state)
    .with({ phase: 'Waiting' }, (s) =>
      match(event)
        .with({ type: 'container/startRequested' }, (): Step => [{ phase: 'Creating', spec: s.spec }, [{ type: 'CreateContainer' }]])
        .with({ type: P.union('container/created', 'container/started', 'postStart/succeeded', 'postStart/failed', 'container/killRequested', 'preStop/completed', 'preStop/timedOut', 'container/exited', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'Creating' }, (s) =>
      match(event)
        // PreStartContainer sits between create and start (CPU and memory managers pin the container).
        .with({ type: 'container/created' }, (e): Step => [{ phase: 'Created', spec: s.spec, containerID: e.containerID }, [{ type: 'PreStartContainer' }, { type: 'StartContainer' }]])
        .with({ type: P.union('container/startRequested', 'container/started', 'postStart/succeeded', 'postStart/failed', 'container/killRequested', 'preStop/completed', 'preStop/timedOut', 'container/exited', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'Created' }, (s) =>
      match(event)
        .with({ type: 'container/started' }, (e): Step =>
          s.spec.hasPostStart
            ? [{ phase: 'PostStartHook', spec: s.spec, containerID: s.containerID, startedAt: e.at }, [{ type: 'RunPostStartHook' }]]
            : [{ phase: 'Running', spec: s.spec, containerID: s.containerID, startedAt: e.at }, []],
        )
        .with({ type: P.union('container/startRequested', 'container/created', 'postStart/succeeded', 'postStart/failed', 'container/killRequested', 'preStop/completed', 'preStop/timedOut', 'container/exited', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'PostStartHook' }, (s) =>
      match(event)
        .with({ type: 'postStart/succeeded' }, (): Step => [{ phase: 'Running', spec: s.spec, containerID: s.containerID, startedAt: s.startedAt }, []])
        .with({ type: 'postStart/failed' }, () => kill(s, s.spec.terminationGracePeriodSeconds, 'FailedPostStartHook'))
        // The entrypoint races with the hook and may exit first.
        .with({ type: 'container/exited' }, (e) => terminate(s, e.exitCode, e.at))
        .with({ type: P.union('container/startRequested', 'container/created', 'container/started', 'container/killRequested', 'preStop/completed', 'preStop/timedOut', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'Running' }, (s) =>
      match(event)
        .with({ type: 'container/killRequested' }, (e) => kill(s, e.gracePeriodSeconds ?? s.spec.terminationGracePeriodSeconds, e.reason ?? ''))
        .with({ type: 'container/exited' }, (e) => terminate(s, e.exitCode, e.at))
        .with({ type: P.union('container/startRequested', 'container/created', 'container/started', 'postStart/succeeded', 'postStart/failed', 'preStop/completed', 'preStop/timedOut', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'PreStopHook' }, (s) =>
      match(event)
        // What the hook used comes off the grace period; TERM always gets at least 2 s.
        .with({ type: 'preStop/completed' }, (e) => stop(s, s.gracePeriodSeconds - e.elapsedSeconds, s.killReason))
        .with({ type: 'preStop/timedOut' }, () => stop(s, 0, s.killReason))
        .with({ type: 'container/exited' }, (e) => terminate(s, e.exitCode, e.at))
        .with({ type: P.union('container/startRequested', 'container/created', 'container/started', 'postStart/succeeded', 'postStart/failed', 'container/killRequested', 'container/killed') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'Stopping' }, (s) =>
      match(event)
        .with({ type: 'container/exited' }, (e) => terminate(s, e.exitCode, e.at))
        .with({ type: 'container/killed' }, (e) => terminate(s, SIGKILL_EXIT_CODE, e.at))
        .with({ type: P.union('container/startRequested', 'container/created', 'container/started', 'postStart/succeeded', 'postStart/failed', 'container/killRequested', 'preStop/completed', 'preStop/timedOut') }, ignore)
        .exhaustive(),
    )
    .with({ phase: 'Terminated' }, ignore)
    .exhaustive();
}

/** killContainer: preStop first when there is one and time for it, else StopContainer at once. */
function kill(s: Alive, gracePeriodSeconds: number, killReason: string): Step {
  if (s.spec.hasPreStop && gracePeriodSeconds > 0) {
    return [
      { phase: 'PreStopHook', spec: s.spec, containerID: s.containerID, startedAt: s.startedAt, gracePeriodSeconds, killReason },
      [{ type: 'RunPreStopHook', timeoutSeconds: gracePeriodSeconds }],
    ];
  }
  return stop(s, gracePeriodSeconds, killReason);
}

function stop(s: Started, remainingSeconds: number, killReason: string): Step {
  const timeoutSeconds = Math.max(remainingSeconds, MINIMUM_GRACE_PERIOD_SECONDS);
  return [
    { phase: 'Stopping', spec: s.spec, containerID: s.containerID, startedAt: s.startedAt, timeoutSeconds, killReason },
    [{ type: 'StopContainer', timeoutSeconds }],
  ];
}

function terminate(s: Started, exitCode: number, at: string): Step {
  return [
    { phase: 'Terminated', spec: s.spec, containerID: s.containerID, startedAt: s.startedAt, finishedAt: at, exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' },
    // Once the container is not running, the kubelet releases what PreStartContainer pinned.
    [{ type: 'PostStopContainer' }],
  ];
}

/**
 * The API's view of the container (`v1.ContainerState`): waiting until postStart returned,
 * running until the process is gone (hooks and TERM included), then terminated.
 * Upstream: convertToAPIContainerStatuses in pkg/kubelet/kubelet_pods.go.
 */
export function toContainerState(state: ContainerLifecycle): ContainerState {
  return match(state)
    .with({ phase: 'Waiting' }, (s): ContainerState => ({ waiting: { reason: s.reason } }))
    .with({ phase: P.union('Creating', 'Created', 'PostStartHook') }, (): ContainerState => ({ waiting: { reason: 'ContainerCreating' } }))
    .with({ phase: P.union('Running', 'PreStopHook', 'Stopping') }, (s): ContainerState => ({ running: { startedAt: s.startedAt } }))
    .with({ phase: 'Terminated' }, (s): ContainerState => ({
      terminated: { exitCode: s.exitCode, reason: s.reason, ...(s.startedAt ? { startedAt: s.startedAt } : {}), finishedAt: s.finishedAt, containerID: s.containerID },
    }))
    .exhaustive();
}
