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
import type { ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../../core/api/types/pod';
import {
  CONTAINERS_NOT_INITIALIZED,
  CONTAINERS_NOT_READY,
  POD_COMPLETED,
  POD_CONDITIONS_BY_KUBELET,
  POD_FAILED,
  READINESS_GATES_NOT_READY,
  UNKNOWN_CONTAINER_STATUSES,
  type PodStatusInput,
} from '../../core/kubelet/pod-conditions';
import { isRestartableInitContainer } from '../../core/kubelet/runtime-status';
import { getPhase } from '@kata/04-pod-sandbox/pod-phase';

/** A condition with only the fields that have a value (the API omits empty reason and message). */
function condition(type: string, status: PodCondition['status'], reason = '', message = ''): PodCondition {
  return { type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** Go prints a []string with %s as `[a b c]`. */
const list = (names: string[]) => `[${names.join(' ')}]`;
const statusOf = (statuses: ContainerStatus[], name: string) => statuses.find((s) => s.name === name);

/**
 * ContainersReady: True when every regular container and every sidecar reports ready.
 * `undefined` statuses (none reported at all) give UnknownContainerStatuses; a Succeeded pod
 * with all statuses known gives PodCompleted, a Failed pod PodFailed.
 * Upstream: GenerateContainersReadyCondition.
 */
export function generateContainersReadyCondition(pod: Pod, containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  if (containerStatuses === undefined) return condition('ContainersReady', 'False', UNKNOWN_CONTAINER_STATUSES);
  const unknown: string[] = [];
  const unready: string[] = [];
  const watched = [...(pod.spec?.initContainers ?? []).filter(isRestartableInitContainer), ...(pod.spec?.containers ?? [])];
  for (const c of watched) {
    const s = statusOf(containerStatuses, c.name);
    if (s === undefined) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (podPhase === 'Succeeded' && unknown.length === 0) return condition('ContainersReady', 'False', POD_COMPLETED);
  // A failed pod's containers may still be shutting down; they are not ready either way.
  if (podPhase === 'Failed') return condition('ContainersReady', 'False', POD_FAILED);
  const messages = [
    ...(unknown.length > 0 ? [`containers with unknown status: ${list(unknown)}`] : []),
    ...(unready.length > 0 ? [`containers with unready status: ${list(unready)}`] : []),
  ];
  if (messages.length > 0) return condition('ContainersReady', 'False', CONTAINERS_NOT_READY, messages.join(', '));
  return condition('ContainersReady', 'True');
}

/**
 * Ready: ContainersReady's status, reason and message when that is not True; else True only
 * when every readiness gate names a condition in `conditions` whose status is True.
 * Upstream: GeneratePodReadyCondition.
 */
export function generatePodReadyCondition(pod: Pod, conditions: PodCondition[], containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  const containersReady = generateContainersReadyCondition(pod, containerStatuses, podPhase);
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const messages: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c === undefined) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return condition('Ready', 'False', READINESS_GATES_NOT_READY, messages.join(', '));
  return condition('Ready', 'True');
}

/**
 * Initialized: True when every regular init container is done (its status says ready) and
 * every sidecar has started; also True once a regular container has run (a restarting
 * sidecar does not un-initialize the pod), and True with reason PodCompleted for a Succeeded
 * pod whose init statuses are all known. Upstream: GeneratePodInitializedCondition.
 */
export function generatePodInitializedCondition(pod: Pod, containerStatuses: ContainerStatus[] | undefined, podPhase: PodPhase): PodCondition {
  const inits = pod.spec?.initContainers ?? [];
  if (containerStatuses === undefined && inits.length > 0) return condition('Initialized', 'False', UNKNOWN_CONTAINER_STATUSES);
  const statuses = containerStatuses ?? [];
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = statusOf(statuses, c.name);
    if (s === undefined) unknown.push(c.name);
    else if (isRestartableInitContainer(c) ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (podPhase === 'Succeeded' && unknown.length === 0) return condition('Initialized', 'True', POD_COMPLETED);
  const regularStarted = (pod.spec?.containers ?? []).some((c) => {
    const s = statusOf(statuses, c.name);
    return s?.state?.running !== undefined || s?.state?.terminated !== undefined;
  });
  if (regularStarted) return condition('Initialized', 'True');
  const messages = [
    ...(unknown.length > 0 ? [`containers with unknown status: ${list(unknown)}`] : []),
    ...(incomplete.length > 0 ? [`containers with incomplete status: ${list(incomplete)}`] : []),
  ];
  if (messages.length > 0) return condition('Initialized', 'False', CONTAINERS_NOT_INITIALIZED, messages.join(', '));
  return condition('Initialized', 'True');
}

/** PodReadyToStartContainers: True once the pod's sandbox is up with its network. Upstream: GeneratePodReadyToStartContainersCondition. */
export function generatePodReadyToStartContainersCondition(sandboxReady: boolean): PodCondition {
  return condition('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}

/**
 * The pod's new status: phase (terminal phases stick; reason and message stay while the
 * phase does), the container statuses, the conditions the kubelet does not own kept first,
 * then its own five in order, each keeping its lastTransitionTime while its status is the same.
 * Upstream: generateAPIPodStatus and the status manager's updateLastTransitionTime.
 */
export function generateAPIPodStatus(input: PodStatusInput): PodStatus {
  const { pod, initContainerStatuses, containerStatuses, now } = input;
  const old = pod.status ?? {};
  const { reason: _reason, message: _message, ...kept } = old;
  const terminal = (p?: PodPhase) => p === 'Succeeded' || p === 'Failed';

  let phase = getPhase(pod, [...containerStatuses, ...initContainerStatuses], input.podIsTerminal, input.podHasInitialized);
  // Pods never leave a terminal phase: the API server's phase wins.
  if (terminal(old.phase)) phase = old.phase as PodPhase;

  const all = [...initContainerStatuses, ...containerStatuses];
  const conditions = (old.conditions ?? []).filter((c) => !POD_CONDITIONS_BY_KUBELET.includes(c.type));
  conditions.push(generatePodReadyToStartContainersCondition(input.sandboxReady));
  conditions.push(generatePodInitializedCondition(pod, all, phase));
  conditions.push(generatePodReadyCondition(pod, conditions, all, phase));
  conditions.push(generateContainersReadyCondition(pod, all, phase));
  conditions.push(condition('PodScheduled', 'True'));

  const withTimes = conditions.map((c) => {
    if (!POD_CONDITIONS_BY_KUBELET.includes(c.type)) return c;
    const before = old.conditions?.find((o) => o.type === c.type);
    return { ...c, lastTransitionTime: before !== undefined && before.status === c.status ? (before.lastTransitionTime ?? now) : now };
  });

  return {
    ...kept,
    phase,
    conditions: withTimes,
    ...(phase === old.phase && old.reason ? { reason: old.reason } : {}),
    ...(phase === old.phase && old.message ? { message: old.message } : {}),
    ...(input.podIPs && input.podIPs.length > 0 ? { podIP: input.podIPs[0], podIPs: input.podIPs.map((ip) => ({ ip })) } : {}),
    initContainerStatuses,
    containerStatuses,
  };
}
