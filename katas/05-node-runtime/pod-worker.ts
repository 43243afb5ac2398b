/**
 * Kata 05-pod-worker: one sync of one pod on its node, from spec to status. The kubelet runs
 * a worker per pod; each sync compares the pod with what the runtime has, carries out
 * SyncPod's plan (chapter 04) against the simulated runtime, and reports what it sees:
 *
 * 1. plan with syncPod: what to kill, whether to (re)create the sandbox, what to start;
 * 2. carry the plan out, one CRI call at a time. A start is image (the image manager),
 *    create, start; a failed start records why (ErrImagePull, ...) and the next container
 *    is tried; a pull or a stop that takes time ends the sync until it is done;
 * 3. record Events as the kubelet does (Pulling, Pulled, Created, Started, Killing, BackOff);
 * 4. compute the status (phase, conditions, container statuses, IPs) and write it if it changed;
 * 5. say when to sync again: the next exit, the end of a pull, the end of a back-off.
 *
 * A pod being deleted is stopped instead (containers with the deletion's grace period, then
 * the sandbox); once nothing runs, its status turns terminal and the kubelet deletes the
 * object for good (since 1.27; not for static pods).
 *
 * Upstream: pkg/kubelet/kubelet.go (SyncPod, SyncTerminatingPod, SyncTerminatedPod),
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod), kuberuntime_container.go
 * (startContainer: "Created container: %v", "Started container %v"; killContainer:
 * "Stopping container %s"), pkg/kubelet/kuberuntime/kuberuntime_manager.go (doBackOff:
 * "Back-off restarting failed container %s in pod %s"), pkg/kubelet/status/status_manager.go
 * (startTime, canBeDeleted), pkg/kubelet/kubelet_pods.go (generateAPIPodStatus).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { PodStatus, Pod } from '../../core/api/types/pod';
import type { NodeLocal, PodWorkerInput, PodWorkerResult } from '../../core/kubelet/kubelet-local';
import type { Stages } from '../../core/kubelet/stages';

// TODO(kata): syncPodWorker dispatches: deletionTimestamp or a terminal phase -> terminate,
// otherwise run.
// Run: plan with syncPod (@kata/04-pod-sandbox/sync-pod; keep its backOff), then carry the
// steps out with reduceRuntime (@kata/05-node-runtime/cri-runtime): hooks and
// PreStartContainer do nothing; StopContainer with max(grace, 2) and a Killing event (not
// again while it is still stopping; a stop that takes time blocks all but further kills);
// RunPodSandbox (FailedCreatePodSandBox and stop on error); PullImage through
// ensureImageExists (@kata/05-node-runtime/image-manager; pulling: stop and wait; failed:
// `Error: <reason>`); CreateContainer (`Created container: <name>`); StartContainer (`Started
// container <name>`). A failed start skips that container's remaining steps. Reasons: a
// CrashLoopBackOff start result is cached with a BackOff Warning event; a failed start caches
// its reason; a container that started clears its entry. Keep the two newest instances per
// container. Status: generatePodStatus, written (updateStatus of statusTarget) only when it
// changed. wakeAt: the earliest of what the sync waits for, nextEventAt for the pod, and the
// end of its back-offs.
// Terminate: stop every running container, wait while any is stopping; then stop the
// sandboxes; for a deleted non-static pod write the terminal status, delete the object with
// grace 0 and its UID as precondition, and removePod.

/** One sync of one pod: stop it if it is terminating or terminal, otherwise bring it to its spec. Upstream: the pod worker's syncPod/syncTerminatingPod. */
export function syncPodWorker(input: PodWorkerInput): PodWorkerResult {
  return notImplemented('05-pod-worker');
}

/** Removes every sandbox (with its containers) of pod `uid` from the node, and what the kubelet remembered about it: reasons, back-off entries, pull errors. */
export function removePod(nodeLocal: NodeLocal, uid: string, stages: Stages): NodeLocal {
  return notImplemented('05-pod-worker');
}

/**
 * The pod's status as the kubelet writes it: phase and conditions (chapter 04), container
 * statuses from the runtime, the node's IP, the start time (kept once set), the QoS class.
 * Upstream: generateAPIPodStatus, the status manager's StartTime.
 */
export function generatePodStatus(pod: Pod, hostIP: string, nodeLocal: NodeLocal, podIsTerminal: boolean): PodStatus {
  return notImplemented('05-pod-worker');
}
