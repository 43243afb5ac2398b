/**
 * Kata 05-kubelet: the kubelet of every node, as one agent of the simulation (KWOK-style).
 * It watches Pods, Nodes and Leases and works on two kinds of keys:
 *
 * - `node/<node>`: the node's heartbeat (labels, Lease, status), its static pods (mirror pods
 *   in the API, a pod worker each), and the removal of static pods whose file is gone;
 * - `pod/<node>/<namespace>/<name>`: one pod bound to that node. The pod worker runs it, and
 *   whatever the runtime still runs under that name with another UID (a deleted or replaced
 *   pod) is killed and removed.
 *
 * Each node's machine, container runtime and back-off tables live in the agent's local
 * state, created the first time the agent meets the Node. Every reconcile first moves that
 * node's runtime clock to `view.now`, so exits and pulls due by then have happened.
 *
 * Upstream: pkg/kubelet/kubelet.go (syncLoop, HandlePodAdditions, HandlePodCleanups,
 * SyncPod), pkg/kubelet/pod_workers.go, pkg/kubelet/kubelet_node_status.go (syncNodeStatus),
 * kubernetes-sigs/kwok pkg/kwok/controllers (one controller for many nodes).
 */
import type { Node } from '../../core/api/types/node';
import type { Pod } from '../../core/api/types/pod';
import type { KubeObject } from '../../core/api/meta';
import type { Time } from '../../core/api/types/common';
import { toMillis } from '../../core/data/rfc3339';
import { BACK_OFF_PERIOD_SECONDS, MAX_CONTAINER_BACK_OFF_SECONDS } from '../../core/kubelet/backoff';
import { MAX_IMAGE_BACK_OFF_SECONDS } from '../../core/kubelet/image-pull';
import { KUBELET_AGENT_NAME, type KubeletLocal, type NodeLocal } from '../../core/kubelet/kubelet-local';
import { NODE_LEASE_NAMESPACE, NODE_STATUS_UPDATE_FREQUENCY_SECONDS, type Lease } from '../../core/kubelet/lease';
import { defaultMachine, HEALTHY, type NodeHealth } from '../../core/kubelet/node-machine';
import { CONFIG_SOURCE_ANNOTATION, FILE_SOURCE } from '../../core/kubelet/pod-source';
import type { Stages } from '../../core/kubelet/stages';
import type { Agent, Intent, View } from '../../core/runtime/types';
import { newBackOff } from '@kata/04-pod-sandbox/restart-backoff';
import { newRuntime, reduceRuntime } from '@kata/05-node-runtime/cri-runtime';
import { nodeHeartbeat } from '@kata/05-node-runtime/node-heartbeat';
import { removePod, syncPodWorker } from '@kata/05-node-runtime/pod-worker';
import { isMirrorPod, readStaticPods, syncMirrorPods } from '@kata/05-node-runtime/static-pods';

/** The key of a node's own work. */
export function nodeKey(nodeName: string): string {
  return `node/${nodeName}`;
}

/** The key of a pod bound to a node. */
export function podKey(nodeName: string, namespace: string, name: string): string {
  return `pod/${nodeName}/${namespace}/${name}`;
}

// #region keys
/**
 * The keys a changed object concerns: a Node or its Lease concern the node; a mirror pod
 * concerns its node (static pods are the node's business); any other pod bound to a node
 * concerns that pod on that node. Unbound pods are the scheduler's.
 */
export function kubeletKeysFor(object: KubeObject): string[] {
  if (object.kind === 'Node') return [nodeKey(object.metadata.name)];
  if (object.kind === 'Lease') return object.metadata.namespace === NODE_LEASE_NAMESPACE ? [nodeKey(object.metadata.name)] : [];
  if (object.kind !== 'Pod') return [];
  const pod = object as Pod;
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return [];
  return isMirrorPod(pod) ? [nodeKey(nodeName)] : [podKey(nodeName, pod.metadata.namespace ?? 'default', pod.metadata.name)];
}
// #endregion keys

/** The node's state, created on first sight: its machine, an empty runtime clocked at `now`, fresh back-off tables. */
export function ensureNodeLocal(local: KubeletLocal, node: Node, now: Time): [KubeletLocal, NodeLocal] {
  const name = node.metadata.name;
  const existing = local.nodes[name];
  if (existing) return [local, existing];
  const machine = defaultMachine(name, local.nodesSeen);
  const nodeIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? machine.nodeIP;
  const podCIDR = node.spec?.podCIDR ?? machine.podCIDR;
  const nodeLocal: NodeLocal = {
    machine: { ...machine, nodeIP, podCIDR },
    runtime: newRuntime({ nodeName: name, nodeIP, podCIDR, now }),
    backOff: newBackOff(BACK_OFF_PERIOD_SECONDS, MAX_CONTAINER_BACK_OFF_SECONDS),
    imageBackOff: newBackOff(BACK_OFF_PERIOD_SECONDS, MAX_IMAGE_BACK_OFF_SECONDS),
    pullErrors: {},
    reasons: {},
  };
  return [{ ...local, nodes: { ...local.nodes, [name]: nodeLocal }, nodesSeen: local.nodesSeen + 1 }, nodeLocal];
}

/** What the stage rules say about the node now: down (silent), or its health. */
export function nodeHealthFor(node: Node, stages: Stages, now: Time): { down: boolean; health: NodeHealth } {
  const created = node.metadata.creationTimestamp;
  const elapsedSeconds = created ? Math.max(0, (toMillis(now) - toMillis(created)) / 1000) : 0;
  let down = false;
  const health: NodeHealth = { ...HEALTHY, runtimeErrors: [] };
  for (const event of stages.evaluate({ node, elapsedSeconds })) {
    if (event.type === 'nodeDown') down = true;
    if (event.type === 'nodePressure' && event.condition === 'MemoryPressure') health.memoryPressure = true;
    if (event.type === 'nodePressure' && event.condition === 'DiskPressure') health.diskPressure = true;
    if (event.type === 'nodePressure' && event.condition === 'PIDPressure') health.pidPressure = true;
    if (event.type === 'nodeNotReady' && !health.runtimeErrors.includes(event.message)) health.runtimeErrors.push(event.message);
  }
  return { down, health };
}

const secondsUntil = (now: Time, at: Time) => Math.max(0, (toMillis(at) - toMillis(now)) / 1000);
const requeueAt = (key: string, now: Time, at: Time | undefined): Intent[] => (at === undefined ? [] : [{ type: 'requeueAfter', key, seconds: secondsUntil(now, at) }]);
const heartbeat = (key: string): Intent => ({ type: 'requeueAfter', key, seconds: NODE_STATUS_UPDATE_FREQUENCY_SECONDS, periodic: true });

/** The node's state with its runtime clock moved to `now`. */
function ticked(nl: NodeLocal, now: Time, stages: Stages): NodeLocal {
  return { ...nl, runtime: reduceRuntime(nl.runtime, { type: 'runtime/ticked', now }, stages)[0] };
}

// #region node
function reconcileNode(view: View, nodeName: string, local: KubeletLocal, stages: Stages): { intents: Intent[]; local: KubeletLocal } {
  const key = nodeKey(nodeName);
  const node = view.get('Node', '', nodeName) as Node | undefined;
  // 1. A Node that is gone takes its machine with it.
  if (!node) {
    if (!local.nodes[nodeName]) return { intents: [], local };
    const { [nodeName]: _gone, ...nodes } = local.nodes;
    return { intents: [], local: { ...local, nodes } };
  }
  let [next, nl] = ensureNodeLocal(local, node, view.now);
  nl = ticked(nl, view.now, stages);
  // 2. A node the stage rules took down says nothing and runs nothing new.
  const { down, health } = nodeHealthFor(node, stages, view.now);
  if (down) return { intents: [heartbeat(key)], local: { ...next, nodes: { ...next.nodes, [nodeName]: nl } } };
  // 3. Heartbeat.
  const lease = view.get('Lease', NODE_LEASE_NAMESPACE, nodeName) as Lease | undefined;
  const beat = nodeHeartbeat({ node, lease, now: view.now, machine: nl.machine, health });
  // 4. Static pods: mirrors in the API, a worker each, and the removal of those whose file is gone.
  const { pods: staticPods } = readStaticPods(nodeName, next.manifests[nodeName] ?? {});
  const intents: Intent[] = [...beat.intents, ...syncMirrorPods(staticPods, view.podsOnNode(nodeName) as Pod[], node)];
  const wakes: Time[] = [];
  for (const staticPod of staticPods) {
    const mirror = view.get('Pod', staticPod.metadata.namespace ?? 'default', staticPod.metadata.name) as Pod | undefined;
    const current = mirror !== undefined && isMirrorPod(mirror) && mirror.metadata.deletionTimestamp === undefined && mirror.metadata.annotations?.['kubernetes.io/config.mirror'] === staticPod.metadata.annotations?.['kubernetes.io/config.hash'];
    const pod = { ...staticPod, status: current ? mirror.status : staticPod.status };
    const result = syncPodWorker({ pod, node, nodeLocal: nl, stages, statusTarget: current ? mirror : undefined });
    nl = result.nodeLocal;
    intents.push(...result.intents);
    if (result.wakeAt) wakes.push(result.wakeAt);
  }
  const wanted = new Set(staticPods.map((p) => p.metadata.uid));
  for (const sandbox of Object.values(nl.runtime.sandboxes)) {
    if (sandbox.config.annotations?.[CONFIG_SOURCE_ANNOTATION] === FILE_SOURCE && !wanted.has(sandbox.config.uid)) nl = removePod(nl, sandbox.config.uid, stages);
  }
  const earliest = wakes.sort((a, b) => toMillis(a) - toMillis(b))[0];
  next = { ...next, nodes: { ...next.nodes, [nodeName]: nl } };
  return { intents: [...intents, heartbeat(key), ...requeueAt(key, view.now, earliest)], local: next };
}
// #endregion node

// #region pod
function reconcilePod(view: View, key: string, nodeName: string, namespace: string, name: string, local: KubeletLocal, stages: Stages): { intents: Intent[]; local: KubeletLocal } {
  const node = view.get('Node', '', nodeName) as Node | undefined;
  if (!node) return { intents: [], local };
  let [next, nl] = ensureNodeLocal(local, node, view.now);
  nl = ticked(nl, view.now, stages);
  const save = (n: NodeLocal) => ({ ...next, nodes: { ...next.nodes, [nodeName]: n } });
  // 1. A node that is down does nothing; look again later.
  if (nodeHealthFor(node, stages, view.now).down) return { intents: [heartbeat(key)], local: save(nl) };
  const found = view.get('Pod', namespace, name) as Pod | undefined;
  const pod = found && found.spec?.nodeName === nodeName && !isMirrorPod(found) ? found : undefined;
  // 2. Whatever runs under this name but is not this pod (deleted, or replaced by a new UID) goes.
  for (const sandbox of Object.values(nl.runtime.sandboxes)) {
    const c = sandbox.config;
    if (c.namespace === namespace && c.name === name && c.uid !== pod?.metadata.uid && c.annotations?.[CONFIG_SOURCE_ANNOTATION] !== FILE_SOURCE) nl = removePod(nl, c.uid, stages);
  }
  if (!pod) return { intents: [], local: save(nl) };
  // 3. The pod worker.
  const result = syncPodWorker({ pod, node, nodeLocal: nl, stages, statusTarget: pod });
  next = save(result.nodeLocal);
  return { intents: [...result.intents, ...requeueAt(key, view.now, result.wakeAt)], local: next };
}
// #endregion pod

/** One reconcile of the kubelet agent for `key`. */
export function reconcileKubelet(view: View, key: string, local: KubeletLocal, stages: Stages): { intents: Intent[]; local: KubeletLocal } {
  const [kind, ...rest] = key.split('/');
  if (kind === 'node' && rest.length === 1) return reconcileNode(view, rest[0]!, local, stages);
  if (kind === 'pod' && rest.length === 3) return reconcilePod(view, key, rest[0]!, rest[1]!, rest[2]!, local, stages);
  return { intents: [], local };
}

/** The kubelet agent, deciding with `stages` (a compiled stage rule file). */
export function createKubeletAgent(stages: Stages): Agent<KubeletLocal> {
  return {
    name: KUBELET_AGENT_NAME,
    watches: ['Pod', 'Node', 'Lease'],
    keysFor: (object) => kubeletKeysFor(object),
    reconcile: (view, key, local) => reconcileKubelet(view, key, local, stages),
  };
}
