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
import type { Pod } from '../../core/api/types';
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import type { LimitRange, LimitRangeItem } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): defaults first, then the checks.
//  1. limitRangeItemDefaults: for Container items, max -> default -> defaultRequest, min ->
//     defaultRequest, never overriding what the item states.
//  2. limitRangerMutate: per LimitRange, merge the Container items' defaults into every container
//     and init container that lacks them, and write the annotation
//     "LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app".
//  3. limitRangerValidate: for each (item, container or pod, constraint min/max/maxLimitRequestRatio,
//     resource sorted), build the `check` fact (canonical quantities; for the ratio also
//     allowedLimit = request x ratio and ratio = limit/request to six decimals), keep the first
//     `violation` the policy fires, and aggregate a LimitRange's messages (aggregateMessages).

/**
 * Upstream SetDefaults_LimitRangeItem, for Container items: a `max` with no `default` becomes
 * the default limit, a `default` with no `defaultRequest` becomes the default request, and so
 * does a `min` with neither. Other item types are returned unchanged.
 */
export function limitRangeItemDefaults(item: LimitRangeItem): LimitRangeItem {
  return notImplemented('03-limit-ranger');
}

/**
 * The mutating phase for a pod being created: each LimitRange (in order) fills in, for every
 * container and init container, the default requests and limits it does not state, and records
 * what it set in the `kubernetes.io/limit-ranger` annotation.
 */
export function limitRangerMutate(pod: Pod, limitRanges: readonly LimitRange[]): Pod {
  return notImplemented('03-limit-ranger');
}

/**
 * The validating phase: the message for the first LimitRange (in order) the pod breaks, all of
 * its violations aggregated (`[first, second]`), or `undefined` when the pod fits them all.
 */
export function limitRangerValidate(pod: Pod, limitRanges: readonly LimitRange[], policy: Policy = chapterPolicy('limitRanger')): string | undefined {
  return notImplemented('03-limit-ranger');
}
