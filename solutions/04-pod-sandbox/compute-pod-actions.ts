/**
 * Kata 04-compute-pod-actions: step 1 of SyncPod. Compare what the pod spec wants with what
 * the runtime has and decide, without doing anything yet: does the pod need a new sandbox
 * (and so a full restart)? which container instances must be stopped, and why? which init
 * container runs next (init containers run one at a time, in order; sidecars keep running)?
 * which regular and ephemeral containers start?
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions,
 * containerChanged, shouldRestartOnFailure, containerSucceeded),
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (computeInitContainerActions,
 * hasAnyRegularContainerCreated), pkg/kubelet/kuberuntime/helpers.go (isInitContainerFailed),
 * pkg/kubelet/kuberuntime/util/util.go (PodSandboxChanged),
 * pkg/kubelet/container/helpers.go (ShouldContainerBeRestarted). In-place resize is left out.
 */
import type { Container } from '../../core/api/types/container';
import type { Pod } from '../../core/api/types/pod';
import { hashContainer } from '../../core/kubelet/hash';
import type { ContainerKillReason, PodActions } from '../../core/kubelet/pod-actions';
import {
  findContainerStatusByName,
  isRestartableInitContainer,
  networkNamespaceForPod,
  restartPolicyOf,
  type RuntimeContainerStatus,
  type RuntimePodStatus,
} from '../../core/kubelet/runtime-status';

/**
 * Whether the pod needs a new sandbox: none exists, the latest is not ready, several are
 * ready, its network namespace mode no longer matches the spec, or it has no IP. Returns the
 * attempt number for the new sandbox and the ID of the existing one.
 * Upstream: PodSandboxChanged.
 */
export function podSandboxChanged(pod: Pod, podStatus: RuntimePodStatus): { changed: boolean; attempt: number; sandboxID: string } {
  const latest = podStatus.sandboxStatuses[0];
  if (latest === undefined) return { changed: true, attempt: 0, sandboxID: '' };
  const ready = podStatus.sandboxStatuses.filter((s) => s.state === 'SANDBOX_READY').length;
  const next = latest.metadata.attempt + 1;
  if (ready > 1 || latest.state !== 'SANDBOX_READY') return { changed: true, attempt: next, sandboxID: latest.id };
  // The old sandbox cannot be reused in the new mode, so there is no ID to carry over.
  if ((latest.linux?.namespaces?.options?.network ?? 'POD') !== networkNamespaceForPod(pod)) return { changed: true, attempt: next, sandboxID: '' };
  if (!pod.spec?.hostNetwork && latest.network !== undefined && latest.network.ip === '') return { changed: true, attempt: next, sandboxID: latest.id };
  return { changed: false, attempt: latest.metadata.attempt, sandboxID: latest.id };
}

/**
 * Whether a container that is not running should be (re)started: never for a pod being
 * deleted; always when it never ran, is in state created or unknown; otherwise as the
 * restart policy says (Never: no; OnFailure: only after a non-zero exit; Always: yes).
 * Upstream: ShouldContainerBeRestarted.
 */
export function shouldContainerBeRestarted(container: Container, pod: Pod, podStatus: RuntimePodStatus): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const status = findContainerStatusByName(podStatus, container.name);
  if (status === undefined) return true;
  if (status.state === 'running') return false;
  if (status.state === 'unknown' || status.state === 'created') return true;
  const policy = restartPolicyOf(pod);
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && status.exitCode === 0) return false;
  return true;
}

const shouldRestartOnFailure = (pod: Pod) => restartPolicyOf(pod) !== 'Never';
const containerChanged = (c: Container, s: RuntimeContainerStatus) => s.hash !== hashContainer(c);

function containerSucceeded(c: Container, podStatus: RuntimePodStatus): boolean {
  const s = findContainerStatusByName(podStatus, c.name);
  return s !== undefined && s.state === 'exited' && s.exitCode === 0;
}

/** An init container failed: exited non-zero, OOM-killed, or lost (unknown). Upstream: isInitContainerFailed. */
function isInitContainerFailed(s: RuntimeContainerStatus): boolean {
  return s.reason === 'OOMKilled' || (s.state === 'exited' && s.exitCode !== 0) || s.state === 'unknown';
}

/** Any regular container created, running or exited: initialization must have finished once. */
function hasAnyRegularContainerCreated(pod: Pod, podStatus: RuntimePodStatus): boolean {
  return (pod.spec?.containers ?? []).some((c) => {
    const s = findContainerStatusByName(podStatus, c.name);
    return s !== undefined && (s.state === 'created' || s.state === 'running' || s.state === 'exited');
  });
}

/** The plan for one pod. Upstream: kubeGenericRuntimeManager.computePodActions. */
export function computePodActions(pod: Pod, podStatus: RuntimePodStatus): PodActions {
  const spec = pod.spec ?? { containers: [] };
  const sandbox = podSandboxChanged(pod, podStatus);
  const changes: PodActions = {
    killPod: sandbox.changed,
    createSandbox: sandbox.changed,
    sandboxID: sandbox.sandboxID,
    attempt: sandbox.attempt,
    initContainersToStart: [],
    containersToStart: [],
    containersToKill: {},
    ephemeralContainersToStart: [],
  };

  // 1. A new sandbox means everything is killed and started again from the first init container.
  if (sandbox.changed) {
    // Under restartPolicy Never a pod whose containers already ran gets no second sandbox.
    if (!shouldRestartOnFailure(pod) && sandbox.attempt !== 0 && podStatus.containerStatuses.length !== 0) {
      return { ...changes, createSandbox: false };
    }
    const toStart = spec.containers
      .map((c, i) => [c, i] as const)
      .filter(([c]) => !(restartPolicyOf(pod) === 'OnFailure' && containerSucceeded(c, podStatus)))
      .map(([, i]) => i);
    // Nothing left to start and initialization done: just kill the pod.
    if (toStart.length === 0 && hasAnyRegularContainerCreated(pod, podStatus)) return { ...changes, createSandbox: false };
    if ((spec.initContainers ?? []).length > 0) return { ...changes, initContainersToStart: [0] };
    return { ...changes, containersToStart: toStart };
  }

  // 2. Ephemeral containers are never restarted; they may start before initialization is done.
  (spec.ephemeralContainers ?? []).forEach((c, i) => {
    if (findContainerStatusByName(podStatus, c.name) === undefined) changes.ephemeralContainersToStart.push(i);
  });

  // 3. Init containers and sidecars; regular containers wait until initialization is done.
  const initialized = computeInitContainerActions(pod, podStatus, changes);
  if (changes.killPod || !initialized) return changes;

  // 4. Regular containers: start the ones that should run, kill the ones that must not keep running.
  let keepCount = 0;
  spec.containers.forEach((container, idx) => {
    const status = findContainerStatusByName(podStatus, container.name);
    if (status === undefined || status.state !== 'running') {
      if (shouldContainerBeRestarted(container, pod, podStatus)) {
        changes.containersToStart.push(idx);
        // Unknown might still be running: kill it first so two instances never run at once.
        if (status?.state === 'unknown') {
          changes.containersToKill[status.id] = { name: status.name, message: 'Container is in "unknown" state, try killing it before restart', reason: 'Unknown' };
        }
      }
      return;
    }
    let restart = shouldRestartOnFailure(pod);
    let message: string;
    let reason: ContainerKillReason = '';
    if (containerChanged(container, status)) {
      message = `Container ${container.name} definition changed`;
      restart = true; // a new definition runs whatever the restart policy says
    } else if (status.liveness === 'Failure') {
      message = `Container ${container.name} failed liveness probe`;
      reason = 'LivenessProbe';
    } else if (status.startup === 'Failure') {
      message = `Container ${container.name} failed startup probe`;
      reason = 'StartupProbe';
    } else {
      keepCount++;
      return;
    }
    if (restart) {
      message = `${message}, will be restarted`;
      changes.containersToStart.push(idx);
    }
    changes.containersToKill[status.id] = { name: status.name, message, reason };
  });

  // 5. Nothing keeps running and nothing starts: the pod is done; sidecars must not keep it alive.
  if (keepCount === 0 && changes.containersToStart.length === 0) {
    changes.killPod = true;
    changes.initContainersToStart = [];
  }
  return changes;
}

/**
 * Fills in the init container actions; returns whether the pod has been initialized. Walks
 * the init containers from the last to the first, because completed ones may have been
 * removed from the runtime: the latest one with a status tells how far initialization got.
 * Upstream: computeInitContainerActions.
 */
function computeInitContainerActions(pod: Pod, podStatus: RuntimePodStatus, changes: PodActions): boolean {
  const inits = pod.spec?.initContainers ?? [];
  if (inits.length === 0) return true;

  // A regular container created or running means initialization finished before (exited ones
  // may be left over from an old sandbox, so they do not count here).
  let podHasInitialized = (pod.spec?.containers ?? []).some((c) => {
    const s = findContainerStatusByName(podStatus, c.name);
    return s !== undefined && (s.state === 'created' || s.state === 'running');
  });
  let previouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const toStart: number[] = [];

  for (let i = inits.length - 1; i >= 0; i--) {
    const container = inits[i] as Container;
    const sidecar = isRestartableInitContainer(container);
    const status = findContainerStatusByName(podStatus, container.name);
    if (status === undefined) {
      // A sidecar of an initialized pod whose status is gone is started again.
      if (previouslyInitialized && sidecar) toStart.push(i);
      continue;
    }
    // Once initialized, only sidecars need looking after.
    if (previouslyInitialized && !sidecar) continue;

    if (status.state === 'created') {
      // Created but never started: the start must have failed; try again.
      toStart.push(i);
    } else if (status.state === 'running') {
      if (sidecar && runningSidecar(container, status, i, inits.length, previouslyInitialized, changes, toStart)) podHasInitialized = true;
    } else if (status.state === 'exited') {
      if (sidecar) toStart.push(i);
      else if (isInitContainerFailed(status)) {
        if (!restartOnFailure) {
          changes.killPod = true;
          changes.initContainersToStart = [];
          return false;
        }
        toStart.push(i);
      } else if (i === inits.length - 1) podHasInitialized = true;
      else toStart.push(i + 1);
    } else if (sidecar) {
      kill(changes, status, 'Init container is in "unknown" state, try killing it before restart', 'Unknown');
      toStart.push(i);
    } else {
      if (!restartOnFailure) {
        changes.killPod = true;
        changes.initContainersToStart = [];
        return false;
      }
      kill(changes, status, 'Init container is in "unknown" state, try killing it before restart', 'Unknown');
      toStart.push(i);
    }
    previouslyInitialized = true;
  }

  // Nothing has run yet: start with the first init container.
  if (!previouslyInitialized) toStart.push(0);
  changes.initContainersToStart = toStart.reverse();
  return podHasInitialized;
}

/**
 * A running sidecar: once its startup probe passed, the next init container may start (or,
 * for the last one, initialization is done: returns true); it is restarted when its startup
 * or liveness probe failed or its definition changed. A probe without a result yet waits.
 */
function runningSidecar(container: Container, s: RuntimeContainerStatus, i: number, count: number, previouslyInitialized: boolean, changes: PodActions, toStart: number[]): boolean {
  if (container.startupProbe && s.startup !== 'Success') {
    if (s.startup === 'Failure') {
      kill(changes, s, `Init container ${container.name} failed startup probe`, 'StartupProbe');
      toStart.push(i);
    }
    return false;
  }
  const last = i === count - 1;
  if (!last && !previouslyInitialized) toStart.push(i + 1);
  if (containerChanged(container, s)) {
    kill(changes, s, `Init container ${container.name} definition changed`, '');
    toStart.push(i);
  } else if (container.livenessProbe && s.liveness === 'Failure') {
    // A sidecar's liveness does not hold back the next init container, only its own restart.
    kill(changes, s, `Init container ${container.name} failed liveness probe`, 'LivenessProbe');
    toStart.push(i);
  }
  return last;
}

function kill(changes: PodActions, s: RuntimeContainerStatus, message: string, reason: ContainerKillReason): void {
  changes.containersToKill[s.id] = { name: s.name, message, reason };
}
