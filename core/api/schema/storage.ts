/**
 * Schemas of PersistentVolume and PersistentVolumeClaim, with upstream's checks: access
 * modes, capacity and storage requests, exactly one volume source.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidatePersistentVolumeSpec,
 * ValidatePersistentVolumeClaimSpec, ValidatePositiveQuantityValue).
 */
import { compareQuantities, quantityToString } from '@kata/01-api-machinery/quantity';
import type {
  CSIPersistentVolumeSource,
  LocalVolumeSource,
  PersistentVolumeClaimCondition,
  PersistentVolumeClaimSpec,
  PersistentVolumeClaimStatus,
  PersistentVolumeClaimTemplate,
  PersistentVolumeSpec,
  PersistentVolumeStatus,
  VolumeResourceRequirements,
} from '../types/storage';
import { resourceList } from './container';
import type { FieldError } from './field-error';
import { forbidden, invalid, IS_NOT_POSITIVE_ERROR_MSG, notSupported, required } from './field-error';
import { labelSelector, objectMeta, objectReference, time, typedLocalObjectReference, typedObjectReference } from './meta';
import { child, key } from './path';
import type { Loose } from './schema';
import { arr, bool, map, obj, opaque, req, str, valueStruct } from './schema';
import { kindSchema } from './kind-schema';
import { quantityOrUndefined } from './quantities';
import { nodeSelector } from './scheduling';
import { atMostOneSource, hostPathSource, legacySource, nfsSource } from './volume-sources';

/** Upstream `supportedAccessModes`, sorted as `sets.List` prints them. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
const VOLUME_MODES = ['Block', 'Filesystem'] as const;

/** `storageClassName` follows the DNS subdomain rule (upstream `ValidateClassName`). */
const className = () => str({ format: 'dns1123Subdomain' });

/**
 * Access modes are checked as a whole: upstream reports an unknown mode at `accessModes`
 * itself (not at an index), and forbids mixing ReadWriteOncePod with other modes.
 */
function accessModeErrors(modes: readonly (string | undefined)[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const at = child(path, 'accessModes');
  for (const mode of modes ?? []) if (!(ACCESS_MODES as readonly string[]).includes(mode ?? '')) errors.push(notSupported(at, mode ?? '', ACCESS_MODES));
  if ((modes ?? []).includes('ReadWriteOncePod') && (modes ?? []).length > 1) errors.push(forbidden(at, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

/** A storage quantity must be above zero; printed in canonical form as upstream does. */
function positiveQuantity(text: string, path: string): FieldError[] {
  const q = quantityOrUndefined(text);
  if (q === undefined) return [];
  return compareQuantities(q, { nanos: 0n, format: 'DecimalSI' }) <= 0 ? [invalid(path, quantityToString(q), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

/** Upstream `ValidatePersistentVolumeClaimSpec`. */
function validateClaimSpec(spec: Loose<PersistentVolumeClaimSpec>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((spec.accessModes ?? []).length === 0) errors.push(required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  errors.push(...accessModeErrors(spec.accessModes, path));
  // Upstream's path for the storage request really is `resources[storage]`.
  const storagePath = key(child(path, 'resources'), 'storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errors.push(required(storagePath, ''));
  else errors.push(...positiveQuantity(storage, storagePath));
  return errors;
}

/** `v1.PersistentVolumeClaimSpec`. */
export const persistentVolumeClaimSpec = obj<PersistentVolumeClaimSpec>(
  'PersistentVolumeClaimSpec',
  {
    accessModes: arr(str({ goType: 'v1.PersistentVolumeAccessMode' })),
    selector: labelSelector,
    resources: obj<VolumeResourceRequirements>('VolumeResourceRequirements', { limits: resourceList(), requests: resourceList() }),
    volumeName: str(),
    storageClassName: className(),
    volumeMode: str({ enum: VOLUME_MODES, goType: 'v1.PersistentVolumeMode' }),
    dataSource: typedLocalObjectReference,
    dataSourceRef: typedObjectReference,
    volumeAttributesClassName: str(),
  },
  [validateClaimSpec],
);

/** `v1.PersistentVolumeClaimStatus`. */
export const persistentVolumeClaimStatus = obj<PersistentVolumeClaimStatus>('PersistentVolumeClaimStatus', {
  phase: str({ goType: 'v1.PersistentVolumeClaimPhase' }),
  accessModes: arr(str({ goType: 'v1.PersistentVolumeAccessMode' })),
  capacity: resourceList(),
  conditions: arr(
    obj<PersistentVolumeClaimCondition>('PersistentVolumeClaimCondition', {
      type: str(),
      status: str({ goType: 'v1.ConditionStatus' }),
      lastProbeTime: time(),
      lastTransitionTime: time(),
      reason: str(),
      message: str(),
    }),
  ),
  allocatedResources: resourceList(),
  allocatedResourceStatuses: map(str()),
  currentVolumeAttributesClassName: str(),
  modifyVolumeStatus: opaque('v1.ModifyVolumeStatus'),
});

/** A claim embedded in a StatefulSet's `volumeClaimTemplates` (`v1.PersistentVolumeClaim`). */
export const persistentVolumeClaimTemplate = obj<PersistentVolumeClaimTemplate>('PersistentVolumeClaim', {
  apiVersion: str(),
  kind: str(),
  metadata: objectMeta,
  spec: persistentVolumeClaimSpec,
  status: persistentVolumeClaimStatus,
});

const secretReference = () => obj<{ name?: string; namespace?: string }>('SecretReference', { name: str(), namespace: str() });

/** The sources of a PersistentVolume, in upstream's checking order. */
const pvSources = {
  gcePersistentDisk: legacySource('GCEPersistentDiskVolumeSource'),
  awsElasticBlockStore: legacySource('AWSElasticBlockStoreVolumeSource'),
  hostPath: hostPathSource,
  glusterfs: legacySource('GlusterfsPersistentVolumeSource'),
  nfs: nfsSource,
  rbd: legacySource('RBDPersistentVolumeSource'),
  iscsi: legacySource('ISCSIPersistentVolumeSource'),
  cinder: legacySource('CinderPersistentVolumeSource'),
  cephfs: legacySource('CephFSPersistentVolumeSource'),
  fc: legacySource('FCVolumeSource'),
  flocker: legacySource('FlockerVolumeSource'),
  flexVolume: legacySource('FlexPersistentVolumeSource'),
  azureFile: legacySource('AzureFilePersistentVolumeSource'),
  vsphereVolume: legacySource('VsphereVirtualDiskVolumeSource'),
  quobyte: legacySource('QuobyteVolumeSource'),
  azureDisk: legacySource('AzureDiskVolumeSource'),
  photonPersistentDisk: legacySource('PhotonPersistentDiskVolumeSource'),
  portworxVolume: legacySource('PortworxVolumeSource'),
  scaleIO: legacySource('ScaleIOPersistentVolumeSource'),
  local: obj<LocalVolumeSource>('LocalVolumeSource', { path: req(str()), fsType: str() }),
  storageos: legacySource('StorageOSPersistentVolumeSource'),
  csi: obj<CSIPersistentVolumeSource>('CSIPersistentVolumeSource', {
    driver: req(str()),
    volumeHandle: req(str()),
    readOnly: bool(),
    fsType: str(),
    volumeAttributes: map(str()),
    controllerPublishSecretRef: secretReference(),
    nodeStageSecretRef: secretReference(),
    nodePublishSecretRef: secretReference(),
    controllerExpandSecretRef: secretReference(),
    nodeExpandSecretRef: secretReference(),
  }),
};
const PV_SOURCE_NAMES = Object.keys(pvSources);

/** Upstream `ValidatePersistentVolumeSpec`. */
function validateVolumeSpec(spec: Loose<PersistentVolumeSpec>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((spec.accessModes ?? []).length === 0) errors.push(required(child(path, 'accessModes'), ''));
  errors.push(...accessModeErrors(spec.accessModes, path));
  const capacity = spec.capacity ?? {};
  const capPath = child(path, 'capacity');
  const names = Object.keys(capacity);
  if (names.length === 0) errors.push(required(capPath, ''));
  else if (capacity.storage === undefined || names.length > 1) errors.push(notSupported(capPath, capacity, ['storage']));
  for (const [name, text] of Object.entries(capacity)) if (text !== undefined) errors.push(...positiveQuantity(text, key(capPath, name)));
  const sources = spec as Record<string, unknown>;
  if (!PV_SOURCE_NAMES.some((name) => sources[name] !== undefined)) errors.push(required(path, 'must specify a volume type'));
  errors.push(...atMostOneSource(sources, path, PV_SOURCE_NAMES));
  return errors;
}

/** `v1.PersistentVolumeSpec`. */
export const persistentVolumeSpec = obj<PersistentVolumeSpec>(
  'PersistentVolumeSpec',
  {
    capacity: resourceList(),
    ...pvSources,
    accessModes: arr(str({ goType: 'v1.PersistentVolumeAccessMode' })),
    claimRef: objectReference,
    persistentVolumeReclaimPolicy: str({ enum: ['Delete', 'Recycle', 'Retain'], goType: 'v1.PersistentVolumeReclaimPolicy' }),
    storageClassName: className(),
    mountOptions: arr(str()),
    volumeMode: str({ enum: VOLUME_MODES, goType: 'v1.PersistentVolumeMode' }),
    nodeAffinity: obj<NonNullable<PersistentVolumeSpec['nodeAffinity']>>('VolumeNodeAffinity', { required: nodeSelector }),
    volumeAttributesClassName: str(),
  },
  [validateVolumeSpec],
);

/** `v1.PersistentVolumeStatus`. */
export const persistentVolumeStatus = obj<PersistentVolumeStatus>('PersistentVolumeStatus', {
  phase: str({ goType: 'v1.PersistentVolumePhase' }),
  message: str(),
  reason: str(),
  lastPhaseTransitionTime: time(),
});

/** v1 PersistentVolume (cluster-scoped). */
export const persistentVolumeKind = kindSchema('PersistentVolume', 'dns1123Subdomain', {
  spec: valueStruct(persistentVolumeSpec),
  status: persistentVolumeStatus,
});

/** v1 PersistentVolumeClaim. */
export const persistentVolumeClaimKind = kindSchema('PersistentVolumeClaim', 'dns1123Subdomain', {
  spec: valueStruct(persistentVolumeClaimSpec),
  status: persistentVolumeClaimStatus,
});
