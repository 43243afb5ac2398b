/**
 * Resource amounts for the scheduler: quantity strings turned into exact integers, resource
 * names classified, and `Resource` vectors built and added.
 *
 * Quantities are parsed exactly (core/rules' parser, which follows `resource.ParseQuantity`),
 * kept in nano-units as a bigint while they are summed, and turned into an integer only at the
 * end, rounding up as `Quantity.MilliValue()` and `Quantity.Value()` do. So two containers
 * asking for `0.5m` CPU each request 1 millicore together, as upstream computes it.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (MilliValue, Value),
 * pkg/scheduler/framework/types.go (Resource.Add, NewResource), pkg/scheduler/util/utils.go and
 * pkg/apis/core/v1/helper/helpers.go (IsScalarResourceName, IsExtendedResourceName).
 */
import type { ResourceList } from '../api/types';
import { parseQuantity } from '../rules';
import type { Resource } from './types';

const NANO = 1_000_000_000n;
const MICRO_PER_MILLI = 1_000_000n;

// Objects repeat the same few quantities ("100m", "1Gi"), and the scheduler reads every pod's
// requests several times per cycle, so parsed values are remembered. Bounded, emptied when full.
const CACHE_LIMIT = 10_000;
const cache = new Map<string, bigint>();

/**
 * The exact value of a quantity in nano-units. Throws the API's parse error for text that is
 * not a quantity (a validated object never has one).
 */
export function quantityNanos(text: string | number): bigint {
  const key = String(text);
  const known = cache.get(key);
  if (known !== undefined) return known;
  const nanos = parseNanos(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, nanos);
  return nanos;
}

function parseNanos(text: string): bigint {
  const parsed = parseQuantity(text);
  if (parsed === undefined) {
    throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`);
  }
  if (parsed.nanos !== undefined) return parsed.nanos;
  return BigInt(parsed.sign) * parsed.digits * 10n ** BigInt(parsed.exponent + 9);
}

/** `a / b` rounded away from zero, as `Quantity.ScaledValue` rounds. */
function divideUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : a > 0n ? q + 1n : q - 1n;
}

/** Nano-units to millicores, rounding up (`Quantity.MilliValue`). */
export function nanosToMilli(nanos: bigint): number {
  return Number(divideUp(nanos, MICRO_PER_MILLI));
}

/** Nano-units to whole units, rounding up (`Quantity.Value`). */
export function nanosToValue(nanos: bigint): number {
  return Number(divideUp(nanos, NANO));
}

/** A quantity in millicores (`resource.MustParse(text).MilliValue()`). */
export function milliValue(text: string | number): number {
  return nanosToMilli(quantityNanos(text));
}

/** A quantity in whole units (`resource.MustParse(text).Value()`). */
export function value(text: string | number): number {
  return nanosToValue(quantityNanos(text));
}

/** Native resources named with a prefix, such as `kubernetes.io/something` (`IsPrefixedNativeResource`). */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes('kubernetes.io/');
}

/**
 * Extended resources such as `example.com/gpu`: a prefixed name outside `kubernetes.io/`
 * (`IsExtendedResourceName`, without its qualified-name check, which validation already did).
 */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !isPrefixedNativeResource(name) && !name.startsWith('requests.');
}

/** Resources the scheduler counts as named scalars: extended, prefixed native, hugepages, attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || isPrefixedNativeResource(name) || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** All zero. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalarResources: {} };
}

/**
 * A resource list turned into a `Resource` (`framework.NewResource`): cpu in millicores, the
 * rest in units; names that are neither native nor scalar are ignored.
 */
export function resourceFromList(list: ResourceList | undefined): Resource {
  const r = emptyResource();
  if (list === undefined) return r;
  for (const name of Object.keys(list)) {
    const text = list[name]!;
    if (name === 'cpu') r.milliCPU += milliValue(text);
    else if (name === 'memory') r.memory += value(text);
    else if (name === 'pods') r.allowedPodNumber += value(text);
    else if (name === 'ephemeral-storage') r.ephemeralStorage += value(text);
    else if (isScalarResourceName(name)) r.scalarResources[name] = (r.scalarResources[name] ?? 0) + value(text);
  }
  return r;
}

/**
 * `a + sign × b`, a new value; scalar names from both sides are kept. With `addPods` false,
 * `allowedPodNumber` is `a`'s (a node's pod count is its number of pods, not a sum).
 */
export function combineResources(a: Resource, b: Resource, sign: 1 | -1, addPods = true): Resource {
  let scalars = a.scalarResources;
  const names = Object.keys(b.scalarResources);
  if (names.length > 0) {
    scalars = { ...a.scalarResources };
    for (const name of names) scalars[name] = (scalars[name] ?? 0) + sign * b.scalarResources[name]!;
  }
  return {
    milliCPU: a.milliCPU + sign * b.milliCPU,
    memory: a.memory + sign * b.memory,
    ephemeralStorage: a.ephemeralStorage + sign * b.ephemeralStorage,
    allowedPodNumber: addPods ? a.allowedPodNumber + sign * b.allowedPodNumber : a.allowedPodNumber,
    scalarResources: scalars,
  };
}
