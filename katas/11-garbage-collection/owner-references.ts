/**
 * Kata 11-owner-references: what the garbage collector knows about one dependent's owners.
 * Each ownerReference is looked up where it can only be (the dependent's own namespace, or
 * no namespace for a cluster-scoped owner kind) and matched by UID, never by name alone. The
 * answer sorts every reference into one of three piles: solid (the owner is there), dangling
 * (it is verifiably gone) or waiting for dependents deletion (it is there, being deleted in
 * the foreground). A reference the collector cannot verify stops it from deciding anything.
 *
 * Upstream: pkg/controller/garbagecollector/garbagecollector.go (isDangling,
 * classifyReferences, namespacedOwnerOfClusterScopedObjectErr), graph_builder.go
 * (reportInvalidNamespaceOwnerRef), restmapper.go (restMappingError); kubernetes.io
 * concepts/architecture/garbage-collection.md (cross-namespace owner references).
 */
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { Classification, OwnerLookup, OwnerState } from '../../core/controllers/garbage-collection';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent, View } from '../../core/runtime/types';

// TODO(kata): four small functions, in this order.
// - ownerCoordinates: kindInfo (core/api/kinds) tells whether a kind exists and is namespaced;
//   the kind must also be in GARBAGE_COLLECTOR_KINDS and the apiVersion's group ("" for "v1",
//   "apps" for "apps/v1") must be the kind's group. Then the namespace rule.
// - isDangling: look the owner up with `get`, compare UIDs.
// - classifyReferences: one pass over metadata.ownerReferences (isDeletingDependents from
//   core/controllers/garbage-collection tells a waiting owner).
// - invalidNamespaceReferences and ownerRefInvalidNamespaceEvent: the warning for references
//   whose UID is found in another namespace (describeOwnerReference formats the reference).

/**
 * Upstream apiResource + the namespace rule of isDangling: a kind the collector does not
 * watch (or an apiVersion whose group does not serve it) has no REST mapping
 * (`unable to get REST mapping for <apiVersion>/<kind>`); a cluster-scoped dependent cannot
 * have a namespaced owner (`cluster-scoped objects cannot refer to namespaced owners`); a
 * namespaced owner is looked up in the dependent's namespace, a cluster-scoped one without a
 * namespace.
 */
export function ownerCoordinates(reference: OwnerReference, dependent: KubeObject): OwnerLookup {
  return notImplemented('11-owner-references');
}

/**
 * Upstream isDangling: the owner is found only if an object of that kind and name exists
 * where the reference can point and carries the reference's UID. A same-named object with
 * another UID is a different object (the owner was deleted and re-created), so the reference
 * dangles.
 */
export function isDangling(reference: OwnerReference, dependent: KubeObject, get: View['get']): OwnerState {
  return notImplemented('11-owner-references');
}

/**
 * Upstream classifyReferences: solid (the owner exists and is not deleting its dependents in
 * the foreground), dangling (it does not exist), waiting for dependents deletion (it has a
 * deletionTimestamp and the `foregroundDeletion` finalizer). The first reference that cannot
 * be verified ends the classification, as upstream's error does.
 */
export function classifyReferences(dependent: KubeObject, get: View['get']): Classification {
  return notImplemented('11-owner-references');
}

/**
 * The references among `references` that name an object which exists, with that UID, in
 * another namespace than the dependent's: cross-namespace references, which the collector
 * treats as absent and reports (upstream addDependentToOwners / reportInvalidNamespaceOwnerRef).
 * A cluster-scoped dependent has none.
 */
export function invalidNamespaceReferences(dependent: KubeObject, references: OwnerReference[], list: View['list']): OwnerReference[] {
  return notImplemented('11-owner-references');
}

/**
 * Upstream reportInvalidNamespaceOwnerRef: a Warning event `OwnerRefInvalidNamespace` about
 * the dependent (from `garbage-collector-controller`), with the message
 * `ownerRef [<apiVersion>/<kind>, namespace: <ns>, name: <name>, uid: <uid>] does not exist in namespace "<ns>"`.
 */
export function ownerRefInvalidNamespaceEvent(dependent: KubeObject, reference: OwnerReference): Intent {
  return notImplemented('11-owner-references');
}
