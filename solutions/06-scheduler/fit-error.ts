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
import type { Pod, PodCondition } from '../../core/api/types';
import type { PodFilter, PreemptionVerdict, ScheduleResult } from '../../core/scheduler/framework';
import { removePod } from '../../core/scheduler/node-info';
import type { SchedulerState } from '../../core/scheduler/snapshot';
import { emptyDiagnosis, newStatus, type Diagnosis, type FitError, type NodeStatus } from '../../core/scheduler/types';
import type { Intent } from '../../core/runtime/types';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// #region fit-error
/**
 * Upstream FitError.Error: `0/N nodes are available:`, then the PreFilter message, or else the
 * sorted `count reason` histogram of the rejected nodes (absent nodes counted with the absent
 * status's reasons), then the PostFilter message.
 */
export function fitErrorMessage(fitError: FitError): string {
  const { numAllNodes, diagnosis } = fitError;
  let message = `0/${numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg !== '') {
    message += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const { status } of diagnosis.nodeStatuses) {
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const absent = numAllNodes - diagnosis.nodeStatuses.length;
    if (absent > 0) {
      for (const reason of diagnosis.absentNodesStatus.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent);
    }
    const histogram = [...counts].map(([reason, count]) => `${count} ${reason}`).sort(byString);
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
  }
  if (diagnosis.postFilterMsg !== '') message += ` ${diagnosis.postFilterMsg}`;
  return message;
}
// #endregion fit-error

/**
 * DefaultPreemption's PostFilter, without evicting anything: not eligible with
 * `preemptionPolicy: Never`; otherwise, for each node rejected as `Unschedulable`, remove the
 * pods of lower priority and filter again. A node where the pod then fits is a candidate;
 * with no candidate, the message is the nested FitError prefixed with `preemption: `.
 */
export function preemptionVerdict(state: SchedulerState, pod: Pod, podFilter: PodFilter, diagnosis: Diagnosis): PreemptionVerdict {
  if (pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.', candidates: [] };
  const priority = pod.spec?.priority ?? 0;
  const explicit = new Map(diagnosis.nodeStatuses.map((s) => [s.nodeName, s.status]));
  const absentMayHelp = diagnosis.absentNodesStatus.code === 'Unschedulable';
  const statuses: NodeStatus[] = [];
  const candidates: string[] = [];
  for (const node of state.nodes) {
    const status = explicit.get(node.name);
    if (status === undefined ? !absentMayHelp : status.code !== 'Unschedulable') continue;
    const victims = node.pods.filter((p) => p.priority < priority);
    if (victims.length === 0) {
      statuses.push({ nodeName: node.name, status: newStatus('UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod') });
      continue;
    }
    const verdict = podFilter.filter(victims.reduce((info, v) => removePod(info, v.key), node));
    if (verdict.code === 'Success') candidates.push(node.name);
    else statuses.push({ nodeName: node.name, status: verdict });
  }
  if (candidates.length > 0) return { message: '', candidates };
  const nested: FitError = {
    numAllNodes: state.nodes.length,
    diagnosis: { ...emptyDiagnosis(), nodeStatuses: statuses, absentNodesStatus: newStatus('UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling') },
  };
  return { message: `preemption: ${fitErrorMessage(nested)}`, candidates: [] };
}

/** Upstream truncateMessage: at most 1024 bytes (an Event note's limit), ending in ` ...` when cut. */
export function truncateMessage(message: string): string {
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= 1024) return message;
  return `${new TextDecoder().decode(bytes.subarray(0, 1024 - 4))} ...`;
}

function withCondition(pod: Pod, condition: PodCondition): Pod | undefined {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === condition.type);
  const next = { ...condition, lastTransitionTime: old !== undefined && old.status === condition.status ? old.lastTransitionTime : condition.lastTransitionTime };
  // UpdatePodCondition: nothing to write when every field is already so.
  if (
    old !== undefined &&
    old.status === next.status &&
    old.reason === next.reason &&
    old.message === next.message &&
    (old.lastProbeTime ?? null) === next.lastProbeTime &&
    old.lastTransitionTime === next.lastTransitionTime
  ) {
    return undefined;
  }
  const updated = old === undefined ? [...conditions, next] : conditions.map((c) => (c.type === condition.type ? next : c));
  return { ...pod, status: { ...pod.status, conditions: updated } };
}

/**
 * What the scheduler asks of the API after one attempt: a binding and a `Scheduled` event; or
 * the `PodScheduled=False` condition (reason `Unschedulable`, or `SchedulerError` for an error)
 * and a `FailedScheduling` warning, both only when the condition changes.
 */
export function schedulingIntents(pod: Pod, result: ScheduleResult, now: string, schedulerName = 'default-scheduler'): Intent[] {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const involvedObject = { kind: 'Pod', apiVersion: 'v1', namespace, name, ...(pod.metadata.uid !== undefined && { uid: pod.metadata.uid }) };
  if (result.type === 'scheduled') {
    return [
      { type: 'bind', namespace, name, ...(pod.metadata.uid !== undefined && { uid: pod.metadata.uid }), nodeName: result.nodeName },
      { type: 'event', involvedObject, eventType: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${namespace}/${name} to ${result.nodeName}`, source: schedulerName },
    ];
  }
  const updated = withCondition(pod, {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: now,
    reason: result.type === 'unschedulable' ? 'Unschedulable' : 'SchedulerError',
    message: result.message,
  });
  if (updated === undefined) return [];
  return [
    { type: 'updateStatus', object: updated },
    { type: 'event', involvedObject, eventType: 'Warning', reason: 'FailedScheduling', message: truncateMessage(result.message), source: schedulerName },
  ];
}
