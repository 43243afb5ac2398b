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
import { chapterPolicy, type Policy } from '../../core/apiserver/policy';
import { NAMESPACE_FINALIZER, type AdmissionRequest, type NamespaceDeletion } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): the namespace's registry rules, then its admission plugin.
//  1. prepareNamespaceForCreate: phase Active, `kubernetes` appended to spec.finalizers unless
//     present, label kubernetes.io/metadata.name=<name>.
//  2. deleteNamespace: the first delete sets deletionTimestamp and phase Terminating and keeps
//     the object; later ones wait while spec.finalizers is not empty, then remove it.
//  3. finalizeNamespace and shouldDeleteNamespaceDuringUpdate (both kinds of finalizer empty).
//  4. namespaceLifecycleAdmission: build the facts `request` (with `namespaced`) and `namespace`,
//     evaluate the policy, and turn the first `deny` into a Status with the functions in
//     core/apiserver/status.ts and fillTemplate from core/apiserver/policy.ts.

/**
 * Upstream PrepareForCreate and SetDefaults_Namespace: status is `Active` whatever the manifest
 * says, `kubernetes` is appended to `spec.finalizers` unless already there, and the namespace
 * is labelled with its own name.
 */
export function prepareNamespaceForCreate(namespace: Namespace): Namespace {
  return notImplemented('03-namespace-lifecycle');
}

/**
 * Upstream REST.Delete. The first delete only records it: `deletionTimestamp` is now and the
 * phase Terminating. Later deletes wait while `spec.finalizers` is not empty, and once it is,
 * the generic store removes the namespace (honouring `metadata.finalizers` as for any object).
 */
export function deleteNamespace(namespace: Namespace, now: string): NamespaceDeletion {
  return notImplemented('03-namespace-lifecycle');
}

/**
 * Upstream finalizeNamespace: the namespace with `token` taken out of `spec.finalizers`; what
 * remains is de-duplicated and sorted, as the set it passes through leaves it.
 */
export function finalizeNamespace(namespace: Namespace, token: string = NAMESPACE_FINALIZER): Namespace {
  return notImplemented('03-namespace-lifecycle');
}

/**
 * Upstream ShouldDeleteNamespaceDuringUpdate: an update removes a namespace whose deletion
 * started (with no grace period left) once both `spec.finalizers` and `metadata.finalizers` of
 * the updated object are empty.
 */
export function shouldDeleteNamespaceDuringUpdate(updated: Namespace, existing: Namespace): boolean {
  return notImplemented('03-namespace-lifecycle');
}

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
  return notImplemented('03-namespace-lifecycle');
}
