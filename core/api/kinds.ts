/**
 * The kind registry: for each kind, the REST resource that stores it, its API group and
 * version, and whether it lives in a namespace. The store keys objects by resource, and
 * error messages name objects the way the API server does (`deployments.apps "web"`).
 *
 * Upstream: the RESTMapper (staging/src/k8s.io/apimachinery/pkg/api/meta/restmapper.go) built
 * from discovery; the namespaced/cluster-scoped split per kubernetes.io
 * `concepts/overview/working-with-objects/namespaces.md`.
 */

/** What the API server knows about one kind. */
export type KindInfo = {
  kind: string;
  /** Lower-case plural, as in the REST path: `pods`, `deployments`. */
  resource: string;
  /** `""` for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Names kubectl accepts besides the resource: singular and short names. */
  aliases: string[];
};

const kind = (
  kind: string,
  resource: string,
  group: string,
  version: string,
  namespaced: boolean,
  aliases: string[] = [],
): KindInfo => ({ kind, resource, group, version, namespaced, aliases });

/** Every kind this cluster serves, in the order `kubectl api-resources` would group them. */
export const KINDS: readonly KindInfo[] = [
  kind('Namespace', 'namespaces', '', 'v1', false, ['namespace', 'ns']),
  kind('Node', 'nodes', '', 'v1', false, ['node', 'no']),
  kind('Pod', 'pods', '', 'v1', true, ['pod', 'po']),
  kind('Service', 'services', '', 'v1', true, ['service', 'svc']),
  kind('Endpoints', 'endpoints', '', 'v1', true, ['ep']),
  kind('ConfigMap', 'configmaps', '', 'v1', true, ['configmap', 'cm']),
  kind('Secret', 'secrets', '', 'v1', true, ['secret']),
  kind('ServiceAccount', 'serviceaccounts', '', 'v1', true, ['serviceaccount', 'sa']),
  kind('PersistentVolume', 'persistentvolumes', '', 'v1', false, ['persistentvolume', 'pv']),
  kind('PersistentVolumeClaim', 'persistentvolumeclaims', '', 'v1', true, ['persistentvolumeclaim', 'pvc']),
  kind('ReplicationController', 'replicationcontrollers', '', 'v1', true, ['replicationcontroller', 'rc']),
  kind('ResourceQuota', 'resourcequotas', '', 'v1', true, ['resourcequota', 'quota']),
  kind('LimitRange', 'limitranges', '', 'v1', true, ['limitrange', 'limits']),
  kind('Event', 'events', '', 'v1', true, ['event', 'ev']),
  kind('Deployment', 'deployments', 'apps', 'v1', true, ['deployment', 'deploy']),
  kind('ReplicaSet', 'replicasets', 'apps', 'v1', true, ['replicaset', 'rs']),
  kind('StatefulSet', 'statefulsets', 'apps', 'v1', true, ['statefulset', 'sts']),
  kind('DaemonSet', 'daemonsets', 'apps', 'v1', true, ['daemonset', 'ds']),
  kind('ControllerRevision', 'controllerrevisions', 'apps', 'v1', true, ['controllerrevision']),
  kind('Job', 'jobs', 'batch', 'v1', true, ['job']),
  kind('CronJob', 'cronjobs', 'batch', 'v1', true, ['cronjob', 'cj']),
  kind('Ingress', 'ingresses', 'networking.k8s.io', 'v1', true, ['ingress', 'ing']),
  kind('IngressClass', 'ingressclasses', 'networking.k8s.io', 'v1', false, ['ingressclass']),
  kind('EndpointSlice', 'endpointslices', 'discovery.k8s.io', 'v1', true, ['endpointslice']),
  kind('StorageClass', 'storageclasses', 'storage.k8s.io', 'v1', false, ['storageclass', 'sc']),
  kind('Lease', 'leases', 'coordination.k8s.io', 'v1', true, ['lease']),
];

/** `apiVersion` as written in manifests: `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(info: KindInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The resource as error messages spell it: `pods`, `deployments.apps`. */
export function qualifiedResource(info: KindInfo): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

/** Looks a kind up by its `kind` name (`Deployment`). */
export function kindInfo(kindName: string): KindInfo | undefined {
  return KINDS.find((info) => info.kind === kindName);
}

/** Looks a kind up by resource name, alias or kind, case-insensitively, as kubectl does. */
export function lookupResource(name: string): KindInfo | undefined {
  const wanted = name.toLowerCase();
  const [resource, group] = wanted.includes('.') ? [wanted.slice(0, wanted.indexOf('.')), wanted.slice(wanted.indexOf('.') + 1)] : [wanted, undefined];
  return KINDS.find(
    (info) =>
      (group === undefined || info.group === group) &&
      (info.resource === resource || info.kind.toLowerCase() === resource || info.aliases.includes(resource)),
  );
}
