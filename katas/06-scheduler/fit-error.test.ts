/**
 * Kata 06-schedule-one, the explanation and the intents.
 *
 * The FitError examples are upstream's TestFitError_Error (pkg/scheduler/framework/types_test.go,
 * v1.32). The preemption messages follow DefaultPreemption in v1.32:
 * "not eligible due to preemptionPolicy=Never." (PodEligibleToPreemptOthers), "No preemption
 * victims found for incoming pod" (SelectVictimsOnNode) and "Preemption is not helpful for
 * scheduling" for the nodes preemption does not consider (Preempt); the PostFilter prefixes
 * "preemption: ". The intents follow handleSchedulingFailure (reason Unschedulable, event
 * FailedScheduling, NoteLengthLimit 1024) and the "Scheduled" event of the binding cycle in
 * pkg/scheduler/schedule_one.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fitErrorMessage, preemptionVerdict, schedulingIntents, truncateMessage } from '@kata/06-scheduler/fit-error';
import type { Pod } from '../../core/api/types';
import { makeNode, makePod } from '../../core/scheduler/builders';
import type { PodFilter } from '../../core/scheduler/framework';
import { schedulerStateFrom } from '../../core/scheduler/snapshot';
import { emptyDiagnosis, newStatus, SUCCESS, type Diagnosis, type NodeStatus, type Status } from '../../core/scheduler/types';
import { emptyResource } from '../../core/scheduler/resource';
import { runs } from '../../core/testing/runs';

const unschedulable = (reason: string) => newStatus('Unschedulable', reason);
const statuses = (...list: [string, Status][]): NodeStatus[] => list.map(([nodeName, status]) => ({ nodeName, status }));
const diagnosis = (d: Partial<Diagnosis>): Diagnosis => ({ ...emptyDiagnosis(), ...d });

describe('fitErrorMessage: upstream TestFitError_Error', () => {
  const prefilter = 'Node(s) failed PreFilter plugin FalsePreFilter';
  const three = (...reasons: string[]) => statuses(['node1', unschedulable(reasons[0]!)], ['node2', unschedulable(reasons[1]!)], ['node3', unschedulable(reasons[2]!)]);

  test('nodes failed Prefilter plugin', () => {
    const d = diagnosis({ preFilterMsg: prefilter, nodeStatuses: three(prefilter, prefilter, prefilter) });
    expect(fitErrorMessage({ numAllNodes: 3, diagnosis: d })).toBe('0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.');
  });

  test('nodes failed Prefilter plugin and the preemption also failed', () => {
    const d = diagnosis({ preFilterMsg: prefilter, nodeStatuses: three(prefilter, prefilter, prefilter), postFilterMsg: 'Error running PostFilter plugin FailedPostFilter' });
    expect(fitErrorMessage({ numAllNodes: 3, diagnosis: d })).toBe(
      '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    );
  });

  test('nodes failed one Filter plugin with an empty PostFilterMsg', () => {
    const f = 'Node(s) failed Filter plugin FalseFilter-1';
    expect(fitErrorMessage({ numAllNodes: 3, diagnosis: diagnosis({ nodeStatuses: three(f, f, f) }) })).toBe('0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.');
  });

  test('nodes failed one Filter plugin with a non-empty PostFilterMsg', () => {
    const f = 'Node(s) failed Filter plugin FalseFilter-1';
    const d = diagnosis({ nodeStatuses: three(f, f, f), postFilterMsg: 'Error running PostFilter plugin FailedPostFilter' });
    expect(fitErrorMessage({ numAllNodes: 3, diagnosis: d })).toBe(
      '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    );
  });

  test('nodes failed two Filter plugins with an empty PostFilterMsg', () => {
    const d = diagnosis({ nodeStatuses: three('Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-1', 'Node(s) failed Filter plugin FalseFilter-2') });
    expect(fitErrorMessage({ numAllNodes: 3, diagnosis: d })).toBe(
      '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    );
  });

  test('failed to Permit on node', () => {
    const d = diagnosis({ nodeStatuses: statuses(['node1', unschedulable('Node failed Permit plugin Permit-1')]) });
    expect(fitErrorMessage({ numAllNodes: 1, diagnosis: d })).toBe('0/1 nodes are available: 1 Node failed Permit plugin Permit-1.');
  });

  test('every reason of a node counts, and absent nodes count with the absent status reasons', () => {
    const d = diagnosis({
      nodeStatuses: statuses(['n1', newStatus('Unschedulable', 'Insufficient cpu', 'Insufficient memory')]),
      absentNodesStatus: newStatus('UnschedulableAndUnresolvable', "node(s) didn't satisfy plugin(s) [NodeAffinity]"),
    });
    expect(fitErrorMessage({ numAllNodes: 4, diagnosis: d })).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  test('counts are sorted as strings, so 10 comes before 9', () => {
    const d = diagnosis({
      nodeStatuses: [
        ...Array.from({ length: 9 }, (_, i) => ({ nodeName: `a${i}`, status: unschedulable('Insufficient cpu') })),
        ...Array.from({ length: 10 }, (_, i) => ({ nodeName: `b${i}`, status: unschedulable('Too many pods') })),
      ],
    });
    expect(fitErrorMessage({ numAllNodes: 19, diagnosis: d })).toBe('0/19 nodes are available: 10 Too many pods, 9 Insufficient cpu.');
  });
});

describe('preemptionVerdict (DefaultPreemption, nothing evicted)', () => {
  const node = (name: string) => makeNode(name, { capacity: { cpu: '1', memory: '1Gi', pods: '110' } });
  const full = (priority: number) => ({ key: 'default/resident', priority, resource: { requested: { ...emptyResource(), milliCPU: 1000 }, non0MilliCPU: 1000, non0Memory: 0 } });
  // A filter that passes only a node with no pods on it.
  const fitsEmpty: PodFilter = { filter: (ni) => (ni.pods.length === 0 ? SUCCESS : unschedulable('Insufficient cpu')) };

  test('a pod with preemptionPolicy Never is not eligible', () => {
    const state = schedulerStateFrom([node('n1')]);
    const d = diagnosis({ nodeStatuses: statuses(['n1', unschedulable('Insufficient cpu')]) });
    expect(preemptionVerdict(state, makePod('p', { preemptionPolicy: 'Never' }), fitsEmpty, d)).toEqual({
      message: 'preemption: not eligible due to preemptionPolicy=Never.',
      candidates: [],
    });
  });

  test('nodes without lower-priority pods have no victims, unresolvable nodes are not helped', () => {
    const state = schedulerStateFrom([node('n1'), node('n2'), node('n3')], [{ nodeName: 'n1', pod: full(0) }]);
    const d = diagnosis({
      nodeStatuses: statuses(
        ['n1', unschedulable('Insufficient cpu')],
        ['n2', newStatus('UnschedulableAndUnresolvable', 'node(s) had untolerated taint {a: b}')],
        ['n3', newStatus('UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector")],
      ),
    });
    expect(preemptionVerdict(state, makePod('p'), fitsEmpty, d)).toEqual({
      message: 'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
      candidates: [],
    });
  });

  test('a node whose lower-priority pods would make room is a candidate, and nothing is explained', () => {
    const state = schedulerStateFrom([node('n1')], [{ nodeName: 'n1', pod: full(0) }]);
    const d = diagnosis({ nodeStatuses: statuses(['n1', unschedulable('Insufficient cpu')]) });
    expect(preemptionVerdict(state, makePod('p', { priority: 100 }), fitsEmpty, d)).toEqual({ message: '', candidates: ['n1'] });
  });
});

describe('schedulingIntents', () => {
  const now = '2024-05-01T12:00:00Z';
  const pod = makePod('web', { uid: 'u1' });

  test('a scheduled pod is bound and gets a Scheduled event', () => {
    const intents = schedulingIntents(pod, { type: 'scheduled', nodeName: 'n1', evaluatedNodes: 3, feasibleNodes: 2 }, now);
    expect(intents).toEqual([
      { type: 'bind', namespace: 'default', name: 'web', uid: 'u1', nodeName: 'n1' },
      {
        type: 'event',
        involvedObject: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web', uid: 'u1' },
        eventType: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned default/web to n1',
        source: 'default-scheduler',
      },
    ]);
  });

  test('an unschedulable pod gets PodScheduled=False with reason Unschedulable and a FailedScheduling warning', () => {
    const message = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    const intents = schedulingIntents(pod, { type: 'unschedulable', message }, now);
    expect(intents).toHaveLength(2);
    const [update, event] = intents;
    expect(update?.type === 'updateStatus' && (update.object as Pod).status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'Unschedulable', message },
    ]);
    expect(event).toMatchObject({ type: 'event', eventType: 'Warning', reason: 'FailedScheduling', message });
  });

  test('the same failure again asks for nothing: the condition is already there', () => {
    const result = { type: 'unschedulable' as const, message: '0/1 nodes are available: 1 Insufficient cpu.' };
    const [update] = schedulingIntents(pod, result, now);
    const updated = update?.type === 'updateStatus' ? (update.object as Pod) : pod;
    expect(updated, 'the first attempt writes the condition').not.toBe(pod);
    expect(schedulingIntents(updated, result, '2024-05-01T12:05:00Z')).toEqual([]);
  });

  test('a scheduler error is reported with reason SchedulerError', () => {
    const [update] = schedulingIntents(pod, { type: 'error', message: 'boom' }, now);
    expect(update?.type === 'updateStatus' && (update.object as Pod).status?.conditions?.[0]?.reason).toBe('SchedulerError');
  });

  test('a long message is cut to 1024 bytes in the event, ending in " ..."', () => {
    const long = 'x'.repeat(2000);
    expect(truncateMessage(long)).toBe(`${'x'.repeat(1020)} ...`);
    expect(truncateMessage('short')).toBe('short');
  });
});

describe('properties', () => {
  const reason = fc.constantFrom('Insufficient cpu', 'Insufficient memory', 'Too many pods', "node(s) didn't match Pod's node affinity/selector");

  test("the explanation's counts add up to the number of reasons given, which is the node count when each node gives one", () => {
    fc.assert(
      fc.property(fc.array(fc.array(reason, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), (perNode) => {
        const d = diagnosis({ nodeStatuses: perNode.map((reasons, i) => ({ nodeName: `n${i}`, status: newStatus('Unschedulable', ...reasons) })) });
        const message = fitErrorMessage({ numAllNodes: perNode.length, diagnosis: d });
        const histogram = message.slice(message.indexOf(': ') + 2, -1).split(', ');
        const total = histogram.reduce((sum, entry) => sum + Number(entry.split(' ')[0]), 0);
        expect(total).toBe(perNode.reduce((sum, reasons) => sum + reasons.length, 0));
        if (perNode.every((r) => r.length === 1)) expect(total).toBe(perNode.length);
      }),
      runs(200),
    );
  });

  test('truncated messages never exceed 1024 bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), (s) => new TextEncoder().encode(truncateMessage(s)).length <= 1024), runs(100));
  });
});
