/**
 * SyncPod's work for one pod, written down as data: the container runtime (CRI) calls and
 * lifecycle-hook runs the kubelet makes, in order, when every call succeeds. A runtime agent
 * (chapter 05) carries the plan out against the simulated runtime and stops at the first
 * call that fails, as SyncPod returns on the first error of a step.
 *
 * Two things are decided only while the plan runs, so the plan states them as budgets:
 * a `StopContainer` timeout is what is left of the grace period after the preStop hook, at
 * least 2 s (the container-lifecycle kata does that arithmetic); and calls that follow a
 * `RunPodSandbox` in the same plan go to the sandbox it creates (`podSandboxID` absent).
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod, killPodWithSyncResult),
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer, killContainer,
 * purgeInitContainers), pkg/kubelet/container/sync_result.go (SyncAction, ErrCrashLoopBackOff),
 * staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto (RuntimeService, ImageService).
 */
import type { Time } from '../api/types/common';
import type { PullPolicy } from '../api/types/container';
import type { Pod } from '../api/types/pod';
import type { BackOff } from './backoff';
import type { ContainerKillReason, PodActions } from './pod-actions';
import type { RuntimePodStatus } from './runtime-status';

/** Which list of the pod spec a container comes from. */
export type ContainerKind = 'init' | 'regular' | 'ephemeral';

/** One step of SyncPod. */
export type SyncStep =
  /** Run the container's preStop hook; the kubelet waits for it at most `timeoutSeconds` (the grace period). */
  | { type: 'RunPreStopHook'; containerID: string; name: string; timeoutSeconds: number }
  /**
   * CRI StopContainer: TERM, then KILL. `gracePeriodSeconds` is the kill's whole grace period;
   * the timeout sent is what a preceding preStop hook left of it, at least 2 s.
   */
  | { type: 'StopContainer'; containerID: string; name: string; gracePeriodSeconds: number; reason: ContainerKillReason; message: string }
  /** CRI StopPodSandbox: stops the pause container and tears down the pod network (CNI DEL). */
  | { type: 'StopPodSandbox'; podSandboxID: string }
  /** CRI RemoveContainer: init containers are purged when the sandbox is recreated, so they all run again. */
  | { type: 'RemoveContainer'; containerID: string; name: string }
  /** CRI RunPodSandbox: the pause container and its namespaces; CNI ADD gives the pod its IP. */
  | { type: 'RunPodSandbox'; attempt: number }
  /** ImageService PullImage; the runtime skips it when the policy allows and the image is present. */
  | { type: 'PullImage'; image: string; imagePullPolicy: PullPolicy }
  /** CRI CreateContainer in the pod's sandbox; `attempt` is the new instance's restart count. */
  | { type: 'CreateContainer'; podSandboxID?: string; name: string; kind: ContainerKind; attempt: number }
  /** The kubelet's internal PreStartContainer hook (CPU and memory managers) between create and start. */
  | { type: 'PreStartContainer'; name: string }
  /** CRI StartContainer. */
  | { type: 'StartContainer'; name: string }
  /** Run the container's postStart hook; if it fails the kubelet kills the container (FailedPostStartHook). */
  | { type: 'RunPostStartHook'; name: string };

/** The outcome of trying to start one container in this sync (`SyncResult` of a StartContainer action). */
export type StartResult =
  | { name: string; kind: ContainerKind; outcome: 'started' }
  /** Still backing off: not started; the API shows it as Waiting with this reason and message. */
  | { name: string; kind: ContainerKind; outcome: 'CrashLoopBackOff'; message: string };

/** What SyncPod works from: the pod, what the runtime reports, the back-off table, and the time. */
export type SyncPodInput = {
  pod: Pod;
  podStatus: RuntimePodStatus;
  backOff: BackOff;
  now: Time;
};

/** What one SyncPod produced: the decisions, the steps in order, each start's outcome, and the new back-off table. */
export type SyncPodResult = {
  actions: PodActions;
  steps: SyncStep[];
  startResults: StartResult[];
  backOff: BackOff;
};
