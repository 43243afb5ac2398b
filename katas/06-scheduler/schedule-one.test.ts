/**
 * Kata 06-schedule-one.
 *
 * Examples are upstream's tests in pkg/scheduler/schedule_one_test.go (v1.32):
 * TestNumFeasibleNodesToFind, TestFairEvaluationForNodes, TestSelectHost and the first cases of
 * TestSchedulerSchedulePod ("test 1" to "test 7", with the fake plugins of
 * pkg/scheduler/testing/framework: FalseFilter rejects every node with "Nodes failed the fake
 * plugin", TrueFilter passes every node, MatchFilter passes the node named like the pod,
 * NumericMap scores a node by its numeric name). The cluster scenarios use the default profile
 * and check the wording of FitError.Error and DefaultPreemption (see fit-error.test.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, scheduleOne, selectHost } from '@kata/06-scheduler/schedule-one';
import type { Node, Pod } from '../../core/api/types';
import { nodes as nodesArb, pod as podArb } from '../../core/scheduler/arbitraries';
import { makeNode, makePod } from '../../core/scheduler/builders';
import { defaultProfile } from '../../core/scheduler/default-profile';
import type { PodFilter, PreparedScore, Profile } from '../../core/scheduler/framework';
import { newNodeInfo } from '../../core/scheduler/node-info';
import { getNodeInfo, schedulerStateFrom, type SchedulerState } from '../../core/scheduler/snapshot';
import { newStatus, SUCCESS, type NodeInfo, type NodeScore, type Status } from '../../core/scheduler/types';
import { runs } from '../../core/testing/runs';

const FAKE_REASON = 'Nodes failed the fake plugin';
type Filter = (pod: Pod, node: NodeInfo) => Status;
const trueFilter: Filter = () => SUCCESS;
const falseFilter: Filter = () => ({ ...newStatus('Unschedulable', FAKE_REASON), plugin: 'FalseFilter' });
const matchFilter: Filter = (pod, node) => (node.name === pod.metadata.name ? SUCCESS : { ...newStatus('Unschedulable', FAKE_REASON), plugin: 'MatchFilter' });

/** A profile made of fake plugins, as upstream's TestSchedulerSchedulePod registers them. */
function fakeProfile(filters: Filter[], scores: PreparedScore[], percentage = 0): Profile {
  return {
    schedulerName: 'default-scheduler',
    percentageOfNodesToScore: percentage,
    hasScorePlugins: scores.length > 0,
    preemption: false,
    filterPod: (pod): PodFilter => ({
      filter: (n) => {
        for (const f of filters) {
          const s = f(pod, n);
          if (s.code !== 'Success') return s;
        }
        return SUCCESS;
      },
    }),
    scorePod: () => ({ type: 'ok', plugins: scores }),
  };
}
const numericMap: PreparedScore = { name: 'NumericMap', weight: 1, score: (n) => Number(n.name) };
const reverseNumericMap: PreparedScore = {
  name: 'ReverseNumericMap',
  weight: 2,
  score: (n) => Number(n.name),
  // max + min − score, as the fake plugin's NormalizeScore does.
  normalizeScore: (scores) => scores.map((s) => Math.max(...scores) + Math.min(...scores) - s),
};
const stateOf = (...names: string[]) => schedulerStateFrom(names.map((n) => makeNode(n, { capacity: { cpu: '1', memory: '1Gi', pods: '110' } })));
/** A fixed draw for the tie-break; scenarios without ties do not depend on it. */
const midDraw = () => 0.5;

describe('numFeasibleNodesToFind: upstream TestNumFeasibleNodesToFind', () => {
  test.each<[string, number, number, number]>([
    ['not set percentageOfNodesToScore and nodes number not more than 50', 0, 10, 10],
    ['set percentageOfNodesToScore and nodes number not more than 50', 40, 10, 10],
    ['not set percentageOfNodesToScore and nodes number more than 50', 0, 1000, 420],
    ['set percentageOfNodesToScore and nodes number more than 50', 40, 1000, 400],
    ['not set percentageOfNodesToScore and nodes number more than 50*125', 0, 6000, 300],
    ['set percentageOfNodesToScore and nodes number more than 50*125', 40, 6000, 2400],
  ])('%s', (_name, percentage, nodes, want) => {
    expect(numFeasibleNodesToFind(percentage, nodes)).toBe(want);
  });

  test('500 nodes → 46% → 230 and 5,000 nodes → 10% → 500 (the adaptive formula, integer division)', () => {
    expect(numFeasibleNodesToFind(0, 500)).toBe(230);
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500);
  });

  test('never fewer than 100 once there are 100 nodes', () => {
    expect(numFeasibleNodesToFind(1, 150)).toBe(100);
  });
});

describe('fair evaluation: upstream TestFairEvaluationForNodes', () => {
  test('500 nodes at 30%: each cycle finds 150 nodes and the next one starts where it stopped', () => {
    const state0 = schedulerStateFrom(Array.from({ length: 500 }, (_, i) => makeNode(String(i), { capacity: { cpu: '1000', memory: '1Ti', pods: '1000' } })));
    const profile = fakeProfile([trueFilter], [{ name: 'Zero', weight: 1, score: () => 0 }], 30);
    const nodesToFind = numFeasibleNodesToFind(30, 500);
    let state = state0;
    for (let i = 0; i < 2 * (Math.trunc(500 / nodesToFind) + 1); i++) {
      const { state: next, result } = scheduleOne(state, makePod(`p${i}`), profile, midDraw);
      expect(result.type === 'scheduled' && result.feasibleNodes, 'feasible nodes found').toBe(nodesToFind);
      expect(next.nextStartNodeIndex, `start index after cycle ${i + 1}`).toBe(((i + 1) * nodesToFind) % 500);
      state = next;
    }
  });

  test('the filter pass starts at the given index and wraps around', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((n) => newNodeInfo(makeNode(n)));
    const pass = findNodesThatPassFilters(nodes, (n) => (n.name === 'd' ? newStatus('Unschedulable', 'no') : SUCCESS), 3, 2);
    expect(pass.feasible.map((n) => n.name)).toEqual(['a', 'b']);
    expect(pass.nodeStatuses).toEqual([{ nodeName: 'd', status: newStatus('Unschedulable', 'no') }]);
  });
});

describe('selectHost: upstream TestSelectHost', () => {
  const list = (...pairs: [string, number][]): NodeScore[] => pairs.map(([name, score]) => ({ name, score }));
  const draws = [() => 0, () => 0.999, () => 0.5];

  test.each<[string, NodeScore[], string[]]>([
    ['unique properly ordered scores', list(['node1', 1], ['node2', 2]), ['node2']],
    ['equal scores', list(['node1.1', 1], ['node1.2', 2], ['node1.3', 2], ['node2.1', 2]), ['node1.2', 'node1.3', 'node2.1']],
    ['out of order scores', list(['node1.1', 3], ['node1.2', 3], ['node2.1', 2], ['node3.1', 1], ['node1.3', 3]), ['node1.1', 'node1.2', 'node1.3']],
  ])('%s', (_name, scores, possible) => {
    for (const draw of draws) expect(possible, 'a node with the highest score').toContain(selectHost(scores, draw));
  });

  test('empty priority list', () => {
    expect(selectHost([], midDraw)).toBeUndefined();
  });

  test('a draw of 0 always replaces, so the last of the tied nodes wins; a draw near 1 never does', () => {
    const scores = list(['a', 5], ['b', 5], ['c', 1], ['d', 5]);
    expect(selectHost(scores, () => 0)).toBe('d');
    expect(selectHost(scores, () => 0.999)).toBe('a');
  });

  test('ties are broken uniformly', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    const scores = list(['a', 9], ['b', 9], ['c', 9], ['d', 9]);
    for (let i = 0; i < 4000; i++) counts[selectHost(scores, random)!]! += 1;
    for (const name of Object.keys(counts)) expect(counts[name]!, `${name} chosen about a quarter of the time`).toBeGreaterThan(850);
  });
});

describe('scheduleOne with fake plugins: upstream TestSchedulerSchedulePod', () => {
  test('test 1: a filter that rejects every node gives a FitError naming every node', () => {
    const { result } = scheduleOne(stateOf('node1', 'node2'), makePod('2'), fakeProfile([falseFilter], []), midDraw);
    expect(result.type).toBe('unschedulable');
    if (result.type !== 'unschedulable') return;
    expect(result.fitError?.numAllNodes).toBe(2);
    expect(result.fitError?.diagnosis.nodeStatuses.map((s) => s.nodeName).sort()).toEqual(['node1', 'node2']);
    expect(result.fitError?.diagnosis.unschedulablePlugins).toEqual(['FalseFilter']);
    expect(result.message).toBe('0/2 nodes are available: 2 Nodes failed the fake plugin.');
  });

  test('test 2: a filter that passes every node gives one of them', () => {
    const { result } = scheduleOne(stateOf('node1', 'node2'), makePod('ignore'), fakeProfile([trueFilter], []), midDraw);
    expect(['node1', 'node2']).toContain(result.type === 'scheduled' ? result.nodeName : result.type);
  });

  test('test 3: the matching filter picks the node named like the pod', () => {
    const { result } = scheduleOne(stateOf('node1', 'node2'), makePod('node2'), fakeProfile([matchFilter], []), midDraw);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: 'node2' });
  });

  test('test 4: the highest numeric score wins', () => {
    const { result } = scheduleOne(stateOf('3', '2', '1'), makePod('ignore'), fakeProfile([trueFilter], [numericMap]), midDraw);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: '3' });
  });

  test('test 5: filtering happens before scoring', () => {
    const { result } = scheduleOne(stateOf('3', '2', '1'), makePod('2'), fakeProfile([matchFilter], [numericMap]), midDraw);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: '2' });
  });

  test('test 6: scores are normalised, weighted and added', () => {
    const { result } = scheduleOne(stateOf('3', '2', '1'), makePod('2'), fakeProfile([trueFilter], [numericMap, reverseNumericMap]), midDraw);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: '1' });
  });

  test('test 7: a node must pass every filter', () => {
    const { result } = scheduleOne(stateOf('3', '2', '1'), makePod('2'), fakeProfile([trueFilter, falseFilter], [numericMap]), midDraw);
    expect(result.type === 'unschedulable' && result.message).toBe('0/3 nodes are available: 3 Nodes failed the fake plugin.');
  });

  test('an empty cluster has no nodes available', () => {
    const { result } = scheduleOne(schedulerStateFrom([]), makePod('p'), fakeProfile([trueFilter], []), midDraw);
    expect(result).toEqual({ type: 'unschedulable', message: 'no nodes available to schedule pods' });
  });

  test('a normalised score outside 0..100 is an error naming the plugin', () => {
    const bad: PreparedScore = { name: 'TooHigh', weight: 1, score: () => 101 };
    expect(prioritizeNodes([newNodeInfo(makeNode('a'))], [bad])).toEqual({
      type: 'error',
      message: 'plugin "TooHigh" returns an invalid score 101, it should in the range of [0, 100] after normalizing',
    });
  });

  test('without Score plugins every node scores 1', () => {
    expect(prioritizeNodes([newNodeInfo(makeNode('a')), newNodeInfo(makeNode('b'))], undefined)).toEqual({
      type: 'ok',
      scores: [
        { name: 'a', score: 1 },
        { name: 'b', score: 1 },
      ],
    });
  });
});

describe('the default profile: filters and scores as rules', () => {
  let profile: Profile;
  beforeAll(() => {
    profile = defaultProfile();
  });
  const small = (name: string, extra: Partial<Parameters<typeof makeNode>[1]> = {}) => makeNode(name, { capacity: { cpu: '1', memory: '2Gi', pods: '110' }, ...extra });
  const gpu = { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const }] };

  test('0/5 nodes: three too small, two tainted; the explanation counts them and preemption cannot help', () => {
    const state = schedulerStateFrom([small('n1'), small('n2'), small('n3'), small('n4', gpu), small('n5', gpu)]);
    const { result } = scheduleOne(state, makePod('big', { containers: [{ cpu: '2' }] }), profile, midDraw);
    expect(result.type === 'unschedulable' && result.message).toBe(
      '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. ' +
        'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
  });

  test('a cordoned node is filtered by the NodeUnschedulable rule unless the pod tolerates its taint', () => {
    const state = schedulerStateFrom([small('n1', { unschedulable: true })]);
    const { result } = scheduleOne(state, makePod('p'), profile, midDraw);
    expect(result.type === 'unschedulable' && result.message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    const tolerant = makePod('t', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(scheduleOne(state, tolerant, profile, midDraw).result).toMatchObject({ type: 'scheduled', nodeName: 'n1' });
  });

  test('node names that cancel out are a PreFilter rejection', () => {
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }, { key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
          },
        },
      },
    });
    const { state, result } = scheduleOne(schedulerStateFrom([small('n1'), small('n2'), small('n3')]), pod, profile, midDraw);
    expect(result.type === 'unschedulable' && result.message).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(state.nextStartNodeIndex, 'no node was examined').toBe(0);
  });

  test('nodes left out by a PreFilter are counted with "didn\'t satisfy plugin(s)"', () => {
    const pod = makePod('p', {
      containers: [{ cpu: '2' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } },
    });
    const { result } = scheduleOne(schedulerStateFrom([small('n1'), small('n2'), small('n3')]), pod, profile, midDraw);
    expect(result.type === 'unschedulable' && result.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  test('the emptiest node wins (LeastAllocated), and the bound pod is counted on it', () => {
    const state = schedulerStateFrom([makeNode('small', { capacity: { cpu: '2', memory: '4Gi', pods: '110' } }), makeNode('large', { capacity: { cpu: '8', memory: '16Gi', pods: '110' } })]);
    const pod = makePod('web', { containers: [{ cpu: '1', memory: '1Gi' }] });
    const { state: next, result } = scheduleOne(state, pod, profile, midDraw);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: 'large' });
    expect(getNodeInfo(next, 'large')?.requested.milliCPU, 'assumed: the request is counted').toBe(1000);
    expect(getNodeInfo(next, 'large')?.pods.map((p) => p.key)).toEqual(['default/web']);
  });
});

describe('properties', () => {
  let profile: Profile;
  beforeAll(() => {
    profile = defaultProfile();
  });

  test('a bound node always passes every filter', () => {
    fc.assert(
      fc.property(nodesArb({ maxLength: 5 }), podArb(), (nodes, pod) => {
        const state = schedulerStateFrom(nodes);
        const { result } = scheduleOne(state, pod, profile, midDraw);
        if (result.type !== 'scheduled') return;
        expect(profile.filterPod(pod).filter(getNodeInfo(state, result.nodeName)!)).toBe(SUCCESS);
      }),
      runs(150),
    );
  });

  test('an unschedulable pod passes the filters on no node', () => {
    fc.assert(
      fc.property(nodesArb({ maxLength: 5 }), podArb(), (nodes, pod) => {
        const state = schedulerStateFrom(nodes);
        const { result } = scheduleOne(state, pod, profile, midDraw);
        if (result.type !== 'unschedulable') return;
        const filter = profile.filterPod(pod);
        expect(state.nodes.every((n) => filter.filter(n).code !== 'Success')).toBe(true);
      }),
      runs(150),
    );
  });

  test('selectHost always returns a node with the highest score', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (raw, r) => {
        const scores = raw.map((score, i) => ({ name: `n${i}`, score }));
        const chosen = scores.find((s) => s.name === selectHost(scores, () => r))!;
        expect(chosen.score).toBe(Math.max(...raw));
      }),
      runs(200),
    );
  });

  test('total scores stay within 0..100 × the sum of the weights', () => {
    fc.assert(
      fc.property(nodesArb({ minLength: 2, maxLength: 5 }), podArb(), (nodes, pod) => {
        const infos = schedulerStateFrom(nodes).nodes;
        const scorer = profile.scorePod(pod, infos);
        if (scorer.type !== 'ok') return;
        const result = prioritizeNodes(infos, scorer.plugins);
        const max = 100 * scorer.plugins.reduce((sum, p) => sum + p.weight, 0);
        expect(result.type === 'ok' && result.scores.every((s) => s.score >= 0 && s.score <= max)).toBe(true);
      }),
      runs(150),
    );
  });
});

describe('model: scheduling pods one after another', () => {
  type Model = { requested: Record<string, number>; allocatable: Record<string, number>; pods: Record<string, number> };
  type Real = { state: SchedulerState };
  let modelProfile: Profile | undefined;

  class SchedulePod implements fc.Command<Model, Real> {
    constructor(
      readonly name: string,
      readonly milliCPU: number,
    ) {}
    check = () => true;
    run(model: Model, real: Real): void {
      const pod = makePod(this.name, { containers: [{ cpu: `${this.milliCPU}m` }] });
      modelProfile ??= defaultProfile();
      const { state, result } = scheduleOne(real.state, pod, modelProfile, midDraw);
      real.state = state;
      if (result.type === 'scheduled') {
        const node = result.nodeName;
        expect(model.requested[node]! + this.milliCPU, `${node} must have room for ${this.milliCPU}m`).toBeLessThanOrEqual(model.allocatable[node]!);
        model.requested[node]! += this.milliCPU;
        model.pods[node]! += 1;
      } else {
        const room = Object.keys(model.allocatable).some((n) => model.allocatable[n]! - model.requested[n]! >= this.milliCPU);
        expect(room, `the pod fits somewhere, yet: ${result.type === 'unschedulable' ? result.message : result.message}`).toBe(false);
      }
      for (const info of real.state.nodes) {
        expect(info.requested.milliCPU, `running CPU sum of ${info.name}`).toBe(model.requested[info.name]);
        expect(info.pods.length, `pod count of ${info.name}`).toBe(model.pods[info.name]);
      }
    }
    toString = () => `schedule ${this.name} (${this.milliCPU}m)`;
  }

  test('every placement fits, a pod is refused only when it fits nowhere, and the running sums match the model', () => {
    const commands = fc.commands(
      [fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1500 })).map(([i, cpu]) => new SchedulePod(`p${i}`, cpu))],
      { maxCommands: 20 },
    );
    fc.assert(
      fc.property(commands, (cmds) => {
        const nodes: Node[] = ['a', 'b', 'c'].map((n, i) => makeNode(n, { capacity: { cpu: `${(i + 1) * 1000}m`, memory: '8Gi', pods: '110' } }));
        const model: Model = { requested: { a: 0, b: 0, c: 0 }, allocatable: { a: 1000, b: 2000, c: 3000 }, pods: { a: 0, b: 0, c: 0 } };
        fc.modelRun(() => ({ model, real: { state: schedulerStateFrom(nodes) } }), cmds);
      }),
      runs(50),
    );
  });
});
