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
import type { ContainerStatus, Pod, PodPhase } from '../../core/api/types/pod';
import { isRestartableInitContainer, restartPolicyOf } from '../../core/kubelet/runtime-status';

const statusOf = (info: ContainerStatus[], name: string) => info.find((s) => s.name === name);

/** A static pod comes from a file or URL on the node, not from the API server. Upstream: IsStaticPod. */
function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata.annotations?.['kubernetes.io/config.source'];
  return source !== undefined && source !== 'api';
}

/**
 * The phase of a pod given the statuses of its init and regular containers. `podIsTerminal`:
 * the pod is being deleted and every container stopped; `podHasInitialized`: a regular
 * container of the current sandbox has started (a restarting sidecar then does not make the
 * pod Pending again). Upstream: getPhase.
 */
export function getPhase(pod: Pod, info: ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): PodPhase {
  const spec = pod.spec ?? { containers: [] };
  const policy = restartPolicyOf(pod);
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  let [unknown, running, waiting, stopped, succeeded] = [0, 0, 0, 0, 0];

  // 1. Regular init containers: pending until they exit 0; failed after a non-zero exit.
  for (const c of (spec.initContainers ?? []).filter((c) => !isRestartableInitContainer(c))) {
    const s = statusOf(info, c.name);
    if (s?.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s?.state?.waiting && s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingRegularInit++;
  }

  // 2. Sidecars: running but not started yet holds initialization; stopped ones do not count.
  for (const c of (spec.initContainers ?? []).filter(isRestartableInitContainer)) {
    const s = statusOf(info, c.name);
    if (s === undefined) unknown++;
    else if (s.state?.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state?.terminated) {
      // a stopped sidecar says nothing about the pod's phase
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingSidecars++;
        waiting++;
      }
    } else {
      pendingSidecars++;
      unknown++;
    }
  }

  // 3. Regular containers.
  for (const c of spec.containers) {
    const s = statusOf(info, c.name);
    if (s === undefined) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  // 4. Decide.
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingSidecars > 0 && !podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    // A terminal pod's containers will not restart, whatever the policy says.
    if (podIsTerminal && !isStaticPod(pod)) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running'; // OnFailure: the failed ones are restarting
  }
  return 'Pending';
}
