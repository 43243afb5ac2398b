/**
 * The Ingress: HTTP(S) routing rules from hosts and paths to Services, served by an
 * ingress controller.
 *
 * Upstream: staging/src/k8s.io/api/networking/v1/types.go (Ingress, IngressSpec, IngressRule,
 * HTTPIngressPath, IngressBackend, IngressStatus).
 */
import type { KubeObject } from '../meta';
import type { TypedLocalObjectReference } from './common';

/** A Service port, by number or by name (exactly one). */
export type ServiceBackendPort = {
  name?: string;
  number?: number;
};

/** Where matching traffic goes: a Service port or another resource (exactly one). */
export type IngressBackend = {
  service?: { name: string; port?: ServiceBackendPort };
  resource?: TypedLocalObjectReference;
};

/** How a path matches: exactly, by path-element prefix, or as the controller decides. */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One path of an HTTP rule. */
export type HTTPIngressPath = {
  path?: string;
  pathType: PathType;
  backend: IngressBackend;
};

/** The routing rules of one host (or of every host when `host` is empty). */
export type IngressRule = {
  host?: string;
  http?: { paths: HTTPIngressPath[] };
};

/** TLS settings for some hosts. */
export type IngressTLS = {
  hosts?: string[];
  secretName?: string;
};

/** The desired routing. */
export type IngressSpec = {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  tls?: IngressTLS[];
  rules?: IngressRule[];
};

/** One address the ingress is reachable at. */
export type IngressLoadBalancerIngress = {
  ip?: string;
  hostname?: string;
  ports?: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP'; error?: string }[];
};

/** The observed state of an Ingress. */
export type IngressStatus = {
  loadBalancer?: { ingress?: IngressLoadBalancerIngress[] };
};

/** HTTP routing into the cluster. */
export type Ingress = KubeObject<IngressSpec, IngressStatus> & {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'Ingress';
};
