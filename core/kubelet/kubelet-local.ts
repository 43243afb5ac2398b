/**
 * The kubelet agent's local state: what the simulated nodes keep outside the API. One agent
 * plays the kubelet of every Node (as KWOK does), so the state is a map from node name to
 * that node's machine, container runtime, back-off tables and reason cache, plus each node's
 * static pod manifest directory. All of it is plain data: the simulation runtime stores it in
 * the cluster state (`agents.kubelet`) and hands it back on every reconcile, so a kubelet
 * that restarts finds its containers still running, as a real one does.
 *
 * Upstream: pkg/kubelet/kubelet.go (Kubelet: backOff, reasonCache, the image manager's
 * back-off, the container runtime), kubernetes-sigs/kwok (one controller simulating many nodes).
 */
import type { Time } from '../api/types/common';
import type { Node } from '../api/types/node';
import type { Pod } from '../api/types/pod';
import type { Intent } from '../runtime/types';
import type { BackOff } from './backoff';
import type { ReasonCache } from './container-statuses';
import type { RuntimeState } from './cri';
import type { NodeMachine } from './node-machine';
import type { ManifestDir } from './pod-source';
import type { Stages } from './stages';

/** What one simulated node keeps. */
export type NodeLocal = {
  machine: NodeMachine;
  runtime: RuntimeState;
  /** Container restart back-off (CrashLoopBackOff), keyed by getStableKey (core/kubelet/hash). */
  backOff: BackOff;
  /** Image pull back-off, keyed by `<pod uid>_<image>`. */
  imageBackOff: BackOff;
  /** The last pull error per image back-off key. */
  pullErrors: Record<string, string>;
  /** Why each container failed to start in its pod's last sync. */
  reasons: ReasonCache;
};

/** The whole agent's state. */
export type KubeletLocal = {
  /** By node name; created the first time the agent meets the Node. */
  nodes: Record<string, NodeLocal>;
  /** Each node's static pod manifest directory (`/etc/kubernetes/manifests`), by node name. */
  manifests: Record<string, ManifestDir>;
  /** How many nodes the agent has met: the next one gets the next default IP and pod range. */
  nodesSeen: number;
};

/** A fresh agent state, with the manifest directories of the nodes that have static pods. */
export function initialKubeletLocal(manifests: Record<string, ManifestDir> = {}): KubeletLocal {
  return { nodes: {}, manifests, nodesSeen: 0 };
}

/** What one pod worker sync reads. The node's runtime clock has already been moved to now. */
export type PodWorkerInput = {
  /** The pod as the kubelet runs it (for a static pod: from its file, with the mirror's status). */
  pod: Pod;
  node: Node;
  nodeLocal: NodeLocal;
  stages: Stages;
  /** Where the status goes: the pod itself, or a static pod's mirror (none yet: no write). */
  statusTarget: Pod | undefined;
};

/** What one pod worker sync produced. */
export type PodWorkerResult = {
  nodeLocal: NodeLocal;
  /** Events, the status update, and for a finished deletion the final delete. */
  intents: Intent[];
  /** When this pod needs its next sync (an exit, a pull, the end of a back-off), if ever. */
  wakeAt: Time | undefined;
};

/** The component name the kubelet agent runs under. */
export const KUBELET_AGENT_NAME = 'kubelet';
