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
import { kindInfo } from '../../core/api/kinds';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import {
  describeOwnerReference,
  GARBAGE_COLLECTOR_KINDS,
  isDeletingDependents,
  type Classification,
  type OwnerLookup,
  type OwnerState,
} from '../../core/controllers/garbage-collection';
import type { Intent, View } from '../../core/runtime/types';

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

// #region coordinates
/**
 * Upstream apiResource + the namespace rule of isDangling: a kind the collector does not
 * watch (or an apiVersion whose group does not serve it) has no REST mapping; a cluster-scoped
 * dependent cannot have a namespaced owner; a namespaced owner is looked up in the dependent's
 * namespace, a cluster-scoped one without a namespace.
 */
export function ownerCoordinates(reference: OwnerReference, dependent: KubeObject): OwnerLookup {
  const info = kindInfo(reference.kind);
  if (!info || !GARBAGE_COLLECTOR_KINDS.includes(info.kind) || groupOf(reference.apiVersion) !== info.group) {
    return { type: 'unresolvable', reason: `unable to get REST mapping for ${reference.apiVersion}/${reference.kind}` };
  }
  const dependentNamespace = dependent.metadata.namespace ?? '';
  if (info.namespaced && dependentNamespace === '') {
    return { type: 'unresolvable', reason: 'cluster-scoped objects cannot refer to namespaced owners' };
  }
  return { type: 'lookup', kind: info.kind, namespace: info.namespaced ? dependentNamespace : '', name: reference.name };
}
// #endregion coordinates

/**
 * Upstream isDangling: the owner is found only if an object of that kind and name exists
 * where the reference can point and carries the reference's UID. A same-named object with
 * another UID is a different object (the owner was deleted and re-created), so the reference
 * dangles.
 */
export function isDangling(reference: OwnerReference, dependent: KubeObject, get: View['get']): OwnerState {
  const where = ownerCoordinates(reference, dependent);
  if (where.type === 'unresolvable') return where;
  const owner = get(where.kind, where.namespace, where.name);
  if (!owner || owner.metadata.uid !== reference.uid) return { type: 'dangling' };
  return { type: 'found', owner };
}

// #region classify
/**
 * Upstream classifyReferences: solid (the owner exists and is not deleting its dependents in
 * the foreground), dangling (it does not exist), waiting for dependents deletion (it has a
 * deletionTimestamp and the `foregroundDeletion` finalizer). The first reference that cannot
 * be verified ends the classification, as upstream's error does.
 */
export function classifyReferences(dependent: KubeObject, get: View['get']): Classification {
  const solid: OwnerReference[] = [];
  const dangling: OwnerReference[] = [];
  const waitingForDependentsDeletion: OwnerReference[] = [];
  for (const reference of dependent.metadata.ownerReferences ?? []) {
    const state = isDangling(reference, dependent, get);
    if (state.type === 'unresolvable') return { type: 'unresolvable', reference, reason: state.reason };
    if (state.type === 'dangling') dangling.push(reference);
    else if (isDeletingDependents(state.owner)) waitingForDependentsDeletion.push(reference);
    else solid.push(reference);
  }
  return { type: 'classified', solid, dangling, waitingForDependentsDeletion };
}
// #endregion classify

/**
 * The references among `references` that name an object which exists, with that UID, in
 * another namespace than the dependent's: cross-namespace references, which the collector
 * treats as absent and reports (upstream addDependentToOwners / reportInvalidNamespaceOwnerRef).
 */
export function invalidNamespaceReferences(dependent: KubeObject, references: OwnerReference[], list: View['list']): OwnerReference[] {
  const namespace = dependent.metadata.namespace ?? '';
  if (namespace === '') return [];
  return references.filter((reference) => {
    const info = kindInfo(reference.kind);
    if (!info?.namespaced || !GARBAGE_COLLECTOR_KINDS.includes(info.kind)) return false;
    return list(info.kind).some((o) => o.metadata.uid === reference.uid && (o.metadata.namespace ?? '') !== namespace);
  });
}

/**
 * Upstream reportInvalidNamespaceOwnerRef: a Warning event `OwnerRefInvalidNamespace` about
 * the dependent, saying the owner does not exist in the dependent's namespace.
 */
export function ownerRefInvalidNamespaceEvent(dependent: KubeObject, reference: OwnerReference): Intent {
  const namespace = dependent.metadata.namespace ?? '';
  const coordinates: OwnerReference = { apiVersion: reference.apiVersion, kind: reference.kind, name: reference.name, uid: reference.uid };
  return {
    type: 'event',
    involvedObject: { kind: dependent.kind, apiVersion: dependent.apiVersion, namespace, name: dependent.metadata.name, uid: dependent.metadata.uid ?? '' },
    eventType: 'Warning',
    reason: 'OwnerRefInvalidNamespace',
    message: `ownerRef ${describeOwnerReference(coordinates, namespace)} does not exist in namespace "${namespace}"`,
    source: 'garbage-collector-controller',
  };
}
