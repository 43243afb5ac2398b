/**
 * The admission chain's contract: the request it judges (admission.Attributes), the read-only
 * context it judges it in, and its answer. Also the two policy kinds of chapter 03,
 * ResourceQuota and LimitRange, as typed objects.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/admission/interfaces.go (Attributes, Operation),
 * staging/src/k8s.io/api/core/v1/types.go (ResourceQuota, LimitRange, NamespaceFinalizer).
 */
import type { KubeObject, Status } from '../api/meta';
import type { Namespace, ResourceList } from '../api/types';
import type { TransitionTable } from '../docs/transitions';
import type { FiredEvent } from '../rules';
import type { Policy } from './policy';

/** What a request does, spelled as admission.Operation spells it. */
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * One API request as admission plugins see it (upstream admission.Attributes). `namespace` is
 * `''` for cluster-scoped kinds; `name` may be `''` on a create that uses `generateName`.
 * `object` is the object to be stored (CREATE, UPDATE); `oldObject` the stored one (UPDATE,
 * and DELETE when known). `subresource` names `status`, `binding` and the like.
 */
export type AdmissionRequest = {
  operation: Operation;
  kind: string;
  namespace: string;
  name: string;
  subresource?: string;
  object?: KubeObject;
  oldObject?: KubeObject;
};

/**
 * The answer. An allowed request carries the object as mutating admission left it (store that,
 * not the original) and the quotas whose `status.used` admission raised: the API server writes
 * each with `updateStatus` before it stores the object, as the quota admission controller does.
 */
export type AdmissionResult =
  | { allowed: true; object?: KubeObject; quotas: ResourceQuota[] }
  | { allowed: false; status: Status };

/** The policies the chain evaluates; see chapters/03-namespaces/rules and kata 03-admission-policy. */
export type AdmissionPolicies = {
  namespaceLifecycle: Policy;
  limitRanger: Policy;
  resourceQuota: Policy;
  /** The cluster's own validating policy (kata 03-admission-policy); none when undefined. */
  site?: Policy;
};

/**
 * What admission may read: the clock (pod usage depends on it), the namespaces, the objects of a
 * namespace (LimitRanges, ResourceQuotas with their `status.used`), and the policies.
 */
export type AdmissionContext = {
  now: string;
  getNamespace: (name: string) => Namespace | undefined;
  /** The objects of `kind` in `namespace`, sorted by name. */
  list: (kind: string, namespace: string) => KubeObject[];
  policies: AdmissionPolicies;
};

/** The finalizer every namespace carries in `spec.finalizers` until its content is gone (`v1.FinalizerKubernetes`). */
export const NAMESPACE_FINALIZER = 'kubernetes';

/**
 * What the namespace registry does with a DELETE (upstream namespace REST.Delete): mark it
 * Terminating (store `namespace`), leave it as it is while finalizers remain, or hand it to the
 * generic store to be removed.
 */
export type NamespaceDeletion = { type: 'terminate'; namespace: Namespace } | { type: 'wait' } | { type: 'remove' };

/**
 * A namespace's life, as the docs draw it. Terminating means `deletionTimestamp` is set and
 * `status.phase` says so; the namespace stays readable and its content can still be updated
 * and deleted, but nothing new can be created in it.
 *
 * Upstream: pkg/registry/core/namespace/storage/storage.go (Delete, ShouldDeleteNamespaceDuringUpdate),
 * pkg/controller/namespace/deletion/namespaced_resources_deleter.go (Delete).
 */
export const namespaceLifecycle = [
  { from: '[*]', event: 'create: phase Active, kubernetes in spec.finalizers', to: 'Active' },
  { from: 'Active', event: 'create, update or delete content', to: 'Active' },
  { from: 'Active', event: 'delete: deletionTimestamp = now, phase Terminating', to: 'Terminating' },
  { from: 'Terminating', event: 'create content: refused (403 Forbidden)', to: 'Terminating' },
  { from: 'Terminating', event: 'namespace controller deletes content, records conditions', to: 'Terminating' },
  { from: 'Terminating', event: 'finalize: kubernetes removed, no finalizers left', to: '[*]' },
] as const satisfies TransitionTable;

/** The kinds of LimitRange item. */
export type LimitType = 'Container' | 'Pod' | 'PersistentVolumeClaim';

/** One item of a LimitRange: bounds and defaults for one kind of thing. */
export type LimitRangeItem = {
  type: LimitType;
  max?: ResourceList;
  min?: ResourceList;
  /** Default limits for containers that state none (Container items only). */
  default?: ResourceList;
  /** Default requests for containers that state none (Container items only). */
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
};

/** Per-namespace bounds and defaults for container and pod resources. */
export type LimitRange = KubeObject<{ limits: LimitRangeItem[] }> & { apiVersion: 'v1'; kind: 'LimitRange' };

/** The scopes a quota can be narrowed to. */
export type ResourceQuotaScope = 'Terminating' | 'NotTerminating' | 'BestEffort' | 'NotBestEffort' | 'PriorityClass' | 'CrossNamespacePodAffinity';

/** A scope with an operator, as in `spec.scopeSelector.matchExpressions`. */
export type ScopedResourceSelectorRequirement = {
  scopeName: ResourceQuotaScope;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
};

/** The desired limits. */
export type ResourceQuotaSpec = {
  hard?: ResourceList;
  scopes?: ResourceQuotaScope[];
  scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
};

/** What the quota controller observed: the limits it enforces and the usage it counted. */
export type ResourceQuotaStatus = {
  hard?: ResourceList;
  used?: ResourceList;
};

/** Aggregate limits on what a namespace may hold. */
export type ResourceQuota = KubeObject<ResourceQuotaSpec, ResourceQuotaStatus> & { apiVersion: 'v1'; kind: 'ResourceQuota' };

/** What is left in a namespace being deleted: objects per `<resource>.<group>`, and objects per finalizer. */
export type ContentTotals = { remaining: Record<string, number>; finalizers: Record<string, number> };

/** What the quota policy says about a kind (kata 03-resource-quota `trackedResources`). */
export type TrackedResources = {
  /** The resource names the kind is charged for (upstream's MatchingResources). */
  resources: string[];
  /** The names a pod's containers must each state when a quota tracks them. */
  mustSpecify: string[];
  /** The rule asking for them, whose message words the refusal. */
  mustSpecifyEvent?: FiredEvent;
};
