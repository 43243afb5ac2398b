/**
 * The kinds this project serves without modelling their fields: their metadata is decoded
 * and validated, the rest of each top-level field is kept as written. Listing the top-level
 * fields still lets the decoder warn about a misspelt one.
 *
 * Upstream: the top-level fields of each type in staging/src/k8s.io/api/<group>/v1/types.go;
 * every one of these kinds names its objects with `NameIsDNSSubdomain`.
 */
import type { KindSchema } from './kind-schema';
import { kindSchema } from './kind-schema';
import type { Schema } from './schema';
import { bool, int64, opaque, str } from './schema';

const kept = (goType: string): Schema => opaque(goType);
const metadataOnly = (kind: string, fields: Record<string, Schema>): KindSchema => kindSchema(kind, 'dns1123Subdomain', fields);

/** Kinds decoded for their metadata only. */
export const metadataOnlyKinds: readonly KindSchema[] = [
  metadataOnly('Endpoints', { subsets: kept('[]v1.EndpointSubset') }),
  metadataOnly('ServiceAccount', {
    secrets: kept('[]v1.ObjectReference'),
    imagePullSecrets: kept('[]v1.LocalObjectReference'),
    automountServiceAccountToken: bool(),
  }),
  metadataOnly('ReplicationController', { spec: kept('v1.ReplicationControllerSpec'), status: kept('v1.ReplicationControllerStatus') }),
  metadataOnly('ResourceQuota', { spec: kept('v1.ResourceQuotaSpec'), status: kept('v1.ResourceQuotaStatus') }),
  metadataOnly('LimitRange', { spec: kept('v1.LimitRangeSpec') }),
  metadataOnly('Event', {
    involvedObject: kept('v1.ObjectReference'),
    reason: str(),
    message: str(),
    source: kept('v1.EventSource'),
    firstTimestamp: str({ goType: 'v1.Time' }),
    lastTimestamp: str({ goType: 'v1.Time' }),
    count: kept('int32'),
    type: str(),
    eventTime: str({ goType: 'v1.MicroTime' }),
    series: kept('v1.EventSeries'),
    action: str(),
    related: kept('v1.ObjectReference'),
    reportingComponent: str(),
    reportingInstance: str(),
  }),
  metadataOnly('ControllerRevision', { data: kept('runtime.RawExtension'), revision: int64() }),
  metadataOnly('Job', { spec: kept('v1.JobSpec'), status: kept('v1.JobStatus') }),
  metadataOnly('CronJob', { spec: kept('v1.CronJobSpec'), status: kept('v1.CronJobStatus') }),
  metadataOnly('IngressClass', { spec: kept('v1.IngressClassSpec') }),
  metadataOnly('EndpointSlice', { addressType: str({ goType: 'v1.AddressType' }), endpoints: kept('[]v1.Endpoint'), ports: kept('[]v1.EndpointPort') }),
  metadataOnly('StorageClass', {
    provisioner: str(),
    parameters: kept('map[string]string'),
    reclaimPolicy: str({ goType: 'v1.PersistentVolumeReclaimPolicy' }),
    mountOptions: kept('[]string'),
    allowVolumeExpansion: bool(),
    volumeBindingMode: str({ goType: 'v1.VolumeBindingMode' }),
    allowedTopologies: kept('[]v1.TopologySelectorTerm'),
  }),
  metadataOnly('Lease', { spec: kept('v1.LeaseSpec') }),
];
