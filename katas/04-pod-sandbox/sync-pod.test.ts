/**
 * Kata 04-sync-pod.
 *
 * Scenarios follow upstream's SyncPod tests (pkg/kubelet/kuberuntime/kuberuntime_manager_test.go:
 * TestSyncPod, TestSyncPodWithInitContainers with its four stages), and the order of calls is
 * SyncPod's own (steps 1-7 plus startContainer: pull, create, PreStartContainer, start,
 * postStart; killContainer: preStop when grace > 0, then StopContainer;
 * setTerminationGracePeriod: deletion grace, else the probe's for a probe kill, else the pod's).
 * Back-off messages are doBackOff's (`back-off %s restarting failed container=%s pod=%s`,
 * format.Pod = name_namespace(uid)), delays 10 s doubling (pkg/kubelet/kubelet.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { syncPod } from '@kata/04-pod-sandbox/sync-pod';
import { newBackOff } from '@kata/04-pod-sandbox/restart-backoff';
import type { Pod } from '../../core/api/types/pod';
import type { BackOff } from '../../core/kubelet/backoff';
import { emptyRuntimePodStatus, type RuntimePodStatus } from '../../core/kubelet/runtime-status';
import type { SyncStep } from '../../core/kubelet/sync-plan';
import { addSeconds } from '../../core/data/rfc3339';
import { applySyncSteps, type FakeIDs } from '../../core/kubelet/testing/fake-runtime';
import { makeBasePodAndStatus } from '../../core/kubelet/testing/fixtures';
import { runs } from '../../core/testing/runs';

const T0 = '2024-05-01T12:00:00Z';
const at = (s: number) => addSeconds(T0, s);

const newPod = (over: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { uid: '12345678', name: 'foo', namespace: 'new' },
  spec: {
    containers: [
      { name: 'foo1', image: 'busybox', imagePullPolicy: 'IfNotPresent' },
      { name: 'foo2', image: 'alpine', imagePullPolicy: 'IfNotPresent' },
    ],
    ...over,
  },
});

const startSteps = (name: string, image: string, attempt: number, kind: 'init' | 'regular' | 'ephemeral', podSandboxID?: string): SyncStep[] => [
  { type: 'PullImage', image, imagePullPolicy: 'IfNotPresent' },
  { type: 'CreateContainer', ...(podSandboxID ? { podSandboxID } : {}), name, kind, attempt },
  { type: 'PreStartContainer', name },
  { type: 'StartContainer', name },
];

/** A tiny kubelet loop: sync, then let the fake runtime carry out the plan. */
function kubelet(pod: Pod) {
  const ids: FakeIDs = { next: 1 };
  let status: RuntimePodStatus = emptyRuntimePodStatus(pod);
  let backOff: BackOff = newBackOff();
  return {
    /** One sync at `now`; `current` is the pod as the API has it now, if it changed. */
    sync(now: string, current: Pod = pod) {
      const result = syncPod({ pod: current, podStatus: status, backOff, now });
      status = applySyncSteps(current, status, result.steps, now, ids);
      backOff = result.backOff;
      return result;
    },
    get status() {
      return status;
    },
    set status(s: RuntimePodStatus) {
      status = s;
    },
  };
}

const exitContainer = (status: RuntimePodStatus, name: string, exitCode: number, finishedAt: string): RuntimePodStatus => ({
  ...status,
  containerStatuses: status.containerStatuses.map((c, i) =>
    i === status.containerStatuses.findIndex((x) => x.name === name) ? { ...c, state: 'exited', exitCode, finishedAt } : c,
  ),
});

describe('starting a new pod (TestSyncPod)', () => {
  test('a new pod gets a sandbox first, then each container is pulled, created and started', () => {
    const result = syncPod({ pod: newPod(), podStatus: emptyRuntimePodStatus(newPod()), backOff: newBackOff(), now: T0 });
    expect(result.steps).toEqual([{ type: 'RunPodSandbox', attempt: 0 }, ...startSteps('foo1', 'busybox', 0, 'regular'), ...startSteps('foo2', 'alpine', 0, 'regular')]);
  });

  test('every container of the new pod is reported started', () => {
    const result = syncPod({ pod: newPod(), podStatus: emptyRuntimePodStatus(newPod()), backOff: newBackOff(), now: T0 });
    expect(result.startResults).toEqual([
      { name: 'foo1', kind: 'regular', outcome: 'started' },
      { name: 'foo2', kind: 'regular', outcome: 'started' },
    ]);
  });

  test('the plan returns the actions it carried out', () => {
    const result = syncPod({ pod: newPod(), podStatus: emptyRuntimePodStatus(newPod()), backOff: newBackOff(), now: T0 });
    expect(result.actions).toMatchObject({ killPod: true, createSandbox: true, attempt: 0, containersToStart: [0, 1] });
  });

  test('containers started in an existing sandbox name it', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    status.containerStatuses = status.containerStatuses.slice(0, 2);
    const result = syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 });
    expect(result.steps).toContainEqual({ type: 'CreateContainer', podSandboxID: 'sandboxID', name: 'foo3', kind: 'regular', attempt: 0 });
  });

  test('an untagged image defaults to pull policy Always', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    status.containerStatuses = status.containerStatuses.slice(0, 2);
    expect(syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps[0]).toEqual({ type: 'PullImage', image: 'busybox', imagePullPolicy: 'Always' });
  });

  test('a postStart hook runs right after StartContainer', () => {
    const pod = newPod({ containers: [{ name: 'web', image: 'nginx:1.25', lifecycle: { postStart: { exec: { command: ['warm-up'] } } } }] });
    const steps = syncPod({ pod, podStatus: emptyRuntimePodStatus(pod), backOff: newBackOff(), now: T0 }).steps.map((s) => s.type);
    expect(steps).toEqual(['RunPodSandbox', 'PullImage', 'CreateContainer', 'PreStartContainer', 'StartContainer', 'RunPostStartHook']);
  });
});

describe('init containers (TestSyncPodWithInitContainers)', () => {
  const pod = newPod({ initContainers: [{ name: 'init1', image: 'init', imagePullPolicy: 'IfNotPresent' }] });

  test('1. only the init container is created', () => {
    const k = kubelet(pod);
    expect(k.sync(at(0)).steps).toEqual([{ type: 'RunPodSandbox', attempt: 0 }, ...startSteps('init1', 'init', 0, 'init')]);
  });

  test('2. while the init container runs, nothing happens', () => {
    const k = kubelet(pod);
    k.sync(at(0));
    expect(k.sync(at(1)).steps).toEqual([]);
  });

  test('3. once the init container exited 0, all app containers start', () => {
    const k = kubelet(pod);
    k.sync(at(0));
    k.status = exitContainer(k.status, 'init1', 0, at(2));
    expect(k.sync(at(3)).steps).toEqual([...startSteps('foo1', 'busybox', 0, 'regular', 'sandbox-1'), ...startSteps('foo2', 'alpine', 0, 'regular', 'sandbox-1')]);
  });

  test('4. a dead sandbox kills the app containers, purges the init container and runs it again as attempt 1', () => {
    const k = kubelet(pod);
    k.sync(at(0));
    k.status = exitContainer(k.status, 'init1', 0, at(2));
    k.sync(at(3));
    k.status = { ...k.status, sandboxStatuses: k.status.sandboxStatuses.map((s) => ({ ...s, state: 'SANDBOX_NOTREADY' as const })) };
    const ids = Object.fromEntries(k.status.containerStatuses.map((c) => [c.name, c.id]));
    expect(k.sync(at(4)).steps).toEqual([
      { type: 'StopContainer', containerID: ids.foo2, name: 'foo2', gracePeriodSeconds: 30, reason: 'Unknown', message: 'Stopping container foo2' },
      { type: 'StopContainer', containerID: ids.foo1, name: 'foo1', gracePeriodSeconds: 30, reason: 'Unknown', message: 'Stopping container foo1' },
      { type: 'StopPodSandbox', podSandboxID: 'sandbox-1' },
      { type: 'RemoveContainer', containerID: ids.init1, name: 'init1' },
      { type: 'RunPodSandbox', attempt: 1 },
      ...startSteps('init1', 'init', 1, 'init'),
    ]);
  });

  test('4. after the restart, the init container runs again and the app containers have exited', () => {
    const k = kubelet(pod);
    k.sync(at(0));
    k.status = exitContainer(k.status, 'init1', 0, at(2));
    k.sync(at(3));
    k.status = { ...k.status, sandboxStatuses: k.status.sandboxStatuses.map((s) => ({ ...s, state: 'SANDBOX_NOTREADY' as const })) };
    k.sync(at(4));
    expect(k.status.containerStatuses.map((c) => [c.name, c.restartCount, c.state])).toEqual([
      ['init1', 1, 'running'],
      ['foo2', 0, 'exited'],
      ['foo1', 0, 'exited'],
    ]);
  });

  test('an init container that is backing off ends the sync, but an ephemeral container still starts first', () => {
    const p = newPod({ restartPolicy: 'OnFailure', initContainers: [{ name: 'init1', image: 'init' }] });
    const k = kubelet(p);
    k.sync(at(0));
    k.status = exitContainer(k.status, 'init1', 1, at(1));
    k.sync(at(1)); // first restart: immediate
    k.status = exitContainer(k.status, 'init1', 1, at(2));
    // kubectl debug adds an ephemeral container to the pod while its init container crash-loops.
    const debugged: Pod = { ...p, spec: { ...(p.spec as NonNullable<Pod['spec']>), ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }] } };
    const result = k.sync(at(5), debugged);
    expect(result.startResults).toEqual([
      { name: 'debug', kind: 'ephemeral', outcome: 'started' },
      { name: 'init1', kind: 'init', outcome: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=init1 pod=foo_new(12345678)' },
    ]);
  });

  test('a sidecar that is backing off does not stop the app containers from starting', () => {
    const p = newPod({
      initContainers: [
        { name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' },
        { name: 'logger', image: 'fluent-bit:3.0', restartPolicy: 'Always' },
      ],
    });
    const k = kubelet(p);
    k.sync(at(0)); // sandbox, proxy
    k.status = exitContainer(k.status, 'proxy', 1, at(1));
    k.sync(at(1)); // proxy again, at once
    k.sync(at(2)); // logger
    k.status = exitContainer(k.status, 'proxy', 1, at(3));
    // Both sidecars have run, so the pod is initialized; proxy crashed a second time.
    const result = k.sync(at(4));
    expect(result.startResults.map((r) => [r.name, r.outcome])).toEqual([
      ['proxy', 'CrashLoopBackOff'],
      ['foo1', 'started'],
      ['foo2', 'started'],
    ]);
  });
});

describe('CrashLoopBackOff', () => {
  const crashing = () => newPod({ containers: [{ name: 'bad', image: 'busybox:1.36' }] });

  test('the first restart after a crash is immediate and bumps the restart count', () => {
    const k = kubelet(crashing());
    k.sync(at(0));
    k.status = exitContainer(k.status, 'bad', 1, at(5));
    expect(k.sync(at(5)).steps).toContainEqual({ type: 'CreateContainer', podSandboxID: 'sandbox-1', name: 'bad', kind: 'regular', attempt: 1 });
  });

  test('a second crash within 10 s is not restarted and reads CrashLoopBackOff', () => {
    const k = kubelet(crashing());
    k.sync(at(0));
    k.status = exitContainer(k.status, 'bad', 1, at(5));
    k.sync(at(5));
    k.status = exitContainer(k.status, 'bad', 1, at(6));
    const result = k.sync(at(10));
    expect(result.steps).toEqual([]);
    expect(result.startResults).toEqual([{ name: 'bad', kind: 'regular', outcome: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=bad pod=foo_new(12345678)' }]);
  });

  test('10 s after the exit it starts again and the next delay is 20 s', () => {
    const k = kubelet(crashing());
    k.sync(at(0));
    k.status = exitContainer(k.status, 'bad', 1, at(5));
    k.sync(at(5));
    k.status = exitContainer(k.status, 'bad', 1, at(6));
    expect(k.sync(at(16)).startResults[0]?.outcome).toBe('started');
    k.status = exitContainer(k.status, 'bad', 1, at(17));
    expect(k.sync(at(30)).startResults[0]).toMatchObject({ outcome: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=bad pod=foo_new(12345678)' });
  });
});

describe('killing containers', () => {
  const withHooks = (over: Partial<NonNullable<Pod['spec']>> = {}) => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    const first = pod.spec?.containers[0];
    if (first) {
      first.lifecycle = { preStop: { exec: { command: ['drain'] } } };
      first.livenessProbe = { httpGet: { path: '/healthz', port: 8080 }, terminationGracePeriodSeconds: 7 };
    }
    Object.assign(pod.spec ?? {}, over);
    return { pod, status };
  };

  test('a container that failed its liveness probe gets its preStop hook, then StopContainer, then a restart', () => {
    const { pod, status } = withHooks({ terminationGracePeriodSeconds: 45 });
    (status.containerStatuses[0] as { liveness?: string }).liveness = 'Failure';
    const steps = syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps;
    expect(steps.slice(0, 2)).toEqual([
      { type: 'RunPreStopHook', containerID: 'id1', name: 'foo1', timeoutSeconds: 7 },
      { type: 'StopContainer', containerID: 'id1', name: 'foo1', gracePeriodSeconds: 7, reason: 'LivenessProbe', message: 'Container foo1 failed liveness probe, will be restarted' },
    ]);
    expect(steps.map((s) => s.type).slice(2)).toEqual(['PullImage', 'CreateContainer', 'PreStartContainer', 'StartContainer']);
  });

  test("a container whose definition changed is stopped with the pod's grace period", () => {
    const { pod, status } = withHooks({ terminationGracePeriodSeconds: 45 });
    const second = status.containerStatuses[1];
    if (second) second.hash = 'deadbeef';
    expect(syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps[0]).toEqual({
      type: 'StopContainer',
      containerID: 'id2',
      name: 'foo2',
      gracePeriodSeconds: 45,
      reason: '',
      message: 'Container foo2 definition changed, will be restarted',
    });
  });

  test("a pod being deleted uses the deletion's grace period, even for a probe kill", () => {
    const { pod, status } = withHooks();
    pod.metadata.deletionTimestamp = T0;
    pod.metadata.deletionGracePeriodSeconds = 5;
    (status.containerStatuses[0] as { liveness?: string }).liveness = 'Failure';
    expect(syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps[0]).toEqual({ type: 'RunPreStopHook', containerID: 'id1', name: 'foo1', timeoutSeconds: 5 });
  });

  test('a grace period of 0 skips the preStop hook', () => {
    const { pod, status } = withHooks();
    pod.metadata.deletionTimestamp = T0;
    pod.metadata.deletionGracePeriodSeconds = 0;
    (status.containerStatuses[0] as { liveness?: string }).liveness = 'Failure';
    const steps = syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps;
    expect(steps.map((s) => s.type)).not.toContain('RunPreStopHook');
    expect(steps[0]).toMatchObject({ type: 'StopContainer', name: 'foo1', gracePeriodSeconds: 0 });
  });

  test('killing the pod stops only running containers, then every sandbox', () => {
    const { pod, status } = structuredClone(makeBasePodAndStatus());
    if (pod.spec) pod.spec.restartPolicy = 'Never';
    status.containerStatuses = status.containerStatuses.map((c, i) => (i === 0 ? c : { ...c, state: 'exited' as const, exitCode: 0 }));
    status.containerStatuses[0] = { ...(status.containerStatuses[0] as RuntimePodStatus['containerStatuses'][number]), liveness: 'Failure' };
    const steps = syncPod({ pod, podStatus: status, backOff: newBackOff(), now: T0 }).steps;
    expect(steps).toEqual([
      { type: 'StopContainer', containerID: 'id1', name: 'foo1', gracePeriodSeconds: 30, reason: 'Unknown', message: 'Stopping container foo1' },
      { type: 'StopPodSandbox', podSandboxID: 'sandboxID' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// The model: one crash-looping container on the fake runtime. The model counts crashes since
// the last reset and says how long the kubelet must wait after an exit before the restart.

type Model = { crashes: number; now: number; lastExit?: number; lastStart: number };
type Real = { k: ReturnType<typeof kubelet> };
const delayAfter = (crashes: number) => (crashes <= 1 ? 0 : Math.min(10 * 2 ** (crashes - 2), 300));

const syncAfter = (wait: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    m.now += wait;
    const before = r.k.status.containerStatuses[0];
    const result = r.k.sync(at(m.now));
    const outcome = result.startResults[0]?.outcome;
    if (before?.state !== 'exited' || m.lastExit === undefined) {
      expect(outcome, 'nothing to restart').toBeUndefined();
      return;
    }
    const mayStart = m.now - m.lastExit >= delayAfter(m.crashes);
    expect(outcome, `${m.now - m.lastExit} s after crash #${m.crashes} (wait ${delayAfter(m.crashes)} s)`).toBe(mayStart ? 'started' : 'CrashLoopBackOff');
    if (mayStart) {
      expect(r.k.status.containerStatuses[0]?.restartCount, 'each start counts one restart').toBe((before.restartCount ?? 0) + 1);
      m.lastStart = m.now;
    }
  },
  toString: () => `sync(+${wait}s)`,
});

const crashAfter = (runFor: number): fc.Command<Model, Real> => ({
  check: (m) => m.lastStart >= 0,
  run: (m, r) => {
    const current = r.k.status.containerStatuses[0];
    if (current?.state !== 'running') return;
    m.now += runFor;
    // A run of more than 10 minutes resets the back-off.
    if (m.now - m.lastStart > 600) m.crashes = 0;
    m.crashes++;
    m.lastExit = m.now;
    r.k.status = exitContainer(r.k.status, 'bad', 1, at(m.now));
  },
  toString: () => `runFor(${runFor}s).crash()`,
});

describe('model', () => {
  test('a crash-looping container restarts exactly when its back-off allows, one restart at a time', () => {
    const pod = newPod({ containers: [{ name: 'bad', image: 'busybox:1.36' }] });
    fc.assert(
      fc.property(
        fc.commands(
          [
            fc.integer({ min: 0, max: 40 }).map(syncAfter),
            fc.integer({ min: 100, max: 320 }).map(syncAfter),
            fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 590, max: 700 })).map(crashAfter),
          ],
          { maxCommands: 40 },
        ),
        (cmds) => {
          fc.modelRun(() => {
            const k = kubelet(pod);
            k.sync(at(0));
            return { model: { crashes: 0, now: 0, lastStart: 0 }, real: { k } };
          }, cmds);
        },
      ),
      runs(150),
    );
  });
});
