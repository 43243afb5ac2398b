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
import type { Pod, ResourceList } from '../../core/api/types';
import { emptyResource, isExtendedResourceName, isScalarResourceName, nanosToMilli, nanosToValue, quantityNanos } from '../../core/scheduler/resource';
import {
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  newStatus,
  SUCCESS,
  type Amounts,
  type FitOptions,
  type InsufficientResource,
  type NodeInfo,
  type PodRequestsOptions,
  type PodResource,
  type Resource,
  type Status,
} from '../../core/scheduler/types';

const NON_ZERO_DEFAULTS: ResourceList = { cpu: `${DEFAULT_MILLI_CPU_REQUEST}m`, memory: String(DEFAULT_MEMORY_REQUEST) };

function amountsOf(list: ResourceList | undefined, nonMissing: ResourceList | undefined): Amounts {
  const out: Amounts = {};
  for (const name of Object.keys(list ?? {})) out[name] = quantityNanos(list![name]!);
  // A request written as "0" is kept: only a resource the container does not mention gets the default.
  for (const name of Object.keys(nonMissing ?? {})) if (!Object.hasOwn(out, name)) out[name] = quantityNanos(nonMissing![name]!);
  return out;
}

function addInto(into: Amounts, more: Amounts): void {
  for (const name of Object.keys(more)) into[name] = (into[name] ?? 0n) + more[name]!;
}

function maxInto(into: Amounts, more: Amounts): void {
  for (const name of Object.keys(more)) if (!Object.hasOwn(into, name) || more[name]! > into[name]!) into[name] = more[name]!;
}

/**
 * Upstream PodRequests: the sum of the app containers, raised per resource to the largest
 * init-container step, with sidecars counted in both, plus `spec.overhead`.
 */
export function podRequests(pod: Pod, options: PodRequestsOptions = {}): Amounts {
  // A scheduling cycle asks for the same pod's requests several times; pods are immutable
  // values, so the sums are remembered per pod object and per defaults object.
  const byDefaults = remembered.get(pod);
  const key = options.nonMissingContainerRequests ?? NO_DEFAULTS;
  const known = byDefaults?.get(key);
  if (known !== undefined) return known;
  const computed = sumRequests(pod, options.nonMissingContainerRequests);
  if (byDefaults === undefined) remembered.set(pod, new Map([[key, computed]]));
  else byDefaults.set(key, computed);
  return computed;
}

const NO_DEFAULTS: ResourceList = Object.freeze({});
const remembered = new WeakMap<Pod, Map<ResourceList, Amounts>>();

// #region pod-requests
/** Requests per resource (in nano-units): app containers and sidecars summed, raised to the peak init step, plus overhead. */
function sumRequests(pod: Pod, nonMissing: ResourceList | undefined): Amounts {
  const spec = pod.spec;
  const requests: Amounts = {};
  for (const c of spec?.containers ?? []) addInto(requests, amountsOf(c.resources?.requests, nonMissing));

  // Init containers run one after another; each step also needs every sidecar started before it.
  const sidecars: Amounts = {};
  const initPeak: Amounts = {};
  for (const c of spec?.initContainers ?? []) {
    const own = amountsOf(c.resources?.requests, nonMissing);
    let step: Amounts;
    if (c.restartPolicy === 'Always') {
      addInto(requests, own);
      addInto(sidecars, own);
      step = sidecars;
    } else {
      step = { ...own };
      addInto(step, sidecars);
    }
    maxInto(initPeak, step);
  }
  maxInto(requests, initPeak);
  if (spec?.overhead !== undefined) addInto(requests, amountsOf(spec.overhead, undefined));
  return requests;
}
// #endregion pod-requests

/** Upstream computePodResourceRequest: the pod's requests as the `Resource` the Fit filter compares. */
export function computePodResourceRequest(pod: Pod): Resource {
  const result = emptyResource();
  const requests = podRequests(pod);
  for (const name of Object.keys(requests)) {
    const nanos = requests[name]!;
    if (name === 'cpu') result.milliCPU = Math.max(result.milliCPU, nanosToMilli(nanos));
    else if (name === 'memory') result.memory = Math.max(result.memory, nanosToValue(nanos));
    else if (name === 'ephemeral-storage') result.ephemeralStorage = Math.max(result.ephemeralStorage, nanosToValue(nanos));
    else if (isScalarResourceName(name)) result.scalarResources[name] = Math.max(result.scalarResources[name] ?? 0, nanosToValue(nanos));
  }
  return result;
}

/**
 * Upstream calculateResource: what a pod adds to its node's sums, with the CPU and memory it
 * counts for scoring when containers leave them out (100m and 200Mi per container).
 */
export function podResource(pod: Pod): PodResource {
  const requests = podRequests(pod);
  const requested = emptyResource();
  for (const name of Object.keys(requests)) {
    const nanos = requests[name]!;
    if (name === 'cpu') requested.milliCPU += nanosToMilli(nanos);
    else if (name === 'memory') requested.memory += nanosToValue(nanos);
    else if (name === 'pods') requested.allowedPodNumber += nanosToValue(nanos);
    else if (name === 'ephemeral-storage') requested.ephemeralStorage += nanosToValue(nanos);
    else if (isScalarResourceName(name)) requested.scalarResources[name] = (requested.scalarResources[name] ?? 0) + nanosToValue(nanos);
  }
  const nonZero = podRequests(pod, { nonMissingContainerRequests: NON_ZERO_DEFAULTS });
  return {
    requested,
    non0MilliCPU: nanosToMilli(nonZero.cpu ?? 0n),
    non0Memory: nanosToValue(nonZero.memory ?? 0n),
  };
}

function ignored(name: string, options: FitOptions): boolean {
  if (!isExtendedResourceName(name)) return false;
  return (options.ignoredResources ?? []).includes(name) || (options.ignoredResourceGroups ?? []).includes(name.split('/')[0]!);
}

const NO_OPTIONS: FitOptions = Object.freeze({});
const NOTHING_MISSING: InsufficientResource[] = Object.freeze([]) as unknown as InsufficientResource[];

// #region fits-request
/**
 * Upstream fitsRequest: every resource the node lacks, in upstream's order (pods, cpu, memory,
 * ephemeral-storage, then scalar resources by name). A pod that requests nothing is only
 * counted against the node's pod limit.
 */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo, options: FitOptions = NO_OPTIONS): InsufficientResource[] {
  // Runs for every node a pod is tried on: the common "fits" answer allocates nothing.
  let out: InsufficientResource[] | undefined;
  const allocatable = nodeInfo.allocatable;
  const requested = nodeInfo.requested;
  const podCount = nodeInfo.pods.length;
  if (podCount + 1 > allocatable.allowedPodNumber) {
    (out ??= []).push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: podCount, capacity: allocatable.allowedPodNumber });
  }
  const scalars = podRequest.scalarResources;
  let hasScalars = false;
  for (const _ in scalars) {
    hasScalars = true;
    break;
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && !hasScalars) return out ?? NOTHING_MISSING;

  if (podRequest.milliCPU > 0 && podRequest.milliCPU > allocatable.milliCPU - requested.milliCPU) {
    (out ??= []).push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: podRequest.milliCPU, used: requested.milliCPU, capacity: allocatable.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > allocatable.memory - requested.memory) {
    (out ??= []).push({ resourceName: 'memory', reason: 'Insufficient memory', requested: podRequest.memory, used: requested.memory, capacity: allocatable.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage) {
    (out ??= []).push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: requested.ephemeralStorage,
      capacity: allocatable.ephemeralStorage,
    });
  }
  if (hasScalars) {
    // Upstream ranges over a Go map (random order); sorting keeps several reasons deterministic.
    const names = Object.keys(scalars).sort();
    for (const name of names) {
      const want = podRequest.scalarResources[name]!;
      if (want === 0 || ignored(name, options)) continue;
      const capacity = allocatable.scalarResources[name] ?? 0;
      const used = requested.scalarResources[name] ?? 0;
      if (want > capacity - used) (out ??= []).push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used, capacity });
    }
  }
  return out ?? NOTHING_MISSING;
}
// #endregion fits-request

/** Upstream Fit.Filter: `Unschedulable` with every reason, or `SUCCESS`. */
export function nodeResourcesFitFilter(podRequest: Resource, nodeInfo: NodeInfo, options: FitOptions = NO_OPTIONS): Status {
  const insufficient = fitsRequest(podRequest, nodeInfo, options);
  if (insufficient.length === 0) return SUCCESS;
  return newStatus('Unschedulable', ...insufficient.map((r) => r.reason));
}
