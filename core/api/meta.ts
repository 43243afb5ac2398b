/**
 * The shape every Kubernetes object shares: TypeMeta + ObjectMeta, then a kind-specific
 * `spec` and `status`. Field names are Kubernetes' own, so a manifest from kubernetes.io
 * maps onto these types unchanged.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (TypeMeta, ObjectMeta,
 * OwnerReference, Status).
 */

/** `apiVersion` and `kind`: which schema the rest of the object follows. */
export type TypeMeta = {
  apiVersion: string;
  kind: string;
};

/** A link from a dependent to the object that owns it (garbage collection, controllers). */
export type OwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

/** Metadata the API server keeps for every object. Server-set fields are optional on input. */
export type ObjectMeta = {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  /** Opaque to clients; here the decimal string of the store's global revision counter. */
  resourceVersion?: string;
  /** Incremented by the server on every change to `spec`. */
  generation?: number;
  /** RFC 3339, set by the server from the request's logical `now`. */
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
};

/** Any Kubernetes object. Kind-specific types narrow `spec` and `status`. */
export type KubeObject<Spec = unknown, Status = unknown> = TypeMeta & {
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  /** Kinds such as ConfigMap and Secret keep their payload at the top level. */
  [field: string]: unknown;
};

/** The reasons a request can fail, as `metav1.StatusReason` spells them. */
export type StatusReason =
  | 'AlreadyExists'
  | 'Conflict'
  | 'NotFound'
  | 'Gone'
  /** 410 for a watch or list from a compacted resourceVersion (current upstream; older releases said Gone). */
  | 'Expired'
  | 'InternalError'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed';

/** A failed request's answer, shaped like `metav1.Status`. */
export type Status = {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: StatusReason;
  code: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { field: string; message: string }[] };
};
