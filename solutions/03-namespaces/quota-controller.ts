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
import { objectUsage, scopesMatch, trackedResources } from '@kata/03-namespaces/quota-usage';
import type { KubeObject } from '../../core/api/meta';
import { NAMESPACED_KINDS } from '../../core/apiserver/discovery';
import { addQuantityLists, quantitiesOf, resourceListOf, sameQuantityLists, ZERO, type Quantities } from '../../core/apiserver/pod-resources';
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import type { ResourceQuota, ResourceQuotaStatus } from '../../core/apiserver/types';
import type { Intent, View } from '../../core/runtime/types';

/** How often every quota is recounted anyway (kube-controller-manager `--resource-quota-sync-period`, 5m). */
const QUOTA_RESYNC_SECONDS = 300;

// #region status
/**
 * Upstream syncResourceQuota's new status: `hard` is `spec.hard`; `used` counts, for every
 * name in `hard` some kind is charged for, what the namespace's objects of that kind use
 * (objects outside the quota's scopes do not count, untracked names keep their old value),
 * and holds nothing outside `hard`. `list` gives the namespace's objects of a kind.
 */
export function quotaStatus(quota: ResourceQuota, list: (kind: string) => KubeObject[], now: string, policy: Policy = chapterPolicy('resourceQuota')): ResourceQuotaStatus {
  const hard = quota.spec?.hard ?? {};
  const hardNames = Object.keys(hard);
  let used: Quantities = quantitiesOf(quota.status?.used);
  for (const info of NAMESPACED_KINDS) {
    const matched = trackedResources(info.kind, policy).resources.filter((name) => hardNames.includes(name));
    if (matched.length === 0) continue;
    // Every matched name is counted, from zero, so usage that went away is given back.
    let counted: Quantities = Object.fromEntries(matched.map((name) => [name, ZERO]));
    for (const object of list(info.kind)) {
      if (!scopesMatch(quota, object)) continue;
      const usage = quantitiesOf(objectUsage(object, now));
      counted = addQuantityLists(counted, Object.fromEntries(Object.entries(usage).filter(([name]) => matched.includes(name))));
    }
    used = { ...used, ...counted };
  }
  const masked: Quantities = Object.fromEntries(Object.entries(used).filter(([name]) => hardNames.includes(name)));
  return { hard: { ...hard }, used: resourceListOf(masked) };
}
// #endregion status

/** A quota wakes itself; anything else wakes every quota of its namespace. */
export function quotaKeysFor(object: KubeObject, view: View): string[] {
  const namespace = object.metadata.namespace;
  if (!namespace) return [];
  if (object.kind === 'ResourceQuota') return [`${namespace}/${object.metadata.name}`];
  return view.list('ResourceQuota', namespace).map((q) => `${namespace}/${q.metadata.name}`);
}

/**
 * Upstream syncResourceQuota for the quota named `key` (`namespace/name`): write the new
 * status when `hard` or `used` changed (compared as quantities), and come back for the
 * periodic recount.
 */
export function syncResourceQuota(view: View, key: string, policy: Policy = chapterPolicy('resourceQuota')): Intent[] {
  const [namespace = '', name = ''] = key.split('/');
  const quota = view.get('ResourceQuota', namespace, name) as ResourceQuota | undefined;
  if (!quota) return [];
  const status = quotaStatus(quota, (kind) => view.list(kind, namespace), view.now, policy);
  const old = quota.status;
  const dirty = old?.hard === undefined || old.used === undefined || !sameQuantityLists(old.hard, status.hard) || !sameQuantityLists(old.used, status.used);
  const resync: Intent = { type: 'requeueAfter', key, seconds: QUOTA_RESYNC_SECONDS, periodic: true };
  return dirty ? [{ type: 'updateStatus', object: { ...quota, status } }, resync] : [resync];
}
