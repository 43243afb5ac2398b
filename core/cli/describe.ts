/**
 * `describe <type> <name>`: a readable report of one object and the events about it, laid out
 * as kubectl lays it out (aligned `Key:  value` sections, then an Events table).
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/describe/describe.go (PodDescriber, NodeDescriber,
 * DeploymentDescriber, DescribeEvents).
 */
import { listObjects } from '@kata/01-api-machinery/store';
import { lookupResource, qualifiedResource } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import type { ClusterState } from '../cluster/state';
import type { CommandOutput } from './get';
import { age } from './printers/age';
import { tabwrite } from './printers/tabwriter';

type Loose = Record<string, any>;

/** Runs `describe`; with no names, describes every object of the type in the namespace. */
export function describeCommand(state: ClusterState, type: string, names: string[], namespace = 'default'): CommandOutput {
  const info = lookupResource(type);
  if (!info) return { stdout: '', stderr: `error: the server doesn't have a resource type "${type}"`, exitCode: 1 };
  const all = listObjects(state.store, info.kind, info.namespaced ? namespace : undefined).items;
  const picked = names.length === 0 ? all : names.map((n) => all.find((o) => o.metadata.name === n) ?? n);
  const missing = picked.filter((p): p is string => typeof p === 'string');
  const reports = picked.filter((p): p is KubeObject => typeof p !== 'string').map((o) => describeObject(state, o));
  return {
    stdout: reports.map((r) => tabwrite(r, { minWidth: 0, padding: 2 }) + '\n').join('\n\n'),
    stderr: missing.map((n) => `Error from server (NotFound): ${qualifiedResource(info)} "${n}" not found`).join('\n'),
    exitCode: missing.length > 0 ? 1 : 0,
  };
}

/** The tab-separated report of one object (aligned by the caller). */
export function describeObject(state: ClusterState, object: KubeObject): string {
  const body = object.kind === 'Pod' ? pod(object) : object.kind === 'Node' ? node(object, state) : object.kind === 'Deployment' || object.kind === 'ReplicaSet' ? workload(object) : generic(object);
  return [...body, ...events(state, object)].join('\n');
}

/** kubectl's time format in describe: RFC 1123 with a numeric zone. */
function when(iso: string | undefined): string {
  if (!iso) return '<unknown>';
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// kubectl describe never prints the (long) annotation kubectl apply keeps.
const HIDDEN_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

const mapLines = (label: string, map: Record<string, string> | undefined, indent = ''): string[] => {
  const entries = Object.entries(map ?? {}).filter(([k]) => !HIDDEN_ANNOTATIONS.has(k)).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [`${indent}${label}:\t<none>`];
  return entries.map(([k, v], i) => `${indent}${i === 0 ? `${label}:` : ''}\t${k}=${v}`);
};

const header = (o: KubeObject): string[] => [
  `Name:\t${o.metadata.name}`,
  ...(o.metadata.namespace ? [`Namespace:\t${o.metadata.namespace}`] : []),
];

function pod(o: KubeObject): string[] {
  const spec = (o.spec ?? {}) as Loose;
  const status = (o.status ?? {}) as Loose;
  const statuses = new Map<string, Loose>(((status.containerStatuses ?? []) as Loose[]).map((s) => [s.name, s]));
  const lines = [
    ...header(o),
    `Priority:\t${spec.priority ?? 0}`,
    `Service Account:\t${spec.serviceAccountName ?? 'default'}`,
    `Node:\t${spec.nodeName ? `${spec.nodeName}${status.hostIP ? `/${status.hostIP}` : ''}` : '<none>'}`,
    ...(status.startTime ? [`Start Time:\t${when(status.startTime)}`] : []),
    ...mapLines('Labels', o.metadata.labels),
    ...mapLines('Annotations', o.metadata.annotations),
    `Status:\t${o.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? 'Pending')}`,
    ...(status.reason ? [`Reason:\t${status.reason}`] : []),
    ...(status.message ? [`Message:\t${status.message}`] : []),
    `IP:\t${status.podIP ?? ''}`,
    `IPs:${status.podIP ? '' : '\t<none>'}`,
    ...(status.podIP ? [`  IP:\t${status.podIP}`] : []),
  ];
  const section = (title: string, list: Loose[], statusList: Loose[]) => {
    if (list.length === 0) return [];
    const byName = new Map<string, Loose>(statusList.map((s) => [s.name, s]));
    return [`${title}:`, ...list.flatMap((c) => container(c, byName.get(c.name)))];
  };
  lines.push(...section('Init Containers', spec.initContainers ?? [], status.initContainerStatuses ?? []));
  lines.push(...section('Containers', spec.containers ?? [], [...statuses.values()]));
  const conditions = (status.conditions ?? []) as Loose[];
  if (conditions.length > 0) lines.push('Conditions:', '  Type\tStatus', ...conditions.map((c) => `  ${c.type}\t${c.status}`));
  lines.push(
    `Volumes:\t${((spec.volumes ?? []) as Loose[]).map((v) => v.name).join(', ') || '<none>'}`,
    `QoS Class:\t${status.qosClass ?? 'BestEffort'}`,
    `Node-Selectors:\t${Object.entries((spec.nodeSelector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',') || '<none>'}`,
    ...tolerations(spec.tolerations ?? []),
  );
  return lines;
}

function container(c: Loose, s: Loose | undefined): string[] {
  const ports = ((c.ports ?? []) as Loose[]).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const lines = [`  ${c.name}:`, `    Container ID:\t${s?.containerID ?? ''}`, `    Image:\t${c.image}`, `    Image ID:\t${s?.imageID ?? ''}`, `    Port:\t${ports || '<none>'}`];
  lines.push(...state('State', s?.state), ...(s?.lastState && Object.keys(s.lastState).length > 0 ? state('Last State', s.lastState) : []));
  lines.push(`    Ready:\t${s?.ready ? 'True' : 'False'}`, `    Restart Count:\t${s?.restartCount ?? 0}`);
  const requests = (c.resources?.requests ?? {}) as Record<string, string>;
  const limits = (c.resources?.limits ?? {}) as Record<string, string>;
  const sorted = (list: Record<string, string>) => Object.entries(list).sort(([a], [b]) => a.localeCompare(b));
  if (Object.keys(limits).length > 0) lines.push('    Limits:', ...sorted(limits).map(([k, v]) => `      ${k}:\t${v}`));
  if (Object.keys(requests).length > 0) lines.push('    Requests:', ...sorted(requests).map(([k, v]) => `      ${k}:\t${v}`));
  lines.push(`    Environment:\t${((c.env ?? []) as Loose[]).length === 0 ? '<none>' : ''}`, ...((c.env ?? []) as Loose[]).map((e) => `      ${e.name}:\t${e.value ?? '<set from a reference>'}`));
  return lines;
}

function state(label: string, st: Loose | undefined): string[] {
  if (st?.running) return [`    ${label}:\tRunning`, `      Started:\t${when(st.running.startedAt)}`];
  if (st?.terminated) {
    const t = st.terminated;
    return [`    ${label}:\tTerminated`, `      Reason:\t${t.reason ?? ''}`, `      Exit Code:\t${t.exitCode}`, `      Started:\t${when(t.startedAt)}`, `      Finished:\t${when(t.finishedAt)}`];
  }
  return [`    ${label}:\tWaiting`, ...(st?.waiting?.reason ? [`      Reason:\t${st.waiting.reason}`] : [])];
}

function tolerations(list: Loose[]): string[] {
  if (list.length === 0) return ['Tolerations:\t<none>'];
  return list.map((t, i) => {
    const key = t.key ?? '';
    const value = t.value ? `=${t.value}` : '';
    const effect = t.effect ? `:${t.effect}` : '';
    const op = t.operator === 'Exists' ? ' op=Exists' : '';
    const seconds = t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : '';
    return `${i === 0 ? 'Tolerations:' : ''}\t${key}${value}${effect}${op}${seconds}`;
  });
}

function node(o: KubeObject, cluster: ClusterState): string[] {
  const spec = (o.spec ?? {}) as Loose;
  const status = (o.status ?? {}) as Loose;
  const taints = ((spec.taints ?? []) as Loose[]).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  const pods = listObjects(cluster.store, 'Pod').items.filter((p) => (p.spec as Loose | undefined)?.nodeName === o.metadata.name);
  return [
    ...header(o),
    ...mapLines('Labels', o.metadata.labels),
    `CreationTimestamp:\t${when(o.metadata.creationTimestamp)}`,
    ...(taints.length === 0 ? ['Taints:\t<none>'] : taints.map((t, i) => `${i === 0 ? 'Taints:' : ''}\t${t}`)),
    `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}`,
    'Conditions:',
    '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage',
    '  ----\t------\t-----------------\t------------------\t------\t-------',
    ...((status.conditions ?? []) as Loose[]).map((c) => `  ${c.type}\t${c.status}\t${when(c.lastHeartbeatTime)}\t${when(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}`),
    'Capacity:',
    ...Object.entries((status.capacity ?? {}) as Record<string, string>).map(([k, v]) => `  ${k}:\t${v}`),
    'Allocatable:',
    ...Object.entries((status.allocatable ?? {}) as Record<string, string>).map(([k, v]) => `  ${k}:\t${v}`),
    `PodCIDR:\t${spec.podCIDR ?? ''}`,
    `Non-terminated Pods:\t(${pods.length} in total)`,
    ...(pods.length > 0 ? ['  Namespace\tName', '  ---------\t----', ...pods.map((p) => `  ${p.metadata.namespace}\t${p.metadata.name}`)] : []),
  ];
}

function workload(o: KubeObject): string[] {
  const spec = (o.spec ?? {}) as Loose;
  const status = (o.status ?? {}) as Loose;
  const selector = Object.entries((spec.selector?.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  const lines = [
    ...header(o),
    `CreationTimestamp:\t${when(o.metadata.creationTimestamp)}`,
    ...mapLines('Labels', o.metadata.labels),
    ...mapLines('Annotations', o.metadata.annotations),
    `Selector:\t${selector || '<none>'}`,
  ];
  if (o.kind === 'Deployment') {
    const strategy = spec.strategy?.type ?? 'RollingUpdate';
    lines.push(
      `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable`,
      `StrategyType:\t${strategy}`,
      `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`,
      ...(strategy === 'RollingUpdate' ? [`RollingUpdateStrategy:\t${spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%'} max unavailable, ${spec.strategy?.rollingUpdate?.maxSurge ?? '25%'} max surge`] : []),
    );
    const conditions = (status.conditions ?? []) as Loose[];
    if (conditions.length > 0) lines.push('Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------', ...conditions.map((c) => `  ${c.type}\t${c.status}\t${c.reason ?? ''}`));
  } else {
    lines.push(`Replicas:\t${status.replicas ?? 0} current / ${spec.replicas ?? 1} desired`);
  }
  const containers = (spec.template?.spec?.containers ?? []) as Loose[];
  lines.push('Pod Template:', ...mapLines('Labels', spec.template?.metadata?.labels, '  '), '  Containers:', ...containers.flatMap((c) => [`   ${c.name}:`, `    Image:\t${c.image}`]));
  return lines;
}

function generic(o: KubeObject): string[] {
  return [...header(o), ...mapLines('Labels', o.metadata.labels), ...mapLines('Annotations', o.metadata.annotations)];
}

/** The Events section: events about this object, oldest first, with kubectl's "(xN over T)" for repeats. */
function events(cluster: ClusterState, o: KubeObject): string[] {
  const about = listObjects(cluster.store, 'Event', o.metadata.namespace || undefined).items.filter((e) => {
    const involved = (e as Loose).involvedObject as Loose | undefined;
    return involved?.kind === o.kind && involved?.name === o.metadata.name && (!involved?.uid || involved.uid === o.metadata.uid);
  }) as Loose[];
  if (about.length === 0) return ['Events:\t<none>'];
  about.sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
  return [
    'Events:',
    '  Type\tReason\tAge\tFrom\tMessage',
    '  ----\t------\t----\t----\t-------',
    ...about.map((e) => {
      const seen = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, cluster.now)} (x${e.count} over ${age(e.firstTimestamp, cluster.now)})` : age(e.lastTimestamp, cluster.now);
      return `  ${e.type}\t${e.reason}\t${seen}\t${e.source?.component ?? ''}\t${e.message}`;
    }),
  ];
}
