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
import { notImplemented } from '../../core/kata/not-implemented';
import type { Status } from '../../core/scheduler/types';

// TODO(kata): a pod that names a node fits only that node; reject the others with upstream's
// exact reason and code.

/** Upstream nodename.Fits: the pod names no node, or names this one. */
export function nodeNameFits(pod: Pod, node: Node): boolean {
  return notImplemented('06-node-affinity');
}

/** Upstream NodeName.Filter: `node(s) didn't match the requested node name` for every other node. */
export function nodeNameFilter(pod: Pod, node: Node): Status {
  return notImplemented('06-node-affinity');
}
