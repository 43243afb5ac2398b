/**
 * Schemas of ConfigMap and Secret: their keys follow the config-key rule, Secret and
 * binary values are base64, and a TLS Secret needs its certificate and key.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidateConfigMap, ValidateSecret).
 */
import type { ConfigMap, Secret } from '../types/config';
import type { FieldError } from './field-error';
import { invalid, required } from './field-error';
import { kindSchema } from './kind-schema';
import { key } from './path';
import type { Check, Loose } from './schema';
import { bool, bytes, map, str } from './schema';

const configKeys = { keyFormat: 'configMapKey' } as const;

/** A key may not be both in `data` and in `binaryData`; upstream reports it at `binaryData`. */
const noKeyInBoth: Check<ConfigMap> = (configMap: Loose<ConfigMap>) =>
  Object.keys(configMap.binaryData ?? {})
    .filter((k) => Object.hasOwn(configMap.data ?? {}, k))
    .map((k) => invalid('binaryData', k, 'duplicate of key present in data'));

/** v1 ConfigMap. */
export const configMapKind = kindSchema(
  'ConfigMap',
  'dns1123Subdomain',
  { data: map(str(), configKeys), binaryData: map(bytes(), configKeys), immutable: bool() },
  [noKeyInBoth],
);

/** Upstream's TLS Secret rule, after `stringData` has been merged into `data`. */
const tlsKeys: Check<Secret> = (secret: Loose<Secret>): FieldError[] => {
  if (secret.type !== 'kubernetes.io/tls') return [];
  const has = (k: string) => Object.hasOwn(secret.data ?? {}, k) || Object.hasOwn(secret.stringData ?? {}, k);
  return ['tls.crt', 'tls.key'].filter((k) => !has(k)).map((k) => required(key('data', k), ''));
};

/** v1 Secret. */
export const secretKind = kindSchema(
  'Secret',
  'dns1123Subdomain',
  {
    data: map(bytes(), configKeys),
    stringData: map(str(), configKeys),
    type: str({ goType: 'v1.SecretType' }),
    immutable: bool(),
  },
  [tlsKeys],
);
