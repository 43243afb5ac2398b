/**
 * A container runtime for tests that carries out a SyncPod plan on a runtime pod status, the
 * simplest way that keeps the status honest: stopped containers exit with 137, sandboxes get
 * the next ID and an IP, created containers carry the hash of their spec. It answers no
 * questions of timing or failure; chapter 05 builds the real simulated runtime.
 *
 * Upstream (the role it plays): pkg/kubelet/kuberuntime/fake_kuberuntime_manager.go and
 * staging/src/k8s.io/cri-api/pkg/apis/testing/fake_runtime_service.go.
 */
import { match, P } from 'ts-pattern';
import type { Time } from '../../api/types/common';
import type { Container } from '../../api/types/container';
import type { Pod } from '../../api/types/pod';
import { hashContainer } from '../hash';
import type { RuntimePodStatus } from '../runtime-status';
import type { SyncStep } from '../sync-plan';

/** A counter for container and sandbox IDs, kept by the caller between plans. */
export type FakeIDs = { next: number };

/** The status after carrying out `steps` at time `now`. The input is not modified. */
export function applySyncSteps(pod: Pod, status: RuntimePodStatus, steps: SyncStep[], now: Time, ids: FakeIDs): RuntimePodStatus {
  const s: RuntimePodStatus = structuredClone(status);
  const spec = pod.spec;
  const all: Container[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
  for (const step of steps) {
    match(step)
      .with({ type: 'StopContainer' }, (st) => {
        const c = s.containerStatuses.find((x) => x.id === st.containerID);
        if (c && c.state !== 'exited') Object.assign(c, { state: 'exited', exitCode: 137, reason: 'Error', finishedAt: now });
      })
      .with({ type: 'StopPodSandbox' }, (st) => {
        const sandbox = s.sandboxStatuses.find((x) => x.id === st.podSandboxID);
        if (sandbox) sandbox.state = 'SANDBOX_NOTREADY';
        s.ips = [];
      })
      .with({ type: 'RemoveContainer' }, (st) => {
        s.containerStatuses = s.containerStatuses.filter((x) => x.id !== st.containerID);
      })
      .with({ type: 'RunPodSandbox' }, (st) => {
        const n = ids.next++;
        const ip = `10.244.0.${(n % 250) + 2}`;
        s.sandboxStatuses.unshift({
          id: `sandbox-${n}`,
          metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid ?? '', attempt: st.attempt },
          state: 'SANDBOX_READY',
          createdAt: now,
          network: { ip },
        });
        s.ips = [ip];
      })
      .with({ type: 'CreateContainer' }, (st) => {
        const container = all.find((c) => c.name === st.name) ?? { name: st.name };
        s.containerStatuses.unshift({ id: `c-${ids.next++}`, name: st.name, state: 'created', createdAt: now, hash: hashContainer(container), restartCount: st.attempt, ...(container.image ? { image: container.image } : {}) });
      })
      .with({ type: 'StartContainer' }, (st) => {
        const c = s.containerStatuses.find((x) => x.name === st.name);
        if (c) Object.assign(c, { state: 'running', startedAt: now });
      })
      // Hooks and pulls always succeed here and change nothing the kubelet can see.
      .with({ type: P.union('RunPreStopHook', 'PullImage', 'PreStartContainer', 'RunPostStartHook') }, () => undefined)
      .exhaustive();
  }
  return s;
}
