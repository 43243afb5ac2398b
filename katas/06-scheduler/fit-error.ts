/**
 * Kata 06-schedule-one (second file): explaining a pod that fits nowhere, and telling the API.
 *
 * The explanation is the message users read in `kubectl describe pod`:
 *
 *     0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.
 *     preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No
 *     preemption victims found for incoming pod.
 *
 * Every reason of every rejected node is counted; the "count reason" strings are sorted as
 * strings (so "10 ..." sorts before "2 ..."). Then preemption (DefaultPreemption's PostFilter)
 * says why evicting lower-priority pods would not help either. A scheduled pod gets a binding
 * and a `Scheduled` event; an unschedulable one a `PodScheduled=False` condition and a
 * `FailedScheduling` warning.
 *
 * Upstream (v1.32): pkg/scheduler/framework/types.go (FitError.Error),
 * pkg/scheduler/framework/preemption/preemption.go (Preempt, findCandidates),
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PostFilter,
 * PodEligibleToPreemptOthers, SelectVictimsOnNode), pkg/scheduler/schedule_one.go
 * (handleSchedulingFailure, truncateMessage, the Scheduled event), pkg/api/v1/pod/util.go
 * (UpdatePodCondition).
 */
import type { Pod } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent } from '../../core/runtime/types';
import type { PodFilter, PreemptionVerdict, ScheduleResult } from '../../core/scheduler/framework';
import type { SchedulerState } from '../../core/scheduler/snapshot';
import type { Diagnosis, FitError } from '../../core/scheduler/types';

// TODO(kata): build the FitError message exactly as upstream words and orders it, write the
// preemption verdict (no victims, or the filters' answer once lower-priority pods are gone),
// and turn a scheduling result into intents (core/runtime/types Intent).

/**
 * Upstream FitError.Error: `0/N nodes are available:`, then the PreFilter message, or else the
 * sorted `count reason` histogram of the rejected nodes (absent nodes counted with the absent
 * status's reasons), then the PostFilter message.
 */
export function fitErrorMessage(fitError: FitError): string {
  return notImplemented('06-schedule-one');
}

/**
 * DefaultPreemption's PostFilter, without evicting anything: not eligible with
 * `preemptionPolicy: Never`; otherwise, for each node rejected as `Unschedulable`, remove the
 * pods of lower priority and filter again. A node where the pod then fits is a candidate;
 * with no candidate, the message is the nested FitError prefixed with `preemption: `.
 */
export function preemptionVerdict(state: SchedulerState, pod: Pod, podFilter: PodFilter, diagnosis: Diagnosis): PreemptionVerdict {
  return notImplemented('06-schedule-one');
}

/** Upstream truncateMessage: at most 1024 bytes (an Event note's limit), ending in ` ...` when cut. */
export function truncateMessage(message: string): string {
  return notImplemented('06-schedule-one');
}

/**
 * What the scheduler asks of the API after one attempt: a binding and a `Scheduled` event; or
 * the `PodScheduled=False` condition (reason `Unschedulable`, or `SchedulerError` for an error)
 * and a `FailedScheduling` warning, both only when the condition changes.
 */
export function schedulingIntents(pod: Pod, result: ScheduleResult, now: string, schedulerName = 'default-scheduler'): Intent[] {
  return notImplemented('06-schedule-one');
}
