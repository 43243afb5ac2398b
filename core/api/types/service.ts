/**
 * The Service: a stable virtual IP and DNS name in front of the pods its selector matches.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Service, ServiceSpec, ServicePort, ServiceStatus).
 */
import type { KubeObject } from '../meta';
import type { Condition, IntOrString } from './common';
import type { Protocol } from './container';

/** How a Service is exposed. */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** One port of a Service. */
export type ServicePort = {
  /** Required when the Service has more than one port. */
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
  port: number;
  /** A number, or the name of a container port. Defaults to `port`. */
  targetPort?: IntOrString;
  nodePort?: number;
};

/** Session stickiness settings. */
export type SessionAffinityConfig = {
  clientIP?: { timeoutSeconds?: number };
};

/** The desired state of a Service. */
export type ServiceSpec = {
  ports?: ServicePort[];
  selector?: Record<string, string>;
  /** `None` makes a headless Service. Allocated when empty. */
  clusterIP?: string;
  clusterIPs?: string[];
  type?: ServiceType;
  externalIPs?: string[];
  sessionAffinity?: 'ClientIP' | 'None';
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  externalName?: string;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  publishNotReadyAddresses?: boolean;
  sessionAffinityConfig?: SessionAffinityConfig;
  ipFamilies?: ('IPv4' | 'IPv6')[];
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  internalTrafficPolicy?: 'Cluster' | 'Local';
  trafficDistribution?: string;
};

/** A port status reported by a load balancer. */
export type PortStatus = {
  port: number;
  protocol: Protocol;
  error?: string;
};

/** One ingress point of a load balancer. */
export type LoadBalancerIngress = {
  ip?: string;
  hostname?: string;
  ipMode?: 'VIP' | 'Proxy';
  ports?: PortStatus[];
};

/** The load balancer a cloud provider set up for a Service. */
export type LoadBalancerStatus = {
  ingress?: LoadBalancerIngress[];
};

/** The observed state of a Service. */
export type ServiceStatus = {
  loadBalancer?: LoadBalancerStatus;
  conditions?: Condition[];
};

/** A stable address for a set of pods. */
export type Service = KubeObject<ServiceSpec, ServiceStatus> & {
  apiVersion: 'v1';
  kind: 'Service';
};
