/**
 * Kata 03-resource-quota, part 2: the ResourceQuota admission check. For each quota of the
 * namespace that counts the object: refuse a pod that does not state what the quota needs
 * stated, refuse while the quota has not counted its usage, then add what the request uses to
 * what the quota has used and refuse if that goes over its hard limit. The checks and their
 * wording are the policy's (chapters/03-namespaces/rules/resource-quota.rules.yaml).
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go
 * (CheckRequest, prettyPrint, hasUsageStats), pkg/quota/v1/evaluator/core/pods.go (Constraints,
 * enforcePodContainerConstraints, Handles), services.go and persistent_volume_claims.go (Handles),
 * staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go (SubtractWithNonNegativeResult).
 */
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import type { AdmissionRequest, AdmissionResult, ResourceQuota } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): upstream CheckRequest, in numbered steps.
//  0. Only creates are charged, plus updates of Services and claims, and of pods whose
//     Terminating scope flips; never subresources.
//  1. For each quota (in order) whose status.hard names something trackedResources charges the
//     kind for, and whose scopes match: a pod must state every tracked `mustSpecify` name in each
//     container ("failed quota: q: must specify limits.cpu for: a,b; requests.cpu for: a");
//     every such name needs a status.used ("status unknown for quota: ...").
//  2. The request's usage (objectUsage); on an update only what exceeds the stored object's.
//  3. Per quota, requested = usage masked to status.hard, zeros dropped; evaluate the policy's
//     `check` fact per name; an `exceeded` event refuses with prettyPrint-ed (sorted,
//     canonical) requested/used/limited for the names that exceed. Otherwise charge status.used.

/**
 * The ResourceQuota admission check for `request` against the namespace's `quotas` (each
 * enforced by its `status.hard`, charged on its `status.used`). Allowed requests carry the
 * quotas whose `status.used` this request raises, to be written before the object is stored.
 */
export function quotaAdmission(request: AdmissionRequest, quotas: readonly ResourceQuota[], now: string, policy: Policy = chapterPolicy('resourceQuota')): AdmissionResult {
  return notImplemented('03-resource-quota');
}
