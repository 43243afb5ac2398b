/**
 * Schemas of Node and Namespace, the two cluster-scoped kinds with a typed spec here.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidateNode, validateNodeTaints,
 * ValidateNamespace).
 */
import type { ContainerImage, NodeAddress, NodeCondition, NodeSpec, NodeStatus, NodeSystemInfo } from '../types/node';
import type { NamespaceCondition, NamespaceSpec, NamespaceStatus } from '../types/namespace';
import { resourceList } from './container';
import { kindSchema } from './kind-schema';
import { time } from './meta';
import { arr, bool, int32, int64, obj, opaque, str } from './schema';
import { taint } from './scheduling';

const nodeSpec = obj<NodeSpec>('NodeSpec', {
  podCIDR: str(),
  podCIDRs: arr(str()),
  providerID: str(),
  unschedulable: bool(),
  taints: arr(taint),
  configSource: opaque('v1.NodeConfigSource'),
  externalID: str(),
});

const nodeStatus = obj<NodeStatus>('NodeStatus', {
  capacity: resourceList('nonNegative'),
  allocatable: resourceList('nonNegative'),
  phase: str({ goType: 'v1.NodePhase' }),
  conditions: arr(
    obj<NodeCondition>('NodeCondition', {
      type: str({ goType: 'v1.NodeConditionType' }),
      status: str({ goType: 'v1.ConditionStatus' }),
      lastHeartbeatTime: time(),
      lastTransitionTime: time(),
      reason: str(),
      message: str(),
    }),
  ),
  addresses: arr(obj<NodeAddress>('NodeAddress', { type: str({ goType: 'v1.NodeAddressType' }), address: str() })),
  daemonEndpoints: obj<NonNullable<NodeStatus['daemonEndpoints']>>('NodeDaemonEndpoints', {
    kubeletEndpoint: obj<{ Port: number }>('DaemonEndpoint', { Port: int32() }),
  }),
  nodeInfo: obj<NodeSystemInfo>('NodeSystemInfo', {
    machineID: str(),
    systemUUID: str(),
    bootID: str(),
    kernelVersion: str(),
    osImage: str(),
    containerRuntimeVersion: str(),
    kubeletVersion: str(),
    kubeProxyVersion: str(),
    operatingSystem: str(),
    architecture: str(),
    swap: opaque('v1.NodeSwapStatus'),
  }),
  images: arr(obj<ContainerImage>('ContainerImage', { names: arr(str()), sizeBytes: int64() })),
  volumesInUse: arr(str()),
  volumesAttached: arr(obj<{ name: string; devicePath: string }>('AttachedVolume', { name: str(), devicePath: str() })),
  config: opaque('v1.NodeConfigStatus'),
  runtimeHandlers: arr(opaque('v1.NodeRuntimeHandler')),
  features: opaque('v1.NodeFeatures'),
});

/** v1 Node: its name is a DNS subdomain. */
export const nodeKind = kindSchema('Node', 'dns1123Subdomain', { spec: nodeSpec, status: nodeStatus });

const namespaceStatus = obj<NamespaceStatus>('NamespaceStatus', {
  phase: str({ goType: 'v1.NamespacePhase' }),
  conditions: arr(
    obj<NamespaceCondition>('NamespaceCondition', {
      type: str(),
      status: str({ goType: 'v1.ConditionStatus' }),
      lastTransitionTime: time(),
      reason: str(),
      message: str(),
    }),
  ),
});

/** v1 Namespace: its name is a DNS-1123 label, since it appears inside DNS names. */
export const namespaceKind = kindSchema('Namespace', 'dns1123Label', {
  spec: obj<NamespaceSpec>('NamespaceSpec', { finalizers: arr(str({ goType: 'v1.FinalizerName' })) }),
  status: namespaceStatus,
});
