/**
 * Small types shared by many kinds: references between objects, label selectors, conditions,
 * resource lists and int-or-string values.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (ObjectReference, LocalObjectReference,
 * TypedLocalObjectReference, ResourceList) and staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go
 * (LabelSelector, Condition).
 */
import type { ObjectMeta } from '../meta';

/** An RFC 3339 timestamp such as `2024-05-01T12:00:00Z` (`metav1.Time`). */
export type Time = string;

/**
 * A field that holds either a number or a string (`intstr.IntOrString`): a port number or a
 * port name, an absolute count or a percentage such as `"25%"`.
 */
export type IntOrString = number | string;

/**
 * Resource name to quantity (`v1.ResourceList`), e.g. `{ cpu: "500m", memory: "128Mi" }`.
 * Quantities stay strings inside objects; parse them with the quantity kata when you need
 * their value.
 */
export type ResourceList = Record<string, string>;

/** A subtree this project does not model field by field; it is kept as written. */
export type OpaqueObject = Record<string, unknown>;

/** Metadata of an object embedded in another one (a pod template, a claim template). */
export type EmbeddedObjectMeta = Partial<ObjectMeta>;

/** `True`, `False` or `Unknown`, the status of every condition. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** The standard condition shape (`metav1.Condition`). */
export type Condition = {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: Time;
  reason: string;
  message: string;
};

/** `metav1.LabelSelector` and its parts, defined once with the labels chapter's given types. */
export type { LabelSelector, LabelSelectorOperator, LabelSelectorRequirement } from '../../labels/types';

/** A reference to an object in the same namespace by name only. */
export type LocalObjectReference = {
  name?: string;
};

/** A reference to any object (`v1.ObjectReference`), e.g. a PersistentVolume's `claimRef`. */
export type ObjectReference = {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
};

/** A reference to an object of a given kind in the same namespace. */
export type TypedLocalObjectReference = {
  apiGroup?: string;
  kind: string;
  name: string;
};

/** Like {@link TypedLocalObjectReference}, optionally in another namespace. */
export type TypedObjectReference = TypedLocalObjectReference & {
  namespace?: string;
};
