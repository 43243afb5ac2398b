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
import { getPersistentVolumeClaims, podInOrdinalRange } from '@kata/09-statefulset/identity';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, StatefulSet, StatefulSetPersistentVolumeClaimRetentionPolicy } from '../../core/api/types';
import { POD_KIND, STATEFULSET_KIND, type GroupVersionKind } from '../../core/controllers/statefulset-api';

/** A retention policy with both fields set. */
export type RetentionPolicy = Required<StatefulSetPersistentVolumeClaimRetentionPolicy>;

type Owner = Pick<KubeObject, 'metadata'>;
const uidOf = (o: Owner) => o.metadata.uid ?? '';

/** Upstream getPersistentVolumeClaimRetentionPolicy: the set's policy, `Retain` for whatever it leaves out. */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): RetentionPolicy {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: policy?.whenDeleted ?? 'Retain', whenScaled: policy?.whenScaled ?? 'Retain' };
}

/** Upstream matchesRef: the reference names `obj` (by name) with this kind and apiVersion, whatever its UID. */
export function matchesRef(ref: OwnerReference, obj: Owner, gvk: GroupVersionKind): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata.name;
}

/** Upstream hasOwnerRef: some reference of `target` has `owner`'s UID (controller or not). */
export function hasOwnerRef(target: Owner, owner: Owner): boolean {
  return (target.metadata.ownerReferences ?? []).some((ref) => ref.uid === uidOf(owner));
}

/** Upstream hasStaleOwnerRef: the first reference naming `obj` (same name and kind) has another UID: it meant an earlier object of that name. */
export function hasStaleOwnerRef(target: Owner, obj: Owner, gvk: GroupVersionKind): boolean {
  const ref = (target.metadata.ownerReferences ?? []).find((r) => matchesRef(r, obj, gvk));
  return ref !== undefined && ref.uid !== uidOf(obj);
}

/**
 * Upstream hasUnexpectedController: under a policy other than Retain/Retain, the claim has a
 * controller that is neither this set nor this pod, or a reference to the set or pod by name
 * with a stale UID.
 */
export function hasUnexpectedController(claim: Owner, set: StatefulSet, pod: Owner): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, STATEFULSET_KIND)) {
      if (ref.uid !== uidOf(set)) return true;
      continue;
    }
    if (matchesRef(ref, pod, POD_KIND)) {
      if (ref.uid !== uidOf(pod)) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

/** Upstream hasNonControllerOwner: the set or the pod owns the claim without being its controller. */
export function hasNonControllerOwner(claim: Owner, set: Owner, pod: Owner): boolean {
  return (claim.metadata.ownerReferences ?? []).some((ref) => (ref.uid === uidOf(set) || ref.uid === uidOf(pod)) && ref.controller !== true);
}

/**
 * Upstream isClaimOwnerUpToDate: the claim's owner references say what the policy wants (see
 * the table above). A claim with a stale reference to the set or pod is left alone (true);
 * one with an unexpected controller is up to date only if neither set nor pod owns it; one
 * the set or pod owns without being controller needs an update.
 */
export function isClaimOwnerUpToDate(claim: Owner, set: StatefulSet, pod: Owner): boolean {
  if (hasStaleOwnerRef(claim, set, STATEFULSET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const wantsSetRef = policy.whenDeleted === 'Delete' && (policy.whenScaled === 'Retain' || !scaledDown);
  const wantsPodRef = policy.whenScaled === 'Delete' && scaledDown;
  return hasOwnerRef(claim, set) === wantsSetRef && hasOwnerRef(claim, pod) === wantsPodRef;
}

/** Upstream addControllerRef: `refs` plus a controller reference to `owner`, unless one with its UID is there. */
function addControllerRef(refs: OwnerReference[], owner: Owner, gvk: GroupVersionKind): OwnerReference[] {
  if (refs.some((ref) => ref.uid === uidOf(owner))) return refs;
  return [...refs, { ...gvk, name: owner.metadata.name, uid: uidOf(owner), controller: true, blockOwnerDeletion: true }];
}

/**
 * Upstream updateClaimOwnerRefForSetAndPod: the claim with every reference to this set and
 * pod (matched by name and kind) removed, then the controller references the policy wants
 * added. Next to an unexpected controller nothing is added.
 */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Owner): PersistentVolumeClaim {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((ref) => !matchesRef(ref, set, STATEFULSET_KIND) && !matchesRef(ref, pod, POD_KIND));
  if (!unexpected) {
    const policy = getPersistentVolumeClaimRetentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (policy.whenScaled === 'Delete' && scaledDown) refs = addControllerRef(refs, pod, POD_KIND);
    if (policy.whenDeleted === 'Delete' && (policy.whenScaled === 'Retain' || !scaledDown)) refs = addControllerRef(refs, set, STATEFULSET_KIND);
  }
  const { ownerReferences: _old, ...metadata } = claim.metadata;
  return { ...claim, metadata: refs.length > 0 ? { ...metadata, ownerReferences: refs } : metadata };
}

/** Upstream ClaimsMatchRetentionPolicy: every existing claim of the pod is up to date (missing ones are picked up later). */
export function claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod, claims: Record<string, PersistentVolumeClaim>): boolean {
  return Object.values(getPersistentVolumeClaims(set, pod)).every((wanted) => {
    const claim = claims[wanted.metadata.name];
    return claim === undefined || isClaimOwnerUpToDate(claim, set, pod);
  });
}

/**
 * Upstream PodClaimIsStale: under `whenScaled: Delete`, a claim of the pod still refers to an
 * earlier pod of the same name. That claim is about to be garbage collected, so the pod must
 * not be created on top of it yet.
 */
export function podClaimIsStale(set: StatefulSet, pod: Pod, claims: Record<string, PersistentVolumeClaim>): boolean {
  if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === 'Retain') return false;
  return Object.values(getPersistentVolumeClaims(set, pod)).some((wanted) => {
    const claim = claims[wanted.metadata.name];
    return claim !== undefined && hasStaleOwnerRef(claim, pod, POD_KIND);
  });
}
