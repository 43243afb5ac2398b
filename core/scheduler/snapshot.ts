/**
 * The scheduler's own state: one `NodeInfo` per node, sorted by name, an index from name to
 * position, and where the next search for feasible nodes starts. It is the scheduler cache
 * and its snapshot in one plain value.
 *
 * Binding a pod replaces one `NodeInfo` and copies the array of references (not the nodes),
 * so a cluster of 5,000 nodes pays a few microseconds per bind, never a recount of its pods.
 *
 * Upstream: pkg/scheduler/backend/cache/cache.go (AssumePod, AddNode, UpdateNode, RemoveNode,
 * RemovePod), pkg/scheduler/backend/cache/snapshot.go; `nextStartNodeIndex` in
 * pkg/scheduler/schedule_one.go. Upstream orders nodes zone by zone (nodeTree); this project
 * orders them by name, which is the same when nodes carry no zone label.
 */
import type { Node } from '../api/types';
import { addPod, newNodeInfo, removePod, withNode } from './node-info';
import type { NodeInfo, PodInfo } from './types';

/** Every node the scheduler may use, and where it resumes its search. */
export type SchedulerState = {
  /** Sorted by name. */
  nodes: NodeInfo[];
  /** Node name to its position in `nodes`. */
  nodeIndex: Record<string, number>;
  /** The position the next filter pass starts from, so all nodes get their turn. */
  nextStartNodeIndex: number;
};

const byName = (a: NodeInfo, b: NodeInfo) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function indexOf(nodes: readonly NodeInfo[]): Record<string, number> {
  const index: Record<string, number> = Object.create(null);
  nodes.forEach((n, i) => (index[n.name] = i));
  return index;
}

/** A state with no nodes. */
export function emptySchedulerState(): SchedulerState {
  return { nodes: [], nodeIndex: Object.create(null), nextStartNodeIndex: 0 };
}

/**
 * The state for these nodes and the pods already bound to them. `pods` pairs a node name with
 * the pod's `PodInfo`; pods naming an unknown node are ignored, as the cache ignores them
 * until their node appears.
 */
export function schedulerStateFrom(nodes: readonly Node[], pods: readonly { nodeName: string; pod: PodInfo }[] = []): SchedulerState {
  const infos = nodes.map(newNodeInfo).sort(byName);
  const index = indexOf(infos);
  for (const { nodeName, pod } of pods) {
    const i = index[nodeName];
    if (i !== undefined) infos[i] = addPod(infos[i]!, pod);
  }
  return { nodes: infos, nodeIndex: index, nextStartNodeIndex: 0 };
}

/** The `NodeInfo` of a node, or `undefined`. */
export function getNodeInfo(state: SchedulerState, name: string): NodeInfo | undefined {
  const i = state.nodeIndex[name];
  return i === undefined ? undefined : state.nodes[i];
}

/** The state with one `NodeInfo` replaced (same name, same position). */
export function replaceNodeInfo(state: SchedulerState, info: NodeInfo): SchedulerState {
  const i = state.nodeIndex[info.name];
  if (i === undefined) throw new Error(`node "${info.name}" is not in the scheduler's state`);
  const nodes = state.nodes.slice();
  nodes[i] = info;
  return { ...state, nodes };
}

/** Adds a node, or updates the Node object of a known one (its pods stay). */
export function upsertNode(state: SchedulerState, node: Node): SchedulerState {
  const known = getNodeInfo(state, node.metadata.name);
  if (known !== undefined) return replaceNodeInfo(state, withNode(known, node));
  const nodes = [...state.nodes, newNodeInfo(node)].sort(byName);
  return { ...state, nodes, nodeIndex: indexOf(nodes), nextStartNodeIndex: nodes.length === 0 ? 0 : state.nextStartNodeIndex % nodes.length };
}

/** Removes a node and everything on it. */
export function deleteNode(state: SchedulerState, name: string): SchedulerState {
  if (state.nodeIndex[name] === undefined) return state;
  const nodes = state.nodes.filter((n) => n.name !== name);
  return { ...state, nodes, nodeIndex: indexOf(nodes), nextStartNodeIndex: nodes.length === 0 ? 0 : state.nextStartNodeIndex % nodes.length };
}

/** Counts a pod on a node (`Cache.AssumePod`, or a bound pod seen by the informer). */
export function assumePod(state: SchedulerState, nodeName: string, pod: PodInfo): SchedulerState {
  const info = getNodeInfo(state, nodeName);
  if (info === undefined) throw new Error(`node "${nodeName}" is not in the scheduler's state`);
  return replaceNodeInfo(state, addPod(info, pod));
}

/** Stops counting a pod on a node (it was deleted or finished). */
export function forgetPod(state: SchedulerState, nodeName: string, key: string): SchedulerState {
  const info = getNodeInfo(state, nodeName);
  return info === undefined ? state : replaceNodeInfo(state, removePod(info, key));
}
