/**
 * The admission chain: every write the API server accepts passes through it between decoding
 * and storage. Plugins run in upstream's order, in two phases. Mutating: NamespaceLifecycle
 * (which only refuses) and LimitRanger's defaults. Validating: LimitRanger's bounds, the
 * cluster's own policy, and ResourceQuota last, because it charges the quota and must see the
 * object exactly as it will be stored. The first refusal ends the chain.
 *
 * Each plugin is a kata of chapter 03, reached through `@kata`; their decisions are rule files
 * (chapters/03-namespaces/rules, kata 03-admission-policy).
 *
 * Upstream: pkg/kubeapiserver/options/plugins.go (AllOrderedPlugins: NamespaceLifecycle,
 * LimitRanger, ..., ValidatingAdmissionPolicy, ..., ResourceQuota),
 * staging/src/k8s.io/apiserver/pkg/admission/chain.go (chainAdmissionHandler: Admit, then Validate),
 * pkg/apis/core/v1/defaults.go (SetDefaults_Pod, applied at decoding, before admission).
 */
import { limitRangerMutate, limitRangerValidate } from '@kata/03-namespaces/limit-ranger';
import { namespaceLifecycleAdmission } from '@kata/03-namespaces/namespace-lifecycle';
import { quotaAdmission } from '@kata/03-namespaces/quota-admission';
import type { Status } from '../api/meta';
import type { Pod } from '../api/types';
import { defaultPodRequests } from './defaults';
import { sitePolicyAdmission } from './site-policy';
import { admissionForbidden } from './status';
import type { AdmissionContext, AdmissionRequest, AdmissionResult, LimitRange, ResourceQuota } from './types';

const refuse = (status: Status): AdmissionResult => ({ allowed: false, status });

/**
 * Judges one request. Allowed: the object to store (defaulted and mutated) and the quotas to
 * write first. Refused: the Status to answer with (403 Forbidden, or 404 for a missing namespace).
 */
export function admit(request: AdmissionRequest, context: AdmissionContext): AdmissionResult {
  const { policies } = context;
  let current = request;

  // 0. Decoding defaults a new pod's requests from its limits before any plugin sees it.
  if (current.operation === 'CREATE' && current.kind === 'Pod' && current.subresource === undefined && current.object) {
    current = { ...current, object: defaultPodRequests(current.object as Pod) };
  }
  const namespace = current.namespace === '' ? undefined : context.getNamespace(current.namespace);

  // 1. NamespaceLifecycle: a namespace that must exist, and must not be terminating for creates.
  const lifecycle = namespaceLifecycleAdmission(current, namespace, policies.namespaceLifecycle);
  if (lifecycle) return refuse(lifecycle);

  // 2. LimitRanger, mutating: defaults for pods being created (pod updates cannot change containers).
  const limitsApply = current.operation === 'CREATE' && current.kind === 'Pod' && current.subresource === undefined && current.object !== undefined;
  const limitRanges = limitsApply ? (context.list('LimitRange', current.namespace) as LimitRange[]) : [];
  if (limitRanges.length > 0) current = { ...current, object: limitRangerMutate(current.object as Pod, limitRanges) };

  // 3. LimitRanger, validating.
  if (limitRanges.length > 0) {
    const why = limitRangerValidate(current.object as Pod, limitRanges, policies.limitRanger);
    if (why !== undefined) return refuse(admissionForbidden(current, why));
  }

  // 4. The cluster's own policy.
  if (policies.site) {
    const denial = sitePolicyAdmission(current, namespace, policies.site);
    if (denial) return refuse(denial);
  }

  // 5. ResourceQuota, last: it charges what will be stored.
  const quotas = current.namespace === '' ? [] : (context.list('ResourceQuota', current.namespace) as ResourceQuota[]);
  return quotaAdmission(current, quotas, context.now, policies.resourceQuota);
}
