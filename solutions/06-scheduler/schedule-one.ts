/**
 * Kata 06-schedule-one: one scheduling cycle, from an unbound pod to the node it goes to or
 * the reason it goes nowhere.
 *
 * 1. PreFilter once for the pod; it may reject it outright or narrow the nodes to examine.
 * 2. Filter nodes, starting where the previous cycle stopped, until enough feasible nodes are
 *    found (`numFeasibleNodesToFind`: all of a small cluster, a shrinking share of a big one).
 * 3. No feasible node: explain why (FitError), and ask preemption whether evicting
 *    lower-priority pods would help.
 * 4. One feasible node: take it. Several: score them with every Score plugin, normalise each
 *    plugin's scores to 0..100, weight and add them, and pick a node with the highest total,
 *    breaking ties at random.
 * 5. Assume the pod on its node, so the next cycle already counts its requests.
 *
 * Upstream: pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost, assume),
 * pkg/scheduler/framework/runtime/framework.go (RunScorePlugins).
 */
import type { Pod } from '../../core/api/types';
import type { FilterPass, PodFilter, PreparedScore, PrioritizeResult, Profile, ScheduleResult } from '../../core/scheduler/framework';
import { podInfoOf } from '../../core/scheduler/builders';
import { assumePod, type SchedulerState } from '../../core/scheduler/snapshot';
import {
  emptyDiagnosis,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  statusMessage,
  type Diagnosis,
  type FitError,
  type NodeInfo,
  type NodeScore,
  type NodeStatus,
  type Status,
} from '../../core/scheduler/types';
import { fitErrorMessage, preemptionVerdict } from '@kata/06-scheduler/fit-error';
import { podResource } from '@kata/06-scheduler/node-resources-fit';

/** Below this many nodes every node is examined (`minFeasibleNodesToFind`). */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never drops below this (`minFeasibleNodesPercentageToFind`). */
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

// #region num-feasible
/**
 * Upstream numFeasibleNodesToFind: every node below 100 nodes; otherwise `percentage` of them
 * (adaptive when 0: `50 − nodes/125`, at least 5), and never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}
// #endregion num-feasible

/**
 * Upstream findNodesThatPassFilters, one node at a time: nodes are examined from `start`
 * (wrapping around) until `numNodesToFind` pass; the rejected ones are reported with their status.
 */
export function findNodesThatPassFilters(nodes: readonly NodeInfo[], filter: (nodeInfo: NodeInfo) => Status, start: number, numNodesToFind: number): FilterPass {
  const feasible: NodeInfo[] = [];
  const nodeStatuses: NodeStatus[] = [];
  const n = nodes.length;
  for (let i = 0; i < n && feasible.length < numNodesToFind; i++) {
    const nodeInfo = nodes[(start + i) % n]!;
    const status = filter(nodeInfo);
    if (status.code === 'Success') feasible.push(nodeInfo);
    else nodeStatuses.push({ nodeName: nodeInfo.name, status });
  }
  return { feasible, nodeStatuses };
}

/**
 * Upstream prioritizeNodes with RunScorePlugins: each plugin scores every node, normalises,
 * and its scores are weighted and added. Without Score plugins (`undefined`) every node scores 1.
 * A normalised score outside 0..100 is an error naming the plugin.
 */
export function prioritizeNodes(nodes: readonly NodeInfo[], plugins: readonly PreparedScore[] | undefined): PrioritizeResult {
  if (plugins === undefined) return { type: 'ok', scores: nodes.map((n) => ({ name: n.name, score: 1 })) };
  const n = nodes.length;
  const totals = new Array<number>(n).fill(0);
  for (const plugin of plugins) {
    const score = plugin.score;
    let scores: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) scores[i] = score(nodes[i]!);
    if (plugin.normalizeScore !== undefined) scores = plugin.normalizeScore(scores);
    for (let i = 0; i < n; i++) {
      const score = scores[i]!;
      if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
        return {
          type: 'error',
          message: `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        };
      }
      totals[i]! += score * plugin.weight;
    }
  }
  const result = new Array<NodeScore>(n);
  for (let i = 0; i < n; i++) result[i] = { name: nodes[i]!.name, score: totals[i]! };
  return { type: 'ok', scores: result };
}

// #region select-host
/**
 * Upstream selectHost: a node with the highest score; ties are broken by reservoir sampling,
 * the k-th node (k ≥ 2) with the best score so far replacing the choice when
 * `Math.floor(random() × k)` is 0. `undefined` for an empty list.
 */
export function selectHost(scores: readonly NodeScore[], random: () => number): string | undefined {
  if (scores.length === 0) return undefined;
  let selected = scores[0]!;
  let count = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i]!;
    if (s.score > selected.score) {
      selected = s;
      count = 1;
    } else if (s.score === selected.score) {
      count++;
      if (Math.floor(random() * count) === 0) selected = s;
    }
  }
  return selected.name;
}
// #endregion select-host

function unschedulable(state: SchedulerState, pod: Pod, profile: Profile, podFilter: PodFilter, fitError: FitError): ScheduleResult {
  const diagnosis = fitError.diagnosis;
  let candidates: string[] = [];
  if (profile.preemption) {
    const verdict = preemptionVerdict(state, pod, podFilter, diagnosis);
    diagnosis.postFilterMsg = verdict.message;
    candidates = verdict.candidates;
  }
  return { type: 'unschedulable', message: fitErrorMessage(fitError), fitError, ...(candidates.length > 0 && { preemptionCandidates: candidates }) };
}

function rejectedBy(statuses: readonly NodeStatus[]): string[] {
  const plugins: string[] = [];
  for (const { status } of statuses) if (status.plugin !== undefined && !plugins.includes(status.plugin)) plugins.push(status.plugin);
  return plugins;
}

/**
 * Upstream scheduleOne's scheduling cycle (schedulePod, then assume): the new state (search
 * position advanced, the pod counted on its node) and the result. `random` breaks score ties.
 */
export function scheduleOne(state: SchedulerState, pod: Pod, profile: Profile, random: () => number): { state: SchedulerState; result: ScheduleResult } {
  const allNodes = state.nodes;
  // 1. An empty cluster is not a FitError: there is nothing to explain.
  if (allNodes.length === 0) return { state, result: { type: 'unschedulable', message: 'no nodes available to schedule pods' } };

  // 2. PreFilter.
  const podFilter = profile.filterPod(pod);
  const diagnosis: Diagnosis = emptyDiagnosis();
  if (podFilter.rejection !== undefined) {
    diagnosis.absentNodesStatus = podFilter.rejection;
    diagnosis.preFilterMsg = statusMessage(podFilter.rejection);
    if (podFilter.rejection.plugin !== undefined) diagnosis.unschedulablePlugins.push(podFilter.rejection.plugin);
    return { state, result: unschedulable(state, pod, profile, podFilter, { numAllNodes: allNodes.length, diagnosis }) };
  }
  let nodes: readonly NodeInfo[] = allNodes;
  if (podFilter.nodeNames !== undefined) {
    const names = podFilter.nodeNames;
    nodes = allNodes.filter((n) => names.has(n.name));
    if (podFilter.absentStatus !== undefined) diagnosis.absentNodesStatus = podFilter.absentStatus;
  }

  // 3. Filter, from where the last cycle stopped.
  const numNodesToFind = profile.hasScorePlugins ? numFeasibleNodesToFind(profile.percentageOfNodesToScore, nodes.length) : 1;
  const { feasible, nodeStatuses } = findNodesThatPassFilters(nodes, podFilter.filter, state.nextStartNodeIndex, numNodesToFind);
  diagnosis.nodeStatuses = nodeStatuses;
  diagnosis.unschedulablePlugins.push(...rejectedBy(nodeStatuses));
  const evaluatedNodes = feasible.length + nodeStatuses.length;
  const next: SchedulerState = { ...state, nextStartNodeIndex: (state.nextStartNodeIndex + evaluatedNodes) % allNodes.length };
  if (feasible.length === 0) return { state: next, result: unschedulable(next, pod, profile, podFilter, { numAllNodes: allNodes.length, diagnosis }) };

  // 4. Score and select, unless there is nothing to choose.
  let host = feasible[0]!.name;
  if (feasible.length > 1) {
    const scorer = profile.scorePod(pod, feasible);
    if (scorer.type === 'error') return { state: next, result: { type: 'error', message: scorer.message } };
    const prioritized = prioritizeNodes(feasible, profile.hasScorePlugins ? scorer.plugins : undefined);
    if (prioritized.type === 'error') return { state: next, result: prioritized };
    host = selectHost(prioritized.scores, random)!;
  }

  // 5. Assume: count the pod on its node now; binding happens later.
  const assumed = assumePod(next, host, podInfoOf(pod, podResource(pod)));
  return { state: assumed, result: { type: 'scheduled', nodeName: host, evaluatedNodes, feasibleNodes: feasible.length } };
}
