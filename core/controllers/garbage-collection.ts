/**
 * What the garbage collector chapter shares: the kinds the collector watches (the one list the
 * assembled cluster and the tests read), the two deletion finalizers, how its work-queue keys
 * name an object, and the small predicates upstream's graph keeps per node.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (FinalizerOrphanDependents,
 * FinalizerDeleteDependents, DeletionPropagation), pkg/controller/garbagecollector/graph.go
 * (objectReference.String) and graph_builder.go (beingDeleted, hasDeleteDependentsFinalizer,
 * hasOrphanFinalizer).
 */
import { kindInfo } from '../api/kinds';
import type { KubeObject, OwnerReference } from '../api/meta';

// #region kinds
/**
 * The kinds that own or are owned in this cluster, in one place. Upstream's collector watches
 * every resource that supports list, watch and delete (GetDeletableResources); here it watches
 * these. An owner reference to any other kind cannot be verified, so it never lets the
 * collector delete anything.
 */
export const GARBAGE_COLLECTOR_KINDS: readonly string[] = [
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Pod',
  'PersistentVolumeClaim',
  'ControllerRevision',
  'ConfigMap',
  'Secret',
  'Service',
  'Endpoints',
  'Node',
  'Namespace',
];
// #endregion kinds

/** metav1.FinalizerOrphanDependents: the collector removes the owner from its dependents' ownerReferences, then this finalizer. */
export const FINALIZER_ORPHAN = 'orphan';

/** metav1.FinalizerDeleteDependents: the owner stays until its blocking dependents are gone. */
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** DELETE's propagationPolicy (kubectl `--cascade=background|foreground|orphan`). */
export type DeletionPropagation = 'Background' | 'Foreground' | 'Orphan';

/** The collector's work-queue key for an object: `Kind/namespace/name` (`Node//node-a` for cluster-scoped kinds). */
export function gcKeyOf(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The parts of a key made by {@link gcKeyOf}. */
export function parseGcKey(key: string): { kind: string; namespace: string; name: string } {
  const [kind = '', namespace = '', ...rest] = key.split('/');
  return { kind, namespace, name: rest.join('/') };
}

/** Whether the kind of `kindName` lives in a namespace (`undefined` for a kind this cluster does not serve). */
export function isNamespacedKind(kindName: string): boolean | undefined {
  return kindInfo(kindName)?.namespaced;
}

/** Upstream hasFinalizer. */
export function hasFinalizer(object: Pick<KubeObject, 'metadata'>, finalizer: string): boolean {
  return (object.metadata.finalizers ?? []).includes(finalizer);
}

/** Upstream beingDeleted: `metadata.deletionTimestamp` is set. */
export function isBeingDeleted(object: Pick<KubeObject, 'metadata'>): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}

/** Upstream node.isDeletingDependents: being deleted with the `foregroundDeletion` finalizer. */
export function isDeletingDependents(object: Pick<KubeObject, 'metadata'>): boolean {
  return isBeingDeleted(object) && hasFinalizer(object, FINALIZER_FOREGROUND);
}

/**
 * Upstream objectReference.String, as it appears in the collector's events and logs:
 * `[apps/v1/ReplicaSet, namespace: default, name: web, uid: 1234]`.
 */
export function describeOwnerReference(reference: OwnerReference, namespace: string): string {
  return `[${reference.apiVersion}/${reference.kind}, namespace: ${namespace}, name: ${reference.name}, uid: ${reference.uid}]`;
}

/** The garbage collector's name as kube-controller-manager registers it (and the source of its events). */
export const GARBAGE_COLLECTOR_NAME = 'garbage-collector-controller';

/**
 * How long an owner waiting on its dependents (foreground) or orphaning them waits before it
 * looks again. Upstream's graph builder wakes the owner when a dependent drops or unblocks its
 * reference (it sees the old object in the update event); a level-triggered reconciler sees
 * only the new object, in which the reference is gone, so the owner checks back on a timer.
 */
export const GC_RECHECK_SECONDS = 1;

/** Where to look an owner up (kata 11-owner-references), or why it cannot be looked up at all. */
export type OwnerLookup =
  | { type: 'lookup'; kind: string; namespace: string; name: string }
  | { type: 'unresolvable'; reason: string };

/** What an owner lookup found: the owner (same UID), nothing (dangling), or an error that retrying will not fix. */
export type OwnerState = { type: 'found'; owner: KubeObject } | { type: 'dangling' } | { type: 'unresolvable'; reason: string };

/** A dependent's references sorted into upstream's three piles, or the first reference that could not be verified. */
export type Classification =
  | { type: 'classified'; solid: OwnerReference[]; dangling: OwnerReference[]; waitingForDependentsDeletion: OwnerReference[] }
  | { type: 'unresolvable'; reference: OwnerReference; reason: string };

/** rest.GarbageCollectionPolicy: what a kind does when a DELETE names no policy (`Unsupported`: never set GC finalizers). */
export type GarbageCollectionPolicy = 'DeleteDependents' | 'OrphanDependents' | 'Unsupported';

/** The part of metav1.DeleteOptions that concerns dependents; `orphanDependents` is the deprecated older field. */
export type DeleteOptions = { propagationPolicy?: DeletionPropagation; orphanDependents?: boolean };
