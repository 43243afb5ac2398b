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
import type { ContainerState, ContainerStatus } from '../../core/api/types/pod';
import type { SimContainerStatus } from '../../core/kubelet/cri';
import { reasonKey, RUNTIME_TYPE, type ContainerStatusesInput } from '../../core/kubelet/container-statuses';
import { shouldContainerBeRestarted } from '@kata/04-pod-sandbox/compute-pod-actions';

/** One runtime instance as an API status. Upstream: convertContainerStatus. */
function convert(cs: SimContainerStatus): ContainerStatus {
  const containerID = `${RUNTIME_TYPE}://${cs.id}`;
  const base = { name: cs.name, restartCount: cs.restartCount, image: cs.image ?? '', imageID: cs.imageRef, containerID };
  if (cs.state === 'running') return { ...base, ready: true, started: true, state: { running: { ...(cs.startedAt ? { startedAt: cs.startedAt } : {}) } } };
  if (cs.state === 'unknown') return { ...base, ready: false, started: false, state: { waiting: {} } };
  // A created container that never started is reported as exited: a sync starts what it creates.
  const terminated: ContainerState['terminated'] = {
    exitCode: cs.exitCode ?? 0,
    ...(cs.reason ? { reason: cs.reason } : {}),
    ...(cs.message ? { message: cs.message } : {}),
    ...(cs.startedAt ? { startedAt: cs.startedAt } : {}),
    ...(cs.finishedAt ? { finishedAt: cs.finishedAt } : {}),
    containerID,
  };
  return { ...base, ready: false, started: false, state: { terminated } };
}

/** The API statuses of one list of containers (init or regular). Upstream: convertToAPIContainerStatuses. */
export function toAPIContainerStatuses({ pod, podStatus, previous, containers, isInit, reasons }: ContainerStatusesInput): ContainerStatus[] {
  const hasInitContainers = (pod.spec?.initContainers ?? []).length > 0;
  const old = new Map((previous ?? []).map((s) => [s.name, s]));
  const statuses = new Map<string, ContainerStatus>();

  // 1. Everyone starts as waiting, keeping the old restart count and last state.
  for (const container of containers) {
    const before = old.get(container.name);
    if (before?.state?.terminated) {
      statuses.set(container.name, before);
      continue;
    }
    statuses.set(container.name, {
      name: container.name,
      image: container.image ?? '',
      imageID: '',
      ready: false,
      restartCount: before?.restartCount ?? 0,
      started: false,
      state: { waiting: { reason: hasInitContainers ? 'PodInitializing' : 'ContainerCreating' } },
      ...(before?.lastState ? { lastState: before.lastState } : {}),
    });
  }

  // 2. The newest instance gives the state, the one before it the last state.
  const seen = new Map<string, number>();
  for (const cs of podStatus.containerStatuses) {
    const current = statuses.get(cs.name);
    const count = seen.get(cs.name) ?? 0;
    if (current === undefined || count >= 2) continue;
    if (count === 0) statuses.set(cs.name, convert(cs));
    else statuses.set(cs.name, { ...current, lastState: convert(cs).state ?? {} });
    seen.set(cs.name, count + 1);
  }

  // 3. A container the next sync restarts, but that failed to start now, is waiting with the reason.
  for (const container of containers) {
    const latest = podStatus.containerStatuses.find((c) => c.name === container.name);
    if (isInit && latest?.state === 'exited' && latest.exitCode === 0) continue;
    if (!shouldContainerBeRestarted(container, pod, podStatus)) continue;
    const reason = reasons[reasonKey(pod.metadata.uid ?? '', container.name)];
    const status = statuses.get(container.name);
    if (reason === undefined || status === undefined) continue;
    statuses.set(container.name, {
      ...status,
      ...(status.state?.terminated ? { lastState: status.state } : {}),
      ready: false,
      started: false,
      state: { waiting: { reason: reason.reason, message: reason.message } },
    });
  }

  // 4. Regular containers sorted by name, init containers in spec order.
  const ordered = containers.map((c) => statuses.get(c.name)!);
  return isInit ? ordered : ordered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
