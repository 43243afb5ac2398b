/**
 * Schema of the Service, with upstream's rules for types, ports and external names.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidateService, validateServicePort,
 * ValidatePortNumOrName).
 */
import type { Condition } from '../types/common';
import type { LoadBalancerIngress, LoadBalancerStatus, PortStatus, ServicePort, ServiceSpec, ServiceStatus, SessionAffinityConfig } from '../types/service';
import { PROTOCOLS } from './container';
import type { FieldError } from './field-error';
import { duplicate, forbidden, invalid, required } from './field-error';
import { kindSchema } from './kind-schema';
import { time } from './meta';
import { isValidPortNum } from './names';
import { child, index } from './path';
import type { Loose } from './schema';
import { arr, bool, int32, int64, intOrString, map, obj, str, valueStruct } from './schema';

const servicePort = obj<ServicePort>('ServicePort', {
  name: str({ format: 'dns1123Label' }),
  protocol: str({ enum: PROTOCOLS, goType: 'v1.Protocol' }),
  appProtocol: str(),
  port: int32(),
  targetPort: intOrString('port'),
  nodePort: int32(),
});

/** Upstream `ValidateService`: ports unless headless or ExternalName, port numbers and names, node ports. */
function validateServiceSpec(spec: Loose<ServiceSpec>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = spec.type || 'ClusterIP';
  const ports = spec.ports ?? [];
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errors.push(required(child(path, 'ports'), ''));
  if (type === 'ExternalName' && !spec.externalName) errors.push(required(child(path, 'externalName'), ''));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = index(child(path, 'ports'), i);
    if (ports.length > 1 && !port.name) errors.push(required(child(at, 'name'), ''));
    else if (port.name) {
      if (names.has(port.name)) errors.push(duplicate(child(at, 'name'), port.name));
      names.add(port.name);
    }
    // port is a plain int32 upstream: absent is 0, which is out of range.
    for (const msg of isValidPortNum(port.port ?? 0)) errors.push(invalid(child(at, 'port'), port.port ?? 0, msg));
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (type === 'ClusterIP') errors.push(forbidden(child(at, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
      for (const msg of isValidPortNum(port.nodePort)) errors.push(invalid(child(at, 'nodePort'), port.nodePort, msg));
    }
  });
  return errors;
}

/** `v1.ServiceSpec`. */
export const serviceSpec = obj<ServiceSpec>(
  'ServiceSpec',
  {
    ports: arr(servicePort),
    selector: map(str()),
    clusterIP: str(),
    clusterIPs: arr(str()),
    type: str({ enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'], goType: 'v1.ServiceType' }),
    externalIPs: arr(str()),
    sessionAffinity: str({ enum: ['ClientIP', 'None'], goType: 'v1.ServiceAffinity' }),
    loadBalancerIP: str(),
    loadBalancerSourceRanges: arr(str()),
    externalName: str(),
    externalTrafficPolicy: str({ enum: ['Cluster', 'Local'], goType: 'v1.ServiceExternalTrafficPolicy' }),
    healthCheckNodePort: int32(),
    publishNotReadyAddresses: bool(),
    sessionAffinityConfig: obj<SessionAffinityConfig>('SessionAffinityConfig', {
      clientIP: obj<NonNullable<SessionAffinityConfig['clientIP']>>('ClientIPConfig', { timeoutSeconds: int32({ min: 1, max: 86400 }) }),
    }),
    ipFamilies: arr(str({ enum: ['IPv4', 'IPv6'], goType: 'v1.IPFamily' })),
    ipFamilyPolicy: str({ enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'], goType: 'v1.IPFamilyPolicy' }),
    allocateLoadBalancerNodePorts: bool(),
    loadBalancerClass: str(),
    internalTrafficPolicy: str({ enum: ['Cluster', 'Local'], goType: 'v1.ServiceInternalTrafficPolicy' }),
    trafficDistribution: str(),
  },
  [validateServiceSpec],
);

/** `v1.LoadBalancerStatus`. */
export const loadBalancerStatus = obj<LoadBalancerStatus>('LoadBalancerStatus', {
  ingress: arr(
    obj<LoadBalancerIngress>('LoadBalancerIngress', {
      ip: str(),
      hostname: str(),
      ipMode: str({ goType: 'v1.LoadBalancerIPMode' }),
      ports: arr(obj<PortStatus>('PortStatus', { port: int32(), protocol: str({ goType: 'v1.Protocol' }), error: str() })),
    }),
  ),
});

/** `metav1.Condition`. */
export const condition = obj<Condition>('Condition', {
  type: str(),
  status: str({ goType: 'v1.ConditionStatus' }),
  observedGeneration: int64(),
  lastTransitionTime: time(),
  reason: str(),
  message: str(),
});

const serviceStatus = obj<ServiceStatus>('ServiceStatus', { loadBalancer: loadBalancerStatus, conditions: arr(condition) });

/** v1 Service: its name is a DNS-1035 label (it becomes a DNS name and environment variables). */
export const serviceKind = kindSchema('Service', 'dns1035Label', { spec: valueStruct(serviceSpec), status: serviceStatus });
