/**
 * What the scheduler reads from a pod: node selectors and affinity, pod (anti-)affinity,
 * taints and tolerations, and topology spread constraints.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Affinity, NodeSelector, Taint,
 * Toleration, TopologySpreadConstraint).
 */
import type { LabelSelector, Time } from './common';

/** Operators of a node selector requirement; `Gt` and `Lt` compare integers. */
export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** One requirement on a node label (or, in `matchFields`, a node field). */
export type NodeSelectorRequirement = {
  key: string;
  operator: NodeSelectorOperator;
  values?: string[];
};

/** Requirements that must all hold. */
export type NodeSelectorTerm = {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
};

/** Terms of which at least one must hold. */
export type NodeSelector = {
  nodeSelectorTerms: NodeSelectorTerm[];
};

/** A weighted preference for nodes matching a term. */
export type PreferredSchedulingTerm = {
  weight: number;
  preference: NodeSelectorTerm;
};

/** Hard and soft rules about which nodes a pod may land on. */
export type NodeAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
};

/** Pods matching the selector, in the namespaces given, within one topology domain. */
export type PodAffinityTerm = {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  topologyKey: string;
  namespaceSelector?: LabelSelector;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
};

/** A weighted pod affinity term. */
export type WeightedPodAffinityTerm = {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
};

/** Co-locate with pods matching the terms. */
export type PodAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
};

/** Stay away from pods matching the terms. */
export type PodAntiAffinity = PodAffinity;

/** All scheduling affinity rules of a pod. */
export type Affinity = {
  nodeAffinity?: NodeAffinity;
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAntiAffinity;
};

/** What a taint does to pods that do not tolerate it. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A mark on a node that repels pods without a matching toleration. */
export type Taint = {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: Time;
};

/** Lets a pod be scheduled onto (or stay on) nodes with matching taints. */
export type Toleration = {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: TaintEffect;
  tolerationSeconds?: number;
};

/** Spread matching pods evenly across topology domains. */
export type TopologySpreadConstraint = {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
};
