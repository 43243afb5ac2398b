/**
 * Kata 03-limit-ranger: the LimitRanger admission plugin, in its two phases. Mutating: a
 * container that states no request or limit for a resource gets the LimitRange's default.
 * Validating: every container (type Container) and every pod as a whole (type Pod) must stay
 * within `min`, `max` and `maxLimitRequestRatio`. The arithmetic is here; which comparison
 * fails and how it is worded is chapters/03-namespaces/rules/limit-ranger.rules.yaml.
 *
 * Upstream: pkg/apis/core/v1/defaults.go (SetDefaults_LimitRangeItem),
 * plugin/pkg/admission/limitranger/admission.go (defaultContainerResourceRequirements,
 * mergeContainerResources, mergePodResourceRequirements, PodValidateLimitFunc, minConstraint,
 * maxConstraint, limitRequestRatioConstraint, podRequests, podLimits).
 */
import { quantityToString } from '@kata/01-api-machinery/quantity';
import type { Container, Pod, Quantity, ResourceList } from '../../core/api/types';
import { podLimits, podRequests, quantitiesOf, type Quantities } from '../../core/apiserver/pod-resources';
import { chapterPolicy, fillTemplate, stringParam, type Policy } from '../../core/apiserver/policy';
import { aggregateMessages } from '../../core/apiserver/status';
import type { LimitRange, LimitRangeItem, LimitType } from '../../core/apiserver/types';

/** The annotation recording what LimitRanger filled in. */
const ANNOTATION = 'kubernetes.io/limit-ranger';
const NANO = 1_000_000_000n;
const CONSTRAINTS = ['min', 'max', 'maxLimitRequestRatio'] as const;

/**
 * Upstream SetDefaults_LimitRangeItem, for Container items: a `max` with no `default` becomes
 * the default limit, a `default` with no `defaultRequest` becomes the default request, and so
 * does a `min` with neither. Other item types are returned unchanged.
 */
export function limitRangeItemDefaults(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const defaults: ResourceList = { ...item.max, ...item.default };
  const defaultRequest: ResourceList = { ...item.min, ...defaults, ...item.defaultRequest };
  return {
    ...item,
    ...(Object.keys(defaults).length > 0 && { default: defaults }),
    ...(Object.keys(defaultRequest).length > 0 && { defaultRequest }),
  };
}

// #region mutate
/** The part of the annotation one container contributes, and the container with its defaults. */
function mergeDefaults(container: Container, requests: ResourceList, limits: ResourceList, what: string): { container: Container; notes: string[] } {
  const setLimits = Object.keys(limits).filter((k) => !(k in (container.resources?.limits ?? {}))).sort();
  const setRequests = Object.keys(requests).filter((k) => !(k in (container.resources?.requests ?? {}))).sort();
  const notes = [
    ...(setRequests.length > 0 ? [`${setRequests.join(', ')} request for ${what} ${container.name}`] : []),
    ...(setLimits.length > 0 ? [`${setLimits.join(', ')} limit for ${what} ${container.name}`] : []),
  ];
  if (notes.length === 0) return { container, notes };
  const resources = {
    ...container.resources,
    limits: { ...Object.fromEntries(setLimits.map((k) => [k, limits[k]!])), ...container.resources?.limits },
    requests: { ...Object.fromEntries(setRequests.map((k) => [k, requests[k]!])), ...container.resources?.requests },
  };
  return { container: { ...container, resources }, notes };
}

/**
 * The mutating phase for a pod being created: each LimitRange (in order) fills in, for every
 * container and init container, the default requests and limits it does not state, and records
 * what it set in the `kubernetes.io/limit-ranger` annotation.
 */
export function limitRangerMutate(pod: Pod, limitRanges: readonly LimitRange[]): Pod {
  let result = pod;
  for (const limitRange of limitRanges) {
    // 1. The defaults: every Container item, later items winning, as the API stored them.
    let requests: ResourceList = {};
    let limits: ResourceList = {};
    for (const item of (limitRange.spec?.limits ?? []).map(limitRangeItemDefaults)) {
      if (item.type !== 'Container') continue;
      requests = { ...requests, ...item.defaultRequest };
      limits = { ...limits, ...item.default };
    }
    // 2. Merge them into each container, noting what was set.
    const notes: string[] = [];
    const merge = (containers: Container[] | undefined, what: string) =>
      containers?.map((c) => {
        const merged = mergeDefaults(c, requests, limits, what);
        notes.push(...merged.notes);
        return merged.container;
      });
    const containers = merge(result.spec?.containers, 'container') ?? [];
    const initContainers = merge(result.spec?.initContainers, 'init container');
    if (notes.length === 0) continue;
    const annotations = { ...result.metadata.annotations, [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    result = {
      ...result,
      metadata: { ...result.metadata, annotations },
      spec: { ...result.spec, containers, ...(initContainers && { initContainers }) },
    };
  }
  return result;
}
// #endregion mutate

const text = (q: Quantity | undefined) => (q === undefined ? undefined : quantityToString(q));

/** `limit / request` to six decimals, halves to even, as the ratio message prints it. */
function ratioText(limit: bigint, request: bigint): string {
  const scaled = limit * 1_000_000n;
  let q = scaled / request;
  const twice = 2n * (scaled % request);
  if (twice > request || (twice === request && q % 2n === 1n)) q += 1n;
  return `${q / 1_000_000n}.${(q % 1_000_000n).toString().padStart(6, '0')}`;
}

// #region validate
/** The facts for one constraint on one resource of one container (or pod). */
function checkFacts(constraint: (typeof CONSTRAINTS)[number], limitType: LimitType, resource: string, enforced: Quantity, requests: Quantities, limits: Quantities) {
  const request = requests[resource];
  const limit = limits[resource];
  const ratio =
    constraint === 'maxLimitRequestRatio' && request && limit && request.nanos > 0n && limit.nanos > 0n
      ? {
          // A limit above request x ratio breaks it. Flooring to whole nano-units keeps the
          // comparison exact: a limit (whole nano-units) exceeds x exactly when it exceeds floor(x).
          allowedLimit: quantityToString({ nanos: (request.nanos * enforced.nanos) / NANO, format: 'DecimalSI' }),
          ratio: ratioText(limit.nanos, request.nanos),
        }
      : {};
  return { constraint, limitType, resource, enforced: quantityToString(enforced), request: text(request), limit: text(limit), ...ratio };
}

/** Every violation of one item by one set of requests and limits, constraint by constraint. */
function violations(item: LimitRangeItem, requests: Quantities, limits: Quantities, policy: Policy): string[] {
  const messages: string[] = [];
  for (const constraint of CONSTRAINTS) {
    const bounds = quantitiesOf(item[constraint]);
    for (const resource of Object.keys(bounds).sort()) {
      const facts = checkFacts(constraint, item.type, resource, bounds[resource]!, requests, limits);
      // Rules fire in file order; the first one is this constraint's error.
      const event = policy.evaluate({ check: facts }).find((e) => e.type === 'violation');
      if (!event) continue;
      const values = Object.fromEntries(Object.entries(facts).filter((e): e is [string, string] => e[1] !== undefined));
      messages.push(fillTemplate(stringParam(event, 'message') ?? event.rule, values));
    }
  }
  return messages;
}

/**
 * The validating phase: the message for the first LimitRange (in order) the pod breaks, all of
 * its violations aggregated (`[first, second]`), or `undefined` when the pod fits them all.
 */
export function limitRangerValidate(pod: Pod, limitRanges: readonly LimitRange[], policy: Policy = chapterPolicy('limitRanger')): string | undefined {
  for (const limitRange of limitRanges) {
    const messages: string[] = [];
    for (const item of limitRange.spec?.limits ?? []) {
      if (item.type === 'Container') {
        for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
          messages.push(...violations(item, quantitiesOf(c.resources?.requests), quantitiesOf(c.resources?.limits), policy));
        }
      } else if (item.type === 'Pod') {
        messages.push(...violations(item, podRequests(pod, { overhead: false }), podLimits(pod, { overhead: false }), policy));
      }
    }
    const message = aggregateMessages(messages);
    if (message !== undefined) return message;
  }
  return undefined;
}
// #endregion validate
