/**
 * Pods and runtime statuses for the kubelet katas' tests, built the way upstream's tests build
 * theirs: a pod `foo` in `foo-ns` with containers foo1..foo3, a ready sandbox with IP 10.0.0.1,
 * and every container running with the hash of its spec.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager_test.go (makeBasePodAndStatus,
 * makeBasePodAndStatusWithInitContainers, makeBasePodAndStatusWithRestartableInitContainers,
 * makeBasePodAndStatusWithInitAndEphemeralContainers).
 */
import type { Container } from '../../api/types/container';
import type { Pod } from '../../api/types/pod';
import { hashContainer } from '../hash';
import type { RuntimeContainerStatus, RuntimePodStatus } from '../runtime-status';

/** The time every fixture status was created at. */
export const FIXTURE_TIME = '2024-05-01T12:00:00Z';

/** A container status for `container`, in `state`, with the hash of its spec. */
export function statusFor(container: Container, id: string, state: RuntimeContainerStatus['state'], over: Partial<RuntimeContainerStatus> = {}): RuntimeContainerStatus {
  return {
    id,
    name: container.name,
    state,
    createdAt: FIXTURE_TIME,
    ...(state === 'created' ? {} : { startedAt: FIXTURE_TIME }),
    ...(state === 'exited' ? { finishedAt: FIXTURE_TIME, exitCode: 0 } : {}),
    hash: hashContainer(container),
    restartCount: 0,
    ...over,
  };
}

/** A basic pod and its status, the sandbox and all containers running. Upstream: makeBasePodAndStatus. */
export function makeBasePodAndStatus(): { pod: Pod; status: RuntimePodStatus } {
  const containers: Container[] = [
    { name: 'foo1', image: 'busybox' },
    { name: 'foo2', image: 'busybox' },
    { name: 'foo3', image: 'busybox' },
  ];
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { uid: '12345678', name: 'foo', namespace: 'foo-ns' }, spec: { containers } };
  const status: RuntimePodStatus = {
    id: '12345678',
    name: 'foo',
    namespace: 'foo-ns',
    ips: ['10.0.0.1'],
    sandboxStatuses: [
      {
        id: 'sandboxID',
        state: 'SANDBOX_READY',
        metadata: { name: 'foo', namespace: 'foo-ns', uid: 'sandboxuid', attempt: 0 },
        createdAt: FIXTURE_TIME,
        network: { ip: '10.0.0.1' },
      },
    ],
    containerStatuses: containers.map((c, i) => statusFor(c, `id${i + 1}`, 'running')),
  };
  return { pod, status };
}

/** Three regular init containers, all exited (with exit code 0). Upstream: makeBasePodAndStatusWithInitContainers. */
export function makeBasePodAndStatusWithInitContainers(): { pod: Pod; status: RuntimePodStatus } {
  const { pod, status } = makeBasePodAndStatus();
  const initContainers: Container[] = [
    { name: 'init1', image: 'bar-image' },
    { name: 'init2', image: 'bar-image' },
    { name: 'init3', image: 'bar-image' },
  ];
  return {
    pod: { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], initContainers } },
    status: { ...status, containerStatuses: initContainers.map((c, i) => statusFor(c, `initid${i + 1}`, 'exited')) },
  };
}

/**
 * Three sidecars (restartPolicy Always init containers), all running; the second and third
 * have liveness and startup probes, whose results are Success.
 * Upstream: makeBasePodAndStatusWithRestartableInitContainers (plus the probe results the test sets).
 */
export function makeBasePodAndStatusWithRestartableInitContainers(): { pod: Pod; status: RuntimePodStatus } {
  const { pod, status } = makeBasePodAndStatus();
  const probe = { exec: { command: ['true'] } };
  const initContainers: Container[] = [
    { name: 'restartable-init-1', image: 'bar-image', restartPolicy: 'Always' },
    { name: 'restartable-init-2', image: 'bar-image', restartPolicy: 'Always', livenessProbe: probe, startupProbe: probe },
    { name: 'restartable-init-3', image: 'bar-image', restartPolicy: 'Always', livenessProbe: probe, startupProbe: probe },
  ];
  return {
    pod: { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], initContainers } },
    status: {
      ...status,
      containerStatuses: initContainers.map((c, i) =>
        statusFor(c, `initid${i + 1}`, 'running', i === 0 ? {} : { liveness: 'Success', startup: 'Success' }),
      ),
    },
  };
}

/**
 * One init container (exited 0) and one ephemeral container `debug` (running), after the
 * three running regular containers. Upstream: makeBasePodAndStatusWithInitAndEphemeralContainers.
 */
export function makeBasePodAndStatusWithInitAndEphemeralContainers(): { pod: Pod; status: RuntimePodStatus } {
  const { pod, status } = makeBasePodAndStatus();
  const init: Container = { name: 'init1', image: 'bar-image' };
  const debug: Container = { name: 'debug', image: 'busybox' };
  return {
    pod: { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], initContainers: [init], ephemeralContainers: [debug] } },
    status: { ...status, containerStatuses: [...status.containerStatuses, statusFor(init, 'initid1', 'exited'), statusFor(debug, 'debug1', 'running')] },
  };
}
