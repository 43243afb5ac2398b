/**
 * Admission requests built from what a client sends: the object to create, the object to
 * update together with the stored one, or the name to delete. The namespace of a cluster-scoped
 * kind is always `''`, whatever the object says.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/admission/attributes.go (NewAttributesRecord).
 */
import { kindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import type { AdmissionRequest } from './types';

const namespaceOf = (kind: string, namespace: string | undefined) => (kindInfo(kind)?.namespaced ? (namespace ?? '') : '');

/** A CREATE of `object` (optionally of a subresource such as `binding`). */
export function admissionCreate(object: KubeObject, subresource?: string): AdmissionRequest {
  return {
    operation: 'CREATE',
    kind: object.kind,
    namespace: namespaceOf(object.kind, object.metadata.namespace),
    name: object.metadata.name ?? '',
    object,
    ...(subresource !== undefined && { subresource }),
  };
}

/** An UPDATE of `oldObject` to `object` (optionally of a subresource such as `status`). */
export function admissionUpdate(object: KubeObject, oldObject: KubeObject, subresource?: string): AdmissionRequest {
  return {
    operation: 'UPDATE',
    kind: object.kind,
    namespace: namespaceOf(object.kind, object.metadata.namespace),
    name: object.metadata.name,
    object,
    oldObject,
    ...(subresource !== undefined && { subresource }),
  };
}

/** A DELETE of the object of `kind` called `name` (in `namespace` for namespaced kinds). */
export function admissionDelete(kind: string, namespace: string, name: string, oldObject?: KubeObject): AdmissionRequest {
  return { operation: 'DELETE', kind, namespace: namespaceOf(kind, namespace), name, ...(oldObject && { oldObject }) };
}
