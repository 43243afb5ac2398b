/**
 * The scheduler's data, as plain values: resource amounts, what the scheduler knows about one
 * node (`NodeInfo`), plugin verdicts (`Status`), scores and the diagnosis of a failed attempt.
 * Every chapter 06 kata reads and writes these shapes; none of them is a class.
 *
 * Amounts are JavaScript numbers holding what upstream keeps in an `int64`: CPU in millicores,
 * everything else in whole units (bytes, pods, devices). They stay exact up to 2^53, which is
 * 8 PiB of memory.
 *
 * Upstream: pkg/scheduler/framework/types.go (Resource, NodeInfo, Diagnosis, FitError),
 * pkg/scheduler/framework/interface.go (Code, Status, NodeScore, MaxNodeScore),
 * pkg/scheduler/util/pod_resources.go (the non-zero defaults).
 */
import type { Node } from '../api/types';
import type { Requirement } from '../labels/types';

/** The highest score a plugin may give a node after normalising (`framework.MaxNodeScore`). */
export const MAX_NODE_SCORE = 100;
/** The lowest score a plugin may give a node (`framework.MinNodeScore`). */
export const MIN_NODE_SCORE = 0;

/** For scoring only: a container with no CPU request counts as 100 millicores (`DefaultMilliCPURequest`). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** For scoring only: a container with no memory request counts as 200 MiB (`DefaultMemoryRequest`). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * A vector of resource amounts (`framework.Resource`): the requests of a pod, the sum of the
 * requests on a node, or what a node can allocate. `scalarResources` holds extended resources
 * (`example.com/gpu`), hugepages (`hugepages-2Mi`) and other named scalars.
 */
export type Resource = {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Only meaningful for a node's allocatable: how many pods it takes (`status.allocatable.pods`). */
  allowedPodNumber: number;
  scalarResources: Record<string, number>;
};

/**
 * What one pod adds to a node: its requests, and its CPU and memory requests with the non-zero
 * defaults applied per container (used only by the LeastAllocated and MostAllocated scores).
 * Upstream: `calculateResource` in pkg/scheduler/framework/types.go.
 */
export type PodResource = {
  requested: Resource;
  non0MilliCPU: number;
  non0Memory: number;
};

/** A pod the scheduler counts on a node: enough to subtract it again and to reason about preemption. */
export type PodInfo = {
  /** `namespace/name`. */
  key: string;
  /** `spec.priority`, 0 when unset. */
  priority: number;
  resource: PodResource;
};

/**
 * Everything the scheduler keeps about one node (`framework.NodeInfo`): the Node, what it can
 * allocate, and the running sums of what its pods request. The sums are kept up to date as
 * pods are added and removed, never recomputed from the pod list.
 */
export type NodeInfo = {
  name: string;
  node: Node;
  allocatable: Resource;
  requested: Resource;
  /** CPU and memory requested with the non-zero defaults (`NonZeroRequested`). */
  nonZeroRequested: { milliCPU: number; memory: number };
  pods: PodInfo[];
};

/**
 * A plugin's verdict (`framework.Code`). `Unschedulable` may be fixed by preemption;
 * `UnschedulableAndUnresolvable` cannot; `Skip` (from PreFilter or PreScore) means the plugin
 * has nothing to say about this pod.
 */
export type StatusCode = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

/** A verdict with its reasons, in the order the plugin gave them (`framework.Status`). */
export type Status = {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  /** The plugin that returned it, filled in by the framework. */
  readonly plugin?: string;
};

/** The verdict of a plugin that has no objection. Shared, so the hot path allocates nothing. */
export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as readonly string[] });

/** A new status (`framework.NewStatus`). */
export function newStatus(code: StatusCode, ...reasons: string[]): Status {
  return { code, reasons };
}

/** The reasons joined the way upstream prints a status (`Status.Message`). */
export function statusMessage(status: Status): string {
  return status.reasons.join(', ');
}

/** Whether the status rejects the node (`Status.IsRejected`). */
export function isRejected(status: Status): boolean {
  return status.code === 'Unschedulable' || status.code === 'UnschedulableAndUnresolvable';
}

/** One resource a node lacks for a pod (`noderesources.InsufficientResource`). */
export type InsufficientResource = {
  resourceName: string;
  /** `Insufficient cpu`, `Too many pods`, ... */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
};

/** A resource and its weight in a resource score (`config.ResourceSpec`). */
export type ResourceSpec = { name: string; weight: number };

/** The resources the default profile scores, each with weight 1. */
export const DEFAULT_SCORED_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  Object.freeze({ name: 'cpu', weight: 1 }),
  Object.freeze({ name: 'memory', weight: 1 }),
]);

/** One node's score from one plugin, or its total (`framework.NodeScore`). */
export type NodeScore = { name: string; score: number };

/** A node that failed the filters, and why. */
export type NodeStatus = { nodeName: string; status: Status };

/**
 * Why a pod fits nowhere (`framework.Diagnosis`): the status of every node that was examined
 * and rejected, the status given to nodes never examined because a PreFilter ruled them out,
 * and the messages of PreFilter and PostFilter.
 */
export type Diagnosis = {
  nodeStatuses: NodeStatus[];
  /** The status of nodes not in `nodeStatuses` (`AbsentNodesStatus`); no reasons by default. */
  absentNodesStatus: Status;
  preFilterMsg: string;
  postFilterMsg: string;
  /** Plugins that rejected at least one node, in first-seen order. */
  unschedulablePlugins: string[];
};

/** The error of a scheduling attempt that found no node (`framework.FitError`). */
export type FitError = {
  numAllNodes: number;
  diagnosis: Diagnosis;
};

/** The status upstream gives nodes nobody examined: rejected, with no reason of its own. */
export const DEFAULT_ABSENT_STATUS: Status = Object.freeze({
  code: 'UnschedulableAndUnresolvable',
  reasons: Object.freeze([]) as readonly string[],
});

/** An empty diagnosis (`NewDefaultNodeToStatus` and empty messages). */
export function emptyDiagnosis(): Diagnosis {
  return { nodeStatuses: [], absentNodesStatus: DEFAULT_ABSENT_STATUS, preFilterMsg: '', postFilterMsg: '', unschedulablePlugins: [] };
}

/** A `matchFields` requirement; only `metadata.name` exists on nodes. `In` and `NotIn` take one value. */
export type FieldRequirement = { key: string; operator: 'In' | 'NotIn'; value: string };

/**
 * One `nodeSelectorTerms` entry once parsed (component-helpers `nodeSelectorTerm`): its label
 * requirements (chapter 02's `Requirement`), its field requirements, or the errors that make it
 * never match. `undefined` means the term has no requirement of that kind.
 */
export type ParsedNodeSelectorTerm = {
  matchLabels: Requirement[] | undefined;
  matchFields: FieldRequirement[] | undefined;
  parseErrors: string[];
};

/**
 * What a node must satisfy (`nodeaffinity.RequiredNodeAffinity`): every `spec.nodeSelector`
 * pair, and at least one term of the required node affinity (when the pod has one).
 */
export type RequiredNodeAffinity = {
  nodeSelector: Record<string, string> | undefined;
  /** The parsed terms; empty terms are dropped, so `[]` matches no node. */
  terms: ParsedNodeSelectorTerm[] | undefined;
};

/** A preferred term and its weight, once parsed (`nodeaffinity.PreferredSchedulingTerms`). */
export type WeightedNodeSelectorTerm = { weight: number; term: ParsedNodeSelectorTerm };

/** Requests in exact nano-units (10⁻⁹), per resource name, while they are being summed. */
export type Amounts = Record<string, bigint>;

/** Options of `podRequests`, as `resourcehelper.PodResourcesOptions`. */
export type PodRequestsOptions = {
  /** Added to each container (app and init) that does not mention the resource at all. */
  nonMissingContainerRequests?: Record<string, string>;
};

/** Options of the NodeResourcesFit filter (`NodeResourcesFitArgs`). */
export type FitOptions = {
  /** Extended resources the filter does not check, such as `example.com/foo`. */
  ignoredResources?: readonly string[];
  /** Extended resource groups (the part before `/`) the filter does not check. */
  ignoredResourceGroups?: readonly string[];
};

/** A resource scorer: per-resource requested and allocatable amounts in, a score in 0..100 out. */
export type ResourceScorer = (requested: readonly number[], allocatable: readonly number[]) => number;
