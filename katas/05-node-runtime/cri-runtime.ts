/**
 * Kata 05-cri-runtime: a container runtime behind the CRI, simulated on a logical clock. It
 * is one reducer per node: CRI calls and clock ticks in, the new state and what happened out.
 * How long pulls take, which pulls fail, when containers exit and how they react to TERM are
 * not written here: the stage rules (core/kubelet/stages) decide, and this reducer applies
 * their first matching event, or a default (a pull takes 2 s, a container runs until it is
 * stopped, TERM ends it at once with exit code 0).
 *
 * Upstream: staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto (the calls and their
 * idempotency rules), staging/src/k8s.io/cri-api/pkg/apis/testing/fake_runtime_service.go,
 * kubernetes-sigs/kwok (stages on a clock).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Time } from '../../core/api/types/common';
import type { RuntimeAction, RuntimeEffect, RuntimeOptions, RuntimeState, SimPodStatus } from '../../core/kubelet/cri';
import type { Stages } from '../../core/kubelet/stages';

// TODO(kata): match on action.type (ts-pattern, exhaustive). `runtime/ticked` moves state.now
// forward (never back) and ends, in time order, every running container whose exit time has
// come (its own fate, or the end of a TERM), and makes finished pulls' images present. Calls
// happen at state.now:
// - RunPodSandbox: a new ID (runtimeID, core/kubelet/ids), an IP from reducePodIPs
//   (@kata/04-pod-sandbox/pod-ip-allocator) unless hostNetwork (then the node IP);
// - Stop/RemovePodSandbox and RemoveContainer are idempotent; stopping a sandbox kills what
//   runs in it (137) and releases its IP; removing it removes its containers too;
// - PullImage: a requester's first call asks the rules (`pull` / `pullFailure`, default 2 s)
//   and starts the pull, later calls report progress, then the outcome once; a re-pull of an
//   image the node has takes no time;
// - StartContainer asks the rules (`exit` / `run`); StopContainer asks `stop` (default: exit
//   0 at once) and KILLs with 137 when the process would outlast the timeout.
// After every action, add a `wakeAt` effect when something is due later (nextEventAt).

/** An empty runtime on a node: no sandboxes, no containers, only the pause image (PAUSE_IMAGE). */
export function newRuntime(options: RuntimeOptions): RuntimeState {
  return notImplemented('05-cri-runtime');
}

/** One step of the runtime: a CRI call at `state.now`, or the clock moving to `now`. */
export function reduceRuntime(state: RuntimeState, action: RuntimeAction, stages: Stages): [RuntimeState, RuntimeEffect[]] {
  return notImplemented('05-cri-runtime');
}

/**
 * The earliest instant at which something changes by itself: a container exits or a TERMed
 * container ends (at `now` or later: an exit due now still needs a tick), a pull finishes
 * (after `now`). With `podUID`, only that pod's containers and pulls.
 */
export function nextEventAt(state: RuntimeState, podUID?: string): Time | undefined {
  return notImplemented('05-cri-runtime');
}

/**
 * What the runtime knows about one pod, as the kubelet's runtime manager reads it
 * (GetPodStatus): its sandboxes and containers, newest first, and the latest ready
 * sandbox's IP.
 */
export function runtimePodStatus(state: RuntimeState, pod: { uid: string; name: string; namespace: string }): SimPodStatus {
  return notImplemented('05-cri-runtime');
}
