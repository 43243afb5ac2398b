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
import { quantityToString, subtractQuantities } from '@kata/01-api-machinery/quantity';
import { isTerminating, objectUsage, scopesMatch, trackedResources } from '@kata/03-namespaces/quota-usage';
import type { Pod, Quantity } from '../../core/api/types';
import { addQuantityLists, quantitiesOf, resourceListOf, ZERO, type Quantities } from '../../core/apiserver/pod-resources';
import { chapterPolicy, fillTemplate, stringParam, type Policy } from '../../core/apiserver/policy';
import { admissionForbidden } from '../../core/apiserver/status';
import type { AdmissionRequest, AdmissionResult, ResourceQuota } from '../../core/apiserver/types';
import type { FiredEvent } from '../../core/rules';

/** Upstream Handles: which requests can change what quotas count. */
function handles(request: AdmissionRequest): boolean {
  if (request.subresource !== undefined || !request.object) return false;
  if (request.operation === 'CREATE') return true;
  if (request.operation !== 'UPDATE') return false;
  if (request.kind === 'Service' || request.kind === 'PersistentVolumeClaim') return true;
  return request.kind === 'Pod' && request.oldObject !== undefined && isTerminating(request.object as Pod) !== isTerminating(request.oldObject as Pod);
}

/**
 * Upstream enforcePodContainerConstraints, worded: for each `required` name some container does
 * not state (a request counts for `cpu` and `requests.cpu`, a limit for `limits.cpu`),
 * `<name> for: <containers>`, names and containers sorted.
 */
function missingPerResource(pod: Pod, required: readonly string[]): string[] {
  const missing: Record<string, Set<string>> = {};
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const stated = new Set<string>();
    for (const name of Object.keys(c.resources?.requests ?? {})) stated.add(name).add(`requests.${name}`);
    for (const name of Object.keys(c.resources?.limits ?? {})) stated.add(`limits.${name}`);
    for (const r of required) if (!stated.has(r)) (missing[r] ??= new Set()).add(c.name);
  }
  return Object.keys(missing).sort().map((r) => `${r} for: ${[...missing[r]!].sort().join(',')}`);
}

/** `requests.cpu=500m,requests.memory=1Gi`: sorted, canonical (upstream prettyPrint). */
function prettyPrint(quantities: Quantities, names: readonly string[]): string {
  return [...names].sort().map((name) => `${name}=${quantityToString(quantities[name] ?? ZERO)}`).join(',');
}

const text = (q: Quantity | undefined) => (q === undefined ? undefined : quantityToString(q));

/** Upstream SubtractWithNonNegativeResult: `a - b` per key of `a`, never below zero. */
function subtractNonNegative(a: Quantities, b: Quantities): Quantities {
  const out: Quantities = {};
  for (const [name, value] of Object.entries(a)) {
    const diff = b[name] ? subtractQuantities(value, b[name]) : value;
    out[name] = diff.nanos < 0n ? ZERO : diff;
  }
  return out;
}

// #region admission
/**
 * The ResourceQuota admission check for `request` against the namespace's `quotas` (each
 * enforced by its `status.hard`, charged on its `status.used`). Allowed requests carry the
 * quotas whose `status.used` this request raises, to be written before the object is stored.
 */
export function quotaAdmission(request: AdmissionRequest, quotas: readonly ResourceQuota[], now: string, policy: Policy = chapterPolicy('resourceQuota')): AdmissionResult {
  const allow: AdmissionResult = { allowed: true, ...(request.object && { object: request.object }), quotas: [] };
  if (!handles(request)) return allow;
  const object = request.object!;
  const tracked = trackedResources(object.kind, policy);
  const refuse = (event: FiredEvent, values: Record<string, string>): AdmissionResult => ({
    allowed: false,
    status: admissionForbidden(request, fillTemplate(stringParam(event, 'message') ?? event.rule, values)),
  });
  // The first event of `type` the policy fires for one tracked resource of one quota.
  const checkFor = (type: string, check: Record<string, string | undefined>) => policy.evaluate({ check }).find((e) => e.type === type);

  // 1. Which quotas apply. Refuse when a pod leaves out what one of them needs stated, or when
  //    one has not counted its usage yet.
  const interesting: ResourceQuota[] = [];
  for (const quota of quotas) {
    const quotaName = quota.metadata.name;
    const hard = quota.status?.hard ?? {};
    const used = quota.status?.used ?? {};
    const restricted = Object.keys(hard).filter((name) => tracked.resources.includes(name));
    if (restricted.length === 0 || !scopesMatch(quota, object)) continue;
    const mustSpecify = object.kind === 'Pod' ? tracked.mustSpecify.filter((r) => restricted.includes(r)) : [];
    const missing = missingPerResource(object as Pod, mustSpecify);
    if (missing.length > 0) return refuse(tracked.mustSpecifyEvent!, { quota: quotaName, missing: missing.join('; ') });
    const unknown = restricted
      .map((resource) => ({ resource, event: checkFor('statusUnknown', { quota: quotaName, resource, hard: String(hard[resource]), used: used[resource] === undefined ? undefined : String(used[resource]) }) }))
      .filter((u) => u.event !== undefined);
    if (unknown.length > 0) return refuse(unknown[0]!.event!, { quota: quotaName, resources: unknown.map((u) => u.resource).sort().join(',') });
    interesting.push(quota);
  }
  if (interesting.length === 0) return allow;

  // 2. What this request adds: its usage, or on an update only what it uses beyond the stored object.
  const usage = quantitiesOf(objectUsage(object, now));
  const old = request.operation === 'UPDATE' && request.oldObject?.metadata.resourceVersion ? request.oldObject : undefined;

  // 3. Charge each quota; refuse at the first one that would go over its hard limit.
  const charged: ResourceQuota[] = [];
  for (const quota of interesting) {
    const hard = quantitiesOf(quota.status?.hard);
    const used = quantitiesOf(quota.status?.used);
    const delta = old && scopesMatch(quota, old) ? subtractNonNegative(usage, quantitiesOf(objectUsage(old, now))) : usage;
    const requested: Quantities = {};
    for (const [name, value] of Object.entries(delta)) if (hard[name] && value.nanos !== 0n) requested[name] = value;
    if (Object.keys(requested).length === 0) continue;
    const newUsed = addQuantityLists(used, requested);
    const exceeded = Object.keys(requested)
      .map((resource) => {
        const check = { quota: quota.metadata.name, resource, hard: text(hard[resource]), used: text(used[resource] ?? ZERO), requested: text(requested[resource]), newUsed: text(newUsed[resource]) };
        return { resource, event: checkFor('exceeded', check) };
      })
      .filter((e) => e.event !== undefined);
    if (exceeded.length > 0) {
      const names = exceeded.map((e) => e.resource);
      return refuse(exceeded[0]!.event!, { quota: quota.metadata.name, requested: prettyPrint(requested, names), used: prettyPrint(used, names), limited: prettyPrint(hard, names) });
    }
    charged.push({ ...quota, status: { ...quota.status, used: resourceListOf(newUsed) } });
  }
  return { ...allow, quotas: charged };
}
// #endregion admission
