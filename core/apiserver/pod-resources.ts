/**
 * Resource arithmetic shared by LimitRanger and ResourceQuota: resource lists parsed into exact
 * quantities (with kata 01-quantity), added and maxed the way upstream's resource functions do, and what a
 * whole pod requests and limits.
 *
 * A pod's request is not simply the sum over its containers: init containers run one at a time
 * before the app containers, so the pod needs the larger of "all app containers together" and
 * "the hungriest init container"; sidecars (init containers with `restartPolicy: Always`) keep
 * running, so they add to both.
 *
 * Upstream: staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests, PodLimits),
 * staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go (Add, Max).
 */
import { addQuantities, compareQuantities, parseQuantity, quantityToString } from '@kata/01-api-machinery/quantity';
import type { Container, Pod, Quantity, ResourceList } from '../api/types';

/** A resource list with every value parsed. */
export type Quantities = Record<string, Quantity>;

/** Zero, as a fresh `resource.Quantity{Format: DecimalSI}`. */
export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/**
 * A resource list parsed. Values YAML wrote as numbers (`cpu: 2`) are read as their text. A value
 * that is no quantity is left out: API validation rejects such objects before anyone reads them.
 */
export function quantitiesOf(list: ResourceList | Record<string, unknown> | undefined): Quantities {
  const out: Quantities = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    try {
      out[name] = parseQuantity(String(value));
    } catch {
      continue;
    }
  }
  return out;
}

/** Back to a resource list, canonical strings, keys sorted. */
export function resourceListOf(quantities: Quantities): ResourceList {
  const out: ResourceList = {};
  for (const name of Object.keys(quantities).sort()) out[name] = quantityToString(quantities[name]!);
  return out;
}

/** Upstream quota.Add: every key of either list, summed where both have it. */
export function addQuantityLists(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = { ...a };
  for (const [name, value] of Object.entries(b)) out[name] = out[name] ? addQuantities(out[name], value) : value;
  return out;
}

/** Upstream maxResourceList: every key of either list, the larger value where both have it. */
export function maxQuantityLists(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = { ...a };
  for (const [name, value] of Object.entries(b)) {
    const current = out[name];
    if (!current || compareQuantities(value, current) > 0) out[name] = value;
  }
  return out;
}

/** Whether a container is a sidecar: an init container that keeps running. */
const isSidecar = (container: Container) => container.restartPolicy === 'Always';

/** Options of {@link podRequests} and {@link podLimits}. */
export type PodResourcesOptions = {
  /** Add `spec.overhead` (the sandbox's own cost); quota does, LimitRanger does not. */
  overhead: boolean;
};

function aggregate(pod: Pod, pick: (c: Container) => Quantities): Quantities {
  let total: Quantities = {};
  for (const container of pod.spec?.containers ?? []) total = addQuantityLists(total, pick(container));
  let sidecars: Quantities = {};
  let initPeak: Quantities = {};
  for (const container of pod.spec?.initContainers ?? []) {
    let during: Quantities;
    if (isSidecar(container)) {
      // A sidecar runs next to the app containers and next to every later init container.
      total = addQuantityLists(total, pick(container));
      sidecars = addQuantityLists(sidecars, pick(container));
      during = sidecars;
    } else {
      during = addQuantityLists(pick(container), sidecars);
    }
    initPeak = maxQuantityLists(initPeak, during);
  }
  return maxQuantityLists(total, initPeak);
}

/** Upstream PodRequests: what the pod as a whole requests. */
export function podRequests(pod: Pod, options: PodResourcesOptions): Quantities {
  const requests = aggregate(pod, (c) => quantitiesOf(c.resources?.requests));
  return options.overhead ? addQuantityLists(requests, quantitiesOf(pod.spec?.overhead)) : requests;
}

/** Upstream PodLimits: the pod's limits; overhead only raises limits that are set. */
export function podLimits(pod: Pod, options: PodResourcesOptions): Quantities {
  const limits = aggregate(pod, (c) => quantitiesOf(c.resources?.limits));
  if (!options.overhead) return limits;
  const out: Quantities = { ...limits };
  for (const [name, value] of Object.entries(quantitiesOf(pod.spec?.overhead))) if (out[name]) out[name] = addQuantities(out[name], value);
  return out;
}

/** Whether two resource lists hold equal quantities under the same names (upstream quota.Equals). */
export function sameQuantityLists(a: ResourceList | undefined, b: ResourceList | undefined): boolean {
  const qa = quantitiesOf(a);
  const qb = quantitiesOf(b);
  const names = Object.keys(qa);
  return names.length === Object.keys(qb).length && names.every((n) => qb[n] !== undefined && compareQuantities(qa[n]!, qb[n]) === 0);
}
