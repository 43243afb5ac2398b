/**
 * The columns `kubectl get` prints for each kind, and how each cell is computed from the
 * object. Kinds without an entry get NAME and AGE, as kubectl does for resources without
 * printer columns.
 *
 * Upstream: pkg/printers/internalversion/printers.go (AddHandlers: the column definitions and
 * printPod, printDeployment, printService, ...).
 */
import type { KubeObject } from '../../api/meta';
import { age } from './age';

/** One kind's columns: names, and the cells of one object. `wide` adds the `-o wide` columns. */
export type KindColumns = {
  header: string[];
  wideHeader: string[];
  cells: (object: KubeObject, now: string) => string[];
  wideCells: (object: KubeObject, now: string) => string[];
};

// Objects are read loosely here: printing must never fail on a half-filled status.
type Loose = Record<string, any>;
const spec = (o: KubeObject): Loose => (o.spec ?? {}) as Loose;
const status = (o: KubeObject): Loose => (o.status ?? {}) as Loose;
const created = (o: KubeObject, now: string) => age(o.metadata.creationTimestamp, now);
const orNone = (text: string | undefined) => (text === undefined || text === '' ? '<none>' : text);
const count = (n: unknown) => String(typeof n === 'number' ? n : 0);
const selectorText = (selector: Loose | undefined): string => {
  if (!selector) return '<none>';
  const labels = (selector.matchLabels ?? selector) as Record<string, string>;
  const parts = Object.entries(labels)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`);
  for (const e of (selector.matchExpressions ?? []) as Loose[]) {
    const op = String(e.operator);
    const values = ((e.values ?? []) as string[]).join(',');
    parts.push(op === 'Exists' ? e.key : op === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${op.toLowerCase()} (${values})`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
};
const templateContainers = (o: KubeObject): Loose[] => (spec(o).template?.spec?.containers ?? []) as Loose[];
const containerNames = (list: Loose[]) => orNone(list.map((c) => c.name).join(','));
const containerImages = (list: Loose[]) => orNone(list.map((c) => c.image).join(','));

/** The value of `spec.replicas`, which the API server defaults to 1 when absent. */
const desired = (o: KubeObject) => (typeof spec(o).replicas === 'number' ? spec(o).replicas : 1);

/** Pod STATUS: the waiting or terminated reason of a container, else the phase (printPod). */
function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const st = status(pod);
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  for (const c of (st.initContainerStatuses ?? []) as Loose[]) {
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.terminated) return `Init:${c.state.terminated.reason ?? `ExitCode:${c.state.terminated.exitCode}`}`;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') return `Init:${c.state.waiting.reason}`;
    const total = ((spec(pod).initContainers ?? []) as Loose[]).length;
    const done = ((st.initContainerStatuses ?? []) as Loose[]).filter((s) => s.state?.terminated?.exitCode === 0).length;
    return `Init:${done}/${total}`;
  }
  for (const c of [...((st.containerStatuses ?? []) as Loose[])].reverse()) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}

function podReady(pod: KubeObject): string {
  const statuses = (status(pod).containerStatuses ?? []) as Loose[];
  const total = ((spec(pod).containers ?? []) as Loose[]).length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

function podRestarts(pod: KubeObject): string {
  const statuses = (status(pod).containerStatuses ?? []) as Loose[];
  return String(statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0));
}

function servicePorts(svc: KubeObject): string {
  const ports = (spec(svc).ports ?? []) as Loose[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function serviceExternalIp(svc: KubeObject): string {
  const type = spec(svc).type ?? 'ClusterIP';
  if (type === 'ExternalName') return spec(svc).externalName ?? '<none>';
  const external = (spec(svc).externalIPs ?? []) as string[];
  const lb = ((status(svc).loadBalancer?.ingress ?? []) as Loose[]).map((i) => i.ip ?? i.hostname);
  const all = [...lb, ...external];
  if (all.length > 0) return all.join(',');
  return type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function nodeStatus(node: KubeObject): string {
  const ready = ((status(node).conditions ?? []) as Loose[]).find((c) => c.type === 'Ready');
  const text = ready?.status === 'True' ? 'Ready' : 'NotReady';
  return spec(node).unschedulable ? `${text},SchedulingDisabled` : text;
}

function nodeRoles(node: KubeObject): string {
  const prefix = 'node-role.kubernetes.io/';
  const roles = Object.keys(node.metadata.labels ?? {}).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  return roles.length === 0 ? '<none>' : roles.sort().join(',');
}

const accessModes = (modes: unknown): string =>
  ((modes ?? []) as string[])
    .map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m)
    .join(',');

const columns = (
  header: string[],
  cells: KindColumns['cells'],
  wideHeader: string[] = [],
  wideCells: KindColumns['wideCells'] = () => [],
): KindColumns => ({ header, cells, wideHeader, wideCells });

const BY_KIND: Record<string, KindColumns> = {
  Pod: columns(
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    (o, now) => [o.metadata.name, podReady(o), podStatus(o), podRestarts(o), created(o, now)],
    ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    (o) => [orNone(status(o).podIP), orNone(spec(o).nodeName), orNone(status(o).nominatedNodeName), '<none>'],
  ),
  Node: columns(
    ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    (o, now) => [o.metadata.name, nodeStatus(o), nodeRoles(o), created(o, now), orNone(status(o).nodeInfo?.kubeletVersion)],
    ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    (o) => {
      const addresses = (status(o).addresses ?? []) as Loose[];
      const address = (type: string) => orNone(addresses.find((a) => a.type === type)?.address);
      const info = (status(o).nodeInfo ?? {}) as Loose;
      return [address('InternalIP'), address('ExternalIP'), orNone(info.osImage), orNone(info.kernelVersion), orNone(info.containerRuntimeVersion)];
    },
  ),
  Namespace: columns(['NAME', 'STATUS', 'AGE'], (o, now) => [o.metadata.name, status(o).phase ?? 'Active', created(o, now)]),
  Deployment: columns(
    ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    (o, now) => [o.metadata.name, `${count(status(o).readyReplicas)}/${desired(o)}`, count(status(o).updatedReplicas), count(status(o).availableReplicas), created(o, now)],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    (o) => [containerNames(templateContainers(o)), containerImages(templateContainers(o)), selectorText(spec(o).selector)],
  ),
  ReplicaSet: columns(
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    (o, now) => [o.metadata.name, String(desired(o)), count(status(o).replicas), count(status(o).readyReplicas), created(o, now)],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    (o) => [containerNames(templateContainers(o)), containerImages(templateContainers(o)), selectorText(spec(o).selector)],
  ),
  ReplicationController: columns(
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    (o, now) => [o.metadata.name, String(desired(o)), count(status(o).replicas), count(status(o).readyReplicas), created(o, now)],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    (o) => [containerNames(templateContainers(o)), containerImages(templateContainers(o)), selectorText(spec(o).selector)],
  ),
  StatefulSet: columns(
    ['NAME', 'READY', 'AGE'],
    (o, now) => [o.metadata.name, `${count(status(o).readyReplicas)}/${desired(o)}`, created(o, now)],
    ['CONTAINERS', 'IMAGES'],
    (o) => [containerNames(templateContainers(o)), containerImages(templateContainers(o))],
  ),
  DaemonSet: columns(
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    (o, now) => {
      const s = status(o);
      const nodeSelector = Object.entries((spec(o).template?.spec?.nodeSelector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
      return [o.metadata.name, count(s.desiredNumberScheduled), count(s.currentNumberScheduled), count(s.numberReady), count(s.updatedNumberScheduled), count(s.numberAvailable), orNone(nodeSelector), created(o, now)];
    },
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    (o) => [containerNames(templateContainers(o)), containerImages(templateContainers(o)), selectorText(spec(o).selector)],
  ),
  Service: columns(
    ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    (o, now) => [o.metadata.name, spec(o).type ?? 'ClusterIP', orNone(spec(o).clusterIP), serviceExternalIp(o), servicePorts(o), created(o, now)],
    ['SELECTOR'],
    (o) => [selectorText(spec(o).selector)],
  ),
  ConfigMap: columns(['NAME', 'DATA', 'AGE'], (o, now) => [
    o.metadata.name,
    String(Object.keys((o.data ?? {}) as object).length + Object.keys((o.binaryData ?? {}) as object).length),
    created(o, now),
  ]),
  Secret: columns(['NAME', 'TYPE', 'DATA', 'AGE'], (o, now) => [
    o.metadata.name,
    String(o.type ?? 'Opaque'),
    String(new Set([...Object.keys((o.data ?? {}) as object), ...Object.keys((o.stringData ?? {}) as object)]).size),
    created(o, now),
  ]),
  PersistentVolume: columns(
    ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    (o, now) => {
      const claim = spec(o).claimRef as Loose | undefined;
      return [
        o.metadata.name,
        String(spec(o).capacity?.storage ?? ''),
        accessModes(spec(o).accessModes),
        spec(o).persistentVolumeReclaimPolicy ?? 'Retain',
        status(o).phase ?? 'Pending',
        claim ? `${claim.namespace}/${claim.name}` : '',
        spec(o).storageClassName ?? '',
        orNone(spec(o).volumeAttributesClassName),
        status(o).reason ?? '',
        created(o, now),
      ];
    },
    ['VOLUMEMODE'],
    (o) => [spec(o).volumeMode ?? 'Filesystem'],
  ),
  PersistentVolumeClaim: columns(
    ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    (o, now) => [
      o.metadata.name,
      status(o).phase ?? 'Pending',
      spec(o).volumeName ?? '',
      String(status(o).capacity?.storage ?? ''),
      accessModes(status(o).accessModes),
      spec(o).storageClassName ?? '<unset>',
      orNone(spec(o).volumeAttributesClassName),
      created(o, now),
    ],
    ['VOLUMEMODE'],
    (o) => [spec(o).volumeMode ?? 'Filesystem'],
  ),
  Ingress: columns(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'], (o, now) => {
    const rules = (spec(o).rules ?? []) as Loose[];
    const hosts = rules.map((r) => r.host ?? '*');
    const address = ((status(o).loadBalancer?.ingress ?? []) as Loose[]).map((i) => i.ip ?? i.hostname).join(',');
    return [o.metadata.name, orNone(spec(o).ingressClassName), hosts.length === 0 ? '*' : hosts.join(','), address, (spec(o).tls ?? []).length > 0 ? '80, 443' : '80', created(o, now)];
  }),
  Event: columns(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], (o, now) => {
    const involved = (o.involvedObject ?? {}) as Loose;
    const last = (o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp) as string | undefined;
    return [age(last, now), String(o.type ?? 'Normal'), String(o.reason ?? ''), `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`, String(o.message ?? '')];
  }),
};

/** The columns for a kind; NAME and AGE for kinds kubectl has no special printer for. */
export function columnsFor(kind: string): KindColumns {
  return BY_KIND[kind] ?? columns(['NAME', 'AGE'], (o, now) => [o.metadata.name, created(o, now)]);
}
