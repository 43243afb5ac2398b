/**
 * The Namespace: a scope for names. Deleting one deletes everything inside it, held back
 * by the `kubernetes` finalizer until the namespace is empty.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Namespace, NamespaceSpec, NamespaceStatus).
 */
import type { KubeObject } from '../meta';
import type { ConditionStatus, Time } from './common';

/** The desired state of a namespace. */
export type NamespaceSpec = {
  finalizers?: string[];
};

/** One condition of a namespace (e.g. `NamespaceDeletionContentFailure`). */
export type NamespaceCondition = {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
};

/** The observed state of a namespace. */
export type NamespaceStatus = {
  phase?: 'Active' | 'Terminating';
  conditions?: NamespaceCondition[];
};

/** A scope for names (cluster-scoped). */
export type Namespace = KubeObject<NamespaceSpec, NamespaceStatus> & {
  apiVersion: 'v1';
  kind: 'Namespace';
};
