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
import { match } from 'ts-pattern';
import { kindInfo, qualifiedResource } from '../../core/api/kinds';
import type { KubeObject } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, Quantity, ResourceList, Service } from '../../core/api/types';
import { podLimits, podRequests, quantitiesOf, resourceListOf, type Quantities } from '../../core/apiserver/pod-resources';
import { chapterPolicy, fillTemplate, stringListParam, type Policy } from '../../core/apiserver/policy';
import type { ResourceQuota, ScopedResourceSelectorRequirement, TrackedResources } from '../../core/apiserver/types';

const ONE: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI' };
const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'] as const;

/** Upstream QuotaV1Pod: a finished pod, or one whose deletion grace is long over, no longer uses compute. */
function chargedForCompute(pod: Pod, now: string): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp === undefined || deletionGracePeriodSeconds === undefined) return true;
  return Date.parse(now) <= Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000;
}

// #region usage
/**
 * Upstream PodUsageFunc: `count/pods` always (it counts what is stored); while the pod still
 * runs, also `pods`, and its requests and limits (init containers and sidecars included, plus
 * overhead) under `cpu`/`requests.cpu`, `limits.cpu`, and the same for memory and ephemeral storage.
 */
export function podUsage(pod: Pod, now: string): ResourceList {
  const usage: Quantities = { 'count/pods': ONE };
  if (!chargedForCompute(pod, now)) return resourceListOf(usage);
  const requests = podRequests(pod, { overhead: true });
  const limits = podLimits(pod, { overhead: true });
  usage.pods = ONE;
  for (const name of COMPUTE) {
    const request = requests[name];
    const limit = limits[name];
    if (request) usage[name] = usage[`requests.${name}`] = request;
    if (limit) usage[`limits.${name}`] = limit;
  }
  return resourceListOf(usage);
}
// #endregion usage

const one = (name: string): Quantities => ({ [name]: ONE });

function serviceUsage(service: Service): Quantities {
  const usage = one('services');
  const ports = { nanos: BigInt(service.spec?.ports?.length ?? 0) * ONE.nanos, format: 'DecimalSI' as const };
  if (service.spec?.type === 'NodePort') usage['services.nodeports'] = ports;
  if (service.spec?.type === 'LoadBalancer') {
    usage['services.loadbalancers'] = ONE;
    if (service.spec.allocateLoadBalancerNodePorts !== false) usage['services.nodeports'] = ports;
  }
  return usage;
}

function claimUsage(claim: PersistentVolumeClaim): Quantities {
  const storage = quantitiesOf(claim.spec?.resources?.requests).storage;
  return { ...one('persistentvolumeclaims'), ...(storage && { 'requests.storage': storage }) };
}

const USAGE_BY_KIND: Record<string, (object: KubeObject, now: string) => Quantities> = {
  Pod: (o, now) => quantitiesOf(podUsage(o as Pod, now)),
  Service: (o) => serviceUsage(o as Service),
  ConfigMap: () => one('configmaps'),
  Secret: () => one('secrets'),
  PersistentVolumeClaim: (o) => claimUsage(o as PersistentVolumeClaim),
  ReplicationController: () => one('replicationcontrollers'),
  ResourceQuota: () => one('resourcequotas'),
};

/** The resource name of the generic object count quota for a kind: `count/pods`, `count/deployments.apps`. */
function countName(kind: string): string {
  const info = kindInfo(kind);
  return `count/${info ? qualifiedResource(info) : kind.toLowerCase()}`;
}

/** Everything `object` uses, under every resource name a quota could track it by. */
export function objectUsage(object: KubeObject, now: string): ResourceList {
  const own = USAGE_BY_KIND[object.kind]?.(object, now) ?? {};
  return resourceListOf({ [countName(object.kind)]: ONE, ...own });
}

/** The `track` and `mustSpecify` events the policy fires for `kind`, `{resource}` filled in. */
export function trackedResources(kind: string, policy: Policy = chapterPolicy('resourceQuota')): TrackedResources {
  const resource = countName(kind).slice('count/'.length);
  const events = policy.evaluate({ kind });
  const names = (type: string) => [...new Set(events.filter((e) => e.type === type).flatMap((e) => stringListParam(e, 'resources').map((r) => fillTemplate(r, { resource }))))];
  const mustSpecifyEvent = events.find((e) => e.type === 'mustSpecify');
  return { resources: names('track'), mustSpecify: names('mustSpecify'), ...(mustSpecifyEvent && { mustSpecifyEvent }) };
}

/** Upstream IsTerminating: a pod with an active deadline will end by itself (scope Terminating). */
export function isTerminating(pod: Pod): boolean {
  return pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds >= 0;
}

function isBestEffort(pod: Pod): boolean {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return containers.every((c) =>
    [c.resources?.requests, c.resources?.limits].every((list) =>
      Object.entries(quantitiesOf(list)).every(([name, q]) => !(name === 'cpu' || name === 'memory') || q.nanos <= 0n),
    ),
  );
}

function scopeMatches(selector: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  const priorityClass = pod.spec?.priorityClassName ?? '';
  const listed = priorityClass !== '' && (selector.values ?? []).includes(priorityClass);
  return match(selector.scopeName)
    .with('Terminating', () => isTerminating(pod))
    .with('NotTerminating', () => !isTerminating(pod))
    .with('BestEffort', () => isBestEffort(pod))
    .with('NotBestEffort', () => !isBestEffort(pod))
    .with('PriorityClass', () =>
      match(selector.operator)
        .with('Exists', () => priorityClass !== '')
        .with('DoesNotExist', () => priorityClass === '')
        .with('In', () => listed)
        .with('NotIn', () => !listed)
        .exhaustive(),
    )
    // Not modelled: whether the pod's affinity terms reach into other namespaces.
    .with('CrossNamespacePodAffinity', () => false)
    .exhaustive();
}

/**
 * Whether a quota's scopes (`spec.scopes`, `spec.scopeSelector`) let it count `object`. A quota
 * without scopes counts everything; scopes only ever match pods.
 */
export function scopesMatch(quota: ResourceQuota, object: KubeObject): boolean {
  const selectors: ScopedResourceSelectorRequirement[] = [
    ...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' as const })),
    ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
  ];
  if (selectors.length === 0) return true;
  return object.kind === 'Pod' && selectors.every((s) => scopeMatches(s, object as Pod));
}
