/**
 * Schema of the Ingress, with upstream's rules for hosts, paths and backends.
 *
 * Upstream: pkg/apis/networking/validation/validation.go (ValidateIngressSpec,
 * validateIngressRules, validateHTTPIngressPath, validateIngressBackend).
 */
import { isIP } from 'node:net';
import type { HTTPIngressPath, IngressBackend, IngressLoadBalancerIngress, IngressRule, IngressSpec, IngressStatus, IngressTLS, ServiceBackendPort } from '../types/ingress';
import type { FieldError } from './field-error';
import { invalid, required } from './field-error';
import { kindSchema } from './kind-schema';
import { typedLocalObjectReference } from './meta';
import { formatErrors, isDNS1035Label, isValidPortName, isValidPortNum } from './names';
import { child } from './path';
import type { Loose } from './schema';
import { arr, int32, obj, req, str, valueStruct } from './schema';

/** Upstream `validateIngressBackend`: exactly one of service and resource; a service needs a name and one port. */
function validateBackend(backend: Loose<IngressBackend>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { service, resource } = backend;
  if (service !== undefined && resource !== undefined) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource !== undefined) return [];
  if (service === undefined) return [invalid(path, '', 'resource or service backend is required')];
  const namePath = child(path, 'service', 'name');
  if (!service.name) errors.push(required(namePath, ''));
  else for (const msg of isDNS1035Label(service.name)) errors.push(invalid(namePath, service.name, msg));
  const portName = service.port?.name ?? '';
  const portNumber = service.port?.number ?? 0;
  if (portName !== '' && portNumber !== 0) errors.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') for (const msg of isValidPortName(portName)) errors.push(invalid(child(path, 'service', 'port', 'name'), portName, msg));
  else if (portNumber !== 0) for (const msg of isValidPortNum(portNumber)) errors.push(invalid(child(path, 'service', 'port', 'number'), portNumber, msg));
  else errors.push(required(path, 'port name or number is required'));
  return errors;
}

const ingressBackend = obj<IngressBackend>(
  'IngressBackend',
  {
    service: obj<NonNullable<IngressBackend['service']>>('IngressServiceBackend', {
      name: str(),
      port: obj<ServiceBackendPort>('ServiceBackendPort', { name: str(), number: int32() }),
    }),
    resource: typedLocalObjectReference,
  },
  [validateBackend],
);

/** Upstream `validateHTTPIngressPath`: Exact and Prefix paths, and any non-empty path, are absolute. */
function validatePath(path: Loose<HTTPIngressPath>, at: string): FieldError[] {
  const text = path.path ?? '';
  const mustBeAbsolute = path.pathType === 'Exact' || path.pathType === 'Prefix' || text !== '';
  return mustBeAbsolute && !text.startsWith('/') ? [invalid(child(at, 'path'), text, 'must be an absolute path')] : [];
}

const httpIngressPath = obj<HTTPIngressPath>(
  'HTTPIngressPath',
  {
    path: str(),
    pathType: req(str({ enum: ['Exact', 'ImplementationSpecific', 'Prefix'], goType: 'v1.PathType' }), 'pathType must be specified'),
    backend: valueStruct(ingressBackend),
  },
  [validatePath],
);

/** Upstream: a host is a DNS name (a wildcard only as the first label), never an IP address. */
function validateRule(rule: Loose<IngressRule>, path: string): FieldError[] {
  const host = rule.host ?? '';
  if (host === '') return [];
  const at = child(path, 'host');
  const errors: FieldError[] = [];
  if (isIP(host) !== 0) errors.push(invalid(at, host, 'must be a DNS name, not an IP address'));
  const format = host.includes('*') ? 'wildcardDns1123Subdomain' : 'dns1123Subdomain';
  for (const msg of formatErrors(format, host)) errors.push(invalid(at, host, msg));
  return errors;
}

const ingressRule = obj<IngressRule>(
  'IngressRule',
  {
    host: str(),
    http: obj<NonNullable<IngressRule['http']>>('HTTPIngressRuleValue', { paths: req(arr(httpIngressPath)) }),
  },
  [validateRule],
);

/** `networking/v1 IngressSpec`. */
export const ingressSpec = obj<IngressSpec>('IngressSpec', {
  ingressClassName: str({ format: 'dns1123Subdomain' }),
  defaultBackend: ingressBackend,
  tls: arr(obj<IngressTLS>('IngressTLS', { hosts: arr(str()), secretName: str() })),
  rules: arr(ingressRule),
});

const ingressStatus = obj<IngressStatus>('IngressStatus', {
  loadBalancer: obj<NonNullable<IngressStatus['loadBalancer']>>('IngressLoadBalancerStatus', {
    ingress: arr(
      obj<IngressLoadBalancerIngress>('IngressLoadBalancerIngress', {
        ip: str(),
        hostname: str(),
        ports: arr(obj<NonNullable<IngressLoadBalancerIngress['ports']>[number]>('IngressPortStatus', { port: int32(), protocol: str({ goType: 'v1.Protocol' }), error: str() })),
      }),
    ),
  }),
});

/** networking.k8s.io/v1 Ingress. */
export const ingressKind = kindSchema('Ingress', 'dns1123Subdomain', { spec: ingressSpec, status: ingressStatus });
