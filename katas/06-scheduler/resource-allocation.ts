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
import { notImplemented } from '../../core/kata/not-implemented';
import type { NodeInfo, ResourceScorer, ResourceSpec } from '../../core/scheduler/types';

// TODO(kata): write the per-resource scores with Go's integer division (Math.floor on
// non-negative numbers), the weighted averages, the balanced score with float math truncated
// at the end, and the plumbing that reads requests from the pod (kata 06-node-resources-fit's
// podRequests) and from the node's running sums.

/** Upstream leastRequestedScore: `(capacity − requested) × 100 / capacity`, 0 when over capacity or capacity is 0. */
export function leastRequestedScore(requested: number, capacity: number): number {
  return notImplemented('06-resource-scores');
}

/** Upstream mostRequestedScore: `min(requested, capacity) × 100 / capacity`, 0 when capacity is 0. */
export function mostRequestedScore(requested: number, capacity: number): number {
  return notImplemented('06-resource-scores');
}

/** Upstream leastResourceScorer: the weighted average of `leastRequestedScore`, skipping resources the node does not have. */
export function leastResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return notImplemented('06-resource-scores');
}

/** Upstream mostResourceScorer: the weighted average of `mostRequestedScore`, skipping resources the node does not have. */
export function mostResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return notImplemented('06-resource-scores');
}

/**
 * Upstream balancedResourceScorer (v1.32): `(1 − std) × 100` truncated, where the fractions
 * `requested / allocatable` are capped at 1 and resources with allocatable 0 are skipped.
 */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  return notImplemented('06-resource-scores');
}

/**
 * Upstream calculatePodResourceRequest: the pod's request for one resource (cpu in
 * millicores), with the 100m / 200Mi defaults for containers that omit cpu or memory unless
 * `useRequested`.
 */
export function calculatePodResourceRequest(pod: Pod, resourceName: string, useRequested: boolean): number {
  return notImplemented('06-resource-scores');
}

/** Upstream calculatePodResourceRequestList: `calculatePodResourceRequest` for each resource, once per pod. */
export function calculatePodResourceRequestList(pod: Pod, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  return notImplemented('06-resource-scores');
}

/**
 * Upstream calculateResourceAllocatableRequest: `[allocatable, requested on the node + podRequest]`
 * for one resource; `[0, 0]` for a scalar resource the pod does not request or the node lacks.
 */
export function calculateResourceAllocatableRequest(nodeInfo: NodeInfo, resourceName: string, podRequest: number, useRequested: boolean): [number, number] {
  return notImplemented('06-resource-scores');
}

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
  return notImplemented('06-resource-scores');
}
