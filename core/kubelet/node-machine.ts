/**
 * The simulated machine under a kubelet: its IP, its pod range, what it has (capacity), what
 * is left for pods once the system and the eviction thresholds take their share
 * (allocatable), and the versions it reports. A real kubelet reads these from cAdvisor and
 * the runtime; here they are data with defaults close to a small kind node.
 *
 * Allocatable = capacity - kube-reserved - system-reserved - hard eviction threshold. With no
 * reservations and the default thresholds (memory.available < 100Mi, nodefs.available < 10%),
 * 16Gi of memory leaves 16Gi - 100Mi, and 100Gi of disk leaves 90% of it.
 *
 * Upstream: pkg/kubelet/nodestatus/setters.go (MachineInfo, NodeAddress, VersionInfo,
 * DaemonEndpoints), pkg/kubelet/apis/config/v1beta1/defaults.go (MaxPods 110),
 * pkg/kubelet/eviction/defaults_linux.go (DefaultEvictionHard), website:
 * tasks/administer-cluster/reserve-compute-resources.md.
 */
import type { NodeSystemInfo, ResourceList } from '../api/types';
import { hexDigest } from './ids';

/** What the kubelet reports about its machine. */
export type NodeMachine = {
  /** The node's InternalIP. */
  nodeIP: string;
  /** The pod range used when the Node has no `spec.podCIDR`. */
  podCIDR: string;
  capacity: ResourceList;
  allocatable: ResourceList;
  nodeInfo: NodeSystemInfo;
  /** The kubelet's port, reported as `daemonEndpoints.kubeletEndpoint.Port`. */
  kubeletPort: number;
};

/** The kubelet version every simulated node reports. */
export const KUBELET_VERSION = 'v1.32.0';

/** The kubelet's default port (`ports.KubeletPort`). */
export const KUBELET_PORT = 10250;

/** Default capacity: 4 CPUs, 16Gi of memory, 100Gi of disk, 110 pods (`maxPods`). */
export const DEFAULT_CAPACITY: ResourceList = {
  cpu: '4',
  'ephemeral-storage': '104857600Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16777216Ki',
  pods: '110',
};

/** Default allocatable: memory less the 100Mi eviction threshold, 90% of the disk (in bytes, as the kubelet prints it). */
export const DEFAULT_ALLOCATABLE: ResourceList = {
  cpu: '4',
  'ephemeral-storage': '96636764160',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16674816Ki',
  pods: '110',
};

/**
 * The machine of the `index`-th node a kubelet agent meets: IP `172.18.0.<index+2>` (as kind
 * numbers its nodes) and pod range `10.244.<index>.0/24` (the first /24s of the common
 * `10.244.0.0/16` cluster range, as the node IPAM controller would hand them out).
 */
export function defaultMachine(nodeName: string, index: number): NodeMachine {
  const id = hexDigest(`machine:${nodeName}`, 32);
  return {
    nodeIP: `172.18.${Math.floor((index + 2) / 256)}.${(index + 2) % 256}`,
    podCIDR: `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`,
    capacity: { ...DEFAULT_CAPACITY },
    allocatable: { ...DEFAULT_ALLOCATABLE },
    nodeInfo: {
      machineID: id,
      systemUUID: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
      bootID: hexDigest(`boot:${nodeName}`, 32),
      kernelVersion: '6.8.0-kube-katas',
      osImage: 'Kube Katas simulated node',
      containerRuntimeVersion: 'kube-katas://0.1.0',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    kubeletPort: KUBELET_PORT,
  };
}

/** What the node's stage rules say about its health right now (all false/empty: healthy). */
export type NodeHealth = {
  memoryPressure: boolean;
  diskPressure: boolean;
  pidPressure: boolean;
  /** Non-empty: Ready=False (KubeletNotReady) with these messages joined by ",". */
  runtimeErrors: string[];
};

/** A healthy node. */
export const HEALTHY: NodeHealth = { memoryPressure: false, diskPressure: false, pidPressure: false, runtimeErrors: [] };
