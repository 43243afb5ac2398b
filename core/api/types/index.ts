/**
 * Typed Kubernetes objects, one file per area. Field names and optionality follow the
 * upstream Go types, so a manifest from kubernetes.io is a value of these types once
 * `decodeManifest` (kata 01-decode) has accepted it.
 *
 * Upstream: staging/src/k8s.io/api/{core,apps,networking}/v1/types.go
 */
import type { ConfigMap, Secret } from './config';
import type { Ingress } from './ingress';
import type { Namespace } from './namespace';
import type { Node } from './node';
import type { Pod } from './pod';
import type { Service } from './service';
import type { PersistentVolume, PersistentVolumeClaim } from './storage';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './workloads';

export type * from './common';
export type * from './config';
export type * from './container';
export type * from './ingress';
export type * from './namespace';
export type * from './node';
export type * from './pod';
export type * from './quantity';
export type * from './scheduling';
export type * from './service';
export type * from './storage';
export type * from './volume';
export type * from './workloads';
export {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_REGEX,
  QUANTITY_SUFFIX_ERROR,
  QUANTITY_TOO_LARGE_ERROR,
} from './quantity';

/** Every kind with a typed spec, discriminated on `kind`. */
export type TypedObject =
  | Pod
  | Node
  | Namespace
  | Deployment
  | ReplicaSet
  | StatefulSet
  | DaemonSet
  | Service
  | ConfigMap
  | Secret
  | PersistentVolume
  | PersistentVolumeClaim
  | Ingress;

/** The `kind` names of {@link TypedObject}. */
export type TypedKind = TypedObject['kind'];
