/**
 * Kata 06-node-resources-fit: how much a pod asks for, and whether a node still has it.
 *
 * The scheduler never looks at what pods actually use, only at what they *request*. A pod's
 * request is the sum over its app containers (they run together), or the largest single init
 * container if that is bigger (they run one at a time), plus sidecars (init containers with
 * `restartPolicy: Always`, which keep running), plus the pod overhead. A node fits when, for
 * every resource, the request is at most allocatable minus what its pods already request.
 *
 * Upstream: staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests,
 * AggregateContainerRequests), pkg/scheduler/framework/plugins/noderesources/fit.go
 * (computePodResourceRequest, fitsRequest, Filter), pkg/scheduler/framework/types.go
 * (calculateResource).
 */
import type { Pod } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type {
  Amounts,
  FitOptions,
  InsufficientResource,
  NodeInfo,
  PodRequestsOptions,
  PodResource,
  Resource,
  Status,
} from '../../core/scheduler/types';

// TODO(kata): sum container requests exactly (core/scheduler/resource: quantityNanos, then
// nanosToMilli for cpu and nanosToValue for the rest), take the init-container peak with
// sidecars counted, add the overhead; then write upstream's Fit filter with its exact reasons.

/**
 * Upstream PodRequests: the sum of the app containers, raised per resource to the largest
 * init-container step, with sidecars counted in both, plus `spec.overhead`.
 */
export function podRequests(pod: Pod, options: PodRequestsOptions = {}): Amounts {
  return notImplemented('06-node-resources-fit');
}

/** Upstream computePodResourceRequest: the pod's requests as the `Resource` the Fit filter compares. */
export function computePodResourceRequest(pod: Pod): Resource {
  return notImplemented('06-node-resources-fit');
}

/**
 * Upstream calculateResource: what a pod adds to its node's sums, with the CPU and memory it
 * counts for scoring when containers leave them out (100m and 200Mi per container).
 */
export function podResource(pod: Pod): PodResource {
  return notImplemented('06-node-resources-fit');
}

/**
 * Upstream fitsRequest: every resource the node lacks, in upstream's order (pods, cpu, memory,
 * ephemeral-storage, then scalar resources by name). A pod that requests nothing is only
 * counted against the node's pod limit.
 */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo, options: FitOptions = {}): InsufficientResource[] {
  return notImplemented('06-node-resources-fit');
}

/** Upstream Fit.Filter: `Unschedulable` with every reason, or `SUCCESS`. */
export function nodeResourcesFitFilter(podRequest: Resource, nodeInfo: NodeInfo, options: FitOptions = {}): Status {
  return notImplemented('06-node-resources-fit');
}
