/**
 * Small builders for nodes and pods, so tests read like upstream's tables
 * (`st.MakeNode().Name("node1").Capacity(...)`, `st.MakePod().Req(...)`). They build plain API
 * objects; nothing here knows how the scheduler reads them.
 *
 * Upstream: pkg/scheduler/testing/wrappers.go (MakeNode, MakePod, Capacity, Req, Container).
 */
import type { Affinity, Container, Node, Pod, ResourceList, Taint, Toleration } from '../api/types';
import { addPod, newNodeInfo, podKey } from './node-info';
import type { NodeInfo, PodInfo, PodResource } from './types';

/** What a test node needs. */
export type NodeOptions = {
  /** Set as both `capacity` and `allocatable`, as `st.MakeNode().Capacity()` does. */
  capacity?: ResourceList;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
};

/** A Node named `name`. */
export function makeNode(name: string, options: NodeOptions = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(options.labels !== undefined && { labels: options.labels }) },
    spec: {
      ...(options.taints !== undefined && { taints: options.taints }),
      ...(options.unschedulable !== undefined && { unschedulable: options.unschedulable }),
    },
    status: options.capacity === undefined ? {} : { capacity: { ...options.capacity }, allocatable: { ...options.capacity } },
  };
}

/** An init container for `makePod`: its requests, and `Always` to make it a sidecar. */
export type InitContainerOptions = { requests?: ResourceList; restartPolicy?: 'Always' };

/** What a test pod needs; each entry of `containers` is one container's requests. */
export type PodOptions = {
  namespace?: string;
  labels?: Record<string, string>;
  containers?: (ResourceList | undefined)[];
  initContainers?: InitContainerOptions[];
  overhead?: ResourceList;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  nodeName?: string;
  priority?: number;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  schedulerName?: string;
  uid?: string;
};

function container(name: string, requests: ResourceList | undefined): Container {
  return { name, image: 'registry.k8s.io/pause:3.10', ...(requests !== undefined && { resources: { requests: { ...requests } } }) };
}

/** A Pod named `name` (namespace `default` unless given). */
export function makePod(name: string, options: PodOptions = {}): Pod {
  const o = options;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      ...(o.uid !== undefined && { uid: o.uid }),
      ...(o.labels !== undefined && { labels: o.labels }),
    },
    spec: {
      containers: (o.containers ?? []).map((requests, i) => container(`c${i}`, requests)),
      ...(o.initContainers !== undefined && {
        initContainers: o.initContainers.map((c, i) => ({
          ...container(`init${i}`, c.requests),
          ...(c.restartPolicy !== undefined && { restartPolicy: c.restartPolicy }),
        })),
      }),
      ...(o.overhead !== undefined && { overhead: o.overhead }),
      ...(o.nodeSelector !== undefined && { nodeSelector: o.nodeSelector }),
      ...(o.affinity !== undefined && { affinity: o.affinity }),
      ...(o.tolerations !== undefined && { tolerations: o.tolerations }),
      ...(o.nodeName !== undefined && { nodeName: o.nodeName }),
      ...(o.priority !== undefined && { priority: o.priority }),
      ...(o.preemptionPolicy !== undefined && { preemptionPolicy: o.preemptionPolicy }),
      ...(o.schedulerName !== undefined && { schedulerName: o.schedulerName }),
    },
    status: { phase: 'Pending' },
  };
}

/** The `PodInfo` the scheduler keeps for a pod whose resources are already computed. */
export function podInfoOf(pod: Pod, resource: PodResource): PodInfo {
  return { key: podKey(pod.metadata.namespace, pod.metadata.name), priority: pod.spec?.priority ?? 0, resource };
}

/** A `NodeInfo` for `node` with `pods` on it (`framework.NewNodeInfo(pods...)` then `SetNode`). */
export function nodeInfoWith(node: Node, pods: readonly Pod[], resourceOf: (pod: Pod) => PodResource): NodeInfo {
  return pods.reduce((info, pod) => addPod(info, podInfoOf(pod, resourceOf(pod))), newNodeInfo(node));
}
