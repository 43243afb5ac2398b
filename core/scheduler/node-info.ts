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
import type { NodeInfo, PodInfo, Resource } from './types';

/**
 * Every `NodeInfo` is built here, with its fields in one order: the filter and score plugins
 * read these objects for every node of every pod, and V8 keeps such property reads fast only
 * while all the objects share one shape (no spreads, no optional fields).
 */
function nodeInfo(name: string, node: Node, allocatable: Resource, requested: Resource, nonZeroMilliCPU: number, nonZeroMemory: number, pods: PodInfo[]): NodeInfo {
  return { name, node, allocatable, requested, nonZeroRequested: { milliCPU: nonZeroMilliCPU, memory: nonZeroMemory }, pods };
}

/** A node with no pods yet; allocatable comes from `status.allocatable` (`SetNode`). */
export function newNodeInfo(node: Node): NodeInfo {
  return nodeInfo(node.metadata.name, node, resourceFromList(node.status?.allocatable), emptyResource(), 0, 0, []);
}

/** The same pods on an updated Node object (a label, taint or allocatable change). */
export function withNode(info: NodeInfo, node: Node): NodeInfo {
  const { name, requested, nonZeroRequested, pods } = info;
  return nodeInfo(name, node, resourceFromList(node.status?.allocatable), requested, nonZeroRequested.milliCPU, nonZeroRequested.memory, pods);
}

/** The node with one more pod (`NodeInfo.AddPodInfo`). */
export function addPod(info: NodeInfo, pod: PodInfo): NodeInfo {
  const r = pod.resource;
  // The pod count is `pods.length`; a pod's own `pods` request is not summed (`NodeInfo.update`).
  const pods = info.pods.slice();
  pods.push(pod);
  return nodeInfo(
    info.name,
    info.node,
    info.allocatable,
    combineResources(info.requested, r.requested, 1, false),
    info.nonZeroRequested.milliCPU + r.non0MilliCPU,
    info.nonZeroRequested.memory + r.non0Memory,
    pods,
  );
}

/** The node without the pod `key` (`NodeInfo.RemovePod`); unchanged when the pod is not there. */
export function removePod(info: NodeInfo, key: string): NodeInfo {
  const index = info.pods.findIndex((p) => p.key === key);
  if (index < 0) return info;
  const r = info.pods[index]!.resource;
  return nodeInfo(
    info.name,
    info.node,
    info.allocatable,
    combineResources(info.requested, r.requested, -1, false),
    info.nonZeroRequested.milliCPU - r.non0MilliCPU,
    info.nonZeroRequested.memory - r.non0Memory,
    info.pods.filter((_, i) => i !== index),
  );
}

/** The key the scheduler files a pod under: `namespace/name`. */
export function podKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? 'default'}/${name}`;
}
