/**
 * Kata 09-pvc-retention: who may delete a StatefulSet's claims. By default nobody: claims
 * outlive their pods and the set (`Retain`), because they hold the data. With
 * `persistentVolumeClaimRetentionPolicy` a set can ask for its claims to go when it is deleted
 * (`whenDeleted: Delete`) or when the pod that used them is scaled away (`whenScaled: Delete`).
 *
 * The StatefulSet controller never deletes a claim itself. It writes owner references on the
 * claims, and the garbage collector (chapter 11) deletes a claim once its owner is gone:
 *
 * | whenScaled | whenDeleted | claim of a pod in range | claim of a scaled-down pod |
 * | --- | --- | --- | --- |
 * | Retain | Retain | no owner | no owner |
 * | Retain | Delete | the set | the set |
 * | Delete | Retain | no owner | the pod |
 * | Delete | Delete | the set | the pod |
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go
 * (getPersistentVolumeClaimRetentionPolicy, matchesRef, hasUnexpectedController,
 * hasNonControllerOwner, removeRefs, isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod,
 * hasOwnerRef, hasStaleOwnerRef, addControllerRef), pkg/controller/statefulset/
 * stateful_pod_control.go (ClaimsMatchRetentionPolicy, PodClaimIsStale).
 */
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, StatefulSet, StatefulSetPersistentVolumeClaimRetentionPolicy } from '../../core/api/types';
import type { GroupVersionKind } from '../../core/controllers/statefulset-api';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): decide which owner references a claim should carry under the set's retention
// policy (the table above), check them, rewrite them, and tell when a claim still belongs to
// an earlier pod of the same name. STATEFULSET_KIND and POD_KIND are in
// core/controllers/statefulset-api.ts; podInOrdinalRange and getPersistentVolumeClaims come
// from @kata/09-statefulset/identity.

/** A retention policy with both fields set. */
export type RetentionPolicy = Required<StatefulSetPersistentVolumeClaimRetentionPolicy>;

type Owner = Pick<KubeObject, 'metadata'>;

/** Upstream getPersistentVolumeClaimRetentionPolicy: the set's policy, `Retain` for whatever it leaves out. */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): RetentionPolicy {
  return notImplemented('09-pvc-retention');
}

/** Upstream matchesRef: the reference names `obj` (by name) with this kind and apiVersion, whatever its UID. */
export function matchesRef(ref: OwnerReference, obj: Owner, gvk: GroupVersionKind): boolean {
  return notImplemented('09-pvc-retention');
}

/** Upstream hasOwnerRef: some reference of `target` has `owner`'s UID (controller or not). */
export function hasOwnerRef(target: Owner, owner: Owner): boolean {
  return notImplemented('09-pvc-retention');
}

/** Upstream hasStaleOwnerRef: the first reference naming `obj` (same name and kind) has another UID: it meant an earlier object of that name. */
export function hasStaleOwnerRef(target: Owner, obj: Owner, gvk: GroupVersionKind): boolean {
  return notImplemented('09-pvc-retention');
}

/**
 * Upstream hasUnexpectedController: under a policy other than Retain/Retain, the claim has a
 * controller that is neither this set nor this pod, or a reference to the set or pod by name
 * with a stale UID.
 */
export function hasUnexpectedController(claim: Owner, set: StatefulSet, pod: Owner): boolean {
  return notImplemented('09-pvc-retention');
}

/** Upstream hasNonControllerOwner: the set or the pod owns the claim without being its controller. */
export function hasNonControllerOwner(claim: Owner, set: Owner, pod: Owner): boolean {
  return notImplemented('09-pvc-retention');
}

/**
 * Upstream isClaimOwnerUpToDate: the claim's owner references say what the policy wants (see
 * the table above). A claim with a stale reference to the set or pod is left alone (true);
 * one with an unexpected controller is up to date only if neither set nor pod owns it; one
 * the set or pod owns without being controller needs an update.
 */
export function isClaimOwnerUpToDate(claim: Owner, set: StatefulSet, pod: Owner): boolean {
  return notImplemented('09-pvc-retention');
}

/**
 * Upstream updateClaimOwnerRefForSetAndPod: the claim with every reference to this set and
 * pod (matched by name and kind) removed, then the controller references the policy wants
 * added. Next to an unexpected controller nothing is added.
 */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Owner): PersistentVolumeClaim {
  return notImplemented('09-pvc-retention');
}

/** Upstream ClaimsMatchRetentionPolicy: every existing claim of the pod is up to date (missing ones are picked up later). */
export function claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod, claims: Record<string, PersistentVolumeClaim>): boolean {
  return notImplemented('09-pvc-retention');
}

/**
 * Upstream PodClaimIsStale: under `whenScaled: Delete`, a claim of the pod still refers to an
 * earlier pod of the same name. That claim is about to be garbage collected, so the pod must
 * not be created on top of it yet.
 */
export function podClaimIsStale(set: StatefulSet, pod: Pod, claims: Record<string, PersistentVolumeClaim>): boolean {
  return notImplemented('09-pvc-retention');
}
