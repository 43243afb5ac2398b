/**
 * Pod volumes: where a volume's data comes from (an empty directory, a host path, a
 * ConfigMap, a Secret, a claim, a projection of several sources, ...). Cloud and legacy
 * in-tree sources are kept as written, without a model of their fields.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Volume, VolumeSource and the source types).
 */
import type { EmbeddedObjectMeta, LocalObjectReference, OpaqueObject } from './common';
import type { ObjectFieldSelector, PullPolicy, ResourceFieldSelector } from './container';
import type { PersistentVolumeClaimSpec } from './storage';

/** What a hostPath must be on the node before it is mounted. */
export type HostPathType = '' | 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** A file or directory of the node. */
export type HostPathVolumeSource = {
  path: string;
  type?: HostPathType;
};

/** A scratch directory that lives as long as the pod. */
export type EmptyDirVolumeSource = {
  medium?: '' | 'Memory';
  /** A quantity string. */
  sizeLimit?: string;
};

/** Projects one key of a ConfigMap or Secret to a file path. */
export type KeyToPath = {
  key: string;
  path: string;
  mode?: number;
};

/** A Secret's keys as files. */
export type SecretVolumeSource = {
  secretName?: string;
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
};

/** A ConfigMap's keys as files. */
export type ConfigMapVolumeSource = LocalObjectReference & {
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
};

/** An NFS export. */
export type NFSVolumeSource = {
  server: string;
  path: string;
  readOnly?: boolean;
};

/** Uses the PersistentVolume bound to a claim in the pod's namespace. */
export type PersistentVolumeClaimVolumeSource = {
  claimName: string;
  readOnly?: boolean;
};

/** One file of a downward API volume. */
export type DownwardAPIVolumeFile = {
  path: string;
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
};

/** Pod fields (labels, annotations, resources) as files. */
export type DownwardAPIVolumeSource = {
  items?: DownwardAPIVolumeFile[];
  defaultMode?: number;
};

/** A service account token as a file. */
export type ServiceAccountTokenProjection = {
  audience?: string;
  expirationSeconds?: number;
  path: string;
};

/** One source of a projected volume. */
export type VolumeProjection = {
  secret?: LocalObjectReference & { items?: KeyToPath[]; optional?: boolean };
  downwardAPI?: { items?: DownwardAPIVolumeFile[] };
  configMap?: LocalObjectReference & { items?: KeyToPath[]; optional?: boolean };
  serviceAccountToken?: ServiceAccountTokenProjection;
  clusterTrustBundle?: OpaqueObject;
  podCertificate?: OpaqueObject;
};

/** Several sources merged into one directory. */
export type ProjectedVolumeSource = {
  sources?: VolumeProjection[];
  defaultMode?: number;
};

/** A volume served by a CSI driver, declared inline in the pod. */
export type CSIVolumeSource = {
  driver: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  nodePublishSecretRef?: LocalObjectReference;
};

/** A claim created for the pod and deleted with it. */
export type EphemeralVolumeSource = {
  volumeClaimTemplate?: {
    metadata?: EmbeddedObjectMeta;
    spec: PersistentVolumeClaimSpec;
  };
};

/** An OCI image mounted read-only. */
export type ImageVolumeSource = {
  reference?: string;
  pullPolicy?: PullPolicy;
};

/** Where a volume's data comes from; exactly one field is set. */
export type VolumeSource = {
  hostPath?: HostPathVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  gcePersistentDisk?: OpaqueObject;
  awsElasticBlockStore?: OpaqueObject;
  gitRepo?: OpaqueObject;
  secret?: SecretVolumeSource;
  nfs?: NFSVolumeSource;
  iscsi?: OpaqueObject;
  glusterfs?: OpaqueObject;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  rbd?: OpaqueObject;
  flexVolume?: OpaqueObject;
  cinder?: OpaqueObject;
  cephfs?: OpaqueObject;
  flocker?: OpaqueObject;
  downwardAPI?: DownwardAPIVolumeSource;
  fc?: OpaqueObject;
  azureFile?: OpaqueObject;
  configMap?: ConfigMapVolumeSource;
  vsphereVolume?: OpaqueObject;
  quobyte?: OpaqueObject;
  azureDisk?: OpaqueObject;
  photonPersistentDisk?: OpaqueObject;
  projected?: ProjectedVolumeSource;
  portworxVolume?: OpaqueObject;
  scaleIO?: OpaqueObject;
  storageos?: OpaqueObject;
  csi?: CSIVolumeSource;
  ephemeral?: EphemeralVolumeSource;
  image?: ImageVolumeSource;
};

/** A named volume of a pod. A volume with no source set is defaulted to `emptyDir`. */
export type Volume = VolumeSource & {
  name: string;
};
