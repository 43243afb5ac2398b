/**
 * The default profile: the chapter's rule files (chapters/06-scheduler/rules) compiled with
 * the plugins the chapter 06 katas implement. This is the wiring the assembled cluster and the
 * benchmark use; like core/cluster, it reaches the katas through `@kata/...`, so it runs the
 * learner's code or the reference solutions depending on `KATA_TARGET`.
 *
 * Plugins implemented: Filter NodeName, TaintToleration, NodeAffinity, NodeResourcesFit
 * (NodeUnschedulable is a rule); Score TaintToleration, NodeAffinity, NodeResourcesFit
 * (LeastAllocated or MostAllocated), NodeResourcesBalancedAllocation. Not modelled: NodePorts,
 * the volume plugins, PodTopologySpread, InterPodAffinity, ImageLocality.
 *
 * Upstream: pkg/scheduler/apis/config/v1/default_plugins.go, pkg/scheduler/framework/plugins/registry.go.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pod, Toleration } from '../api/types';
import { repoRoot } from '../kata/target';
import { parseRuleFile, type JsonValue, type RuleFile } from '../rules';
import type { FilterPlugin, Profile, ScorePlugin } from './framework';
import { compileProfile } from './policy';
import {
  DEFAULT_SCORED_RESOURCES,
  type NodeInfo,
  type RequiredNodeAffinity,
  type Resource,
  type ResourceScorer,
  type ResourceSpec,
  type WeightedNodeSelectorTerm,
} from './types';
import { computePodResourceRequest, nodeResourcesFitFilter } from '@kata/06-scheduler/node-resources-fit';
import {
  getAllTolerationPreferNoSchedule,
  taintTolerationFilter,
  taintTolerationNormalizeScore,
  taintTolerationScore,
} from '@kata/06-scheduler/taint-toleration';
import {
  nodeAffinityFilter,
  nodeAffinityNormalizeScore,
  nodeAffinityPreFilter,
  nodeAffinityPreScore,
  nodeAffinityScore,
} from '@kata/06-scheduler/node-affinity';
import { nodeNameFilter } from '@kata/06-scheduler/node-name';
import {
  balancedResourceScorer,
  calculatePodResourceRequestList,
  leastResourceScorer,
  mostResourceScorer,
  resourceAllocationScore,
} from '@kata/06-scheduler/resource-allocation';

/** The chapter's filter rules, relative to the repository root. */
export const DEFAULT_FILTER_RULES = 'chapters/06-scheduler/rules/filters.rules.yaml';
/** The chapter's score rules, relative to the repository root. */
export const DEFAULT_SCORE_RULES = 'chapters/06-scheduler/rules/scores.rules.yaml';

/** Reads a rule file given relative to the repository root; messages name it that way. */
export function readRuleFile(relative: string): RuleFile {
  return parseRuleFile(readFileSync(path.join(repoRoot, relative), 'utf8'), relative);
}

/** The Filter plugins the katas implement, under upstream's names. */
export function defaultFilterPlugins(): FilterPlugin<never>[] {
  const nodeName: FilterPlugin<undefined> = {
    name: 'NodeName',
    // Not upstream's (NodeName has no PreFilter): a pod that names no node passes every node,
    // so the per-node call is skipped; the verdicts are the same.
    preFilter: (pod) => ((pod.spec?.nodeName ?? '') === '' ? { type: 'skip' } : { type: 'ok', state: undefined }),
    filter: (_s, pod, ni) => nodeNameFilter(pod, ni.node),
  };
  const taints: FilterPlugin<undefined> = { name: 'TaintToleration', filter: (_s, pod, ni) => taintTolerationFilter(pod, ni.node) };
  const affinity: FilterPlugin<RequiredNodeAffinity> = {
    name: 'NodeAffinity',
    preFilter: nodeAffinityPreFilter,
    filter: (required, _pod, ni) => nodeAffinityFilter(required, ni.node),
  };
  const fit: FilterPlugin<Resource> = {
    name: 'NodeResourcesFit',
    preFilter: (pod) => ({ type: 'ok', state: computePodResourceRequest(pod) }),
    filter: (request, _pod, ni) => nodeResourcesFitFilter(request, ni),
  };
  return [nodeName, taints, affinity, fit] as unknown as FilterPlugin<never>[];
}

type ResourceScoreState = { scorer: ResourceScorer; resources: readonly ResourceSpec[]; podRequests: number[]; useRequested: boolean };

/** Names read from YAML are fresh strings; the usual ones are swapped for literals, which compare by identity on the hot path. */
const internalized = (name: string) => (name === 'cpu' ? 'cpu' : name === 'memory' ? 'memory' : name === 'ephemeral-storage' ? 'ephemeral-storage' : name);

function resourcesArg(args: { readonly [key: string]: JsonValue }): readonly ResourceSpec[] {
  const list = args.resources;
  if (!Array.isArray(list)) return DEFAULT_SCORED_RESOURCES;
  return (list as unknown as ResourceSpec[]).map((r) => ({ name: internalized(r.name), weight: r.weight }));
}

function resourceScore(state: ResourceScoreState, nodeInfo: NodeInfo): number {
  return resourceAllocationScore(state.scorer, state.resources, state.podRequests, nodeInfo, state.useRequested);
}

/** The Score plugins the katas implement, under upstream's names. */
export function defaultScorePlugins(): ScorePlugin<never>[] {
  const taints: ScorePlugin<Toleration[]> = {
    name: 'TaintToleration',
    preScore: (pod) => ({ type: 'ok', state: getAllTolerationPreferNoSchedule(pod.spec?.tolerations) }),
    score: (tolerations, ni) => taintTolerationScore(tolerations, ni.node),
    normalizeScore: taintTolerationNormalizeScore,
  };
  const affinity: ScorePlugin<WeightedNodeSelectorTerm[]> = {
    name: 'NodeAffinity',
    preScore: (pod) => nodeAffinityPreScore(pod),
    score: (terms, ni) => nodeAffinityScore(terms, ni.node),
    normalizeScore: nodeAffinityNormalizeScore,
  };
  const fit: ScorePlugin<ResourceScoreState> = {
    name: 'NodeResourcesFit',
    preScore: (pod: Pod, _nodes, args) => {
      const resources = resourcesArg(args);
      const strategy = args.scoringStrategy ?? 'LeastAllocated';
      if (strategy !== 'LeastAllocated' && strategy !== 'MostAllocated') {
        return { type: 'error', message: `scoring strategy ${String(strategy)} is not supported` };
      }
      const scorer = strategy === 'LeastAllocated' ? leastResourceScorer(resources) : mostResourceScorer(resources);
      return { type: 'ok', state: { scorer, resources, podRequests: calculatePodResourceRequestList(pod, resources, false), useRequested: false } };
    },
    score: resourceScore,
  };
  const balanced: ScorePlugin<ResourceScoreState> = {
    name: 'NodeResourcesBalancedAllocation',
    preScore: (pod: Pod, _nodes, args) => {
      const resources = resourcesArg(args);
      return { type: 'ok', state: { scorer: balancedResourceScorer, resources, podRequests: calculatePodResourceRequestList(pod, resources, true), useRequested: true } };
    },
    score: resourceScore,
  };
  return [taints, affinity, fit, balanced] as unknown as ScorePlugin<never>[];
}

/** Options of `defaultProfile`. */
export type DefaultProfileOptions = {
  /** More filter rules, such as a site policy, evaluated with the default ones by priority. */
  extraFilterRules?: readonly RuleFile[];
  /** Score rules to use instead of the chapter's. */
  scoreRules?: readonly RuleFile[];
  percentageOfNodesToScore?: number;
  preemption?: boolean;
};

/** The default profile, compiled once. */
export function defaultProfile(options: DefaultProfileOptions = {}): Profile {
  return compileProfile({
    filterRules: [readRuleFile(DEFAULT_FILTER_RULES), ...(options.extraFilterRules ?? [])],
    scoreRules: options.scoreRules ?? [readRuleFile(DEFAULT_SCORE_RULES)],
    filterPlugins: defaultFilterPlugins(),
    scorePlugins: defaultScorePlugins(),
    ...(options.percentageOfNodesToScore !== undefined && { percentageOfNodesToScore: options.percentageOfNodesToScore }),
    ...(options.preemption !== undefined && { preemption: options.preemption }),
  });
}
