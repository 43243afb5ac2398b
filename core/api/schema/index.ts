/**
 * The schema registry: one {@link KindSchema} per kind in core/api/kinds.ts. Kinds with a
 * typed spec are modelled field by field; the others are decoded for their metadata only.
 */
import { KINDS } from '../kinds';
import { configMapKind, secretKind } from './config';
import { ingressKind } from './ingress';
import type { KindSchema } from './kind-schema';
import { namespaceKind, nodeKind } from './node';
import { metadataOnlyKinds } from './others';
import { podKind } from './pod';
import { serviceKind } from './service';
import { persistentVolumeClaimKind, persistentVolumeKind } from './storage';
import { daemonSetKind, deploymentKind, replicaSetKind, statefulSetKind } from './workloads';

export type { KindSchema } from './kind-schema';
export type * from './schema';
export type { FieldError, FieldErrorType } from './field-error';
export type { StringFormat } from './names';
export type { JsonValue, YamlDocument } from './documents';
export type { DecodeResult } from './decode-result';

/** Kinds modelled field by field. */
export const TYPED_KIND_SCHEMAS: readonly KindSchema[] = [
  podKind,
  nodeKind,
  namespaceKind,
  deploymentKind,
  replicaSetKind,
  statefulSetKind,
  daemonSetKind,
  serviceKind,
  configMapKind,
  secretKind,
  persistentVolumeKind,
  persistentVolumeClaimKind,
  ingressKind,
];

const byKind = new Map([...TYPED_KIND_SCHEMAS, ...metadataOnlyKinds].map((schema) => [schema.kind, schema]));

/** The schema of `kind`, or undefined when this cluster does not serve it. */
export function schemaForKind(kind: string): KindSchema | undefined {
  return byKind.get(kind);
}

/** The kinds of core/api/kinds.ts that have no schema here (none, unless someone forgot one). */
export const KINDS_WITHOUT_SCHEMA: readonly string[] = KINDS.map((info) => info.kind).filter((kind) => !byKind.has(kind));
