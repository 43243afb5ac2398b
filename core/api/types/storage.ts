/**
 * Persistent storage: a PersistentVolume is a piece of storage in the cluster, a
 * PersistentVolumeClaim is a pod's request for one. The PV controller binds the two.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (PersistentVolume, PersistentVolumeSpec,
 * PersistentVolumeClaim, PersistentVolumeClaimSpec and their statuses).
 */
import type { KubeObject } from '../meta';
import type {
  ConditionStatus,
  EmbeddedObjectMeta,
  LabelSelector,
  ObjectReference,
  OpaqueObject,
  ResourceList,
  Time,
  TypedLocalObjectReference,
  TypedObjectReference,
} from './common';
import type { NodeSelector } from './scheduling';
import type { HostPathVolumeSource, NFSVolumeSource } from './volume';

/** How a volume may be mounted. */
export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** What happens to a volume when its claim is deleted. */
export type PersistentVolumeReclaimPolicy = 'Retain' | 'Delete' | 'Recycle';

/** A filesystem, or a raw block device. */
export type PersistentVolumeMode = 'Block' | 'Filesystem';

/** A disk or directory on one node. */
export type LocalVolumeSource = {
  path: string;
  fsType?: string;
};

/** A volume served by a CSI driver. */
export type CSIPersistentVolumeSource = {
  driver: string;
  volumeHandle: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  controllerPublishSecretRef?: { name?: string; namespace?: string };
  nodeStageSecretRef?: { name?: string; namespace?: string };
  nodePublishSecretRef?: { name?: string; namespace?: string };
  controllerExpandSecretRef?: { name?: string; namespace?: string };
  nodeExpandSecretRef?: { name?: string; namespace?: string };
};

/** Where a PersistentVolume's data lives; exactly one field is set. */
export type PersistentVolumeSource = {
  gcePersistentDisk?: OpaqueObject;
  awsElasticBlockStore?: OpaqueObject;
  hostPath?: HostPathVolumeSource;
  glusterfs?: OpaqueObject;
  nfs?: NFSVolumeSource;
  rbd?: OpaqueObject;
  iscsi?: OpaqueObject;
  cinder?: OpaqueObject;
  cephfs?: OpaqueObject;
  fc?: OpaqueObject;
  flocker?: OpaqueObject;
  flexVolume?: OpaqueObject;
  azureFile?: OpaqueObject;
  vsphereVolume?: OpaqueObject;
  quobyte?: OpaqueObject;
  azureDisk?: OpaqueObject;
  photonPersistentDisk?: OpaqueObject;
  portworxVolume?: OpaqueObject;
  scaleIO?: OpaqueObject;
  local?: LocalVolumeSource;
  storageos?: OpaqueObject;
  csi?: CSIPersistentVolumeSource;
};

/** The desired state of a PersistentVolume. */
export type PersistentVolumeSpec = PersistentVolumeSource & {
  /** Must hold exactly `storage`. */
  capacity?: ResourceList;
  accessModes?: PersistentVolumeAccessMode[];
  /** The claim this volume is bound to, set when binding. */
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: PersistentVolumeReclaimPolicy;
  storageClassName?: string;
  mountOptions?: string[];
  volumeMode?: PersistentVolumeMode;
  nodeAffinity?: { required?: NodeSelector };
  volumeAttributesClassName?: string;
};

/** The life of a volume. */
export type PersistentVolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

/** The observed state of a PersistentVolume. */
export type PersistentVolumeStatus = {
  phase?: PersistentVolumePhase;
  message?: string;
  reason?: string;
  lastPhaseTransitionTime?: Time;
};

/** A piece of storage in the cluster (cluster-scoped). */
export type PersistentVolume = KubeObject<PersistentVolumeSpec, PersistentVolumeStatus> & {
  apiVersion: 'v1';
  kind: 'PersistentVolume';
};

/** Storage requests and limits of a claim. */
export type VolumeResourceRequirements = {
  limits?: ResourceList;
  requests?: ResourceList;
};

/** The desired state of a PersistentVolumeClaim. */
export type PersistentVolumeClaimSpec = {
  accessModes?: PersistentVolumeAccessMode[];
  selector?: LabelSelector;
  /** `requests.storage` is required. */
  resources?: VolumeResourceRequirements;
  /** The bound volume's name, set when binding (or by hand, to pre-bind). */
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: PersistentVolumeMode;
  dataSource?: TypedLocalObjectReference;
  dataSourceRef?: TypedObjectReference;
  volumeAttributesClassName?: string;
};

/** The life of a claim. */
export type PersistentVolumeClaimPhase = 'Pending' | 'Bound' | 'Lost';

/** A condition of a claim (resizing, modifying). */
export type PersistentVolumeClaimCondition = {
  type: string;
  status: ConditionStatus;
  lastProbeTime?: Time;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
};

/** The observed state of a PersistentVolumeClaim. */
export type PersistentVolumeClaimStatus = {
  phase?: PersistentVolumeClaimPhase;
  accessModes?: PersistentVolumeAccessMode[];
  capacity?: ResourceList;
  conditions?: PersistentVolumeClaimCondition[];
  allocatedResources?: ResourceList;
  allocatedResourceStatuses?: Record<string, string>;
  currentVolumeAttributesClassName?: string;
  modifyVolumeStatus?: OpaqueObject;
};

/** A request for storage, by a user or a StatefulSet. */
export type PersistentVolumeClaim = KubeObject<PersistentVolumeClaimSpec, PersistentVolumeClaimStatus> & {
  apiVersion: 'v1';
  kind: 'PersistentVolumeClaim';
};

/** A claim embedded in a StatefulSet's `volumeClaimTemplates`. */
export type PersistentVolumeClaimTemplate = {
  apiVersion?: string;
  kind?: string;
  metadata?: EmbeddedObjectMeta;
  spec?: PersistentVolumeClaimSpec;
  status?: PersistentVolumeClaimStatus;
};
