/**
 * Kata 06-node-affinity (second file): the NodeName filter.
 *
 * A pod may name its node in `spec.nodeName`. The scheduler then only checks that node; a pod
 * created with `nodeName` already set never reaches the scheduler at all, the kubelet of that
 * node simply runs it.
 *
 * Upstream: pkg/scheduler/framework/plugins/nodename/node_name.go (Fits, Filter, ErrReason).
 */
import type { Node, Pod } from '../../core/api/types';
import { newStatus, SUCCESS, type Status } from '../../core/scheduler/types';

/** Upstream nodename.Fits: the pod names no node, or names this one. */
export function nodeNameFits(pod: Pod, node: Node): boolean {
  const wanted = pod.spec?.nodeName ?? '';
  return wanted === '' || wanted === node.metadata.name;
}

/** Upstream NodeName.Filter: `node(s) didn't match the requested node name` for every other node. */
export function nodeNameFilter(pod: Pod, node: Node): Status {
  return nodeNameFits(pod, node) ? SUCCESS : NO_MATCH;
}

const NO_MATCH: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', "node(s) didn't match the requested node name"));
