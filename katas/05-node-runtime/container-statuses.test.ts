import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Container } from '../../core/api/types/container';
import type { ContainerStatus, Pod } from '../../core/api/types/pod';
import type { SimContainerStatus, SimPodStatus } from '../../core/kubelet/cri';
import { reasonKey, type ReasonCache } from '../../core/kubelet/container-statuses';
import { podWith } from '../../core/kubelet/testing/builders';
import { statusFor } from '../../core/kubelet/testing/fixtures';
import { runs } from '../../core/testing/runs';
import { toAPIContainerStatuses } from '@kata/05-node-runtime/container-statuses';

const web: Container = { name: 'web', image: 'nginx' };
const sidecar: Container = { name: 'log', image: 'busybox' };
const init: Container = { name: 'init', image: 'busybox' };

/** A runtime instance of `container` with an image digest. */
const instance = (container: Container, id: string, state: SimContainerStatus['state'], over: Partial<SimContainerStatus> = {}): SimContainerStatus => ({
  ...statusFor(container, id, state, over),
  image: `docker.io/library/${container.image}:latest`,
  imageRef: `docker.io/library/${container.image}@sha256:${'a'.repeat(64)}`,
  ...over,
});
const podStatus = (pod: Pod, instances: SimContainerStatus[]): SimPodStatus => ({ id: pod.metadata.uid ?? '', name: pod.metadata.name, namespace: 'default', ips: ['10.244.1.2'], sandboxStatuses: [], containerStatuses: instances });

function convert(pod: Pod, instances: SimContainerStatus[], reasons: ReasonCache = {}, isInit = false, previous?: ContainerStatus[]): ContainerStatus[] {
  const containers = (isInit ? pod.spec?.initContainers : pod.spec?.containers) ?? [];
  return toAPIContainerStatuses({ pod, podStatus: podStatus(pod, instances), previous, containers, isInit, reasons });
}

describe('waiting containers', () => {
  test('a container with no instance yet is waiting as ContainerCreating', () => {
    const [status] = convert(podWith('p', [web]), []);
    expect(status).toEqual({ name: 'web', image: 'nginx', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } });
  });

  test('while the pod has init containers, a container with no instance waits as PodInitializing', () => {
    const [status] = convert(podWith('p', [web], { initContainers: [init] }), []);
    expect(status?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  test('a container that could not start shows the cached reason and message', () => {
    const pod = podWith('p', [web]);
    const reasons = { [reasonKey('uid-p', 'web')]: { reason: 'ErrImagePull', message: 'not found' } };
    expect(convert(pod, [], reasons)[0]?.state).toEqual({ waiting: { reason: 'ErrImagePull', message: 'not found' } });
  });
});

describe('running and terminated containers', () => {
  test('a running container is running, started and ready, with the runtime ID and image digest', () => {
    const [status] = convert(podWith('p', [web]), [instance(web, 'c1', 'running', { startedAt: '2025-01-01T00:00:03Z' })]);
    expect(status).toEqual({
      name: 'web',
      restartCount: 0,
      image: 'docker.io/library/nginx:latest',
      imageID: `docker.io/library/nginx@sha256:${'a'.repeat(64)}`,
      containerID: 'containerd://c1',
      ready: true,
      started: true,
      state: { running: { startedAt: '2025-01-01T00:00:03Z' } },
    });
  });

  test('an exited container that will not restart is terminated with its exit code and reason', () => {
    const pod = podWith('p', [web], { restartPolicy: 'Never' });
    const [status] = convert(pod, [instance(web, 'c1', 'exited', { exitCode: 2, reason: 'Error', startedAt: '2025-01-01T00:00:03Z', finishedAt: '2025-01-01T00:00:09Z' })]);
    expect(status?.state).toEqual({ terminated: { exitCode: 2, reason: 'Error', startedAt: '2025-01-01T00:00:03Z', finishedAt: '2025-01-01T00:00:09Z', containerID: 'containerd://c1' } });
    expect(status).toMatchObject({ ready: false, started: false });
  });

  test('the instance before the newest becomes lastState, and the restart count is the newest instance`s', () => {
    const pod = podWith('p', [web]);
    const [status] = convert(pod, [
      instance(web, 'c2', 'running', { restartCount: 1, startedAt: '2025-01-01T00:00:20Z' }),
      instance(web, 'c1', 'exited', { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:09Z' }),
    ]);
    expect(status).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2025-01-01T00:00:20Z' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', containerID: 'containerd://c1' } } });
  });

  test('a crash-looping container waits in CrashLoopBackOff with its last termination kept', () => {
    const pod = podWith('p', [web]);
    const message = 'back-off 10s restarting failed container=web pod=p_default(uid-p)';
    const reasons = { [reasonKey('uid-p', 'web')]: { reason: 'CrashLoopBackOff', message } };
    const [status] = convert(pod, [instance(web, 'c1', 'exited', { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:05Z' })], reasons);
    expect(status).toMatchObject({
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff', message } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:05Z' } },
    });
  });

  test('a cached reason does not apply to a container the restart policy will not restart', () => {
    const pod = podWith('p', [web], { restartPolicy: 'OnFailure' });
    const reasons = { [reasonKey('uid-p', 'web')]: { reason: 'CrashLoopBackOff', message: 'x' } };
    const [status] = convert(pod, [instance(web, 'c1', 'exited', { exitCode: 0, reason: 'Completed' })], reasons);
    expect(status?.state?.terminated?.exitCode).toBe(0);
  });

  test('an init container that completed stays terminated even with a cached reason', () => {
    const pod = podWith('p', [web], { initContainers: [init] });
    const reasons = { [reasonKey('uid-p', 'init')]: { reason: 'CrashLoopBackOff', message: 'x' } };
    const [status] = convert(pod, [instance(init, 'i1', 'exited', { exitCode: 0, reason: 'Completed' })], reasons, true);
    expect(status?.state).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed' } });
  });

  test('a terminated status the API holds is kept when the runtime no longer has the instance', () => {
    const pod = podWith('p', [web], { initContainers: [init] });
    const previous: ContainerStatus[] = [{ name: 'init', image: 'busybox', imageID: 'x', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }];
    expect(convert(pod, [], {}, true, previous)).toEqual(previous);
  });

  test('a waiting container keeps the restart count and last state the API holds', () => {
    const pod = podWith('p', [web]);
    const previous: ContainerStatus[] = [{ name: 'web', image: 'nginx', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } }];
    expect(convert(pod, [], {}, false, previous)[0]).toMatchObject({ restartCount: 4, lastState: { terminated: { exitCode: 1 } }, state: { waiting: { reason: 'ContainerCreating' } } });
  });
});

describe('order', () => {
  test('regular containers are sorted by name and init containers keep their spec order', () => {
    const pod = podWith('p', [web, sidecar], { initContainers: [{ name: 'z-first', image: 'x' }, { name: 'a-second', image: 'x' }] });
    expect(convert(pod, []).map((s) => s.name)).toEqual(['log', 'web']);
    expect(convert(pod, [], {}, true).map((s) => s.name)).toEqual(['z-first', 'a-second']);
  });

  test('every container of the list gets exactly one status with exactly one state', () => {
    const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1 });
    const stateOf = fc.constantFrom<SimContainerStatus['state'] | 'none'>('running', 'exited', 'created', 'none');
    fc.assert(
      fc.property(names, fc.array(stateOf, { minLength: 5, maxLength: 5 }), fc.constantFrom('Always', 'OnFailure', 'Never') as fc.Arbitrary<'Always'>, (list, states, restartPolicy) => {
        const containers = list.map((name) => ({ name, image: 'nginx' }));
        const pod = podWith('p', containers, { restartPolicy });
        const instances = containers.flatMap((c, i) => (states[i] === 'none' ? [] : [instance(c, `id-${c.name}`, states[i] as SimContainerStatus['state'], { exitCode: 1 })]));
        const reasons = Object.fromEntries(list.map((n) => [reasonKey('uid-p', n), { reason: 'CrashLoopBackOff', message: 'm' }]));
        const statuses = convert(pod, instances, reasons);
        expect(statuses.map((s) => s.name)).toEqual([...list].sort());
        for (const s of statuses) expect(Object.keys(s.state ?? {}), s.name).toHaveLength(1);
      }),
      runs(100),
    );
  });
});
