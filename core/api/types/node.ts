/**
 * The Node: a machine that runs pods. Its spec is mostly set by the cluster (pod CIDR,
 * taints, unschedulable); its status is reported by the kubelet (capacity, conditions,
 * addresses).
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Node, NodeSpec, NodeStatus).
 */
import type { KubeObject } from '../meta';
import type { ConditionStatus, OpaqueObject, ResourceList, Time } from './common';
import type { Taint } from './scheduling';

/** The desired state of a node. */
export type NodeSpec = {
  podCIDR?: string;
  podCIDRs?: string[];
  providerID?: string;
  /** Cordoned: no new pods are scheduled here. */
  unschedulable?: boolean;
  taints?: Taint[];
  configSource?: OpaqueObject;
  /** Deprecated. */
  externalID?: string;
};

/** The condition types a kubelet reports. */
export type NodeConditionType = 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';

/** One condition of a node; the node lifecycle controller watches `Ready`. */
export type NodeCondition = {
  type: NodeConditionType | string;
  status: ConditionStatus;
  lastHeartbeatTime?: Time;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
};

/** One address of a node. */
export type NodeAddress = {
  type: 'Hostname' | 'InternalIP' | 'ExternalIP' | 'InternalDNS' | 'ExternalDNS';
  address: string;
};

/** Versions and identifiers of the node's software. */
export type NodeSystemInfo = {
  machineID: string;
  systemUUID: string;
  bootID: string;
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
  kubeProxyVersion?: string;
  operatingSystem: string;
  architecture: string;
  swap?: OpaqueObject;
};

/** An image present on the node. */
export type ContainerImage = {
  names?: string[];
  sizeBytes?: number;
};

/** The observed state of a node. */
export type NodeStatus = {
  capacity?: ResourceList;
  /** What is left for pods after system reservations. */
  allocatable?: ResourceList;
  /** Deprecated. */
  phase?: 'Pending' | 'Running' | 'Terminated';
  conditions?: NodeCondition[];
  addresses?: NodeAddress[];
  daemonEndpoints?: { kubeletEndpoint?: { Port: number } };
  nodeInfo?: NodeSystemInfo;
  images?: ContainerImage[];
  volumesInUse?: string[];
  volumesAttached?: { name: string; devicePath: string }[];
  config?: OpaqueObject;
  runtimeHandlers?: OpaqueObject[];
  features?: OpaqueObject;
};

/** A worker machine (cluster-scoped). */
export type Node = KubeObject<NodeSpec, NodeStatus> & {
  apiVersion: 'v1';
  kind: 'Node';
};
