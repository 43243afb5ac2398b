/**
 * Kata 05-cri-runtime: a container runtime behind the CRI, simulated on a logical clock. It
 * is one reducer per node: CRI calls and clock ticks in, the new state and what happened out.
 * How long pulls take, which pulls fail, when containers exit and how they react to TERM are
 * not written here: the stage rules (core/kubelet/stages) decide, and this reducer applies
 * their first matching event, or a default (a pull takes 2 s, a container runs until it is
 * stopped, TERM ends it at once with exit code 0).
 *
 * Upstream: staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto (the calls and their
 * idempotency rules), staging/src/k8s.io/cri-api/pkg/apis/testing/fake_runtime_service.go,
 * kubernetes-sigs/kwok (stages on a clock).
 */
import { match } from 'ts-pattern';
import type { Time } from '../../core/api/types/common';
import { addSeconds, toMillis } from '../../core/data/rfc3339';
import { SIGKILL_EXIT_CODE } from '../../core/kubelet/container-lifecycle';
import {
  imageRefFor,
  normalizeImage,
  PAUSE_IMAGE,
  type ContainerRecord,
  type CRIRequest,
  type PodSandboxConfig,
  type RuntimeAction,
  type RuntimeEffect,
  type RuntimeOptions,
  type RuntimeState,
  type SimPodStatus,
} from '../../core/kubelet/cri';
import { runtimeID } from '../../core/kubelet/ids';
import { DEFAULT_IMAGE_SIZE_BYTES, DEFAULT_PULL_SECONDS, firstOfType, type StageFacts, type Stages } from '../../core/kubelet/stages';
import { newPodIPAllocator, reducePodIPs } from '@kata/04-pod-sandbox/pod-ip-allocator';

/** An empty runtime on a node: no sandboxes, no containers, only the pause image. */
export function newRuntime({ nodeName, nodeIP, podCIDR, now }: RuntimeOptions): RuntimeState {
  const pause = normalizeImage(PAUSE_IMAGE);
  return {
    nodeName,
    nodeIP,
    now,
    nextSeq: 0,
    ipam: newPodIPAllocator(podCIDR),
    images: { [pause]: { name: pause, ref: imageRefFor(pause), sizeBytes: 320_000 } },
    pulls: {},
    sandboxes: {},
    containers: {},
  };
}

const seconds = (from: Time, to: Time) => (toMillis(to) - toMillis(from)) / 1000;
const earlier = (a: Time | undefined, b: Time | undefined) => (a === undefined ? b : b === undefined ? a : toMillis(b) < toMillis(a) ? b : a);

/** One step of the runtime: a CRI call at `state.now`, or the clock moving to `now`. */
export function reduceRuntime(state: RuntimeState, action: RuntimeAction, stages: Stages): [RuntimeState, RuntimeEffect[]] {
  const [next, effects] = match(action)
    .with({ type: 'runtime/ticked' }, ({ now }) => tick(state, now))
    .with({ type: 'RunPodSandbox' }, (a) => runPodSandbox(state, a.config, a.attempt))
    .with({ type: 'StopPodSandbox' }, (a) => stopPodSandbox(state, a.podSandboxID))
    .with({ type: 'RemovePodSandbox' }, (a) => removePodSandbox(state, a.podSandboxID))
    .with({ type: 'PullImage' }, (a) => pullImage(state, a, stages))
    .with({ type: 'CreateContainer' }, (a) => createContainer(state, a))
    .with({ type: 'StartContainer' }, (a) => startContainer(state, a.containerID, stages))
    .with({ type: 'StopContainer' }, (a) => stopContainer(state, a.containerID, a.timeoutSeconds, stages))
    .with({ type: 'RemoveContainer' }, (a) => removeContainer(state, a.containerID))
    .exhaustive();
  const wake = nextEventAt(next);
  return [next, wake === undefined ? effects : [...effects, { type: 'wakeAt', at: wake }]];
}

type Step = [RuntimeState, RuntimeEffect[]];
const error = (state: RuntimeState, request: CRIRequest['type'], message: string): Step => [state, [{ type: 'error', request, message }]];

// #region tick
/** Moves the clock to `now` (never back) and carries out every exit and pull due by then, in time order. */
function tick(state: RuntimeState, now: Time): Step {
  if (toMillis(now) < toMillis(state.now)) return [state, []];
  const due = Object.values(state.containers)
    .filter((c) => c.state === 'running')
    .map((c) => ({ c, at: exitTime(c) }))
    .filter((x): x is { c: ContainerRecord; at: Time } => x.at !== undefined && toMillis(x.at) <= toMillis(now))
    .sort((a, b) => toMillis(a.at) - toMillis(b.at) || a.c.seq - b.c.seq);
  const containers = { ...state.containers };
  const effects: RuntimeEffect[] = [];
  for (const { c, at } of due) {
    const exited = exitContainer(c, at);
    containers[c.id] = exited;
    effects.push(exitedEffect(exited));
  }
  const images = { ...state.images };
  for (const pull of Object.values(state.pulls)) {
    if (pull.outcome.type === 'pulled' && toMillis(pull.doneAt) <= toMillis(now)) addImage(images, pull.image, pull.outcome.sizeBytes);
  }
  return [{ ...state, now, containers, images }, effects];
}
// #endregion tick

/** When a running container stops by itself or after TERM, whichever comes first. */
function exitTime(c: ContainerRecord): Time | undefined {
  return earlier(c.stopping?.until, c.fate?.type === 'exits' ? c.fate.at : undefined);
}

function exitContainer(c: ContainerRecord, at: Time): ContainerRecord {
  const byItself = c.fate?.type === 'exits' && (c.stopping === undefined || toMillis(c.fate.at) <= toMillis(c.stopping.until)) ? c.fate : undefined;
  const { fate: _fate, stopping, ...rest } = c;
  const outcome = byItself ?? stopping ?? { exitCode: 0, reason: 'Completed' };
  return { ...rest, state: 'exited', finishedAt: at, exitCode: outcome.exitCode, reason: outcome.reason, ...(byItself?.message ? { message: byItself.message } : {}) };
}

const exitedEffect = (c: ContainerRecord): RuntimeEffect => ({
  type: 'container/exited',
  containerID: c.id,
  podUID: c.podUID,
  name: c.name,
  exitCode: c.exitCode ?? 0,
  reason: c.reason ?? '',
  at: c.finishedAt ?? '',
});

function addImage(images: RuntimeState['images'], image: string, sizeBytes: number): void {
  const name = normalizeImage(image);
  if (!images[name]) images[name] = { name, ref: imageRefFor(name), sizeBytes };
}

/** The facts a stage rule sees for a pod's sandbox (and, when given, one of its containers). */
function factsFor(state: RuntimeState, config: PodSandboxConfig, image: string, container?: ContainerRecord): StageFacts {
  const firstSandbox = Object.values(state.sandboxes)
    .filter((s) => s.config.uid === config.uid)
    .reduce<Time | undefined>((min, s) => earlier(min, s.createdAt), undefined);
  return {
    image,
    pod: { metadata: { name: config.name, namespace: config.namespace, uid: config.uid, labels: config.labels ?? {}, annotations: config.annotations ?? {} } },
    node: { metadata: { name: state.nodeName } },
    elapsedSeconds: firstSandbox === undefined ? 0 : seconds(firstSandbox, state.now),
    ...(container ? { container: { name: container.name, image, restartCount: container.restartCount }, restartCount: container.restartCount } : {}),
  };
}

function runPodSandbox(state: RuntimeState, config: PodSandboxConfig, attempt: number): Step {
  const id = runtimeID(state.nodeName, state.nextSeq);
  let ip = state.nodeIP;
  let ipam = state.ipam;
  if (!config.hostNetwork) {
    // CNI ADD: the network plugin's IPAM hands the sandbox an address from the node's range.
    const [nextIpam, result] = reducePodIPs(state.ipam, { type: 'sandbox/created', sandboxID: id });
    if (result.type !== 'allocated') {
      const why = result.type === 'error' ? result.message : 'no address';
      return error(state, 'RunPodSandbox', `failed to setup network for sandbox "${id}": plugin type="host-local" failed (add): failed to allocate for range 0: ${why}`);
    }
    ip = result.ip;
    ipam = nextIpam;
  }
  const sandbox = { id, config, attempt, state: 'SANDBOX_READY' as const, createdAt: state.now, ip, seq: state.nextSeq };
  return [{ ...state, ipam, nextSeq: state.nextSeq + 1, sandboxes: { ...state.sandboxes, [id]: sandbox } }, [{ type: 'sandbox/ready', podSandboxID: id, ip }]];
}

function stopPodSandbox(state: RuntimeState, id: string): Step {
  const sandbox = state.sandboxes[id];
  // StopPodSandbox is idempotent: an unknown or stopped sandbox is not an error.
  if (!sandbox) return [state, [{ type: 'sandbox/stopped', podSandboxID: id }]];
  if (sandbox.state === 'SANDBOX_NOTREADY') return [state, [{ type: 'sandbox/stopped', podSandboxID: id }]];
  const containers = { ...state.containers };
  const effects: RuntimeEffect[] = [];
  // Whatever still runs in the sandbox is killed outright.
  for (const c of Object.values(state.containers).filter((c) => c.podSandboxID === id && c.state !== 'exited').sort((a, b) => a.seq - b.seq)) {
    const { fate: _f, stopping: _s, ...rest } = c;
    const killed: ContainerRecord = { ...rest, state: 'exited', finishedAt: state.now, exitCode: SIGKILL_EXIT_CODE, reason: 'Error' };
    containers[c.id] = killed;
    effects.push(exitedEffect(killed));
  }
  // CNI DEL releases the pod IP.
  const ipam = sandbox.config.hostNetwork ? state.ipam : reducePodIPs(state.ipam, { type: 'sandbox/removed', sandboxID: id })[0];
  const stopped = { ...sandbox, state: 'SANDBOX_NOTREADY' as const, ip: '' };
  return [{ ...state, ipam, containers, sandboxes: { ...state.sandboxes, [id]: stopped } }, [...effects, { type: 'sandbox/stopped', podSandboxID: id }]];
}

function removePodSandbox(state: RuntimeState, id: string): Step {
  if (!state.sandboxes[id]) return [state, [{ type: 'sandbox/removed', podSandboxID: id }]];
  const [stoppedState, stopEffects] = stopPodSandbox(state, id);
  const uid = stoppedState.sandboxes[id]!.config.uid;
  const containers = { ...stoppedState.containers };
  const effects = stopEffects.filter((e) => e.type !== 'sandbox/stopped');
  for (const c of Object.values(stoppedState.containers).filter((c) => c.podSandboxID === id).sort((a, b) => a.seq - b.seq)) {
    delete containers[c.id];
    effects.push({ type: 'container/removed', containerID: c.id });
  }
  const { [id]: _removed, ...sandboxes } = stoppedState.sandboxes;
  // Pulls for a pod the node no longer has are forgotten with it.
  const podGone = !Object.values(sandboxes).some((s) => s.config.uid === uid);
  const pulls = podGone ? Object.fromEntries(Object.entries(stoppedState.pulls).filter(([requester]) => !requester.startsWith(`${uid}/`))) : stoppedState.pulls;
  return [{ ...stoppedState, containers, sandboxes, pulls }, [...effects, { type: 'sandbox/removed', podSandboxID: id }]];
}

// #region pull
function pullImage(state: RuntimeState, request: Extract<CRIRequest, { type: 'PullImage' }>, stages: Stages): Step {
  const { image, requester, sandboxConfig } = request;
  const existing = state.pulls[requester];
  // Asking again: progress while the pull runs, then its outcome, exactly once.
  if (existing && existing.image === image) {
    if (toMillis(existing.doneAt) > toMillis(state.now)) return [state, [{ type: 'image/stillPulling', image, doneAt: existing.doneAt }]];
    const { [requester]: _done, ...pulls } = state.pulls;
    return finishPull({ ...state, pulls }, image, existing.outcome, existing.startedAt, existing.doneAt);
  }
  // A new pull: the first pull or pullFailure rule decides, else the default.
  const present = state.images[normalizeImage(image)];
  const decision = firstOfType(stages.evaluate(factsFor(state, sandboxConfig, image)), ['pull', 'pullFailure']);
  const outcome =
    decision?.type === 'pullFailure'
      ? { type: 'failed' as const, message: decision.message }
      : { type: 'pulled' as const, sizeBytes: decision?.sizeBytes ?? present?.sizeBytes ?? DEFAULT_IMAGE_SIZE_BYTES };
  // A re-pull of an image the node has only checks the registry: it takes no time.
  const duration = decision?.type === 'pullFailure' ? decision.afterSeconds : present ? 0 : (decision?.seconds ?? DEFAULT_PULL_SECONDS);
  const doneAt = addSeconds(state.now, duration);
  if (duration === 0) return finishPull(state, image, outcome, state.now, state.now);
  const pulls = { ...state.pulls, [requester]: { image, startedAt: state.now, doneAt, outcome } };
  return [{ ...state, pulls }, [{ type: 'image/pullStarted', image, doneAt }]];
}
// #endregion pull

function finishPull(state: RuntimeState, image: string, outcome: RuntimeState['pulls'][string]['outcome'], startedAt: Time, doneAt: Time): Step {
  if (outcome.type === 'failed') return [state, [{ type: 'image/pullFailed', image, message: outcome.message }]];
  const images = { ...state.images };
  addImage(images, image, outcome.sizeBytes);
  const record = images[normalizeImage(image)]!;
  const effect: RuntimeEffect = {
    type: 'image/pulled',
    image,
    imageRef: record.ref,
    sizeBytes: record.sizeBytes,
    pullSeconds: seconds(startedAt, doneAt),
    waitedSeconds: seconds(startedAt, state.now),
  };
  return [{ ...state, images }, [effect]];
}

function createContainer(state: RuntimeState, request: Extract<CRIRequest, { type: 'CreateContainer' }>): Step {
  const sandbox = state.sandboxes[request.podSandboxID];
  if (!sandbox || sandbox.state !== 'SANDBOX_READY') {
    return error(state, 'CreateContainer', `failed to create containerd container: sandbox "${request.podSandboxID}" is not ready`);
  }
  const image = state.images[normalizeImage(request.config.image)];
  if (!image) return error(state, 'CreateContainer', `failed to create containerd container: image "${normalizeImage(request.config.image)}": not found`);
  const id = runtimeID(state.nodeName, state.nextSeq);
  const container: ContainerRecord = {
    id,
    podSandboxID: sandbox.id,
    podUID: sandbox.config.uid,
    name: request.config.name,
    image: image.name,
    specImage: request.config.image,
    imageRef: image.ref,
    hash: request.config.hash,
    restartCount: request.config.attempt,
    state: 'created',
    createdAt: state.now,
    seq: state.nextSeq,
  };
  return [{ ...state, nextSeq: state.nextSeq + 1, containers: { ...state.containers, [id]: container } }, [{ type: 'container/created', containerID: id }]];
}

// #region start
function startContainer(state: RuntimeState, id: string, stages: Stages): Step {
  const c = state.containers[id];
  if (!c) return error(state, 'StartContainer', `container "${id}" not found`);
  if (c.state !== 'created') return error(state, 'StartContainer', `container "${id}" is not in created state: ${c.state}`);
  const sandbox = state.sandboxes[c.podSandboxID];
  const facts = factsFor(state, sandbox?.config ?? { name: '', namespace: '', uid: c.podUID }, c.specImage, c);
  const decision = firstOfType(stages.evaluate(facts), ['exit', 'run']);
  const fate: ContainerRecord['fate'] =
    decision?.type === 'exit'
      ? {
          type: 'exits',
          at: addSeconds(state.now, decision.afterSeconds),
          exitCode: decision.exitCode,
          reason: decision.reason ?? (decision.exitCode === 0 ? 'Completed' : 'Error'),
          ...(decision.message ? { message: decision.message } : {}),
        }
      : { type: 'runs' };
  const started: ContainerRecord = { ...c, state: 'running', startedAt: state.now, fate };
  return [{ ...state, containers: { ...state.containers, [id]: started } }, [{ type: 'container/started', containerID: id }]];
}
// #endregion start

// #region stop
function stopContainer(state: RuntimeState, id: string, timeoutSeconds: number, stages: Stages): Step {
  const c = state.containers[id];
  if (!c) return error(state, 'StopContainer', `an error occurred when try to find container "${id}": not found`);
  if (c.state === 'exited') return [state, [exitedEffect(c)]];
  if (c.stopping) return [state, [{ type: 'container/stillStopping', containerID: id, until: c.stopping.until }]];
  if (c.state !== 'running') {
    const stopped: ContainerRecord = { ...c, state: 'exited', finishedAt: state.now, exitCode: 0, reason: 'Completed' };
    return [{ ...state, containers: { ...state.containers, [id]: stopped } }, [exitedEffect(stopped)]];
  }
  // TERM: the stop rule says how the process reacts; past the timeout the runtime sends KILL.
  const sandbox = state.sandboxes[c.podSandboxID];
  const facts = factsFor(state, sandbox?.config ?? { name: '', namespace: '', uid: c.podUID }, c.specImage, c);
  const decision = firstOfType(stages.evaluate(facts), ['stop']) ?? { afterSeconds: 0, exitCode: 0 };
  const killed = decision.afterSeconds >= timeoutSeconds;
  const after = killed ? timeoutSeconds : decision.afterSeconds;
  const exitCode = killed ? SIGKILL_EXIT_CODE : decision.exitCode;
  const stopping = { until: addSeconds(state.now, after), exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' };
  const marked: ContainerRecord = { ...c, stopping };
  if (after > 0 && toMillis(exitTime(marked)!) > toMillis(state.now)) {
    return [{ ...state, containers: { ...state.containers, [id]: marked } }, [{ type: 'container/stopStarted', containerID: id, until: exitTime(marked)! }]];
  }
  const exited = exitContainer(marked, state.now);
  return [{ ...state, containers: { ...state.containers, [id]: exited } }, [exitedEffect(exited)]];
}
// #endregion stop

function removeContainer(state: RuntimeState, id: string): Step {
  // RemoveContainer is idempotent, and removes a running container by force.
  if (!state.containers[id]) return [state, [{ type: 'container/removed', containerID: id }]];
  const { [id]: _removed, ...containers } = state.containers;
  return [{ ...state, containers }, [{ type: 'container/removed', containerID: id }]];
}

/**
 * The earliest instant at which something changes by itself: a container exits or a TERMed
 * container ends (at `now` or later: an exit due now still needs a tick), a pull finishes
 * (after `now`). With `podUID`, only that pod's containers and pulls.
 */
export function nextEventAt(state: RuntimeState, podUID?: string): Time | undefined {
  let next: Time | undefined;
  const now = toMillis(state.now);
  for (const c of Object.values(state.containers)) {
    if (c.state !== 'running' || (podUID !== undefined && c.podUID !== podUID)) continue;
    const at = exitTime(c);
    // An exit due right now (a rule with afterSeconds 0) still needs the tick that carries it out.
    if (at !== undefined && toMillis(at) >= now) next = earlier(next, at);
  }
  for (const [requester, pull] of Object.entries(state.pulls)) {
    if (podUID !== undefined && !requester.startsWith(`${podUID}/`)) continue;
    if (toMillis(pull.doneAt) > now) next = earlier(next, pull.doneAt);
  }
  return next;
}

/**
 * What the runtime knows about one pod, as the kubelet's runtime manager reads it
 * (GetPodStatus): its sandboxes and containers, newest first, and the latest ready
 * sandbox's IP.
 */
export function runtimePodStatus(state: RuntimeState, pod: { uid: string; name: string; namespace: string }): SimPodStatus {
  const sandboxes = Object.values(state.sandboxes).filter((s) => s.config.uid === pod.uid).sort((a, b) => b.seq - a.seq);
  const containers = Object.values(state.containers).filter((c) => c.podUID === pod.uid).sort((a, b) => b.seq - a.seq);
  const ready = sandboxes.find((s) => s.state === 'SANDBOX_READY');
  return {
    id: pod.uid,
    name: pod.name,
    namespace: pod.namespace,
    ips: ready && ready.ip !== '' ? [ready.ip] : [],
    sandboxStatuses: sandboxes.map((s) => ({
      id: s.id,
      metadata: { name: s.config.name, namespace: s.config.namespace, uid: s.config.uid, attempt: s.attempt },
      state: s.state,
      createdAt: s.createdAt,
      network: { ip: s.ip },
      linux: { namespaces: { options: { network: s.config.hostNetwork ? 'NODE' : 'POD' } } },
    })),
    containerStatuses: containers.map((c) => ({
      id: c.id,
      name: c.name,
      state: c.state,
      createdAt: c.createdAt,
      ...(c.startedAt ? { startedAt: c.startedAt } : {}),
      ...(c.finishedAt ? { finishedAt: c.finishedAt } : {}),
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
      image: c.image,
      imageRef: c.imageRef,
      hash: c.hash,
      restartCount: c.restartCount,
    })),
  };
}
