/**
 * Kata 04-pod-phase: the pod's phase, derived by the kubelet from its container statuses on
 * every sync. Pending until everything has started, Running while something runs (or is
 * about to restart), Succeeded or Failed once everything stopped for good. A phase is a
 * summary for humans and controllers; the conditions (kata 04-pod-status) carry the detail.
 *
 * This follows upstream with the alpha gates ContainerRestartRules and
 * RestartAllContainersOnContainerExits off (their defaults).
 *
 * Upstream: pkg/kubelet/kubelet_pods.go (getPhase), pkg/kubelet/types/pod_update.go (IsStaticPod).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { ContainerStatus, Pod, PodPhase } from '../../core/api/types/pod';

// TODO(kata): count, as upstream does: regular init containers (pending, or failed after a
// non-zero exit, now or in lastState), sidecars (restartPolicy Always init containers:
// running-but-not-started holds initialization; stopped ones do not count), regular
// containers (running, stopped, succeeded, waiting, unknown = no status). Then decide:
// failed init under Never -> Failed; anything pending -> Pending; running and nothing unknown
// -> Running; all stopped -> by podIsTerminal, then restartPolicy. A static pod (annotation
// kubernetes.io/config.source other than "api") never becomes terminal through podIsTerminal.

/**
 * The phase of a pod given the statuses of its init and regular containers. `podIsTerminal`:
 * the pod is being deleted and every container stopped; `podHasInitialized`: a regular
 * container of the current sandbox has started (a restarting sidecar then does not make the
 * pod Pending again). Never returns Unknown. Upstream: getPhase.
 */
export function getPhase(pod: Pod, info: ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): PodPhase {
  return notImplemented('04-pod-phase');
}
