/**
 * Kata 03-namespace-lifecycle: a namespace's life as the API server sees it. Created Active and
 * held by the `kubernetes` finalizer; deleted in two steps (first marked Terminating, removed
 * only once its finalizers are gone); and guarded by the NamespaceLifecycle admission plugin,
 * whose decisions are a rule file (chapters/03-namespaces/rules/namespace-lifecycle.rules.yaml).
 *
 * Upstream: pkg/registry/core/namespace/strategy.go (PrepareForCreate),
 * pkg/apis/core/v1/defaults.go (SetDefaults_Namespace), pkg/registry/core/namespace/storage/
 * storage.go (REST.Delete, ShouldDeleteNamespaceDuringUpdate), pkg/controller/namespace/deletion/
 * namespaced_resources_deleter.go (finalizeNamespace), staging/src/k8s.io/apiserver/pkg/admission/
 * plugin/namespace/lifecycle/admission.go (Lifecycle.Admit).
 */
import type { Status } from '../../core/api/meta';
import type { Namespace } from '../../core/api/types';
import { chapterPolicy, fillTemplate, stringParam, type Policy } from '../../core/apiserver/policy';
import { admissionForbidden, namespaceNotFound } from '../../core/apiserver/status';
import { NAMESPACE_FINALIZER, type AdmissionRequest, type NamespaceDeletion } from '../../core/apiserver/types';

/** The label every namespace carries with its own name (`kubernetes.io/metadata.name`). */
const NAME_LABEL = 'kubernetes.io/metadata.name';

const specFinalizers = (namespace: Namespace) => namespace.spec?.finalizers ?? [];

/**
 * Upstream PrepareForCreate and SetDefaults_Namespace: status is `Active` whatever the manifest
 * says, `kubernetes` is appended to `spec.finalizers` unless already there, and the namespace
 * is labelled with its own name.
 */
export function prepareNamespaceForCreate(namespace: Namespace): Namespace {
  const finalizers = specFinalizers(namespace);
  return {
    ...namespace,
    metadata: { ...namespace.metadata, labels: { ...namespace.metadata.labels, [NAME_LABEL]: namespace.metadata.name } },
    spec: { ...namespace.spec, finalizers: finalizers.includes(NAMESPACE_FINALIZER) ? finalizers : [...finalizers, NAMESPACE_FINALIZER] },
    status: { phase: 'Active' },
  };
}

// #region delete
/**
 * Upstream REST.Delete. The first delete only records it: `deletionTimestamp` is now and the
 * phase Terminating. Later deletes wait while `spec.finalizers` is not empty, and once it is,
 * the generic store removes the namespace (honouring `metadata.finalizers` as for any object).
 */
export function deleteNamespace(namespace: Namespace, now: string): NamespaceDeletion {
  if (namespace.metadata.deletionTimestamp === undefined) {
    return {
      type: 'terminate',
      namespace: {
        ...namespace,
        metadata: { ...namespace.metadata, deletionTimestamp: now },
        status: { ...namespace.status, phase: 'Terminating' },
      },
    };
  }
  return specFinalizers(namespace).length > 0 ? { type: 'wait' } : { type: 'remove' };
}
// #endregion delete

/**
 * Upstream finalizeNamespace: the namespace with `token` taken out of `spec.finalizers`; what
 * remains is de-duplicated and sorted, as the set it passes through leaves it.
 */
export function finalizeNamespace(namespace: Namespace, token: string = NAMESPACE_FINALIZER): Namespace {
  const remaining = [...new Set(specFinalizers(namespace).filter((f) => f !== token))].sort();
  return { ...namespace, spec: { ...namespace.spec, finalizers: remaining } };
}

/**
 * Upstream ShouldDeleteNamespaceDuringUpdate: an update removes a namespace whose deletion
 * started (with no grace period left) once both `spec.finalizers` and `metadata.finalizers` of
 * the updated object are empty.
 */
export function shouldDeleteNamespaceDuringUpdate(updated: Namespace, existing: Namespace): boolean {
  return (
    specFinalizers(updated).length === 0 &&
    (updated.metadata.finalizers ?? []).length === 0 &&
    existing.metadata.deletionTimestamp !== undefined &&
    (existing.metadata.deletionGracePeriodSeconds ?? 0) === 0
  );
}

// #region admission
/**
 * NamespaceLifecycle: `undefined` to admit, or the Status refusing the request. `namespace` is
 * the namespace the request names (undefined when it does not exist). The policy decides; the
 * first `deny` it fires becomes a 404 for reason NotFound, else a 403 with its message.
 */
export function namespaceLifecycleAdmission(
  request: AdmissionRequest,
  namespace: Namespace | undefined,
  policy: Policy = chapterPolicy('namespaceLifecycle'),
): Status | undefined {
  // 1. Only content of a namespace is checked against it; a Namespace itself never is.
  const namespaced = request.namespace !== '' && request.kind !== 'Namespace';
  const facts = {
    request: { operation: request.operation, kind: request.kind, namespace: request.namespace, name: request.name, namespaced },
    namespace: namespaced ? namespace : undefined,
  };
  // 2. The first denial wins (rules fire by priority, then in file order).
  const denial = policy.evaluate(facts).find((event) => event.type === 'deny');
  if (!denial) return undefined;
  // 3. Word it.
  if (stringParam(denial, 'reason') === 'NotFound') return namespaceNotFound(request.namespace);
  const values = { namespace: request.namespace, name: request.name, kind: request.kind };
  const message = fillTemplate(stringParam(denial, 'message') ?? 'forbidden by namespace lifecycle', values);
  const causeField = stringParam(denial, 'causeField');
  const causeMessage = stringParam(denial, 'causeMessage');
  const causes = causeField && causeMessage ? [{ field: causeField, message: fillTemplate(causeMessage, values) }] : undefined;
  return admissionForbidden(request, message, causes);
}
// #endregion admission
