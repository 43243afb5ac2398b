/**
 * Kata 04-sync-pod: SyncPod, the kubelet's one function per pod and per sync, as a plan.
 * Its comment (quoted in seed 004) lists the steps:
 *
 *  1. compute sandbox and container changes (computePodActions);
 *  2. kill the pod sandbox if necessary;
 *  3. kill any containers that should not be running;
 *  4. create the sandbox if necessary;
 *  5. create ephemeral containers;
 *  6. create init containers;
 *  7. create normal containers.
 *
 * Each start first asks the restart back-off: a container still backing off is skipped and
 * reported as CrashLoopBackOff. Nothing is executed here: the result lists the runtime calls
 * and hook runs in the order SyncPod makes them when every call succeeds.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod, doBackOff,
 * killPodWithSyncResult), pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer,
 * killContainer, setTerminationGracePeriod, killContainersWithSyncResult, purgeInitContainers),
 * pkg/kubelet/container/helpers.go (ConvertPodStatusToRunningPod).
 */
import type { Container } from '../../core/api/types/container';
import type { Pod } from '../../core/api/types/pod';
import { formatGoDuration } from '../../core/kubelet/duration';
import { formatPod, getStableKey } from '../../core/kubelet/hash';
import type { ContainerKillReason } from '../../core/kubelet/pod-actions';
import { findContainerStatusByName, imagePullPolicyOf, isRestartableInitContainer, type RuntimePodStatus } from '../../core/kubelet/runtime-status';
import type { ContainerKind, StartResult, SyncPodInput, SyncPodResult, SyncStep } from '../../core/kubelet/sync-plan';
import { computePodActions } from '@kata/04-pod-sandbox/compute-pod-actions';
import { restartBackOff } from '@kata/04-pod-sandbox/restart-backoff';

/** One SyncPod for one pod. Upstream: kubeGenericRuntimeManager.SyncPod. */
export function syncPod({ pod, podStatus, backOff: initialBackOff, now }: SyncPodInput): SyncPodResult {
  const spec = pod.spec ?? { containers: [] };
  // Step 1: compute sandbox and container changes.
  const actions = computePodActions(pod, podStatus);
  const steps: SyncStep[] = [];
  const startResults: StartResult[] = [];
  let backOff = initialBackOff;

  if (actions.killPod) {
    // Step 2: kill every running container, then every sandbox of the pod.
    for (const s of podStatus.containerStatuses.filter((c) => c.state === 'running')) {
      steps.push(...killContainer(pod, s.id, s.name, '', 'Unknown'));
    }
    for (const sandbox of podStatus.sandboxStatuses) steps.push({ type: 'StopPodSandbox', podSandboxID: sandbox.id });
    // A new sandbox runs every init container again, so the old instances go.
    if (actions.createSandbox) steps.push(...purgeInitContainers(pod, podStatus));
  } else {
    // Step 3: kill the containers that should not be running.
    for (const [id, kill] of Object.entries(actions.containersToKill)) steps.push(...killContainer(pod, id, kill.name, kill.message, kill.reason));
  }

  // Step 4: create the sandbox; the calls after it go to the new one.
  if (actions.createSandbox) steps.push({ type: 'RunPodSandbox', attempt: actions.attempt });
  const podSandboxID = actions.createSandbox ? undefined : actions.sandboxID;

  /** startContainer behind the back-off check; false when the container did not start. */
  const start = (container: Container, kind: ContainerKind): boolean => {
    const lastExit = podStatus.containerStatuses.find((s) => s.name === container.name && s.state === 'exited');
    const [nextBackOff, decision] = restartBackOff(backOff, getStableKey(pod, container), lastExit?.finishedAt, now);
    backOff = nextBackOff;
    if (decision.inBackOff) {
      const message = `back-off ${formatGoDuration(decision.backoffSeconds)} restarting failed container=${container.name} pod=${formatPod(pod)}`;
      startResults.push({ name: container.name, kind, outcome: 'CrashLoopBackOff', message });
      return false;
    }
    const previous = findContainerStatusByName(podStatus, container.name);
    steps.push(
      { type: 'PullImage', image: container.image ?? '', imagePullPolicy: imagePullPolicyOf(container) },
      { type: 'CreateContainer', ...(podSandboxID === undefined ? {} : { podSandboxID }), name: container.name, kind, attempt: previous ? previous.restartCount + 1 : 0 },
      { type: 'PreStartContainer', name: container.name },
      { type: 'StartContainer', name: container.name },
      ...(container.lifecycle?.postStart ? [{ type: 'RunPostStartHook' as const, name: container.name }] : []),
    );
    startResults.push({ name: container.name, kind, outcome: 'started' });
    return true;
  };

  // Step 5: ephemeral containers, before init containers so debugging works while init fails.
  for (const i of actions.ephemeralContainersToStart) start(spec.ephemeralContainers?.[i] as Container, 'ephemeral');

  // Step 6: init containers; a regular init container that cannot start ends this sync.
  for (const i of actions.initContainersToStart) {
    const container = spec.initContainers?.[i] as Container;
    if (!start(container, 'init') && !isRestartableInitContainer(container)) return { actions, steps, startResults, backOff };
  }

  // Step 7: normal containers.
  for (const i of actions.containersToStart) start(spec.containers[i] as Container, 'regular');
  return { actions, steps, startResults, backOff };
}

/**
 * killContainer: the preStop hook (when there is one and any grace at all), then StopContainer.
 * The grace period is the deletion's, else the probe's for a probe kill, else the pod's (30).
 * Upstream: killContainer, setTerminationGracePeriod.
 */
function killContainer(pod: Pod, containerID: string, name: string, message: string, reason: ContainerKillReason): SyncStep[] {
  const spec = pod.spec;
  const container = [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].find((c) => c.name === name);
  const probeGrace =
    reason === 'LivenessProbe' ? container?.livenessProbe?.terminationGracePeriodSeconds : reason === 'StartupProbe' ? container?.startupProbe?.terminationGracePeriodSeconds : undefined;
  const grace = pod.metadata.deletionGracePeriodSeconds ?? probeGrace ?? spec?.terminationGracePeriodSeconds ?? 30;
  return [
    ...(container?.lifecycle?.preStop && grace > 0 ? [{ type: 'RunPreStopHook' as const, containerID, name, timeoutSeconds: grace }] : []),
    { type: 'StopContainer', containerID, name, gracePeriodSeconds: grace, reason, message: message || `Stopping container ${name}` },
  ];
}

/** Removes every instance of every init container. Upstream: purgeInitContainers. */
function purgeInitContainers(pod: Pod, podStatus: RuntimePodStatus): SyncStep[] {
  const names = new Set((pod.spec?.initContainers ?? []).map((c) => c.name));
  return podStatus.containerStatuses.filter((s) => names.has(s.name)).map((s): SyncStep => ({ type: 'RemoveContainer', containerID: s.id, name: s.name }));
}
