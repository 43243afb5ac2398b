/**
 * Kata 04-pod-status: the status the kubelet writes for a pod. Besides the phase, the
 * kubelet owns five conditions and writes them in this order after any condition it does not
 * own (readiness gates, DisruptionTarget), which it keeps as they are:
 *
 * - PodReadyToStartContainers: the sandbox exists and has its network;
 * - Initialized: every regular init container succeeded and every sidecar has started;
 * - Ready: ContainersReady and every readiness gate's condition True;
 * - ContainersReady: every container, sidecars included, is ready;
 * - PodScheduled: True, since the pod is on this node.
 *
 * A condition keeps its lastTransitionTime while its status stays the same. A terminal phase
 * (Succeeded, Failed) never changes back.
 *
 * Upstream: pkg/kubelet/status/generate.go (GenerateContainersReadyCondition,
 * GeneratePodReadyCondition, GeneratePodInitializedCondition,
 * GeneratePodReadyToStartContainersCondition), pkg/kubelet/kubelet_pods.go
 * (generateAPIPodStatus), pkg/kubelet/status/status_manager.go (updateLastTransitionTime).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../../core/api/types/pod';
import type { PodStatusInput } from '../../core/kubelet/pod-conditions';

// TODO(kata): one generator per condition, as upstream's status/generate.go has them (the
// reasons are constants in core/kubelet/pod-conditions; messages list container names the way
// Go prints a []string: `containers with unknown status: [a b]`). Then generateAPIPodStatus:
// the phase from getPhase (@kata/04-pod-sandbox/pod-phase) unless the old phase is terminal,
// the conditions you do not own kept first, then yours in order, and lastTransitionTime taken
// from the old condition of the same type when its status did not change (else `now`).

/**
 * ContainersReady: True when every regular container and every sidecar reports ready.
 * `undefined` statuses (none reported at all) give UnknownContainerStatuses; a Succeeded pod
 * with all statuses known gives PodCompleted, a Failed pod PodFailed; otherwise False with
 * ContainersNotReady and `containers with unknown status: [..]`, `containers with unready status: [..]`.
 * Upstream: GenerateContainersReadyCondition.
 */
export function generateContainersReadyCondition(pod: Pod, containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  return notImplemented('04-pod-status');
}

/**
 * Ready: ContainersReady's status, reason and message when that is not True; else True only
 * when every readiness gate names a condition in `conditions` whose status is True (messages:
 * `corresponding condition of pod readiness gate "<type>" does not exist.` and
 * `the status of pod readiness gate "<type>" is not "True", but <status>`, joined by ", ").
 * Upstream: GeneratePodReadyCondition.
 */
export function generatePodReadyCondition(pod: Pod, conditions: PodCondition[], containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  return notImplemented('04-pod-status');
}

/**
 * Initialized: True when every regular init container is done (its status says ready) and
 * every sidecar has started; also True once a regular container has run (a restarting
 * sidecar does not un-initialize the pod), and True with reason PodCompleted for a Succeeded
 * pod whose init statuses are all known. Otherwise False, ContainersNotInitialized, with
 * `containers with unknown status: [..]` and `containers with incomplete status: [..]`.
 * Upstream: GeneratePodInitializedCondition.
 */
export function generatePodInitializedCondition(pod: Pod, containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  return notImplemented('04-pod-status');
}

/** PodReadyToStartContainers: True once the pod's sandbox is up with its network. Upstream: GeneratePodReadyToStartContainersCondition. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return notImplemented('04-pod-status');
}

/**
 * The pod's new status: phase (terminal phases stick; reason and message stay while the
 * phase does), the container statuses, the conditions the kubelet does not own kept first,
 * then its own five in order (PodReadyToStartContainers, Initialized, Ready, ContainersReady,
 * PodScheduled), each keeping its lastTransitionTime while its status is the same.
 * Upstream: generateAPIPodStatus and the status manager's updateLastTransitionTime.
 */
export function generateAPIPodStatus(input: PodStatusInput): PodStatus {
  return notImplemented('04-pod-status');
}
