/**
 * Owner references as controllers use them: at most one reference per object has
 * `controller: true`, and that one decides which controller manages the object.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/controller_ref.go
 * (GetControllerOf, IsControlledBy, NewControllerRef).
 */
import type { KubeObject, OwnerReference } from '../api/meta';

/** Upstream metav1.GetControllerOf: the reference with `controller: true`, if any. */
export function getControllerOf(object: Pick<KubeObject, 'metadata'>): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** Upstream metav1.IsControlledBy: the object's controller reference names `owner`'s UID. */
export function isControlledBy(object: Pick<KubeObject, 'metadata'>, owner: Pick<KubeObject, 'metadata'>): boolean {
  const ref = getControllerOf(object);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/**
 * Upstream metav1.NewControllerRef: a reference to `owner` with `controller: true` and
 * `blockOwnerDeletion: true` (so a foreground deletion of the owner waits for the dependent).
 * `apiVersion` and `kind` are the owner's, as written in its manifest (`apps/v1`, `ReplicaSet`).
 */
export function newControllerRef(owner: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
