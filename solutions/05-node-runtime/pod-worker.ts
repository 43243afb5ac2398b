/**
 * Kata 05-pod-worker: one sync of one pod on its node, from spec to status. The kubelet runs
 * a worker per pod; each sync compares the pod with what the runtime has, carries out
 * SyncPod's plan (chapter 04) against the simulated runtime, and reports what it sees:
 *
 * 1. plan with syncPod: what to kill, whether to (re)create the sandbox, what to start;
 * 2. carry the plan out, one CRI call at a time. A start is image (the image manager),
 *    create, start; a failed start records why (ErrImagePull, ...) and the next container
 *    is tried; a pull or a stop that takes time ends the sync until it is done;
 * 3. record Events as the kubelet does (Pulling, Pulled, Created, Started, Killing, BackOff);
 * 4. compute the status (phase, conditions, container statuses, IPs) and write it if it changed;
 * 5. say when to sync again: the next exit, the end of a pull, the end of a back-off.
 *
 * A pod being deleted is stopped instead (containers with the deletion's grace period, then
 * the sandbox); once nothing runs, its status turns terminal and the kubelet deletes the
 * object for good (since 1.27; not for static pods).
 *
 * Upstream: pkg/kubelet/kubelet.go (SyncPod, SyncTerminatingPod, SyncTerminatedPod),
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod), kuberuntime_container.go
 * (startContainer: "Created container: %v", "Started container %v"; killContainer:
 * "Stopping container %s"), pkg/kubelet/kuberuntime/kuberuntime_manager.go (doBackOff:
 * "Back-off restarting failed container %s in pod %s"), pkg/kubelet/status/status_manager.go
 * (startTime, canBeDeleted), pkg/kubelet/kubelet_pods.go (generateAPIPodStatus).
 */
import { match, P } from 'ts-pattern';
import type { Container } from '../../core/api/types/container';
import type { Pod, PodStatus } from '../../core/api/types/pod';
import type { Time } from '../../core/api/types/common';
import { jsonEqual } from '../../core/data/json-equal';
import { addSeconds, toMillis } from '../../core/data/rfc3339';
import { MINIMUM_GRACE_PERIOD_SECONDS } from '../../core/kubelet/container-lifecycle';
import { reasonKey } from '../../core/kubelet/container-statuses';
import type { RuntimeAction, RuntimeEffect, SimPodStatus } from '../../core/kubelet/cri';
import {
  BACK_OFF_START_CONTAINER,
  CREATED_CONTAINER,
  FAILED_CREATE_POD_SANDBOX,
  FAILED_TO_CREATE_CONTAINER,
  KILLING_CONTAINER,
  podEvent,
  SANDBOX_CHANGED,
  STARTED_CONTAINER,
} from '../../core/kubelet/events';
import { formatPod, getStableKey, hashContainer } from '../../core/kubelet/hash';
import type { NodeLocal, PodWorkerInput, PodWorkerResult } from '../../core/kubelet/kubelet-local';
import { CONFIG_SOURCE_ANNOTATION, API_SOURCE } from '../../core/kubelet/pod-source';
import { podQOSClass } from '../../core/kubelet/qos';
import type { ContainerKind, SyncStep } from '../../core/kubelet/sync-plan';
import type { Stages } from '../../core/kubelet/stages';
import type { Intent } from '../../core/runtime/types';
import { generateAPIPodStatus } from '@kata/04-pod-sandbox/pod-status';
import { syncPod } from '@kata/04-pod-sandbox/sync-pod';
import { toAPIContainerStatuses } from '@kata/05-node-runtime/container-statuses';
import { reduceRuntime, nextEventAt, runtimePodStatus } from '@kata/05-node-runtime/cri-runtime';
import { ensureImageExists } from '@kata/05-node-runtime/image-manager';

const podRef = (pod: Pod) => ({ uid: pod.metadata.uid ?? '', name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default' });
const earliest = (times: (Time | undefined)[]): Time | undefined =>
  times.reduce<Time | undefined>((best, t) => (t === undefined ? best : best === undefined || toMillis(t) < toMillis(best) ? t : best), undefined);
const isStatic = (pod: Pod) => {
  const source = pod.metadata.annotations?.[CONFIG_SOURCE_ANNOTATION];
  return source !== undefined && source !== API_SOURCE;
};

/** A worker's running tally: the node's state, Events so far, and what the sync waits for. */
type Sync = { nl: NodeLocal; events: Intent[]; waitUntil: Time | undefined };

function call(s: Sync, action: RuntimeAction, stages: Stages): RuntimeEffect[] {
  const [runtime, effects] = reduceRuntime(s.nl.runtime, action, stages);
  s.nl = { ...s.nl, runtime };
  return effects;
}

/** One sync of one pod: stop it if it is terminating or terminal, otherwise bring it to its spec. Upstream: the pod worker's syncPod/syncTerminatingPod. */
export function syncPodWorker(input: PodWorkerInput): PodWorkerResult {
  const { pod } = input;
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp !== undefined || phase === 'Succeeded' || phase === 'Failed') return terminatePod(input);
  return runPod(input);
}

// #region run
function runPod({ pod, node, nodeLocal, stages, statusTarget }: PodWorkerInput): PodWorkerResult {
  const s: Sync = { nl: nodeLocal, events: [], waitUntil: undefined };
  const now = nodeLocal.runtime.now;
  const uid = pod.metadata.uid ?? '';
  // 1. Plan.
  const before = runtimePodStatus(s.nl.runtime, podRef(pod));
  const plan = syncPod({ pod, podStatus: before, backOff: s.nl.backOff, now });
  s.nl = { ...s.nl, backOff: plan.backOff };
  if (plan.actions.createSandbox && before.sandboxStatuses.length > 0) {
    s.events.push(podEvent(pod, 'Normal', SANDBOX_CHANGED, 'Pod sandbox changed, it will be killed and re-created.'));
  }
  // 2. Carry it out.
  const { failed: failedStarts, started } = execute(s, pod, plan.steps, stages);
  // 3. Remember why containers did not start; forget it for those that did.
  const reasons = { ...s.nl.reasons };
  for (const result of plan.startResults) {
    const key = reasonKey(uid, result.name);
    if (result.outcome === 'CrashLoopBackOff') {
      reasons[key] = { reason: 'CrashLoopBackOff', message: result.message };
      s.events.push(podEvent(pod, 'Warning', BACK_OFF_START_CONTAINER, `Back-off restarting failed container ${result.name} in pod ${formatPod(pod)}`, { name: result.name, kind: result.kind }));
    } else if (failedStarts[result.name]) reasons[key] = failedStarts[result.name]!;
    else if (started.includes(result.name)) delete reasons[key];
  }
  s.nl = { ...s.nl, reasons };
  collectGarbage(s, pod, stages);
  // 4. Status, 5. next wake.
  const intents = [...s.events, ...statusWrite(pod, statusTarget, generatePodStatus(pod, node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? s.nl.machine.nodeIP, s.nl, false))];
  return { nodeLocal: s.nl, intents, wakeAt: earliest([s.waitUntil, nextEventAt(s.nl.runtime, uid), backOffEnd(pod, s.nl)]) };
}
// #endregion run

// #region execute
/** What carrying out the plan found: the reason of each failed start, and who started. */
type Execution = { failed: Record<string, { reason: string; message: string }>; started: string[]; sandboxID?: string; skipping?: string };
/** The container a step is about (a PullImage step is about the container created next). */
type Target = { name: string; kind: ContainerKind; container: Container };

/**
 * Carries out SyncPod's steps in order. Kills are all sent before anything waits (the kubelet
 * kills in parallel); a pull or a stop still running ends the sync; a failed start skips the
 * rest of that container's steps, and for a regular init container ends the sync.
 */
function execute(s: Sync, pod: Pod, steps: SyncStep[], stages: Stages): Execution {
  const x: Execution = { failed: {}, started: [] };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    // A kill still under way blocks everything but further kills.
    if (s.waitUntil !== undefined && step.type !== 'StopContainer' && step.type !== 'RunPreStopHook') break;
    const target = targetOf(pod, step, steps[i + 1]);
    if (step.type === 'PullImage') x.skipping = undefined;
    if (x.skipping !== undefined && target.name === x.skipping) continue;
    if (runStep(s, x, pod, step, target, stages) === 'stop') break;
  }
  return x;
}

function targetOf(pod: Pod, step: SyncStep, next: SyncStep | undefined): Target {
  const spec = pod.spec;
  const name = step.type === 'PullImage' ? (next?.type === 'CreateContainer' ? next.name : '') : 'name' in step ? step.name : '';
  const kind = step.type === 'CreateContainer' ? step.kind : next?.type === 'CreateContainer' ? next.kind : kindOf(pod, name);
  const container = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].find((c) => c.name === name) ?? { name };
  return { name, kind, container };
}

/** One step against the runtime, with its Events; `stop` ends the sync. */
function runStep(s: Sync, x: Execution, pod: Pod, step: SyncStep, { name, kind, container }: Target, stages: Stages): 'next' | 'stop' {
  const fail = (reason: string, message: string): 'next' | 'stop' => {
    s.events.push(podEvent(pod, 'Warning', FAILED_TO_CREATE_CONTAINER, `Error: ${reason === 'CreateContainerError' || reason === 'RunContainerError' ? message : reason}`, { name, kind }));
    x.failed[name] = { reason, message };
    x.skipping = name;
    // A regular init container that cannot start ends the sync: nothing after it may run.
    return kind === 'init' && container.restartPolicy !== 'Always' ? 'stop' : 'next';
  };
  return match(step)
    // Hooks run in no time and succeed in this simulation.
    .with({ type: P.union('RunPreStopHook', 'PreStartContainer', 'RunPostStartHook') }, () => 'next' as const)
    .with({ type: 'StopContainer' }, (st) => {
      stopContainer(s, pod, st.containerID, st.name, st.gracePeriodSeconds, st.message, stages);
      return 'next' as const;
    })
    .with({ type: 'StopPodSandbox' }, (st) => {
      call(s, { type: 'StopPodSandbox', podSandboxID: st.podSandboxID }, stages);
      return 'next' as const;
    })
    .with({ type: 'RemoveContainer' }, (st) => {
      call(s, { type: 'RemoveContainer', containerID: st.containerID }, stages);
      return 'next' as const;
    })
    .with({ type: 'RunPodSandbox' }, (st) => {
      const effects = call(s, { type: 'RunPodSandbox', config: sandboxConfigOf(pod), attempt: st.attempt }, stages);
      const ready = effects.find((e) => e.type === 'sandbox/ready');
      if (ready?.type === 'sandbox/ready') {
        x.sandboxID = ready.podSandboxID;
        return 'next' as const;
      }
      const error = effects.find((e) => e.type === 'error');
      s.events.push(podEvent(pod, 'Warning', FAILED_CREATE_POD_SANDBOX, `Failed to create pod sandbox: ${error?.type === 'error' ? error.message : 'unknown error'}`));
      return 'stop' as const;
    })
    .with({ type: 'PullImage' }, () => {
      const result = ensureImageExists({ pod, container, kind, runtime: s.nl.runtime, imageBackOff: s.nl.imageBackOff, pullErrors: s.nl.pullErrors, stages });
      s.nl = { ...s.nl, runtime: result.runtime, imageBackOff: result.imageBackOff, pullErrors: result.pullErrors };
      s.events.push(...result.events);
      if (result.outcome.type === 'failed') return fail(result.outcome.reason, result.outcome.message);
      if (result.outcome.type === 'ready') return 'next' as const;
      // The pod's sync waits for the pull, as the kubelet's serial image puller does.
      s.waitUntil = earliest([s.waitUntil, result.outcome.until]);
      return 'stop' as const;
    })
    .with({ type: 'CreateContainer' }, (st) => {
      const config = { name, image: container.image ?? '', attempt: st.attempt, hash: hashContainer(container) };
      const effects = call(s, { type: 'CreateContainer', podSandboxID: st.podSandboxID ?? x.sandboxID ?? '', config }, stages);
      const error = effects.find((e) => e.type === 'error');
      if (error?.type === 'error') return fail('CreateContainerError', error.message);
      s.events.push(podEvent(pod, 'Normal', CREATED_CONTAINER, `Created container: ${name}`, { name, kind }));
      return 'next' as const;
    })
    .with({ type: 'StartContainer' }, () => {
      const created = runtimePodStatus(s.nl.runtime, podRef(pod)).containerStatuses.find((c) => c.name === name && c.state === 'created');
      const effects = call(s, { type: 'StartContainer', containerID: created?.id ?? '' }, stages);
      const error = effects.find((e) => e.type === 'error');
      if (error?.type === 'error') return fail('RunContainerError', error.message);
      s.events.push(podEvent(pod, 'Normal', STARTED_CONTAINER, `Started container ${name}`, { name, kind }));
      x.started.push(name);
      return 'next' as const;
    })
    .exhaustive();
}

/** killContainer: a Killing event, then StopContainer with the grace period (at least 2 s); a stop that takes time makes the sync wait. */
function stopContainer(s: Sync, pod: Pod, containerID: string, name: string, grace: number, message: string, stages: Stages): void {
  const effects = call(s, { type: 'StopContainer', containerID, timeoutSeconds: Math.max(grace, MINIMUM_GRACE_PERIOD_SECONDS) }, stages);
  const answer = effects.find((e) => e.type === 'container/stopStarted' || e.type === 'container/stillStopping');
  if (answer?.type !== 'container/stillStopping') s.events.push(podEvent(pod, 'Normal', KILLING_CONTAINER, message, { name, kind: kindOf(pod, name) }));
  if (answer?.type === 'container/stopStarted' || answer?.type === 'container/stillStopping') s.waitUntil = earliest([s.waitUntil, answer.until]);
}
// #endregion execute

function kindOf(pod: Pod, name: string): ContainerKind {
  if ((pod.spec?.initContainers ?? []).some((c) => c.name === name)) return 'init';
  if ((pod.spec?.ephemeralContainers ?? []).some((c) => c.name === name)) return 'ephemeral';
  return 'regular';
}

function sandboxConfigOf(pod: Pod) {
  return { ...podRef(pod), labels: pod.metadata.labels ?? {}, annotations: pod.metadata.annotations ?? {}, ...(pod.spec?.hostNetwork ? { hostNetwork: true } : {}) };
}

/** Keeps the two newest instances of each container (the status shows state and lastState). Upstream: the container GC's per-container limit. */
function collectGarbage(s: Sync, pod: Pod, stages: Stages): void {
  const seen: Record<string, number> = {};
  for (const c of runtimePodStatus(s.nl.runtime, podRef(pod)).containerStatuses) {
    seen[c.name] = (seen[c.name] ?? 0) + 1;
    if (seen[c.name]! > 2 && c.state === 'exited') call(s, { type: 'RemoveContainer', containerID: c.id }, stages);
  }
}

/** When the earliest back-off of this pod still running ends: a crash-looping container's restart, or an image pull retry. */
function backOffEnd(pod: Pod, nl: NodeLocal): Time | undefined {
  const status = runtimePodStatus(nl.runtime, podRef(pod));
  const ends: (Time | undefined)[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const reason = nl.reasons[reasonKey(pod.metadata.uid ?? '', c.name)]?.reason;
    if (reason === 'CrashLoopBackOff') {
      const entry = nl.backOff.perItemBackoff[getStableKey(pod, c)];
      const exited = status.containerStatuses.find((x) => x.name === c.name && x.state === 'exited');
      if (entry && exited?.finishedAt) ends.push(addSeconds(exited.finishedAt, entry.backoffSeconds));
    }
    if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull') {
      const entry = nl.imageBackOff.perItemBackoff[`${pod.metadata.uid ?? ''}_${c.image ?? ''}`];
      if (entry) ends.push(addSeconds(entry.lastUpdate, entry.backoffSeconds));
    }
  }
  // A back-off that ended by now was acted on in this sync; only later ends need a wake.
  return earliest(ends.filter((t) => t !== undefined && toMillis(t) > toMillis(nl.runtime.now)));
}

// #region terminate
function terminatePod({ pod, node, nodeLocal, stages, statusTarget }: PodWorkerInput): PodWorkerResult {
  const s: Sync = { nl: nodeLocal, events: [], waitUntil: undefined };
  const ref = podRef(pod);
  const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  // 1. Stop every running container with the deletion's grace period (at least 2 s).
  for (const c of runtimePodStatus(s.nl.runtime, ref).containerStatuses.filter((c) => c.state === 'running')) {
    stopContainer(s, pod, c.id, c.name, grace, `Stopping container ${c.name}`, stages);
  }
  const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? s.nl.machine.nodeIP;
  if (s.waitUntil !== undefined) {
    return { nodeLocal: s.nl, intents: [...s.events, ...statusWrite(pod, statusTarget, generatePodStatus(pod, hostIP, s.nl, false))], wakeAt: s.waitUntil };
  }
  // 2. Nothing runs: stop the sandboxes.
  for (const sandbox of runtimePodStatus(s.nl.runtime, ref).sandboxStatuses.filter((x) => x.state === 'SANDBOX_READY')) {
    call(s, { type: 'StopPodSandbox', podSandboxID: sandbox.id }, stages);
  }
  // 3. A deleted API pod: terminal status, then the final delete, then forget it.
  const deleting = pod.metadata.deletionTimestamp !== undefined && !isStatic(pod);
  const status = generatePodStatus(pod, hostIP, s.nl, deleting);
  const intents = [...s.events, ...statusWrite(pod, statusTarget, status)];
  if (!deleting) return { nodeLocal: s.nl, intents, wakeAt: undefined };
  const finalizers = pod.metadata.finalizers ?? [];
  if (finalizers.length === 0 || pod.metadata.deletionGracePeriodSeconds !== 0) {
    intents.push({ type: 'delete', kind: 'Pod', namespace: ref.namespace, name: ref.name, gracePeriodSeconds: 0, preconditions: { uid: ref.uid } });
  }
  return { nodeLocal: removePod(s.nl, ref.uid, stages), intents, wakeAt: undefined };
}
// #endregion terminate

/** Removes every sandbox (with its containers) of pod `uid` from the node, and what the kubelet remembered about it: reasons, back-off entries, pull errors. */
export function removePod(nodeLocal: NodeLocal, uid: string, stages: Stages): NodeLocal {
  let runtime = nodeLocal.runtime;
  for (const sandbox of Object.values(runtime.sandboxes).filter((x) => x.config.uid === uid)) {
    for (const c of Object.values(runtime.containers).filter((x) => x.podSandboxID === sandbox.id && x.state === 'running')) {
      // No spec to read a grace period from any more: the kill is immediate.
      [runtime] = reduceRuntime(runtime, { type: 'StopContainer', containerID: c.id, timeoutSeconds: 0 }, stages);
    }
    [runtime] = reduceRuntime(runtime, { type: 'RemovePodSandbox', podSandboxID: sandbox.id }, stages);
  }
  // The back-off tables and caches are keyed by the pod's UID; a gone pod's entries can go too.
  const keep = <T>(table: Record<string, T>, mine: (key: string) => boolean) => Object.fromEntries(Object.entries(table).filter(([key]) => !mine(key)));
  return {
    ...nodeLocal,
    runtime,
    reasons: keep(nodeLocal.reasons, (key) => key.startsWith(`${uid}/`)),
    pullErrors: keep(nodeLocal.pullErrors, (key) => key.startsWith(`${uid}_`)),
    backOff: { ...nodeLocal.backOff, perItemBackoff: keep(nodeLocal.backOff.perItemBackoff, (key) => key.includes(`_${uid}_`)) },
    imageBackOff: { ...nodeLocal.imageBackOff, perItemBackoff: keep(nodeLocal.imageBackOff.perItemBackoff, (key) => key.startsWith(`${uid}_`)) },
  };
}

// #region status
/**
 * The pod's status as the kubelet writes it: phase and conditions (chapter 04), container
 * statuses from the runtime, the node's IP, the start time (kept once set), the QoS class.
 * Upstream: generateAPIPodStatus, the status manager's StartTime.
 */
export function generatePodStatus(pod: Pod, hostIP: string, nodeLocal: NodeLocal, podIsTerminal: boolean): PodStatus {
  const runtime: SimPodStatus = runtimePodStatus(nodeLocal.runtime, podRef(pod));
  const spec = pod.spec ?? { containers: [] };
  const initContainerStatuses = toAPIContainerStatuses({ pod, podStatus: runtime, previous: pod.status?.initContainerStatuses, containers: spec.initContainers ?? [], isInit: true, reasons: nodeLocal.reasons });
  const containerStatuses = toAPIContainerStatuses({ pod, podStatus: runtime, previous: pod.status?.containerStatuses, containers: spec.containers, isInit: false, reasons: nodeLocal.reasons });
  const regular = new Set(spec.containers.map((c) => c.name));
  const latest = runtime.sandboxStatuses[0];
  const status = generateAPIPodStatus({
    pod,
    initContainerStatuses,
    containerStatuses,
    podIsTerminal,
    podHasInitialized: runtime.containerStatuses.some((c) => regular.has(c.name) && c.startedAt !== undefined && c.state !== 'created'),
    sandboxReady: latest?.state === 'SANDBOX_READY',
    podIPs: runtime.ips,
    now: nodeLocal.runtime.now,
  });
  const { initContainerStatuses: inits, ...rest } = status;
  return {
    ...rest,
    ...((spec.initContainers ?? []).length > 0 ? { initContainerStatuses: inits } : {}),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: pod.status?.startTime ?? nodeLocal.runtime.now,
    qosClass: podQOSClass(pod),
  };
}
// #endregion status

/** The status update, when the status changed and there is an object to write it to. */
function statusWrite(pod: Pod, target: Pod | undefined, status: PodStatus): Intent[] {
  if (target === undefined || jsonEqual(target.status, status)) return [];
  return [{ type: 'updateStatus', object: { ...target, status } }];
}
