/**
 * What the API server does to an object on create before it reaches storage, for the kinds
 * where it matters to a first-cut cluster: status is reset (clients cannot write status on
 * create), pods start Pending, namespaces start Active with the `kubernetes` finalizer.
 *
 * Upstream: pkg/registry/core/pod/strategy.go, pkg/registry/apps/deployment/strategy.go,
 * pkg/registry/core/namespace/strategy.go (PrepareForCreate).
 */
import type { KubeObject } from '../api/meta';

// Kinds whose status lives behind a /status subresource: a create cannot set it. Node is not
// among them: a kubelet registers its Node with status, and simulated nodes are written that way.
const STATUS_RESET: Record<string, () => unknown> = {
  Pod: () => ({ phase: 'Pending' }),
  Namespace: () => ({ phase: 'Active' }),
  PersistentVolume: () => ({ phase: 'Pending' }),
  PersistentVolumeClaim: () => ({ phase: 'Pending' }),
  Deployment: () => ({}),
  ReplicaSet: () => ({}),
  StatefulSet: () => ({}),
  DaemonSet: () => ({}),
  ReplicationController: () => ({}),
  Service: () => ({ loadBalancer: {} }),
  Ingress: () => ({ loadBalancer: {} }),
};

/** The object as the API server would store it on create. */
export function prepareForCreate(object: KubeObject): KubeObject {
  const reset = STATUS_RESET[object.kind];
  const prepared: KubeObject = reset ? { ...object, status: reset() } : { ...object };
  if (object.kind === 'Namespace') {
    const finalizers = ((object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    prepared.spec = { ...(object.spec as object), finalizers: ['kubernetes', ...finalizers] };
  }
  return prepared;
}
