/**
 * `NodeInfo` values: what the scheduler knows about one node, kept current by adding and
 * removing pods. Each function returns a new value and leaves its input untouched; the sums
 * change by exactly the pod's contribution, so binding a pod costs the same on a node with
 * three pods as on one with a hundred.
 *
 * Upstream: pkg/scheduler/framework/types.go (NewNodeInfo, SetNode, AddPodInfo, RemovePod,
 * update).
 */
import type { Node } from '../api/types';
import { combineResources, emptyResource, resourceFromList } from './resource';
import type { NodeInfo, PodInfo } from './types';

/** A node with no pods yet; allocatable comes from `status.allocatable` (`SetNode`). */
export function newNodeInfo(node: Node): NodeInfo {
  return {
    name: node.metadata.name,
    node,
    allocatable: resourceFromList(node.status?.allocatable),
    requested: emptyResource(),
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    pods: [],
  };
}

/** The same pods on an updated Node object (a label, taint or allocatable change). */
export function withNode(info: NodeInfo, node: Node): NodeInfo {
  return { ...info, node, allocatable: resourceFromList(node.status?.allocatable) };
}

/** The node with one more pod (`NodeInfo.AddPodInfo`). */
export function addPod(info: NodeInfo, pod: PodInfo): NodeInfo {
  const r = pod.resource;
  return {
    ...info,
    // The pod count is `pods.length`; a pod's own `pods` request is not summed (`NodeInfo.update`).
    requested: { ...combineResources(info.requested, r.requested, 1), allowedPodNumber: info.requested.allowedPodNumber },
    nonZeroRequested: {
      milliCPU: info.nonZeroRequested.milliCPU + r.non0MilliCPU,
      memory: info.nonZeroRequested.memory + r.non0Memory,
    },
    pods: [...info.pods, pod],
  };
}

/** The node without the pod `key` (`NodeInfo.RemovePod`); unchanged when the pod is not there. */
export function removePod(info: NodeInfo, key: string): NodeInfo {
  const index = info.pods.findIndex((p) => p.key === key);
  if (index < 0) return info;
  const r = info.pods[index]!.resource;
  return {
    ...info,
    requested: { ...combineResources(info.requested, r.requested, -1), allowedPodNumber: info.requested.allowedPodNumber },
    nonZeroRequested: {
      milliCPU: info.nonZeroRequested.milliCPU - r.non0MilliCPU,
      memory: info.nonZeroRequested.memory - r.non0Memory,
    },
    pods: info.pods.filter((_, i) => i !== index),
  };
}

/** The key the scheduler files a pod under: `namespace/name`. */
export function podKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? 'default'}/${name}`;
}
