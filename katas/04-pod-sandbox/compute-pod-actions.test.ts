/**
 * Kata 04-compute-pod-actions.
 *
 * The tables are upstream's (pkg/kubelet/kuberuntime/kuberuntime_manager_test.go:
 * TestComputePodActions, TestComputePodActionsWithInitContainers,
 * TestComputePodActionsWithRestartableInitContainers,
 * TestComputePodActionsWithInitAndEphemeralContainers), with their fixtures from
 * core/kubelet/testing/fixtures (makeBasePodAndStatus and friends). Like upstream's
 * verifyActions, the tables compare which containers are killed, not the messages; the
 * messages and reasons are checked on their own below (kuberuntime_manager.go, computePodActions).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computePodActions, podSandboxChanged, shouldContainerBeRestarted } from '@kata/04-pod-sandbox/compute-pod-actions';
import type { Container } from '../../core/api/types/container';
import type { Pod, RestartPolicy } from '../../core/api/types/pod';
import type { PodActions } from '../../core/kubelet/pod-actions';
import type { RuntimeContainerStatus, RuntimePodStatus } from '../../core/kubelet/runtime-status';
import { hashContainer } from '../../core/kubelet/hash';
import {
  makeBasePodAndStatus,
  makeBasePodAndStatusWithInitAndEphemeralContainers,
  makeBasePodAndStatusWithInitContainers,
  makeBasePodAndStatusWithRestartableInitContainers,
  statusFor,
} from '../../core/kubelet/testing/fixtures';
import { runs } from '../../core/testing/runs';

type Fixture = () => { pod: Pod; status: RuntimePodStatus };
type Case = {
  policy?: RestartPolicy;
  pod?: (pod: Pod) => void;
  status?: (status: RuntimePodStatus, pod: Pod) => void;
  /** Expected actions; `containersToKill` maps container ID to container name. */
  want: Partial<Omit<PodActions, 'containersToKill'>> & { containersToKill?: Record<string, string> };
};

const noAction: Omit<PodActions, 'containersToKill'> & { containersToKill: Record<string, string> } = {
  killPod: false,
  createSandbox: false,
  sandboxID: 'sandboxID',
  attempt: 0,
  initContainersToStart: [],
  containersToStart: [],
  containersToKill: {},
  ephemeralContainersToStart: [],
};

function runCase(fixture: Fixture, c: Case) {
  const { pod, status } = structuredClone(fixture());
  if (c.policy && pod.spec) pod.spec.restartPolicy = c.policy;
  c.pod?.(pod);
  c.status?.(status, pod);
  const actions = computePodActions(pod, status);
  const killed = Object.fromEntries(Object.entries(actions.containersToKill).map(([id, k]) => [id, k.name]));
  expect({ ...actions, containersToKill: killed }).toEqual({ ...noAction, ...c.want });
}

const cs = (status: RuntimePodStatus, i: number) => status.containerStatuses[i] as RuntimeContainerStatus;
const exit = (status: RuntimePodStatus, i: number, exitCode: number) => Object.assign(cs(status, i), { state: 'exited', exitCode, finishedAt: status.containerStatuses[i]?.createdAt });
const notReady = (status: RuntimePodStatus, attempt = 0) => {
  const sandbox = status.sandboxStatuses[0];
  if (sandbox) Object.assign(sandbox, { state: 'SANDBOX_NOTREADY', metadata: { ...sandbox.metadata, attempt } });
};
const fresh = { killPod: true, createSandbox: true, attempt: 1 };

describe('TestComputePodActions', () => {
  const cases: Record<string, Case> = {
    'everything is good; do nothing': { want: {} },
    'start pod sandbox and all containers for a new pod': {
      status: (s) => Object.assign(s, { sandboxStatuses: [], containerStatuses: [] }),
      want: { killPod: true, createSandbox: true, sandboxID: '', attempt: 0, containersToStart: [0, 1, 2] },
    },
    'restart exited containers if RestartPolicy == Always': {
      policy: 'Always',
      status: (s) => (exit(s, 0, 0), exit(s, 1, 111)),
      want: { containersToStart: [0, 1] },
    },
    'restart failed containers if RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => (exit(s, 0, 0), exit(s, 1, 111)),
      want: { containersToStart: [1] },
    },
    'restart created but not started containers if RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => (exit(s, 0, 0), (cs(s, 1).state = 'created')),
      want: { containersToStart: [1] },
    },
    "don't restart containers if RestartPolicy == Never": {
      policy: 'Never',
      status: (s) => (exit(s, 0, 0), exit(s, 1, 111)),
      want: {},
    },
    'Kill pod and recreate everything if the pod sandbox is dead, and RestartPolicy == Always': {
      policy: 'Always',
      status: (s) => notReady(s),
      want: { ...fresh, containersToStart: [0, 1, 2] },
    },
    'Kill pod and recreate all containers (except for the succeeded one) if the pod sandbox is dead, and RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => (notReady(s), exit(s, 1, 0)),
      want: { ...fresh, containersToStart: [0, 2] },
    },
    'Kill pod and recreate all containers if the PodSandbox does not have an IP': {
      status: (s) => Object.assign(s.sandboxStatuses[0] ?? {}, { network: { ip: '' } }),
      want: { ...fresh, containersToStart: [0, 1, 2] },
    },
    "Kill and recreate the container if the container's spec changed": {
      policy: 'Always',
      status: (s) => (cs(s, 1).hash = 'deadbeef'),
      want: { containersToKill: { id2: 'foo2' }, containersToStart: [1] },
    },
    'Kill and recreate the container if the liveness check has failed': {
      policy: 'Always',
      status: (s) => (cs(s, 1).liveness = 'Failure'),
      want: { containersToKill: { id2: 'foo2' }, containersToStart: [1] },
    },
    'Kill and recreate the container if the startup check has failed': {
      policy: 'Always',
      status: (s) => (cs(s, 1).startup = 'Failure'),
      want: { containersToKill: { id2: 'foo2' }, containersToStart: [1] },
    },
    'Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and all containers exited': {
      policy: 'Never',
      status: (s) => (notReady(s, 1), [0, 1, 2].forEach((i) => exit(s, i, 0))),
      want: { killPod: true, attempt: 2 },
    },
    'Verify we do not create a pod sandbox if no ready sandbox for pod with RestartPolicy=OnFailure and all containers succeeded': {
      policy: 'OnFailure',
      status: (s) => (notReady(s, 1), [0, 1, 2].forEach((i) => exit(s, i, 0))),
      want: { killPod: true, attempt: 2 },
    },
    'Verify we create a pod sandbox if no ready sandbox for pod with RestartPolicy=Never and no containers have ever been created': {
      policy: 'Never',
      status: (s) => (notReady(s, 2), (s.containerStatuses = [])),
      want: { killPod: true, createSandbox: true, attempt: 3, containersToStart: [0, 1, 2] },
    },
    'Kill and recreate the container if the container is in unknown state': {
      policy: 'Never',
      status: (s) => (cs(s, 1).state = 'unknown'),
      want: { containersToKill: { id2: 'foo2' }, containersToStart: [1] },
    },
    'Restart the container if the container is in created state': {
      policy: 'Never',
      status: (s) => (cs(s, 1).state = 'created'),
      want: { containersToStart: [1] },
    },
  };
  test.each(Object.entries(cases))('%s', (_, c) => runCase(makeBasePodAndStatus, c));
});

describe('TestComputePodActionsWithInitContainers', () => {
  const cases: Record<string, Case> = {
    'initialization completed; start all containers': { want: { containersToStart: [0, 1, 2] } },
    'no init containers have been started; start the first one': {
      status: (s) => (s.containerStatuses = []),
      want: { initContainersToStart: [0] },
    },
    'initialization in progress; do nothing': {
      policy: 'Always',
      status: (s) => (cs(s, 2).state = 'running'),
      want: {},
    },
    'Kill pod and restart the first init container if the pod sandbox is dead': {
      policy: 'Always',
      status: (s) => notReady(s),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'initialization failed; restart the last init container if RestartPolicy == Always': {
      policy: 'Always',
      status: (s) => exit(s, 2, 137),
      want: { initContainersToStart: [2] },
    },
    'initialization failed; restart the last init container if RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => exit(s, 2, 137),
      want: { initContainersToStart: [2] },
    },
    'initialization failed; kill pod if RestartPolicy == Never': {
      policy: 'Never',
      status: (s) => exit(s, 2, 137),
      want: { killPod: true },
    },
    'init container state unknown; kill and recreate the last init container if RestartPolicy == Always': {
      policy: 'Always',
      status: (s) => (cs(s, 2).state = 'unknown'),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'init3' } },
    },
    'init container state unknown; kill and recreate the last init container if RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => (cs(s, 2).state = 'unknown'),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'init3' } },
    },
    'init container state unknown; kill pod if RestartPolicy == Never': {
      policy: 'Never',
      status: (s) => (cs(s, 2).state = 'unknown'),
      want: { killPod: true },
    },
    'Pod sandbox not ready, init container failed, but RestartPolicy == Never; kill pod only': {
      policy: 'Never',
      status: (s) => notReady(s),
      want: { killPod: true, attempt: 1 },
    },
    'Pod sandbox not ready, and RestartPolicy == Never, but no visible init containers; create a new pod sandbox': {
      policy: 'Never',
      status: (s) => (notReady(s), (s.containerStatuses = [])),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'Pod sandbox not ready, init container failed, and RestartPolicy == OnFailure; create a new pod sandbox': {
      policy: 'OnFailure',
      status: (s) => (notReady(s), exit(s, 2, 137)),
      want: { ...fresh, initContainersToStart: [0] },
    },
    "some of the init container statuses are missing but the last init container is running, don't restart preceding ones": {
      policy: 'Always',
      status: (s) => ((cs(s, 2).state = 'running'), (s.containerStatuses = s.containerStatuses.slice(2))),
      want: {},
    },
    'an init container is in the created state due to an unknown error when starting container; restart it': {
      policy: 'Always',
      status: (s) => (cs(s, 2).state = 'created'),
      want: { initContainersToStart: [2] },
    },
  };
  test.each(Object.entries(cases))('%s', (_, c) => runCase(makeBasePodAndStatusWithInitContainers, c));
});

describe('TestComputePodActionsWithRestartableInitContainers', () => {
  const regularRunning = (s: RuntimePodStatus, pod: Pod, state: RuntimeContainerStatus['state'], exitCode?: number) =>
    (pod.spec?.containers ?? []).forEach((c, i) => s.containerStatuses.push(statusFor(c, `id${i + 1}`, state, exitCode === undefined ? {} : { exitCode })));
  const cases: Record<string, Case> = {
    'initialization completed; start all containers': { want: { containersToStart: [0, 1, 2] } },
    'no init containers have been started; start the first one': {
      status: (s) => (s.containerStatuses = []),
      want: { initContainersToStart: [0] },
    },
    'an init container is stuck in the created state; restart it': {
      policy: 'Always',
      status: (s) => (cs(s, 2).state = 'created'),
      want: { initContainersToStart: [2] },
    },
    'restartable init container has started; start the next': {
      policy: 'Always',
      status: (s) => (s.containerStatuses = s.containerStatuses.slice(0, 1)),
      want: { initContainersToStart: [1] },
    },
    'livenessProbe has not been run; start the nothing': {
      policy: 'Always',
      status: (s) => (delete cs(s, 1).liveness, (s.containerStatuses = s.containerStatuses.slice(0, 2))),
      want: { initContainersToStart: [2] },
    },
    'livenessProbe in progress; start the next': {
      policy: 'Always',
      status: (s) => ((cs(s, 1).liveness = 'Unknown'), (s.containerStatuses = s.containerStatuses.slice(0, 2))),
      want: { initContainersToStart: [2] },
    },
    'livenessProbe has completed; start the next': {
      policy: 'Always',
      status: (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)),
      want: { initContainersToStart: [2] },
    },
    'kill and recreate the restartable init container if the liveness check has failed': {
      policy: 'Always',
      status: (s) => (cs(s, 2).liveness = 'Failure'),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'restartable-init-3' }, containersToStart: [0, 1, 2] },
    },
    'startupProbe has not been run; do nothing': {
      policy: 'Always',
      status: (s) => (delete cs(s, 1).startup, (s.containerStatuses = s.containerStatuses.slice(0, 2))),
      want: {},
    },
    'startupProbe in progress; do nothing': {
      policy: 'Always',
      status: (s) => ((cs(s, 1).startup = 'Unknown'), (s.containerStatuses = s.containerStatuses.slice(0, 2))),
      want: {},
    },
    'startupProbe has completed; start the next': {
      policy: 'Always',
      status: (s) => (s.containerStatuses = s.containerStatuses.slice(0, 2)),
      want: { initContainersToStart: [2] },
    },
    'kill and recreate the restartable init container if the startup check has failed': {
      policy: 'Always',
      status: (s) => (cs(s, 2).startup = 'Failure'),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'restartable-init-3' } },
    },
    'kill and recreate the restartable init container if the container definition changes': {
      policy: 'Always',
      pod: (p) => Object.assign(p.spec?.initContainers?.[2] ?? {}, { image: 'foo-image' }),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'restartable-init-3' }, containersToStart: [0, 1, 2] },
    },
    'restart terminated restartable init container and next init container': {
      policy: 'Always',
      status: (s) => ((cs(s, 0).state = 'exited'), (cs(s, 2).state = 'exited')),
      want: { initContainersToStart: [0, 2] },
    },
    'restart terminated restartable init container and regular containers': {
      policy: 'Always',
      status: (s) => (cs(s, 0).state = 'exited'),
      want: { initContainersToStart: [0], containersToStart: [0, 1, 2] },
    },
    'Pod sandbox not ready, restartable init container failed, but RestartPolicy == Never; kill pod only': {
      policy: 'Never',
      status: (s) => (notReady(s), exit(s, 2, 137)),
      want: { killPod: true, attempt: 1 },
    },
    'Pod sandbox not ready, and RestartPolicy == Never, but no visible restartable init containers; create a new pod sandbox': {
      policy: 'Never',
      status: (s) => (notReady(s), (s.containerStatuses = [])),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'Pod sandbox not ready, restartable init container failed, and RestartPolicy == OnFailure; create a new pod sandbox': {
      policy: 'OnFailure',
      status: (s) => (notReady(s), exit(s, 2, 137)),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'Pod sandbox not ready, restartable init container failed, and RestartPolicy == Always; create a new pod sandbox': {
      policy: 'Always',
      status: (s) => (notReady(s), exit(s, 2, 137)),
      want: { ...fresh, initContainersToStart: [0] },
    },
    "initialization failed; restart the last restartable init container even if pod's RestartPolicy == Never": {
      policy: 'Never',
      status: (s) => exit(s, 2, 137),
      want: { initContainersToStart: [2] },
    },
    "restartable init container state unknown; kill and recreate the last restartable init container even if pod's RestartPolicy == Never": {
      policy: 'Never',
      status: (s) => (cs(s, 2).state = 'unknown'),
      want: { initContainersToStart: [2], containersToKill: { initid3: 'restartable-init-3' } },
    },
    "restart restartable init container if regular containers are running even if pod's RestartPolicy == Never": {
      policy: 'Never',
      status: (s, p) => (exit(s, 2, 137), regularRunning(s, p, 'running')),
      want: { initContainersToStart: [2] },
    },
    "kill the pod if all main containers succeeded if pod's RestartPolicy == Never": {
      policy: 'Never',
      status: (s, p) => regularRunning(s, p, 'exited', 0),
      want: { killPod: true },
    },
    'some of the init container statuses are missing but the last init container is running, restart restartable init and regular containers': {
      policy: 'Always',
      status: (s) => (s.containerStatuses = s.containerStatuses.slice(2)),
      want: { initContainersToStart: [0, 1], containersToStart: [0, 1, 2] },
    },
  };
  test.each(Object.entries(cases))('%s', (_, c) => runCase(makeBasePodAndStatusWithRestartableInitContainers, c));
});

describe('TestComputePodActionsWithInitAndEphemeralContainers', () => {
  const cases: Record<string, Case> = {
    'steady state; do nothing; ignore ephemeral container': { want: {} },
    'No ephemeral containers running; start one': {
      status: (s) => (s.containerStatuses = s.containerStatuses.slice(0, 4)),
      want: { ephemeralContainersToStart: [0] },
    },
    'Start second ephemeral container': {
      pod: (p) => p.spec?.ephemeralContainers?.push({ name: 'debug2', image: 'busybox' }),
      want: { ephemeralContainersToStart: [1] },
    },
    'Ephemeral container exited; do not restart': {
      policy: 'Always',
      status: (s) => (cs(s, 4).state = 'exited'),
      want: {},
    },
    'initialization in progress; start ephemeral container': {
      status: (s) => ((cs(s, 3).state = 'running'), (s.containerStatuses = s.containerStatuses.slice(0, 4))),
      want: { ephemeralContainersToStart: [0] },
    },
    'Create a new pod sandbox if the pod sandbox is dead, init container failed and RestartPolicy == OnFailure': {
      policy: 'OnFailure',
      status: (s) => (notReady(s), (s.containerStatuses = s.containerStatuses.slice(3)), exit(s, 0, 137)),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'Kill pod and do not restart ephemeral container if the pod sandbox is dead': {
      policy: 'Always',
      status: (s) => notReady(s),
      want: { ...fresh, initContainersToStart: [0] },
    },
    'Kill pod if all containers exited except ephemeral container': {
      policy: 'Never',
      status: (s) => [0, 1, 2].forEach((i) => exit(s, i, 0)),
      want: { killPod: true },
    },
    'Ephemeral container is in unknown state; leave it alone': {
      policy: 'Never',
      status: (s) => (cs(s, 4).state = 'unknown'),
      want: {},
    },
  };
  test.each(Object.entries(cases))('%s', (_, c) => runCase(makeBasePodAndStatusWithInitAndEphemeralContainers, c));
});

describe('kill messages and reasons', () => {
  const kills = (mutate: (s: RuntimePodStatus) => void, policy: RestartPolicy = 'Always') => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    if (pod.spec) pod.spec.restartPolicy = policy;
    mutate(status);
    return computePodActions(pod, status).containersToKill;
  };

  test('a failed liveness probe kills with reason LivenessProbe and says it will be restarted', () => {
    expect(kills((s) => (cs(s, 1).liveness = 'Failure'))).toEqual({ id2: { name: 'foo2', reason: 'LivenessProbe', message: 'Container foo2 failed liveness probe, will be restarted' } });
  });

  test('under restartPolicy Never a failed startup probe kills without a restart', () => {
    expect(kills((s) => (cs(s, 1).startup = 'Failure'), 'Never')).toEqual({ id2: { name: 'foo2', reason: 'StartupProbe', message: 'Container foo2 failed startup probe' } });
  });

  test('a changed definition restarts even under restartPolicy Never', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    if (pod.spec) pod.spec.restartPolicy = 'Never';
    cs(status, 0).hash = 'deadbeef';
    const actions = computePodActions(pod, status);
    expect(actions.containersToKill).toEqual({ id1: { name: 'foo1', reason: '', message: 'Container foo1 definition changed, will be restarted' } });
    expect(actions.containersToStart).toEqual([0]);
  });

  test('a container in unknown state is killed before it is restarted', () => {
    expect(kills((s) => (cs(s, 2).state = 'unknown'))).toEqual({ id3: { name: 'foo3', reason: 'Unknown', message: 'Container is in "unknown" state, try killing it before restart' } });
  });
});

describe('podSandboxChanged', () => {
  test('a pod with a ready sandbox keeps it', () => {
    const { pod, status } = makeBasePodAndStatus();
    expect(podSandboxChanged(pod, status)).toEqual({ changed: false, attempt: 0, sandboxID: 'sandboxID' });
  });

  test('two ready sandboxes are reconciled by a new one', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    const first = status.sandboxStatuses[0];
    if (first) status.sandboxStatuses.push({ ...first, id: 'older' });
    expect(podSandboxChanged(pod, status)).toEqual({ changed: true, attempt: 1, sandboxID: 'sandboxID' });
  });

  test('switching to hostNetwork needs a new sandbox and does not reuse the old ID', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    if (pod.spec) pod.spec.hostNetwork = true;
    expect(podSandboxChanged(pod, status)).toEqual({ changed: true, attempt: 1, sandboxID: '' });
  });
});

describe('shouldContainerBeRestarted', () => {
  test('a pod being deleted restarts nothing', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    pod.metadata.deletionTimestamp = '2024-05-01T12:00:00Z';
    status.containerStatuses = [];
    expect(shouldContainerBeRestarted(pod.spec?.containers[0] as Container, pod, status)).toBe(false);
  });

  test.each<[RestartPolicy, number, boolean]>([
    ['Always', 0, true],
    ['Always', 1, true],
    ['OnFailure', 0, false],
    ['OnFailure', 1, true],
    ['Never', 0, false],
    ['Never', 1, false],
  ])('restartPolicy %s after exit code %i restarts: %s', (policy, code, want) => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    if (pod.spec) pod.spec.restartPolicy = policy;
    exit(status, 0, code);
    expect(shouldContainerBeRestarted(pod.spec?.containers[0] as Container, pod, status)).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------
// Properties and the model: a pod with init containers on a fake runtime that applies the
// actions directly (kill -> exited 137, start -> a new running instance).

type World = { pod: Pod; status: RuntimePodStatus; nextID: number; time: number };

/** Applies actions the simplest way: kill, recreate the sandbox (purging init containers), start. */
function apply(w: World, a: PodActions): void {
  const now = `2024-05-01T12:${String(Math.floor(w.time / 60) % 60).padStart(2, '0')}:${String(w.time % 60).padStart(2, '0')}Z`;
  const stop = (s: RuntimeContainerStatus) => Object.assign(s, { state: 'exited', exitCode: 137, finishedAt: now });
  if (a.killPod) {
    w.status.containerStatuses.filter((s) => s.state === 'running').forEach(stop);
    w.status.sandboxStatuses.forEach((s) => (s.state = 'SANDBOX_NOTREADY'));
    if (a.createSandbox) {
      const inits = new Set((w.pod.spec?.initContainers ?? []).map((c) => c.name));
      w.status.containerStatuses = w.status.containerStatuses.filter((s) => !inits.has(s.name));
      w.status.sandboxStatuses.unshift({ id: `sb-${w.nextID++}`, state: 'SANDBOX_READY', metadata: { name: 'p', namespace: 'ns', uid: 'u', attempt: a.attempt }, createdAt: now, network: { ip: '10.0.0.9' } });
    }
  } else {
    for (const id of Object.keys(a.containersToKill)) {
      const s = w.status.containerStatuses.find((c) => c.id === id);
      if (s) stop(s);
    }
  }
  const start = (c: Container) => {
    const previous = w.status.containerStatuses.find((s) => s.name === c.name);
    w.status.containerStatuses.unshift(statusFor(c, `c-${w.nextID++}`, 'running', { restartCount: previous ? previous.restartCount + 1 : 0, createdAt: now, startedAt: now }));
  };
  a.initContainersToStart.forEach((i) => start(w.pod.spec?.initContainers?.[i] as Container));
  a.containersToStart.forEach((i) => start(w.pod.spec?.containers[i] as Container));
}

const podArb = fc.record({
  inits: fc.integer({ min: 0, max: 2 }),
  regulars: fc.integer({ min: 1, max: 2 }),
  policy: fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'),
});

function newWorld(p: { inits: number; regulars: number; policy: RestartPolicy }): World {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', uid: 'u' },
    spec: {
      restartPolicy: p.policy,
      initContainers: Array.from({ length: p.inits }, (_, i) => ({ name: `init${i}`, image: 'busybox' })),
      containers: Array.from({ length: p.regulars }, (_, i) => ({ name: `app${i}`, image: 'busybox' })),
    },
  };
  return { pod, status: { id: 'u', name: 'p', namespace: 'ns', ips: [], sandboxStatuses: [], containerStatuses: [] }, nextID: 1, time: 0 };
}

/** Regular containers that ever exited, and those that exited 0. */
type Model = { ranToCompletion: Set<string>; exited: Set<string> };

const latest = (w: World, name: string) => w.status.containerStatuses.find((s) => s.name === name);

const syncCmd: fc.Command<Model, World> = {
  check: () => true,
  run: (m, w) => {
    const actions = computePodActions(w.pod, w.status);
    const inits = w.pod.spec?.initContainers ?? [];
    const initDone = inits.every((c) => latest(w, c.name)?.state === 'exited' && latest(w, c.name)?.exitCode === 0);
    if (!actions.createSandbox && actions.containersToStart.length > 0) {
      expect(initDone, 'regular containers start only after every init container exited 0').toBe(true);
    }
    expect(actions.initContainersToStart.length, 'one init container at a time').toBeLessThanOrEqual(1);
    for (const i of actions.initContainersToStart) {
      if (!actions.createSandbox) {
        const earlier = inits.slice(0, i);
        expect(earlier.every((c) => latest(w, c.name)?.exitCode === 0 && latest(w, c.name)?.state === 'exited'), `init${i} starts only after the ones before it succeeded`).toBe(true);
      }
    }
    if (w.pod.spec?.restartPolicy === 'Never') {
      for (const i of actions.containersToStart) expect(m.exited.has(`app${i}`), `under Never app${i} is never started twice`).toBe(false);
    }
    if (w.pod.spec?.restartPolicy === 'OnFailure' && !actions.createSandbox) {
      for (const i of actions.containersToStart) expect(m.ranToCompletion.has(`app${i}`), `under OnFailure app${i} exited 0 and stays done`).toBe(false);
    }
    apply(w, actions);
    const running = w.status.containerStatuses.filter((s) => s.state === 'running').map((s) => s.name);
    expect(new Set(running).size, `one running instance per container: ${running}`).toBe(running.length);
  },
  toString: () => 'sync()',
};

const exitCmd = (which: number, code: number): fc.Command<Model, World> => ({
  check: () => true,
  run: (m, w) => {
    const running = w.status.containerStatuses.filter((s) => s.state === 'running');
    const s = running[which % Math.max(running.length, 1)];
    if (!s) return;
    w.time += 7;
    Object.assign(s, { state: 'exited', exitCode: code });
    if (s.name.startsWith('app')) {
      m.exited.add(s.name);
      if (code === 0) m.ranToCompletion.add(s.name);
    }
  },
  toString: () => `runningContainer[${which}].exit(${code})`,
});

describe('model', () => {
  test('syncing a pod on a fake runtime keeps init order, one init container at a time, and the restart policy', () => {
    fc.assert(
      fc.property(
        podArb,
        fc.commands([fc.constant(syncCmd), fc.constant(syncCmd), fc.tuple(fc.nat(3), fc.constantFrom(0, 0, 1)).map(([i, c]) => exitCmd(i, c))], { maxCommands: 30 }),
        (p, cmds) => {
          fc.modelRun(() => ({ model: { ranToCompletion: new Set<string>(), exited: new Set<string>() }, real: newWorld(p) }), cmds);
        },
      ),
      runs(150),
    );
  });

  test('a pod whose runtime matches its spec needs nothing', () => {
    fc.assert(
      fc.property(podArb, (p) => {
        const w = newWorld(p);
        for (let i = 0; i < 10; i++) apply(w, computePodActions(w.pod, w.status));
        // After init finished and everything runs, a further sync has nothing to do.
        const again = computePodActions(w.pod, w.status);
        expect(again, 'actions for a settled pod').toEqual({ ...noAction, sandboxID: w.status.sandboxStatuses[0]?.id, containersToKill: {} });
      }),
      runs(50),
    );
  });

  test('a running container is started again only when it is also killed', () => {
    fc.assert(
      fc.property(podArb, fc.array(fc.tuple(fc.nat(5), fc.constantFrom<RuntimeContainerStatus['state']>('running', 'exited', 'created', 'unknown'), fc.boolean()), { maxLength: 6 }), (p, edits) => {
        const w = newWorld(p);
        for (let i = 0; i < 6; i++) apply(w, computePodActions(w.pod, w.status));
        for (const [i, state, changed] of edits) {
          const s = w.status.containerStatuses[i % Math.max(w.status.containerStatuses.length, 1)];
          if (s) Object.assign(s, { state, ...(changed ? { hash: 'deadbeef' } : { hash: hashContainer({ name: s.name, image: 'busybox' }) }) });
        }
        const actions = computePodActions(w.pod, w.status);
        if (actions.killPod) return;
        actions.containersToStart.forEach((i) => {
          const s = latest(w, w.pod.spec?.containers[i]?.name ?? '');
          if (s?.state === 'running') expect(Object.keys(actions.containersToKill), `app${i} runs and is started again`).toContain(s.id);
        });
      }),
      runs(100),
    );
  });
});
