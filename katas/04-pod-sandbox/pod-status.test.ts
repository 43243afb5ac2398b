/**
 * Kata 04-pod-status.
 *
 * The condition tables are upstream's (pkg/kubelet/status/generate_test.go:
 * TestGenerateContainersReadyCondition, TestGeneratePodReadyCondition,
 * TestGeneratePodInitializedCondition, which compares type, status and reason). The status
 * assembly follows generateAPIPodStatus in pkg/kubelet/kubelet_pods.go (kept conditions
 * first, then PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled;
 * terminal phases stick; reason and message kept while the phase is) and
 * updateLastTransitionTime in pkg/kubelet/status/status_manager.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  generateAPIPodStatus,
  generateContainersReadyCondition,
  generatePodInitializedCondition,
  generatePodReadyCondition,
  generatePodReadyToStartContainersCondition,
} from '@kata/04-pod-sandbox/pod-status';
import type { Container } from '../../core/api/types/container';
import type { ContainerStatus, Pod, PodCondition, PodPhase, PodSpec, PodStatus, RestartPolicy } from '../../core/api/types/pod';
import type { PodStatusInput } from '../../core/kubelet/pod-conditions';
import { notReadyStatus, notStartedStatus, readyStatus, runningState, startedStatus, succeededState } from '../../core/kubelet/testing/container-statuses';
import { addSeconds } from '../../core/data/rfc3339';
import { runs } from '../../core/testing/runs';

const podWith = (spec: Partial<PodSpec>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], ...spec } });
const cond = (type: string, status: PodCondition['status'], reason = '', message = ''): PodCondition => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
const names = (...n: string[]): Container[] => n.map((name) => ({ name }));
const sidecars = (...n: string[]): Container[] => n.map((name) => ({ name, restartPolicy: 'Always' as const }));

type ReadyRow = [spec: Partial<PodSpec>, statuses: ContainerStatus[] | undefined, phase: PodPhase, want: PodCondition];

describe('TestGenerateContainersReadyCondition', () => {
  test.each<ReadyRow>([
    [{}, undefined, 'Running', cond('ContainersReady', 'False', 'UnknownContainerStatuses')],
    [{}, [], 'Running', cond('ContainersReady', 'True')],
    [{ containers: names('1234') }, [], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unknown status: [1234]')],
    [{ containers: names('1234', '5678') }, [readyStatus('1234'), readyStatus('5678')], 'Running', cond('ContainersReady', 'True')],
    [{ containers: names('1234', '5678') }, [readyStatus('1234')], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unknown status: [5678]')],
    [{ containers: names('1234', '5678') }, [readyStatus('1234'), notReadyStatus('5678')], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [5678]')],
    [{ containers: names('1234') }, [notReadyStatus('1234')], 'Succeeded', cond('ContainersReady', 'False', 'PodCompleted')],
    [{ initContainers: sidecars('restartable-init-1'), containers: names('regular-1') }, [readyStatus('regular-1')], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unknown status: [restartable-init-1]')],
    [{ initContainers: sidecars('restartable-init-1', 'restartable-init-2'), containers: names('regular-1') }, [readyStatus('restartable-init-1'), readyStatus('restartable-init-2'), readyStatus('regular-1')], 'Running', cond('ContainersReady', 'True')],
    [{ initContainers: sidecars('restartable-init-1', 'restartable-init-2'), containers: names('regular-1') }, [readyStatus('restartable-init-1'), readyStatus('regular-1')], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unknown status: [restartable-init-2]')],
    [{ initContainers: sidecars('restartable-init-1', 'restartable-init-2'), containers: names('regular-1') }, [readyStatus('restartable-init-1'), notReadyStatus('restartable-init-2'), readyStatus('regular-1')], 'Running', cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [restartable-init-2]')],
  ])('case %#', (spec, statuses, phase, want) => {
    expect(generateContainersReadyCondition(podWith(spec), statuses, phase)).toEqual(want);
  });

  test('a failed pod is not ready, with reason PodFailed', () => {
    expect(generateContainersReadyCondition(podWith({ containers: names('a') }), [readyStatus('a')], 'Failed')).toEqual(cond('ContainersReady', 'False', 'PodFailed'));
  });

  test('unknown and unready containers are both listed', () => {
    expect(generateContainersReadyCondition(podWith({ containers: names('a', 'b', 'c') }), [notReadyStatus('b')], 'Running')).toEqual(
      cond('ContainersReady', 'False', 'ContainersNotReady', 'containers with unknown status: [a c], containers with unready status: [b]'),
    );
  });
});

describe('TestGeneratePodReadyCondition', () => {
  const gate = (...types: string[]) => types.map((conditionType) => ({ conditionType }));
  test.each<[Partial<PodSpec>, PodCondition[], ContainerStatus[] | undefined, PodPhase, PodCondition]>([
    [{}, [], undefined, 'Running', cond('Ready', 'False', 'UnknownContainerStatuses')],
    [{}, [], [], 'Running', cond('Ready', 'True')],
    [{ containers: names('1234') }, [], [], 'Running', cond('Ready', 'False', 'ContainersNotReady', 'containers with unknown status: [1234]')],
    [{ containers: names('1234', '5678') }, [], [readyStatus('1234'), readyStatus('5678')], 'Running', cond('Ready', 'True')],
    [{ containers: names('1234', '5678') }, [], [readyStatus('1234')], 'Running', cond('Ready', 'False', 'ContainersNotReady', 'containers with unknown status: [5678]')],
    [{ containers: names('1234', '5678') }, [], [readyStatus('1234'), notReadyStatus('5678')], 'Running', cond('Ready', 'False', 'ContainersNotReady', 'containers with unready status: [5678]')],
    [{ containers: names('1234') }, [], [notReadyStatus('1234')], 'Succeeded', cond('Ready', 'False', 'PodCompleted')],
    [{ readinessGates: gate('gate1') }, [], [], 'Running', cond('Ready', 'False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "gate1" does not exist.')],
    [{ readinessGates: gate('gate1') }, [cond('gate1', 'False')], [], 'Running', cond('Ready', 'False', 'ReadinessGatesNotReady', 'the status of pod readiness gate "gate1" is not "True", but False')],
    [{ readinessGates: gate('gate1') }, [cond('gate1', 'True')], [], 'Running', cond('Ready', 'True')],
    [{ readinessGates: gate('gate1', 'gate2') }, [cond('gate1', 'True')], [], 'Running', cond('Ready', 'False', 'ReadinessGatesNotReady', 'corresponding condition of pod readiness gate "gate2" does not exist.')],
    [{ readinessGates: gate('gate1', 'gate2') }, [cond('gate1', 'True'), cond('gate2', 'False')], [], 'Running', cond('Ready', 'False', 'ReadinessGatesNotReady', 'the status of pod readiness gate "gate2" is not "True", but False')],
    [{ readinessGates: gate('gate1', 'gate2') }, [cond('gate1', 'True'), cond('gate2', 'True')], [], 'Running', cond('Ready', 'True')],
    [{ containers: names('1234'), readinessGates: gate('gate1') }, [cond('gate1', 'True')], [notReadyStatus('1234')], 'Running', cond('Ready', 'False', 'ContainersNotReady', 'containers with unready status: [1234]')],
  ])('case %#', (spec, conditions, statuses, phase, want) => {
    expect(generatePodReadyCondition(podWith(spec), conditions, statuses, phase)).toEqual(want);
  });
});

describe('TestGeneratePodInitializedCondition', () => {
  const one = { initContainers: names('1234'), containers: names('regular') };
  const two = { initContainers: names('1234', '5678'), containers: names('regular') };
  const oneSidecar = { initContainers: sidecars('1234'), containers: names('regular') };
  const regular = (state: ContainerStatus['state']): ContainerStatus => ({ ...notReadyStatus('regular'), state });
  test.each<[Partial<PodSpec>, ContainerStatus[] | undefined, PodPhase, PodCondition['status'], string]>([
    [two, undefined, 'Running', 'False', 'UnknownContainerStatuses'],
    [{}, [], 'Running', 'True', ''],
    [one, [], 'Running', 'False', 'ContainersNotInitialized'],
    [two, [readyStatus('1234'), readyStatus('5678')], 'Running', 'True', ''],
    [two, [readyStatus('1234')], 'Running', 'False', 'ContainersNotInitialized'],
    [two, [readyStatus('1234'), notReadyStatus('5678')], 'Running', 'False', 'ContainersNotInitialized'],
    [one, [readyStatus('1234')], 'Succeeded', 'True', 'PodCompleted'],
    [oneSidecar, [notStartedStatus('1234')], 'Pending', 'False', 'ContainersNotInitialized'],
    [oneSidecar, [startedStatus('1234')], 'Running', 'True', ''],
    [oneSidecar, [notStartedStatus('1234'), regular({ running: {} })], 'Running', 'True', ''],
    [one, [{ ...notReadyStatus('1234'), state: { waiting: {} } }, regular({ terminated: { exitCode: 0 } })], 'Running', 'True', ''],
  ])('case %#', (spec, statuses, phase, status, reason) => {
    const c = generatePodInitializedCondition(podWith(spec), statuses, phase);
    expect([c.type, c.status, c.reason ?? '']).toEqual(['Initialized', status, reason]);
  });

  test('the message lists unknown and incomplete init containers', () => {
    expect(generatePodInitializedCondition(podWith({ initContainers: names('a', 'b', 'c') }), [notReadyStatus('b')], 'Pending')).toEqual(
      cond('Initialized', 'False', 'ContainersNotInitialized', 'containers with unknown status: [a c], containers with incomplete status: [b]'),
    );
  });
});

describe('PodReadyToStartContainers', () => {
  test('a pod with a ready sandbox is ready to start containers', () => {
    expect(generatePodReadyToStartContainersCondition(true)).toEqual(cond('PodReadyToStartContainers', 'True'));
  });

  test('a pod whose sandbox must be (re)created is not', () => {
    expect(generatePodReadyToStartContainersCondition(false)).toEqual(cond('PodReadyToStartContainers', 'False'));
  });
});

// ---------------------------------------------------------------------------------------
// generateAPIPodStatus

const T0 = '2024-05-01T12:00:00Z';
const T1 = '2024-05-01T12:05:00Z';
const input = (pod: Pod, over: Partial<PodStatusInput> = {}): PodStatusInput => ({
  pod,
  initContainerStatuses: [],
  containerStatuses: [],
  podIsTerminal: false,
  podHasInitialized: false,
  sandboxReady: true,
  now: T1,
  ...over,
});
const web = (status?: PodStatus): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: names('app'), readinessGates: [{ conditionType: 'example.com/lb' }] }, ...(status ? { status } : {}) });
const readyRunning: ContainerStatus = { ...runningState('app'), ready: true, started: true };

describe('generateAPIPodStatus', () => {
  test('conditions the kubelet does not own come first, then its five in order', () => {
    const status = generateAPIPodStatus(input(web({ conditions: [{ type: 'example.com/lb', status: 'True', lastTransitionTime: T0 }] }), { containerStatuses: [readyRunning] }));
    expect(status.conditions?.map((c) => c.type)).toEqual(['example.com/lb', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  });

  test('a readiness gate condition kept from the API decides Ready', () => {
    const status = generateAPIPodStatus(input(web({ conditions: [{ type: 'example.com/lb', status: 'True', lastTransitionTime: T0 }] }), { containerStatuses: [readyRunning] }));
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True' });
  });

  test('a missing readiness gate condition keeps the pod not Ready while its containers are ready', () => {
    const status = generateAPIPodStatus(input(web(), { containerStatuses: [readyRunning] }));
    expect(status.conditions?.filter((c) => c.type === 'Ready' || c.type === 'ContainersReady').map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'False', 'ReadinessGatesNotReady'],
      ['ContainersReady', 'True', undefined],
    ]);
  });

  test('the kubelet reports PodScheduled True', () => {
    const status = generateAPIPodStatus(input(web()));
    expect(status.conditions?.find((c) => c.type === 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastTransitionTime: T1 });
  });

  test('a condition whose status did not change keeps its lastTransitionTime', () => {
    const pod = web({ phase: 'Running', conditions: [{ type: 'ContainersReady', status: 'True', lastTransitionTime: T0 }] });
    const status = generateAPIPodStatus(input(pod, { containerStatuses: [readyRunning] }));
    expect(status.conditions?.find((c) => c.type === 'ContainersReady')?.lastTransitionTime).toBe(T0);
  });

  test('a condition whose status changed gets now as lastTransitionTime', () => {
    const pod = web({ phase: 'Running', conditions: [{ type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: T0 }] });
    const status = generateAPIPodStatus(input(pod, { containerStatuses: [readyRunning] }));
    expect(status.conditions?.find((c) => c.type === 'ContainersReady')?.lastTransitionTime).toBe(T1);
  });

  test('the phase comes from the containers', () => {
    expect(generateAPIPodStatus(input(web(), { containerStatuses: [readyRunning] })).phase).toBe('Running');
  });

  test('a terminal phase never changes, whatever the containers say', () => {
    const status = generateAPIPodStatus(input(web({ phase: 'Succeeded' }), { containerStatuses: [readyRunning] }));
    expect(status.phase).toBe('Succeeded');
  });

  test('a Failed pod stays Failed even when its containers all succeeded', () => {
    const pod: Pod = { ...web({ phase: 'Failed' }), spec: { containers: names('app'), restartPolicy: 'Never' } };
    expect(generateAPIPodStatus(input(pod, { containerStatuses: [succeededState('app')] })).phase).toBe('Failed');
  });

  test('reason and message stay while the phase stays', () => {
    const pod = web({ phase: 'Running', reason: 'NodeLost', message: 'still here' });
    expect(generateAPIPodStatus(input(pod, { containerStatuses: [readyRunning] }))).toMatchObject({ reason: 'NodeLost', message: 'still here' });
  });

  test('reason and message go when the phase changes', () => {
    const status = generateAPIPodStatus(input(web({ phase: 'Pending', reason: 'Old', message: 'old' }), { containerStatuses: [readyRunning] }));
    expect([status.phase, status.reason, status.message]).toEqual(['Running', undefined, undefined]);
  });

  test('the sandbox IPs become podIP and podIPs', () => {
    expect(generateAPIPodStatus(input(web(), { podIPs: ['10.244.1.2'] }))).toMatchObject({ podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }] });
  });

  test('the container statuses are written as given', () => {
    expect(generateAPIPodStatus(input(web(), { containerStatuses: [readyRunning] })).containerStatuses).toEqual([readyRunning]);
  });
});

// ---------------------------------------------------------------------------------------
// Properties and the model: a pod of two containers whose status the kubelet rewrites after
// every change, as it does on every sync.

type Model = { policy: RestartPolicy; phase?: PodPhase; times: Record<string, [string, string]>; now: number; deleting: boolean; containers: Record<string, ContainerStatus | undefined> };
type Real = { pod: Pod };
const KUBELET_TYPES = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/**
 * The phase of a pod without init containers, the plain way: terminal stays terminal; a
 * container without status or waiting for its first start -> Pending; one running -> Running;
 * otherwise all stopped (a container backing off counts as stopped, not as succeeded).
 */
function modelPhase(m: Model, terminal: boolean): PodPhase {
  if (m.phase === 'Succeeded' || m.phase === 'Failed') return m.phase;
  const all = Object.values(m.containers);
  if (all.some((s) => s === undefined || (s.state?.waiting && !s.lastState?.terminated))) return 'Pending';
  if (all.some((s) => s?.state?.running)) return 'Running';
  const allSucceeded = all.every((s) => s?.state?.terminated?.exitCode === 0);
  if (terminal) return allSucceeded ? 'Succeeded' : 'Failed';
  if (m.policy === 'Always') return 'Running';
  if (allSucceeded) return 'Succeeded';
  return m.policy === 'Never' ? 'Failed' : 'Running';
}

const statusCommand = (label: string, change: (m: Model) => void): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    change(m);
    m.now += 10;
    const now = addSeconds(T0, m.now);
    const terminal = m.deleting && Object.values(m.containers).every((s) => s?.state?.terminated);
    const status = generateAPIPodStatus({
      pod: r.pod,
      initContainerStatuses: [],
      containerStatuses: Object.values(m.containers).filter((s): s is ContainerStatus => s !== undefined),
      podIsTerminal: terminal,
      podHasInitialized: true,
      sandboxReady: true,
      now,
    });
    const want = modelPhase(m, terminal);
    expect(status.phase, 'phase').toBe(want);
    m.phase = want;
    const conditions = status.conditions ?? [];
    expect(conditions.map((c) => c.type), 'condition order').toEqual(KUBELET_TYPES);
    for (const c of conditions) {
      const before = m.times[c.type];
      const expected = before && before[0] === c.status ? before[1] : now;
      expect(c.lastTransitionTime, `${c.type}: ${before?.[0]} -> ${c.status}`).toBe(expected);
      m.times[c.type] = [c.status, c.lastTransitionTime as string];
    }
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'True') expect(conditions.find((c) => c.type === 'ContainersReady')?.status, 'Ready implies ContainersReady').toBe('True');
    r.pod = { ...r.pod, status };
  },
  toString: () => label,
});

const name = fc.constantFrom('a', 'b');
const commands = [
  name.map((n) => statusCommand(`${n}.started()`, (m) => (m.containers[n] = { ...runningState(n), started: true }))),
  name.map((n) =>
    statusCommand(`${n}.ready()`, (m) => {
      const s = m.containers[n];
      if (s?.state?.running) m.containers[n] = { ...s, ready: true };
    }),
  ),
  fc.tuple(name, fc.constantFrom(0, 1)).map(([n, code]) =>
    statusCommand(`${n}.exited(${code})`, (m) => {
      if (m.containers[n]?.state?.running) m.containers[n] = { ...notReadyStatus(n), state: { terminated: { exitCode: code } } };
    }),
  ),
  name.map((n) =>
    statusCommand(`${n}.backingOff()`, (m) => {
      const s = m.containers[n];
      if (s?.state?.terminated && !m.deleting) m.containers[n] = { ...notReadyStatus(n), state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: s.state.terminated } };
    }),
  ),
  fc.constant(statusCommand('pod.deleted()', (m) => (m.deleting = true))),
  fc.constant(statusCommand('sync()', () => undefined)),
];

describe('model', () => {
  test('rewriting the status keeps transition times, sticky terminal phases, and the phase of a plain model', () => {
    fc.assert(
      fc.property(fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'), fc.commands(commands, { maxCommands: 25 }), (policy, cmds) => {
        const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: policy, containers: names('a', 'b') } };
        fc.modelRun(() => ({ model: { policy, times: {}, now: 0, deleting: false, containers: { a: undefined, b: undefined } }, real: { pod } }), cmds);
      }),
      runs(150),
    );
  });
});
