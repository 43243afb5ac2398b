/**
 * Schemas shared by every kind: ObjectMeta and the root check that validates it, label
 * selectors, and references to other objects.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
 * (ValidateObjectMeta, validateOwnerReference) and
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
 * (ValidateLabelSelectorRequirement).
 */
import type { ObjectMeta, OwnerReference } from '../meta';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  LocalObjectReference,
  ObjectReference,
  TypedLocalObjectReference,
  TypedObjectReference,
} from '../types/common';
import type { FieldError } from './field-error';
import { forbidden, invalid, required } from './field-error';
import type { StringFormat } from './names';
import { formatErrors } from './names';
import { child } from './path';
import type { Check, Loose } from './schema';
import { arr, bool, int64, map, obj, opaque, req, str } from './schema';

const ownerReference = obj<OwnerReference>(
  'OwnerReference',
  { apiVersion: str(), kind: str(), name: str(), uid: str({ goType: 'types.UID' }), controller: bool(), blockOwnerDeletion: bool() },
  [
    (ref, path) => {
      // Upstream reports these as Invalid with a detail, not as Required.
      const errors: FieldError[] = [];
      if (!ref.apiVersion) errors.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
      if (!ref.kind) errors.push(invalid(child(path, 'kind'), ref.kind ?? '', 'kind must not be empty'));
      if (!ref.name) errors.push(invalid(child(path, 'name'), ref.name ?? '', 'name must not be empty'));
      if (!ref.uid) errors.push(invalid(child(path, 'uid'), ref.uid ?? '', 'uid must not be empty'));
      return errors;
    },
  ],
);

/** `metav1.Time` fields: RFC 3339 strings. */
const time = () => str({ goType: 'v1.Time' });

/** Every field of `metav1.ObjectMeta`, including the two server-managed ones meta.ts leaves out. */
export const objectMeta = obj<ObjectMeta & { selfLink?: string; managedFields?: unknown[] }>('ObjectMeta', {
  name: str(),
  generateName: str(),
  namespace: str(),
  selfLink: str(),
  uid: str({ goType: 'types.UID' }),
  resourceVersion: str(),
  generation: int64(),
  creationTimestamp: time(),
  deletionTimestamp: time(),
  deletionGracePeriodSeconds: int64(),
  labels: map(str()),
  annotations: map(str()),
  ownerReferences: arr(ownerReference),
  finalizers: arr(str()),
  managedFields: arr(opaque('v1.ManagedFieldsEntry')),
});

/**
 * Upstream `ValidateObjectMeta` for a manifest: a name (or a generateName) in the kind's
 * format, and a DNS-1123 label as namespace for namespaced kinds. A namespace on a
 * cluster-scoped object is cleared by the server before validation, so it is not checked.
 */
export function validateObjectMeta(meta: Loose<ObjectMeta> | undefined, path: string, nameFormat: StringFormat, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const name = meta?.name ?? '';
  const generateName = meta?.generateName ?? '';
  if (generateName !== '')
    for (const msg of formatErrors(nameFormat, generateName, true)) errors.push(invalid(child(path, 'generateName'), generateName, msg));
  if (name !== '') for (const msg of formatErrors(nameFormat, name)) errors.push(invalid(child(path, 'name'), name, msg));
  else if (generateName === '') errors.push(required(child(path, 'name'), 'name or generateName is required'));
  const namespace = meta?.namespace ?? '';
  if (namespaced && namespace !== '')
    for (const msg of formatErrors('dns1123Label', namespace)) errors.push(invalid(child(path, 'namespace'), namespace, msg));
  return errors;
}

/** The root check of a kind: its metadata, with the kind's name format. */
export function objectMetaCheck(nameFormat: StringFormat, namespaced: boolean): Check<{ metadata?: ObjectMeta }> {
  return (object, path) => validateObjectMeta(object.metadata, child(path, 'metadata'), nameFormat, namespaced);
}

const labelSelectorRequirement = obj<LabelSelectorRequirement>(
  'LabelSelectorRequirement',
  { key: str(), operator: str({ goType: 'v1.LabelSelectorOperator' }), values: arr(str()) },
  [
    (requirement, path) => {
      const values = requirement.values ?? [];
      const operator = requirement.operator ?? '';
      if (operator === 'In' || operator === 'NotIn')
        return values.length === 0 ? [required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'")] : [];
      if (operator === 'Exists' || operator === 'DoesNotExist')
        return values.length > 0 ? [forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")] : [];
      return [invalid(child(path, 'operator'), operator, 'not a valid selector operator')];
    },
  ],
);

/**
 * `metav1.LabelSelector`. Only the operators are checked here; label key and value syntax
 * is chapter 02's subject.
 */
export const labelSelector = obj<LabelSelector>('LabelSelector', {
  matchLabels: map(str()),
  matchExpressions: arr(labelSelectorRequirement),
});

/** `v1.LocalObjectReference`. */
export const localObjectReference = obj<LocalObjectReference>('LocalObjectReference', { name: str() });

/** `v1.ObjectReference`. */
export const objectReference = obj<ObjectReference>('ObjectReference', {
  kind: str(),
  namespace: str(),
  name: str(),
  uid: str({ goType: 'types.UID' }),
  apiVersion: str(),
  resourceVersion: str(),
  fieldPath: str(),
});

/** `v1.TypedLocalObjectReference`. */
export const typedLocalObjectReference = obj<TypedLocalObjectReference>('TypedLocalObjectReference', {
  apiGroup: str(),
  kind: req(str()),
  name: req(str()),
});

/** `v1.TypedObjectReference`. */
export const typedObjectReference = obj<TypedObjectReference>('TypedObjectReference', {
  apiGroup: str(),
  kind: req(str()),
  name: req(str()),
  namespace: str(),
});

/** `metav1.Time`. */
export { time };
