/**
 * Configuration objects: ConfigMap (plain text) and Secret (base64-encoded bytes). Their
 * payload sits at the top level of the object, beside `metadata`, not under `spec`.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (ConfigMap, Secret, SecretType).
 */
import type { KubeObject } from '../meta';

/** Keys and text values a pod can read as environment variables or files. */
export type ConfigMap = KubeObject & {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  data?: Record<string, string>;
  /** Values are base64-encoded bytes. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
};

/** The well-known Secret types; any other string is allowed too. */
export type SecretType =
  | 'Opaque'
  | 'kubernetes.io/service-account-token'
  | 'kubernetes.io/dockercfg'
  | 'kubernetes.io/dockerconfigjson'
  | 'kubernetes.io/basic-auth'
  | 'kubernetes.io/ssh-auth'
  | 'kubernetes.io/tls'
  | 'bootstrap.kubernetes.io/token';

/** Sensitive keys and values. */
export type Secret = KubeObject & {
  apiVersion: 'v1';
  kind: 'Secret';
  /** Values are base64-encoded bytes. */
  data?: Record<string, string>;
  /** Plain-text values, merged into `data` by the API server on write. */
  stringData?: Record<string, string>;
  type?: SecretType | string;
  immutable?: boolean;
};
