/**
 * The pod garbage collector's settings and work-queue keys. Upstream runs one loop every 20 s
 * over all pods; here the loop is split into keys a level-triggered reconciler can be woken
 * with: one per pod, one per node whose disappearance is being confirmed, and one for the
 * cluster-wide count of terminated pods.
 *
 * Upstream: pkg/controller/podgc/gc_controller.go (gcCheckPeriod, quarantineTime),
 * pkg/controller/podgc/config/v1alpha1/defaults.go (TerminatedPodGCThreshold 12500),
 * pkg/util/node (IsNodeReady), staging/src/k8s.io/api/core/v1/well_known_taints.go.
 */
import type { KubeObject } from '../api/meta';
import type { Node } from '../api/types';

/** The controller's name in kube-controller-manager. */
export const POD_GC_NAME = 'pod-garbage-collector-controller';

/** `--terminated-pod-gc-threshold`: terminated pods kept before the oldest are deleted; 0 or less turns that part off. */
export const TERMINATED_POD_GC_THRESHOLD = 12500;

/** How long a node must stay missing before its pods are deleted (upstream quarantineTime). */
export const QUARANTINE_SECONDS = 40;

/** The taint an administrator puts on a node that is out of service, so its terminating pods can go. */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** The key of the one pass over all terminated pods. */
export const TERMINATED_PODS_KEY = 'terminated';

/** The key of one pod: `pod/namespace/name`. */
export function podGcKey(pod: Pick<KubeObject, 'metadata'>): string {
  return `pod/${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
}

/** The key that confirms, after the quarantine, that a node is gone: `node/name`. */
export function nodeGcKey(nodeName: string): string {
  return `node/${nodeName}`;
}

/** What a key made by this module names. */
export function parsePodGcKey(key: string): { type: 'terminated' } | { type: 'pod'; namespace: string; name: string } | { type: 'node'; name: string } {
  if (key === TERMINATED_PODS_KEY) return { type: 'terminated' };
  const [prefix = '', first = '', second = ''] = key.split('/');
  return prefix === 'node' ? { type: 'node', name: first } : { type: 'pod', namespace: first, name: second };
}

/** Upstream nodeutil.IsNodeReady: the node's `Ready` condition is `True`. */
export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
