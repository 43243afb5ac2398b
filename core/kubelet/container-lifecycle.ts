/**
 * One container instance's life as the kubelet drives it, from "to be created" to
 * "terminated": the phases, the past-tense events that move it, and the effects (runtime
 * calls and hook runs) each step asks for. The order is the one the kubelet keeps:
 *
 * - start: CreateContainer -> PreStartContainer -> StartContainer -> postStart hook;
 * - stop:  preStop hook -> StopContainer -> PostStopContainer.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer, killContainer,
 * executePreStopHook, minimumGracePeriodInSeconds), pkg/kubelet/cm/internal_container_lifecycle.go
 * (PreStartContainer, PostStopContainer), website: concepts/containers/container-lifecycle-hooks.md.
 */
import type { Time } from '../api/types/common';
import type { Container } from '../api/types/container';
import type { Pod } from '../api/types/pod';

/** The floor for a StopContainer timeout: even after preStop used up the grace, TERM gets 2 s. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/** What the state machine needs to know about the container and its pod. */
export type ContainerLifecycleSpec = {
  name: string;
  hasPostStart: boolean;
  hasPreStop: boolean;
  /** The pod's `terminationGracePeriodSeconds` (API default 30). */
  terminationGracePeriodSeconds: number;
};

/** Phase-bearing state of one container instance. */
export type ContainerLifecycle =
  /** Not created yet; the API shows `waiting: {reason: ContainerCreating}`. */
  | { phase: 'Waiting'; spec: ContainerLifecycleSpec; reason: string }
  /** CreateContainer has been asked for. */
  | { phase: 'Creating'; spec: ContainerLifecycleSpec }
  /** The runtime created it; the kubelet runs PreStartContainer, then StartContainer. */
  | { phase: 'Created'; spec: ContainerLifecycleSpec; containerID: string }
  /** The process runs, the postStart hook too; the container is not Running until the hook returns. */
  | { phase: 'PostStartHook'; spec: ContainerLifecycleSpec; containerID: string; startedAt: Time }
  | { phase: 'Running'; spec: ContainerLifecycleSpec; containerID: string; startedAt: Time }
  /** The preStop hook runs; its time counts against the grace period. */
  | { phase: 'PreStopHook'; spec: ContainerLifecycleSpec; containerID: string; startedAt: Time; gracePeriodSeconds: number; killReason: string }
  /** StopContainer sent TERM; KILL follows after `timeoutSeconds`. */
  | { phase: 'Stopping'; spec: ContainerLifecycleSpec; containerID: string; startedAt: Time; timeoutSeconds: number; killReason: string }
  | { phase: 'Terminated'; spec: ContainerLifecycleSpec; containerID: string; startedAt?: Time; finishedAt: Time; exitCode: number; reason: string };

/** The name of a phase. */
export type ContainerPhase = ContainerLifecycle['phase'];

/** What happened, as the kubelet learns it from itself, the runtime, or a hook. */
export type ContainerLifecycleEvent =
  /** The kubelet decided to start this container (SyncPod steps 5 to 8). */
  | { type: 'container/startRequested' }
  | { type: 'container/created'; containerID: string }
  | { type: 'container/started'; at: Time }
  | { type: 'postStart/succeeded' }
  | { type: 'postStart/failed' }
  /** The kubelet decided to stop it; `gracePeriodSeconds` overrides the pod's (a deletion's grace). */
  | { type: 'container/killRequested'; gracePeriodSeconds?: number; reason?: string }
  /** The preStop hook returned after `elapsedSeconds` (whole seconds, as the kubelet measures). */
  | { type: 'preStop/completed'; elapsedSeconds: number }
  /** The grace period ran out while the preStop hook was still running. */
  | { type: 'preStop/timedOut' }
  /** The process exited (on its own, or after TERM). */
  | { type: 'container/exited'; exitCode: number; at: Time }
  /** The StopContainer timeout passed and the runtime sent KILL. */
  | { type: 'container/killed'; at: Time };

/** What a step asks the outside world to do, in order. */
export type ContainerLifecycleEffect =
  | { type: 'CreateContainer' }
  | { type: 'PreStartContainer' }
  | { type: 'StartContainer' }
  | { type: 'RunPostStartHook' }
  | { type: 'RunPreStopHook'; timeoutSeconds: number }
  | { type: 'StopContainer'; timeoutSeconds: number }
  | { type: 'PostStopContainer' };

/** The exit code a runtime reports for a process killed with SIGKILL (128 + 9). */
export const SIGKILL_EXIT_CODE = 137;

/** The lifecycle spec of a container of a pod: which hooks it has, and the pod's grace period (default 30 s). */
export function containerLifecycleSpec(container: Container, pod?: Pod): ContainerLifecycleSpec {
  return {
    name: container.name,
    hasPostStart: container.lifecycle?.postStart !== undefined,
    hasPreStop: container.lifecycle?.preStop !== undefined,
    terminationGracePeriodSeconds: pod?.spec?.terminationGracePeriodSeconds ?? 30,
  };
}
