/**
 * Pods and nodes for the chapter 05 tests, built the way a manifest would write them, with
 * the server-set fields (uid, creationTimestamp) a stored object has.
 */
import type { Container } from '../../api/types/container';
import type { Node } from '../../api/types/node';
import type { Pod, PodSpec } from '../../api/types/pod';

/** A pod `name` in `default` with uid `uid-<name>`, bound to `node-1`, running `containers`. */
export function podWith(name: string, containers: Container[], spec: Partial<PodSpec> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2025-01-01T00:00:00Z', ...meta },
    spec: { nodeName: 'node-1', containers, ...spec },
    status: { phase: 'Pending' },
  };
}

/** A Node as a manifest creates it: a name, labels, no status yet. */
export function nodeNamed(name: string, labels: Record<string, string> = {}, uid = `uid-${name}`): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid, labels, creationTimestamp: '2025-01-01T00:00:00Z' }, spec: {}, status: {} };
}
