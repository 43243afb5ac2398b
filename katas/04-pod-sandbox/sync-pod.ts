/**
 * Kata 04-sync-pod: SyncPod, the kubelet's one function per pod and per sync, as a plan.
 * Its comment (quoted in seed 004) lists the steps:
 *
 *  1. compute sandbox and container changes (computePodActions);
 *  2. kill the pod sandbox if necessary;
 *  3. kill any containers that should not be running;
 *  4. create the sandbox if necessary;
 *  5. create ephemeral containers;
 *  6. create init containers;
 *  7. create normal containers.
 *
 * Each start first asks the restart back-off: a container still backing off is skipped and
 * reported as CrashLoopBackOff. Nothing is executed here: the result lists the runtime calls
 * and hook runs in the order SyncPod makes them when every call succeeds.
 *
 * Upstream: pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod, doBackOff,
 * killPodWithSyncResult), pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer,
 * killContainer, setTerminationGracePeriod, killContainersWithSyncResult, purgeInitContainers),
 * pkg/kubelet/container/helpers.go (ConvertPodStatusToRunningPod).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { SyncPodInput, SyncPodResult } from '../../core/kubelet/sync-plan';

// TODO(kata): call computePodActions (@kata/04-pod-sandbox/compute-pod-actions), then follow
// the steps. Killing a container is [RunPreStopHook if it has preStop and grace > 0,
// StopContainer]; killing the pod stops every running container, then every sandbox, and
// when a new sandbox follows removes every init container instance. Starting a container asks
// restartBackOff (@kata/04-pod-sandbox/restart-backoff) with its latest exited instance's
// finishedAt and getStableKey (core/kubelet/hash); if it may start: PullImage, CreateContainer,
// PreStartContainer, StartContainer, RunPostStartHook if it has postStart. A regular init
// container that does not start ends the sync.

/**
 * One SyncPod for one pod. The grace period of a kill is the pod's deletion grace period if
 * it is being deleted, else the probe's `terminationGracePeriodSeconds` for a probe kill, else
 * the pod's `terminationGracePeriodSeconds` (default 30). A container still backing off gets
 * `back-off <delay> restarting failed container=<name> pod=<name>_<namespace>(<uid>)`, its
 * delay printed as Go prints durations (core/kubelet/duration).
 * Upstream: kubeGenericRuntimeManager.SyncPod.
 */
export function syncPod(input: SyncPodInput): SyncPodResult {
  return notImplemented('04-sync-pod');
}
