/**
 * Kata 05-container-statuses: from the runtime's container instances to the API's container
 * statuses. Each container of the spec gets exactly one status: its newest instance decides
 * `state` (running, or terminated for an instance that exited or was only created), the one
 * before it becomes `lastState`, and a container the next sync will restart but could not
 * start this time shows `waiting` with the reason from the reason cache: CrashLoopBackOff,
 * ErrImagePull, ImagePullBackOff. A container with no instance yet waits as ContainerCreating
 * (PodInitializing while the pod has init containers).
 *
 * Probes are not simulated: a running container is `started` and `ready`.
 *
 * Upstream: pkg/kubelet/kubelet_pods.go (convertToAPIContainerStatuses),
 * pkg/kubelet/prober/prober_manager.go (UpdatePodStatus: ready and started),
 * pkg/kubelet/types/pod_status.go (SortedContainerStatuses, SortInitContainerStatuses).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { ContainerStatus } from '../../core/api/types/pod';
import type { ContainerStatusesInput } from '../../core/kubelet/container-statuses';

// TODO(kata): four steps, as convertToAPIContainerStatuses takes them.
// 1. Every container starts as `waiting: {reason: ContainerCreating}` (PodInitializing when the
//    pod has init containers), ready and started false, keeping restartCount and lastState from
//    its previous status; a previous status that is terminated is kept whole.
// 2. Walk podStatus.containerStatuses (newest first): the first instance of a name becomes its
//    status (running -> ready and started; exited or created -> terminated with exitCode,
//    reason, message, startedAt, finishedAt; containerID `containerd://<id>`, imageID from
//    imageRef), the second becomes lastState; ignore older ones.
// 3. For each container that shouldContainerBeRestarted (@kata/04-pod-sandbox/compute-pod-actions)
//    and has a reason cached (reasonKey), show `waiting: {reason, message}`, moving a terminated
//    state to lastState. Skip init containers whose latest instance exited 0.
// 4. Regular containers sorted by name; init containers in spec order.

/** The API statuses of one list of containers (init or regular). Upstream: convertToAPIContainerStatuses. */
export function toAPIContainerStatuses(input: ContainerStatusesInput): ContainerStatus[] {
  return notImplemented('05-container-statuses');
}
