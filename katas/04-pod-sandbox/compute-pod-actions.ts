/**
 * Kata 04-compute-pod-actions: step 1 of SyncPod. Compare what the pod spec wants with what
 * the runtime has and decide, without doing anything yet: does the pod need a new sandbox
 * (and so a full restart)? which container instances must be stopped, and why? which init
 * container runs next (init containers run one at a time, in order; sidecars keep running)?
 * which regular and ephemeral containers start?
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions,
 * containerChanged, shouldRestartOnFailure, containerSucceeded),
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (computeInitContainerActions,
 * hasAnyRegularContainerCreated), pkg/kubelet/kuberuntime/helpers.go (isInitContainerFailed),
 * pkg/kubelet/kuberuntime/util/util.go (PodSandboxChanged),
 * pkg/kubelet/container/helpers.go (ShouldContainerBeRestarted). In-place resize is left out.
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Container } from '../../core/api/types/container';
import type { Pod } from '../../core/api/types/pod';
import type { PodActions } from '../../core/kubelet/pod-actions';
import type { RuntimePodStatus } from '../../core/kubelet/runtime-status';

// TODO(kata): start with podSandboxChanged and shouldContainerBeRestarted. Then
// computePodActions in upstream's order: (1) a new sandbox means kill the pod and start over
// from the first init container (or stop, under Never once containers ran, or when nothing
// is left to start); (2) ephemeral containers without a status start; (3) init containers,
// walked from the last to the first (the latest one with a status shows the progress; a
// failed one restarts, or under Never kills the pod; sidecars keep running); (4) regular
// containers once initialized: start what should run, kill what changed or failed a probe;
// (5) nothing kept and nothing to start means kill the pod. core/kubelet/hash and
// core/kubelet/runtime-status have the helpers.

/**
 * Whether the pod needs a new sandbox: none exists, the latest is not ready, several are
 * ready, its network namespace mode no longer matches the spec (then `sandboxID` is `''`), or
 * it has no IP. Returns the attempt number for the new sandbox (0 for the first, else the
 * latest's + 1; unchanged when no new one is needed) and the latest sandbox's ID.
 * Upstream: PodSandboxChanged.
 */
export function podSandboxChanged(pod: Pod, podStatus: RuntimePodStatus): { changed: boolean; attempt: number; sandboxID: string } {
  return notImplemented('04-compute-pod-actions');
}

/**
 * Whether a container that is not running should be (re)started: never for a pod being
 * deleted; always when it never ran, is in state created or unknown; otherwise as the
 * restart policy says (Never: no; OnFailure: only after a non-zero exit; Always: yes).
 * Upstream: ShouldContainerBeRestarted.
 */
export function shouldContainerBeRestarted(container: Container, pod: Pod, podStatus: RuntimePodStatus): boolean {
  return notImplemented('04-compute-pod-actions');
}

/**
 * The plan for one pod. Kill messages follow upstream: `Container <name> definition changed`,
 * `Container <name> failed liveness probe` / `failed startup probe`, with `, will be restarted`
 * appended when it will; an unknown container gets `Container is in "unknown" state, try
 * killing it before restart` (reason Unknown); init containers say `Init container <name> ...`.
 * Upstream: kubeGenericRuntimeManager.computePodActions.
 */
export function computePodActions(pod: Pod, podStatus: RuntimePodStatus): PodActions {
  return notImplemented('04-compute-pod-actions');
}
