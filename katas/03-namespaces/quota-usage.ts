/**
 * Kata 03-resource-quota, part 1: what an object costs a namespace. The code measures (usage
 * per object, under every name a quota could count it by); the policy
 * (chapters/03-namespaces/rules/resource-quota.rules.yaml) says which of those names each kind
 * is charged for, and which ones a pod's containers must state. Scopes narrow a quota to some pods.
 *
 * Upstream: pkg/quota/v1/evaluator/core/pods.go (PodUsageFunc, QuotaV1Pod, podComputeUsageHelper,
 * MatchingResources, podMatchesScopeFunc, isBestEffort, IsTerminating), services.go (Usage),
 * persistent_volume_claims.go (Usage), staging/src/k8s.io/apiserver/pkg/quota/v1/generic/
 * evaluator.go (ObjectCountQuotaResourceNameFor, Matches).
 */
import type { KubeObject } from '../../core/api/meta';
import type { Pod, ResourceList } from '../../core/api/types';
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import type { ResourceQuota, TrackedResources } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): measure, then ask the policy.
//  1. podUsage: `count/pods` is 1 for any pod; a pod that still runs (not Succeeded/Failed, not
//     past deletionTimestamp + deletionGracePeriodSeconds) also uses `pods` 1 and its
//     podRequests/podLimits (core/apiserver/pod-resources, with overhead) as cpu and
//     requests.cpu, limits.cpu, and likewise memory and ephemeral-storage.
//  2. objectUsage: `count/<resource>` for every kind (qualifiedResource from core/api/kinds),
//     plus services (+ services.nodeports, services.loadbalancers), configmaps, secrets,
//     persistentvolumeclaims (+ requests.storage), replicationcontrollers, resourcequotas.
//  3. trackedResources: evaluate the policy with the fact `kind`; `track` and `mustSpecify`
//     events list resource names (fill `{resource}` in with fillTemplate).
//  4. isTerminating and scopesMatch (spec.scopes are Exists selectors; scopes match pods only).

/**
 * Upstream PodUsageFunc: `count/pods` always (it counts what is stored); while the pod still
 * runs, also `pods`, and its requests and limits (init containers and sidecars included, plus
 * overhead) under `cpu`/`requests.cpu`, `limits.cpu`, and the same for memory and ephemeral storage.
 */
export function podUsage(pod: Pod, now: string): ResourceList {
  return notImplemented('03-resource-quota');
}

/** Everything `object` uses, under every resource name a quota could track it by. */
export function objectUsage(object: KubeObject, now: string): ResourceList {
  return notImplemented('03-resource-quota');
}

/** The `track` and `mustSpecify` events the policy fires for `kind`, `{resource}` filled in. */
export function trackedResources(kind: string, policy: Policy = chapterPolicy('resourceQuota')): TrackedResources {
  return notImplemented('03-resource-quota');
}

/** Upstream IsTerminating: a pod with an active deadline will end by itself (scope Terminating). */
export function isTerminating(pod: Pod): boolean {
  return notImplemented('03-resource-quota');
}

/**
 * Whether a quota's scopes (`spec.scopes`, `spec.scopeSelector`) let it count `object`. A quota
 * without scopes counts everything; scopes only ever match pods.
 */
export function scopesMatch(quota: ResourceQuota, object: KubeObject): boolean {
  return notImplemented('03-resource-quota');
}
