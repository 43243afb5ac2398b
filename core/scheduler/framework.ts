/**
 * The scheduling framework's extension points as plain function types, and the `Profile` the
 * scheduling cycle (kata 06-schedule-one) runs.
 *
 * A plugin is a record of functions. PreFilter and PreScore run once per pod and return the
 * state their Filter and Score calls share (upstream writes it into `CycleState`); Filter and
 * Score run once per node; NormalizeScore runs once per pod over all scores. A `Profile` is
 * what `compileProfile` (policy.ts) builds from the rule files and these plugins: the cycle
 * only asks it, per pod, for a filter and a scorer.
 *
 * Upstream: pkg/scheduler/framework/interface.go (PreFilterPlugin, FilterPlugin,
 * PreScorePlugin, ScorePlugin, ScoreExtensions, PreFilterResult, Code),
 * pkg/scheduler/framework/runtime/framework.go (RunPreFilterPlugins, RunFilterPlugins,
 * RunScorePlugins).
 */
import type { Pod } from '../api/types';
import type { JsonValue } from '../rules';
import type { FitError, NodeInfo, NodeScore, NodeStatus, Status } from './types';

/** What a PreFilter decided about one pod before any node is looked at. */
export type PreFilterOutcome<State> =
  /** The plugin has nothing to check for this pod; its Filter is skipped (`Skip`). */
  | { type: 'skip' }
  /** The pod fits no node at all; the status becomes the attempt's PreFilter message. */
  | { type: 'reject'; status: Status }
  /** Filter will run with this state; `nodeNames`, when set, are the only nodes that can pass. */
  | { type: 'ok'; state: State; nodeNames?: readonly string[] };

/** A Filter plugin (with its optional PreFilter). */
export type FilterPlugin<State = unknown> = {
  name: string;
  /** Once per pod. Without one, Filter gets `undefined` as its state. */
  preFilter?: (pod: Pod) => PreFilterOutcome<State>;
  /** Once per node: `SUCCESS`, or why this node cannot run the pod. */
  filter: (state: State, pod: Pod, nodeInfo: NodeInfo) => Status;
};

/** What a PreScore decided for one pod. */
export type PreScoreOutcome<State> =
  /** The plugin scores nothing for this pod; it adds 0 to every node (`Skip`). */
  | { type: 'skip' }
  /** The attempt fails with this message (`framework.AsStatus(err)`). */
  | { type: 'error'; message: string }
  | { type: 'ok'; state: State };

/** A Score plugin (with PreScore and an optional NormalizeScore). */
export type ScorePlugin<State = unknown> = {
  name: string;
  /** Once per pod, over the feasible nodes; `args` are the score rule's event params. */
  preScore: (pod: Pod, nodes: readonly NodeInfo[], args: { readonly [key: string]: JsonValue }) => PreScoreOutcome<State>;
  /** Once per feasible node: a raw score (0..100 for plugins without NormalizeScore). */
  score: (state: State, nodeInfo: NodeInfo) => number;
  /** Once per pod: raw scores in, scores in 0..100 out, same order. */
  normalizeScore?: (scores: readonly number[]) => number[];
};

/** The Filter side of a profile, prepared for one pod. */
export type PodFilter = {
  /** Set when PreFilter rejected the pod: every node counts as failing with this status. */
  rejection?: Status;
  /**
   * Set when a PreFilter named the only nodes worth examining (`PreFilterResult`); the other
   * nodes are not examined and count as failing with `absentStatus`.
   */
  nodeNames?: ReadonlySet<string>;
  /** The status of nodes left out by `nodeNames`: "node(s) didn't satisfy plugin(s) [...]". */
  absentStatus?: Status;
  /** Runs every Filter plugin on one node in order; the first failure wins. */
  filter: (nodeInfo: NodeInfo) => Status;
};

/** One Score plugin prepared for one pod, with its weight. */
export type PreparedScore = {
  name: string;
  weight: number;
  score: (nodeInfo: NodeInfo) => number;
  normalizeScore?: (scores: readonly number[]) => number[];
};

/** The Score side of a profile, prepared for one pod, or the PreScore error that stops the attempt. */
export type PodScorer = { type: 'ok'; plugins: PreparedScore[] } | { type: 'error'; message: string };

/** What the scheduling cycle needs from a profile. */
export type Profile = {
  /** `spec.schedulerName` of the pods it schedules (`default-scheduler`). */
  schedulerName: string;
  /** `percentageOfNodesToScore`; 0 means adaptive. */
  percentageOfNodesToScore: number;
  /** Whether any Score plugin is configured; without one the cycle stops at the first feasible node. */
  hasScorePlugins: boolean;
  /** Whether PostFilter (DefaultPreemption) runs when no node fits. */
  preemption: boolean;
  /** PreFilter for one pod, and the Filter to run on each node. */
  filterPod: (pod: Pod) => PodFilter;
  /** PreScore for one pod over the feasible nodes, and the Score plugins to run. */
  scorePod: (pod: Pod, nodes: readonly NodeInfo[]) => PodScorer;
};

/** The nodes one filter pass found feasible, and why the others it examined were not. */
export type FilterPass = { feasible: NodeInfo[]; nodeStatuses: NodeStatus[] };

/** The total score of each feasible node, or the error that stops the attempt. */
export type PrioritizeResult = { type: 'ok'; scores: NodeScore[] } | { type: 'error'; message: string };

/** What DefaultPreemption's PostFilter concluded: its message, and the nodes where evicting lower-priority pods would make room. */
export type PreemptionVerdict = { message: string; candidates: string[] };

/** The outcome of one scheduling attempt. */
export type ScheduleResult =
  /** The pod goes to `nodeName` (already counted there in the returned state). */
  | { type: 'scheduled'; nodeName: string; evaluatedNodes: number; feasibleNodes: number }
  /** No node fits; `message` is the explanation the pod's condition and event carry. */
  | { type: 'unschedulable'; message: string; fitError?: FitError; preemptionCandidates?: string[] }
  /** The attempt failed for another reason (a plugin error); the pod will be retried. */
  | { type: 'error'; message: string };
