/**
 * What `computePodActions` decides for one pod: the plan that SyncPod then carries out.
 * Indexes point into the pod spec's lists; containers to kill are keyed by runtime
 * container ID because an instance, not a spec entry, is what gets stopped.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (podActions, containerToKillInfo,
 * containerKillReason). In-place resize (ContainersToUpdate) is not modelled here.
 */

/** Why a container is killed, when a specific cause is known (`''` for a changed definition). */
export type ContainerKillReason = 'StartupProbe' | 'LivenessProbe' | 'FailedPostStartHook' | 'Unknown' | '';

/** One container instance to stop, and why. */
export type ContainerToKill = {
  /** The container's name in the pod spec. */
  name: string;
  /** The event message, e.g. `Container app failed liveness probe, will be restarted`. */
  message: string;
  reason: ContainerKillReason;
};

/** The plan for one pod (`podActions`). */
export type PodActions = {
  /** Stop every running container and every sandbox of the pod. */
  killPod: boolean;
  /** Create a new sandbox (after killing the pod, when `killPod` is also set). */
  createSandbox: boolean;
  /** The existing (latest) sandbox's ID, `''` when there is none to reuse. */
  sandboxID: string;
  /** The attempt number for the sandbox to create: 0 for the first, then one more each time. */
  attempt: number;
  /** Indexes into `spec.initContainers` to start, in spec order: at most one regular init container, plus sidecars. */
  initContainersToStart: number[];
  /** Indexes into `spec.containers` to start. */
  containersToStart: number[];
  /** Container instances to stop, keyed by container ID. */
  containersToKill: Record<string, ContainerToKill>;
  /** Indexes into `spec.ephemeralContainers` to start. */
  ephemeralContainersToStart: number[];
};
