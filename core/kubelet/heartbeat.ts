/**
 * The node heartbeat's inputs and outputs: the Node and its Lease as the API holds them, the
 * machine under the kubelet and its health, and what the kubelet asks of the API in return
 * (kata 05-node-heartbeat).
 *
 * Upstream: pkg/kubelet/kubelet_node_status.go (registerWithAPIServer, updateDefaultLabels,
 * syncNodeStatus, tryUpdateNodeStatus, nodeStatusHasChanged), pkg/kubelet/nodestatus/setters.go.
 */
import type { Time } from '../api/types/common';
import type { Node } from '../api/types/node';
import type { Intent } from '../runtime/types';
import type { Lease } from './lease';
import type { NodeHealth, NodeMachine } from './node-machine';

/** Everything one heartbeat reads. */
export type HeartbeatInput = {
  node: Node;
  /** The node's Lease in kube-node-lease, if it exists yet. */
  lease: Lease | undefined;
  now: Time;
  machine: NodeMachine;
  health: NodeHealth;
};

/** What one heartbeat asks for: API writes and Events, and when to beat again. */
export type HeartbeatResult = {
  intents: Intent[];
  /** Seconds until the next heartbeat (the status update frequency). */
  nextSeconds: number;
};

/** The labels the kubelet sets on its Node (kubeletapis: LabelHostname, LabelOS, LabelArch and the beta forms). */
export const DEFAULT_NODE_LABEL_KEYS = ['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch'] as const;
