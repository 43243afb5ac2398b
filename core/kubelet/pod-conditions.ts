/**
 * The reasons the kubelet writes on the pod conditions it owns, and which conditions those
 * are. Other conditions (readiness gates set by controllers, DisruptionTarget) are kept as
 * the API holds them.
 *
 * Upstream: pkg/kubelet/status/generate.go (reason constants), pkg/kubelet/types/pod_status.go
 * (PodConditionsByKubelet, PodConditionByKubelet).
 */
import type { Time } from '../api/types/common';
import type { ContainerStatus, Pod } from '../api/types/pod';

/** All container statuses are unknown (none were reported at all). */
export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
/** All related containers have succeeded. */
export const POD_COMPLETED = 'PodCompleted';
/** The pod failed, so its containers are not ready. */
export const POD_FAILED = 'PodFailed';
/** One or more containers are not ready. */
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
/** One or more init containers have not succeeded (or a sidecar has not started). */
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
/** One or more readiness gates are not True. */
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

/** Condition types the kubelet writes itself; any other condition type is kept from the API. */
export const POD_CONDITIONS_BY_KUBELET: readonly string[] = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'];

/** What the kubelet knows when it writes a pod's status (generateAPIPodStatus's inputs). */
export type PodStatusInput = {
  /** The pod as the API holds it; its `status` is the old status. */
  pod: Pod;
  /** The API statuses of the init containers (sidecars included) and of the regular containers. */
  initContainerStatuses: ContainerStatus[];
  containerStatuses: ContainerStatus[];
  /** The pod is being deleted and every container has stopped: its phase must become terminal. */
  podIsTerminal: boolean;
  /** A regular container of the current sandbox has started, so initialization happened (HasAnyActiveRegularContainerStarted). */
  podHasInitialized: boolean;
  /** The pod has a ready sandbox with networking, so no new one is needed (`!PodSandboxChanged`). */
  sandboxReady: boolean;
  /** The sandbox's IPs, primary first. */
  podIPs?: string[];
  now: Time;
};
