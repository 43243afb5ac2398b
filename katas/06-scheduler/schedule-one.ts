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
import { notImplemented } from '../../core/kata/not-implemented';
import type { FilterPass, PreparedScore, PrioritizeResult, Profile, ScheduleResult } from '../../core/scheduler/framework';
import type { SchedulerState } from '../../core/scheduler/snapshot';
import type { NodeInfo, NodeScore, Status } from '../../core/scheduler/types';

// TODO(kata): write the cycle: numFeasibleNodesToFind, a filter pass from a rotating start,
// weighted scores of normalised plugin scores, selectHost with the given random draw, the
// FitError (with the preemption verdict, from fit-error.ts) when nothing fits, and the
// assumed pod in the new state (core/scheduler/snapshot assumePod).

/**
 * Upstream numFeasibleNodesToFind: every node below 100 nodes; otherwise `percentage` of them
 * (adaptive when 0: `50 − nodes/125`, at least 5), and never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  return notImplemented('06-schedule-one');
}

/**
 * Upstream findNodesThatPassFilters, one node at a time: nodes are examined from `start`
 * (wrapping around) until `numNodesToFind` pass; the rejected ones are reported with their status.
 */
export function findNodesThatPassFilters(nodes: readonly NodeInfo[], filter: (nodeInfo: NodeInfo) => Status, start: number, numNodesToFind: number): FilterPass {
  return notImplemented('06-schedule-one');
}

/**
 * Upstream prioritizeNodes with RunScorePlugins: each plugin scores every node, normalises,
 * and its scores are weighted and added. Without Score plugins (`undefined`) every node scores 1.
 * A normalised score outside 0..100 is an error naming the plugin.
 */
export function prioritizeNodes(nodes: readonly NodeInfo[], plugins: readonly PreparedScore[] | undefined): PrioritizeResult {
  return notImplemented('06-schedule-one');
}

/**
 * Upstream selectHost: a node with the highest score; ties are broken by reservoir sampling,
 * the k-th node (k ≥ 2) with the best score so far replacing the choice when
 * `Math.floor(random() × k)` is 0. `undefined` for an empty list.
 */
export function selectHost(scores: readonly NodeScore[], random: () => number): string | undefined {
  return notImplemented('06-schedule-one');
}

/**
 * Upstream scheduleOne's scheduling cycle (schedulePod, then assume): the new state (search
 * position advanced, the pod counted on its node) and the result. `random` breaks score ties.
 */
export function scheduleOne(state: SchedulerState, pod: Pod, profile: Profile, random: () => number): { state: SchedulerState; result: ScheduleResult } {
  return notImplemented('06-schedule-one');
}
