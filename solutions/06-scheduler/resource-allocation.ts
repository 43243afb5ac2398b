/**
 * Kata 06-resource-scores: how full a node would be with the pod on it, as a score.
 *
 * Three strategies, all integer arithmetic except the last, as upstream computes them:
 * - LeastAllocated (the default): the emptier the node, the higher the score, spreading pods.
 * - MostAllocated: the fuller the node, the higher the score, packing pods (bin packing).
 *   `requested` is capped at capacity first (the behaviour since v1.25; before, an overfull
 *   node scored 0).
 * - BalancedAllocation: the closer the CPU and memory fractions are to each other, the higher
 *   the score: `(1 − std) × 100`, with `std = |f_cpu − f_mem| / 2` for two resources. This is
 *   the formula of v1.22 to v1.32 (this kata follows v1.32); later versions compare the
 *   balance before and after adding the pod.
 * LeastAllocated and MostAllocated count a container without a CPU or memory request as 100m
 * and 200Mi (`NonZeroRequested`); BalancedAllocation uses the real requests (`useRequested`).
 *
 * Upstream (v1.32): pkg/scheduler/framework/plugins/noderesources/least_allocated.go,
 * most_allocated.go, balanced_allocation.go (balancedResourceScorer), resource_allocation.go
 * (score, calculateResourceAllocatableRequest, calculatePodResourceRequest).
 */
import type { Pod } from '../../core/api/types';
import { isScalarResourceName, nanosToMilli, nanosToValue } from '../../core/scheduler/resource';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, MAX_NODE_SCORE, type NodeInfo, type ResourceScorer, type ResourceSpec } from '../../core/scheduler/types';
import { podRequests } from '@kata/06-scheduler/node-resources-fit';

const NON_ZERO_DEFAULTS: Record<string, string> = { cpu: `${DEFAULT_MILLI_CPU_REQUEST}m`, memory: String(DEFAULT_MEMORY_REQUEST) };
const ACTUAL = {};
const WITH_DEFAULTS = { nonMissingContainerRequests: NON_ZERO_DEFAULTS };

// #region least-requested
/** Upstream leastRequestedScore: `(capacity − requested) × 100 / capacity`, 0 when over capacity or capacity is 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  // Integer division, as Go's int64; exact while the product stays below 2^53.
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}
// #endregion least-requested

/** Upstream mostRequestedScore: `min(requested, capacity) × 100 / capacity`, 0 when capacity is 0. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const used = requested > capacity ? capacity : requested;
  return Math.floor((used * MAX_NODE_SCORE) / capacity);
}

function weightedScorer(resources: readonly ResourceSpec[], perResource: (requested: number, capacity: number) => number): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = resources[i]!.weight;
      nodeScore += perResource(requested[i]!, allocatable[i]!) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
  };
}

/** Upstream leastResourceScorer: the weighted average of `leastRequestedScore`, skipping resources the node does not have. */
export function leastResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return weightedScorer(resources, leastRequestedScore);
}

/** Upstream mostResourceScorer: the weighted average of `mostRequestedScore`, skipping resources the node does not have. */
export function mostResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return weightedScorer(resources, mostRequestedScore);
}

// #region balanced
/**
 * Upstream balancedResourceScorer (v1.32): `(1 − std) × 100` truncated, where the fractions
 * `requested / allocatable` are capped at 1 and resources with allocatable 0 are skipped.
 */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  let count = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
    if (count === 0) f0 = fraction;
    else if (count === 1) f1 = fraction;
    total += fraction;
    count++;
  }
  let std = 0;
  if (count === 2) std = Math.abs((f0 - f1) / 2);
  else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
      sum += (fraction - mean) * (fraction - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
// #endregion balanced

/**
 * Upstream calculatePodResourceRequest: the pod's request for one resource (cpu in
 * millicores), with the 100m / 200Mi defaults for containers that omit cpu or memory unless
 * `useRequested`.
 */
export function calculatePodResourceRequest(pod: Pod, resourceName: string, useRequested: boolean): number {
  const requests = podRequests(pod, useRequested ? ACTUAL : WITH_DEFAULTS);
  const nanos = requests[resourceName] ?? 0n;
  return resourceName === 'cpu' ? nanosToMilli(nanos) : nanosToValue(nanos);
}

/** Upstream calculatePodResourceRequestList: `calculatePodResourceRequest` for each resource, once per pod. */
export function calculatePodResourceRequestList(pod: Pod, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  const requests = podRequests(pod, useRequested ? ACTUAL : WITH_DEFAULTS);
  return resources.map((r) => {
    const nanos = requests[r.name] ?? 0n;
    return r.name === 'cpu' ? nanosToMilli(nanos) : nanosToValue(nanos);
  });
}

/**
 * Upstream calculateResourceAllocatableRequest: `[allocatable, requested on the node + podRequest]`
 * for one resource; `[0, 0]` for a scalar resource the pod does not request or the node lacks.
 */
export function calculateResourceAllocatableRequest(nodeInfo: NodeInfo, resourceName: string, podRequest: number, useRequested: boolean): [number, number] {
  const kind = kindOf(resourceName);
  const requested = requestedOnNode(nodeInfo, kind, resourceName, podRequest, useRequested);
  return requested < 0 ? [0, 0] : [allocatableOf(nodeInfo, kind, resourceName), requested];
}

const CPU = 0;
const MEMORY = 1;
const EPHEMERAL_STORAGE = 2;
const SCALAR = 3;
const kindOf = (name: string) => (name === 'cpu' ? CPU : name === 'memory' ? MEMORY : name === 'ephemeral-storage' ? EPHEMERAL_STORAGE : SCALAR);

/** Allocatable of one resource; 0 for a scalar resource the node does not have. */
function allocatableOf(nodeInfo: NodeInfo, kind: number, resourceName: string): number {
  switch (kind) {
    case CPU:
      return nodeInfo.allocatable.milliCPU;
    case MEMORY:
      return nodeInfo.allocatable.memory;
    case EPHEMERAL_STORAGE:
      return nodeInfo.allocatable.ephemeralStorage;
    default:
      return nodeInfo.allocatable.scalarResources[resourceName] ?? 0;
  }
}

/** What the node would have requested with the pod on it, or -1 when the resource is left out of the score. */
function requestedOnNode(nodeInfo: NodeInfo, kind: number, resourceName: string, podRequest: number, useRequested: boolean): number {
  switch (kind) {
    case CPU:
      return (useRequested ? nodeInfo.requested.milliCPU : nodeInfo.nonZeroRequested.milliCPU) + podRequest;
    case MEMORY:
      return (useRequested ? nodeInfo.requested.memory : nodeInfo.nonZeroRequested.memory) + podRequest;
    case EPHEMERAL_STORAGE:
      return nodeInfo.requested.ephemeralStorage + podRequest;
    default:
      if (podRequest === 0 && isScalarResourceName(resourceName)) return -1;
      if (nodeInfo.allocatable.scalarResources[resourceName] === undefined) return -1;
      return (nodeInfo.requested.scalarResources[resourceName] ?? 0) + podRequest;
  }
}

// Reused on every call: scoring runs once per node per pod, and two small arrays per call
// would be most of the garbage a scheduling cycle makes. Scorers read them and keep nothing.
let scratchRequested: number[] = [];
let scratchAllocatable: number[] = [];

/**
 * Upstream resourceAllocationScorer.score: the node's allocatable and requested amounts for each
 * resource (a resource the node does not have is left at 0 and skipped), given to `scorer`.
 */
export function resourceAllocationScore(
  scorer: ResourceScorer,
  resources: readonly ResourceSpec[],
  podRequestList: readonly number[],
  nodeInfo: NodeInfo,
  useRequested: boolean,
): number {
  const n = resources.length;
  if (scratchRequested.length !== n) {
    scratchRequested = new Array<number>(n).fill(0);
    scratchAllocatable = new Array<number>(n).fill(0);
  }
  for (let i = 0; i < n; i++) {
    const name = resources[i]!.name;
    const kind = kindOf(name);
    const requested = requestedOnNode(nodeInfo, kind, name, podRequestList[i]!, useRequested);
    const allocatable = requested < 0 ? 0 : allocatableOf(nodeInfo, kind, name);
    scratchAllocatable[i] = allocatable;
    scratchRequested[i] = allocatable === 0 ? 0 : requested;
  }
  return scorer(scratchRequested, scratchAllocatable);
}
