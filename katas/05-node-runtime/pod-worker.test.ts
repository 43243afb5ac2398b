import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Container } from '../../core/api/types/container';
import type { Pod, PodSpec } from '../../core/api/types/pod';
import { addSeconds, toMillis } from '../../core/data/rfc3339';
import type { NodeLocal } from '../../core/kubelet/kubelet-local';
import { defaultMachine } from '../../core/kubelet/node-machine';
import type { Stages } from '../../core/kubelet/stages';
import { nodeNamed, podWith } from '../../core/kubelet/testing/builders';
import { chapterStages, stagesFrom as stagesFromRules } from '../../core/kubelet/testing/stage-files';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';
import { newRuntime, reduceRuntime } from '@kata/05-node-runtime/cri-runtime';
import { generatePodStatus, removePod, syncPodWorker } from '@kata/05-node-runtime/pod-worker';

const T0 = '2025-01-01T00:00:00Z';
const stages = chapterStages('default.rules.yaml');
const node = nodeNamed('node-1');
const backOff = () => ({ defaultDurationSeconds: 10, maxDurationSeconds: 300, perItemBackoff: {} });

function nodeLocal(podCIDR = '10.244.1.0/24'): NodeLocal {
  const machine = defaultMachine('node-1', 0);
  return { machine, runtime: newRuntime({ nodeName: 'node-1', nodeIP: machine.nodeIP, podCIDR, now: T0 }), backOff: backOff(), imageBackOff: backOff(), pullErrors: {}, reasons: {} };
}

/**
 * Drives one pod's worker the way the kubelet agent does: tick the runtime to the time, sync,
 * and apply the status write to the pod (as the API server would store it).
 */
function worker(pod: Pod, options: { stages?: Stages; nl?: NodeLocal } = {}) {
  const s = { pod, nl: options.nl ?? nodeLocal(), events: [] as string[], intents: [] as Intent[], wakeAt: undefined as string | undefined };
  const sync = (at: string) => {
    const [runtime] = reduceRuntime(s.nl.runtime, { type: 'runtime/ticked', now: at }, options.stages ?? stages);
    const result = syncPodWorker({ pod: s.pod, node, nodeLocal: { ...s.nl, runtime }, stages: options.stages ?? stages, statusTarget: s.pod });
    s.nl = result.nodeLocal;
    s.wakeAt = result.wakeAt;
    s.intents = result.intents;
    for (const intent of result.intents) {
      if (intent.type === 'event') s.events.push(`${intent.reason}: ${intent.message}`);
      if (intent.type === 'updateStatus') s.pod = { ...s.pod, status: (intent.object as Pod).status };
    }
    return result;
  };
  /** Syncs at every wake until `until` (or until nothing is left to wait for). */
  const runUntil = (until: string) => {
    sync(s.nl.runtime.now);
    while (s.wakeAt !== undefined && toMillis(s.wakeAt) <= toMillis(until)) sync(s.wakeAt);
  };
  return Object.assign(s, { sync, runUntil });
}

const nginx: Container = { name: 'nginx', image: 'nginx' };
const pod = (containers: Container[] = [nginx], spec: Partial<PodSpec> = {}, meta: Partial<Pod['metadata']> = {}) => podWith('web', containers, spec, meta);

describe('starting a pod', () => {
  test('the first sync creates the sandbox, starts pulling, and reports the pod Pending with an IP', () => {
    const w = worker(pod());
    w.sync(T0);
    expect(w.events).toEqual(['Pulling: Pulling image "nginx"']);
    expect(w.pod.status).toMatchObject({
      phase: 'Pending',
      podIP: '10.244.1.2',
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      startTime: T0,
      containerStatuses: [{ name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } } }],
    });
    expect(w.pod.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('True');
    expect(w.wakeAt, 'the worker wakes when the pull ends').toBe(addSeconds(T0, 2));
  });

  test('when the pull ends the container is created and started: Pulled, Created, Started, and the pod runs', () => {
    const w = worker(pod());
    w.runUntil(addSeconds(T0, 60));
    // kubectl describe pod, v1.32: Pulling, Pulled, Created ("Created container: <name>"), Started.
    expect(w.events).toEqual([
      'Pulling: Pulling image "nginx"',
      'Pulled: Successfully pulled image "nginx" in 2s (2s including waiting). Image size: 50000000 bytes.',
      'Created: Created container: nginx',
      'Started: Started container nginx',
    ]);
    expect(w.pod.status).toMatchObject({ phase: 'Running', containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount: 0, state: { running: { startedAt: addSeconds(T0, 2) } } }] });
    expect(w.pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: addSeconds(T0, 2) });
    expect(w.wakeAt, 'a running pod needs no wake-up').toBeUndefined();
  });

  test('a sync with nothing to do records nothing and writes nothing', () => {
    const w = worker(pod());
    w.runUntil(addSeconds(T0, 60));
    w.sync(addSeconds(T0, 61));
    expect(w.intents).toEqual([]);
  });

  test('the status reports the QoS class', () => {
    const guaranteed = pod([{ name: 'app', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } }]);
    const w = worker(guaranteed);
    w.sync(T0);
    expect(w.pod.status?.qosClass).toBe('Guaranteed');
  });

  test('a hostNetwork pod reports the node IP as its pod IP', () => {
    const w = worker(pod([nginx], { hostNetwork: true }));
    w.sync(T0);
    expect(w.pod.status).toMatchObject({ podIP: '172.18.0.2', hostIP: '172.18.0.2' });
  });

  test('init containers run first, one at a time, then the app container', () => {
    const w = worker(pod([nginx], { initContainers: [{ name: 'setup', image: 'busybox:1.36' }] }), {
      stages: chapterStagesWith('  - name: setup-finishes\n    conditions: { all: [ { fact: container, path: $.name, operator: equal, value: setup } ] }\n    event: { type: exit, params: { afterSeconds: 1, exitCode: 0 } }\n'),
    });
    w.runUntil(addSeconds(T0, 60));
    expect(w.events.filter((e) => e.startsWith('Started'))).toEqual(['Started: Started container setup', 'Started: Started container nginx']);
    expect(w.pod.status).toMatchObject({ phase: 'Running', initContainerStatuses: [{ name: 'setup', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
  });

  test('a sandbox that cannot get an IP is reported as FailedCreatePodSandBox', () => {
    const nl = nodeLocal('10.0.0.0/30');
    const first = worker(podWith('a', [nginx]), { nl });
    first.sync(T0);
    const second = worker(podWith('b', [nginx]), { nl: first.nl });
    second.sync(T0);
    expect(second.events).toEqual([expect.stringMatching(/^FailedCreatePodSandBox: Failed to create pod sandbox: failed to setup network for sandbox ".*": .*no IP addresses available in range set: 10\.0\.0\.1-10\.0\.0\.2$/)]);
  });
});

function chapterStagesWith(extraRules: string): Stages {
  const base = chapterStages('default.rules.yaml');
  const extra = stagesFromRules(extraRules);
  return { name: 'test', evaluate: (facts) => [...extra.evaluate(facts), ...base.evaluate(facts)] };
}

describe('failures', () => {
  test('a crash-looping container is restarted at once, then after 10, 20, 40 and 80 s, its restartCount growing', () => {
    // kuberuntime_manager.go doBackOff: no back-off entry yet means start now; then 10 s doubling (kubelet.go backOffPeriod).
    const w = worker(pod([{ name: 'app', image: 'busybox:1.36' }], {}, { annotations: { 'stage.kube-katas.io/behaviour': 'crash' } }));
    const starts: string[] = [];
    w.sync(T0);
    while (w.wakeAt !== undefined && toMillis(w.wakeAt) <= toMillis(addSeconds(T0, 300))) {
      w.sync(w.wakeAt);
      const running = w.pod.status?.containerStatuses?.[0]?.state?.running?.startedAt;
      if (running && !starts.includes(running)) starts.push(running);
    }
    // Each run lasts 3 s (the crash-on-request rule); the gaps between runs are the back-off.
    const gaps = starts.slice(1).map((t, i) => (toMillis(t) - toMillis(starts[i]!)) / 1000 - 3);
    expect(gaps.slice(0, 5)).toEqual([0, 10, 20, 40, 80]);
    expect(w.pod.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(5);
    expect(w.events).toContain('BackOff: Back-off restarting failed container app in pod web_default(uid-web)');
  });

  test('between restarts the container waits in CrashLoopBackOff and the pod stays Running', () => {
    const w = worker(pod([{ name: 'app', image: 'busybox:1.36' }], {}, { annotations: { 'stage.kube-katas.io/behaviour': 'crash' } }));
    w.runUntil(addSeconds(T0, 9));
    expect(w.pod.status).toMatchObject({
      phase: 'Running',
      containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=web_default(uid-web)' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } }, restartCount: 1 }],
    });
  });

  test('an image that does not exist gives ErrImagePull, then ImagePullBackOff, and the pod stays Pending', () => {
    const w = worker(pod([{ name: 'app', image: 'nginx:does-not-exist' }]));
    w.sync(T0);
    w.sync(addSeconds(T0, 1));
    expect(w.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ErrImagePull');
    expect(w.events.slice(-2)).toEqual([expect.stringMatching(/^Failed: Failed to pull image "nginx:does-not-exist": rpc error: code = NotFound/), 'Failed: Error: ErrImagePull']);
    w.sync(addSeconds(T0, 5));
    expect(w.pod.status).toMatchObject({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] });
    expect(w.events.slice(-2)).toEqual(['BackOff: Back-off pulling image "nginx:does-not-exist"', 'Failed: Error: ImagePullBackOff']);
    expect(w.wakeAt, 'the worker wakes when the pull back-off ends').toBe(addSeconds(T0, 11));
  });

  test('a pod whose containers completed under restartPolicy Never succeeds and its sandbox is stopped', () => {
    const w = worker(pod([nginx], { restartPolicy: 'Never' }, { annotations: { 'stage.kube-katas.io/behaviour': 'complete' } }));
    w.runUntil(addSeconds(T0, 60));
    expect(w.pod.status).toMatchObject({ phase: 'Succeeded', containerStatuses: [{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    expect(Object.values(w.nl.runtime.sandboxes).map((s) => s.state)).toEqual(['SANDBOX_NOTREADY']);
    expect(w.events.filter((e) => e.startsWith('Started'))).toHaveLength(1);
  });
});

describe('deleting a pod', () => {
  const deleting = (p: Pod, at: string, grace: number): Pod => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: addSeconds(at, grace), deletionGracePeriodSeconds: grace } });

  test('a deleted pod is stopped, reported Succeeded, then deleted for good with grace 0 and its UID', () => {
    const w = worker(pod());
    w.runUntil(addSeconds(T0, 10));
    w.pod = deleting(w.pod, addSeconds(T0, 10), 30);
    w.sync(addSeconds(T0, 10));
    // kuberuntime_container.go killContainer: "Stopping container %s"; since 1.27 the kubelet writes a terminal phase first.
    expect(w.events.at(-1)).toBe('Killing: Stopping container nginx');
    expect(w.pod.status?.phase).toBe('Succeeded');
    expect(w.intents.at(-1)).toEqual({ type: 'delete', kind: 'Pod', namespace: 'default', name: 'web', gracePeriodSeconds: 0, preconditions: { uid: 'uid-web' } });
    expect(w.nl.runtime.sandboxes, 'the runtime forgets the pod').toEqual({});
  });

  test('a container that ignores TERM keeps the pod terminating until the grace period ends, then it is Failed with 137', () => {
    const w = worker(pod([nginx], { terminationGracePeriodSeconds: 15 }, { annotations: { 'stage.kube-katas.io/on-term': 'ignore' } }));
    w.runUntil(addSeconds(T0, 10));
    w.pod = deleting(w.pod, addSeconds(T0, 10), 15);
    w.sync(addSeconds(T0, 10));
    expect(w.intents.some((i) => i.type === 'delete')).toBe(false);
    expect(w.wakeAt).toBe(addSeconds(T0, 25));
    w.sync(addSeconds(T0, 25));
    expect(w.pod.status).toMatchObject({ phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 137 } } }] });
    expect(w.intents.at(-1)?.type).toBe('delete');
  });

  test('Killing is recorded once, not again while the container is still stopping', () => {
    const w = worker(pod([nginx], { terminationGracePeriodSeconds: 15 }, { annotations: { 'stage.kube-katas.io/on-term': 'ignore' } }));
    w.runUntil(addSeconds(T0, 10));
    w.pod = deleting(w.pod, addSeconds(T0, 10), 15);
    w.sync(addSeconds(T0, 10));
    w.sync(addSeconds(T0, 12));
    expect(w.events.filter((e) => e.startsWith('Killing'))).toHaveLength(1);
  });

  test('removePod removes every sandbox and container of the pod from the node', () => {
    const w = worker(pod());
    w.runUntil(addSeconds(T0, 10));
    const after = removePod(w.nl, 'uid-web', stages);
    expect(after.runtime.sandboxes).toEqual({});
    expect(after.runtime.containers).toEqual({});
  });

  test('removePod also forgets the pod`s back-off entries and cached reasons', () => {
    const w = worker(pod([{ name: 'app', image: 'busybox:1.36' }], {}, { annotations: { 'stage.kube-katas.io/behaviour': 'crash' } }));
    w.runUntil(addSeconds(T0, 9));
    expect(Object.keys(w.nl.backOff.perItemBackoff), 'the crash loop has a back-off entry').toHaveLength(1);
    const after = removePod(w.nl, 'uid-web', stages);
    expect(after.backOff.perItemBackoff).toEqual({});
    expect(after.reasons).toEqual({});
  });
});

describe('the status', () => {
  test('generatePodStatus keeps the start time the API already has', () => {
    const w = worker(pod());
    w.sync(T0);
    const later = { ...w.pod, status: { ...w.pod.status, startTime: '2024-12-31T00:00:00Z' } };
    expect(generatePodStatus(later, '172.18.0.2', w.nl, false).startTime).toBe('2024-12-31T00:00:00Z');
  });

  test('whatever the times of its syncs, a pod that only runs ends Running with one start and no further writes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 }), (gaps) => {
        const w = worker(pod());
        let at = T0;
        w.sync(at);
        for (const gap of gaps) {
          at = addSeconds(at, gap);
          w.sync(at);
        }
        w.runUntil(addSeconds(at, 10));
        w.sync(addSeconds(at, 11));
        expect(w.pod.status?.phase).toBe('Running');
        expect(w.events.filter((e) => e.startsWith('Started'))).toHaveLength(1);
        expect(w.intents).toEqual([]);
      }),
      runs(40),
    );
  });
});
