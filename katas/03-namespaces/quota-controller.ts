/**
 * Kata 03-quota-controller: the controller that counts. Admission only adds to a quota's
 * `status.used`; this controller recounts it from what the namespace really holds, which is
 * also how usage is given back when objects are deleted or pods finish. It copies `spec.hard`
 * to `status.hard`, and until it has, admission does not enforce the quota at all.
 *
 * Upstream: pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota,
 * replenishQuota, resyncPeriod), staging/src/k8s.io/apiserver/pkg/quota/v1/resources.go
 * (CalculateUsage, Mask), generic/evaluator.go (CalculateUsageStats).
 */
import type { KubeObject } from '../../core/api/meta';
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import type { ResourceQuota, ResourceQuotaStatus } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent, View } from '../../core/runtime/types';

// TODO(kata): upstream syncResourceQuota.
//  1. quotaStatus: for every namespaced kind (NAMESPACED_KINDS, core/apiserver/discovery) whose
//     trackedResources meet spec.hard, count from zero what its objects in the quota's scopes
//     use (objectUsage, kata 03-resource-quota), keep the old value of names nobody tracks, and
//     drop names outside spec.hard.
//  2. quotaKeysFor: a quota wakes itself, anything else every quota of its namespace.
//  3. syncResourceQuota: updateStatus when status.hard or status.used differ as quantities
//     (sameQuantityLists) or are missing, and always a periodic requeueAfter of 300 s.

/**
 * Upstream syncResourceQuota's new status: `hard` is `spec.hard`; `used` counts, for every
 * name in `hard` some kind is charged for, what the namespace's objects of that kind use
 * (objects outside the quota's scopes do not count, untracked names keep their old value),
 * and holds nothing outside `hard`. `list` gives the namespace's objects of a kind.
 */
export function quotaStatus(quota: ResourceQuota, list: (kind: string) => KubeObject[], now: string, policy: Policy = chapterPolicy('resourceQuota')): ResourceQuotaStatus {
  return notImplemented('03-quota-controller');
}

/** A quota wakes itself; anything else wakes every quota of its namespace. */
export function quotaKeysFor(object: KubeObject, view: View): string[] {
  return notImplemented('03-quota-controller');
}

/**
 * Upstream syncResourceQuota for the quota named `key` (`namespace/name`): write the new
 * status when `hard` or `used` changed (compared as quantities), and come back for the
 * periodic recount.
 */
export function syncResourceQuota(view: View, key: string, policy: Policy = chapterPolicy('resourceQuota')): Intent[] {
  return notImplemented('03-quota-controller');
}
