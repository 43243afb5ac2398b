/**
 * Schemas of pod volumes: the common sources modelled field by field, the rest kept as
 * written, and at most one source per volume.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidateVolumes, validateVolumeSource
 * and the per-source validators).
 */
import type {
  ConfigMapVolumeSource,
  CSIVolumeSource,
  DownwardAPIVolumeFile,
  DownwardAPIVolumeSource,
  EmptyDirVolumeSource,
  EphemeralVolumeSource,
  ImageVolumeSource,
  KeyToPath,
  PersistentVolumeClaimVolumeSource,
  ProjectedVolumeSource,
  SecretVolumeSource,
  ServiceAccountTokenProjection,
  Volume,
  VolumeProjection,
} from '../types/volume';
import { objectFieldSelector, resourceFieldSelector } from './container';
import { localObjectReference, objectMeta } from './meta';
import type { Loose } from './schema';
import { arr, bool, int32, int64, map, obj, opaque, quantity, req, str, valueStruct } from './schema';
import { persistentVolumeClaimSpec } from './storage';
import { atMostOneSource, hostPathSource, legacySource, nfsSource } from './volume-sources';

const keyToPath = obj<KeyToPath>('KeyToPath', { key: req(str()), path: req(str()), mode: int32() });

const downwardAPIVolumeFile = obj<DownwardAPIVolumeFile>('DownwardAPIVolumeFile', {
  path: req(str()),
  fieldRef: objectFieldSelector,
  resourceFieldRef: resourceFieldSelector,
  mode: int32(),
});

const volumeProjection = obj<VolumeProjection>('VolumeProjection', {
  secret: obj<NonNullable<VolumeProjection['secret']>>('SecretProjection', { name: str(), items: arr(keyToPath), optional: bool() }),
  downwardAPI: obj<NonNullable<VolumeProjection['downwardAPI']>>('DownwardAPIProjection', { items: arr(downwardAPIVolumeFile) }),
  configMap: obj<NonNullable<VolumeProjection['configMap']>>('ConfigMapProjection', { name: str(), items: arr(keyToPath), optional: bool() }),
  serviceAccountToken: obj<ServiceAccountTokenProjection>('ServiceAccountTokenProjection', { audience: str(), expirationSeconds: int64(), path: req(str()) }),
  clusterTrustBundle: opaque('v1.ClusterTrustBundleProjection'),
  podCertificate: opaque('v1.PodCertificateProjection'),
});

/** The sources of a pod volume, in upstream's checking order where it matters. */
const volumeSources = {
  hostPath: hostPathSource,
  emptyDir: obj<EmptyDirVolumeSource>('EmptyDirVolumeSource', { medium: str({ goType: 'v1.StorageMedium' }), sizeLimit: quantity() }),
  gcePersistentDisk: legacySource('GCEPersistentDiskVolumeSource'),
  awsElasticBlockStore: legacySource('AWSElasticBlockStoreVolumeSource'),
  gitRepo: legacySource('GitRepoVolumeSource'),
  secret: obj<SecretVolumeSource>('SecretVolumeSource', { secretName: req(str()), items: arr(keyToPath), defaultMode: int32(), optional: bool() }),
  nfs: nfsSource,
  iscsi: legacySource('ISCSIVolumeSource'),
  glusterfs: legacySource('GlusterfsVolumeSource'),
  persistentVolumeClaim: obj<PersistentVolumeClaimVolumeSource>('PersistentVolumeClaimVolumeSource', { claimName: req(str()), readOnly: bool() }),
  rbd: legacySource('RBDVolumeSource'),
  flexVolume: legacySource('FlexVolumeSource'),
  cinder: legacySource('CinderVolumeSource'),
  cephfs: legacySource('CephFSVolumeSource'),
  flocker: legacySource('FlockerVolumeSource'),
  downwardAPI: obj<DownwardAPIVolumeSource>('DownwardAPIVolumeSource', { items: arr(downwardAPIVolumeFile), defaultMode: int32() }),
  fc: legacySource('FCVolumeSource'),
  azureFile: legacySource('AzureFileVolumeSource'),
  configMap: obj<ConfigMapVolumeSource>('ConfigMapVolumeSource', { name: req(str()), items: arr(keyToPath), defaultMode: int32(), optional: bool() }),
  vsphereVolume: legacySource('VsphereVirtualDiskVolumeSource'),
  quobyte: legacySource('QuobyteVolumeSource'),
  azureDisk: legacySource('AzureDiskVolumeSource'),
  photonPersistentDisk: legacySource('PhotonPersistentDiskVolumeSource'),
  projected: obj<ProjectedVolumeSource>('ProjectedVolumeSource', { sources: arr(volumeProjection), defaultMode: int32() }),
  portworxVolume: legacySource('PortworxVolumeSource'),
  scaleIO: legacySource('ScaleIOVolumeSource'),
  storageos: legacySource('StorageOSVolumeSource'),
  csi: obj<CSIVolumeSource>('CSIVolumeSource', {
    driver: req(str()),
    readOnly: bool(),
    fsType: str(),
    volumeAttributes: map(str()),
    nodePublishSecretRef: localObjectReference,
  }),
  ephemeral: obj<EphemeralVolumeSource>('EphemeralVolumeSource', {
    volumeClaimTemplate: obj<NonNullable<EphemeralVolumeSource['volumeClaimTemplate']>>('PersistentVolumeClaimTemplate', {
      metadata: objectMeta,
      spec: valueStruct(persistentVolumeClaimSpec),
    }),
  }),
  image: obj<ImageVolumeSource>('ImageVolumeSource', { reference: str(), pullPolicy: str({ enum: ['Always', 'IfNotPresent', 'Never'], goType: 'v1.PullPolicy' }) }),
};
const SOURCE_NAMES = Object.keys(volumeSources);

/**
 * `v1.Volume`: a DNS-1123 label as name and at most one source. A volume with no source is
 * valid: the server defaults it to `emptyDir`.
 */
export const volume = obj<Volume>('Volume', { name: req(str({ format: 'dns1123Label' })), ...volumeSources }, [
  (v: Loose<Volume>, path: string) => atMostOneSource(v as Record<string, unknown>, path, SOURCE_NAMES),
]);
