/**
 * Test fixtures for the DaemonSet chapter, built like upstream's test helpers in
 * pkg/controller/daemon/daemon_controller_test.go (newDaemonSet, newNode, newPod, the
 * `simple-daemon` labels) so that its tables can be replayed case by case; a read-only view
 * over a plain list of objects; and a fake API that applies a controller's intents the way
 * upstream's fakePodControl does (a created pod appears at once, a deleted one disappears).
 */
import type { KubeObject } from '../api/meta';
import type { DaemonSet, DaemonSetSpec, Node, Pod, PodPhase, PodSpec, Taint } from '../api/types';
import type { Intent, View } from '../runtime/types';
import { NOW } from './arbitraries';
import { DAEMONSET_KIND, DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY } from './daemonset-api';
import { computeHash } from './daemonset-hash';

export { NOW };

/** Upstream simpleDaemonSetLabel: the selector and template labels of newDaemonSet. */
export const SIMPLE_DAEMONSET_LABEL: Readonly<Record<string, string>> = Object.freeze({ name: 'simple-daemon', type: 'production' });
/** Upstream simpleDaemonSetLabel2: the selector does not match it. */
export const SIMPLE_DAEMONSET_LABEL2: Readonly<Record<string, string>> = Object.freeze({ name: 'simple-daemon', type: 'test' });
/** Upstream simpleNodeLabel. */
export const SIMPLE_NODE_LABEL: Readonly<Record<string, string>> = Object.freeze({ color: 'blue', speed: 'fast' });
/** Upstream simpleNodeLabel2. */
export const SIMPLE_NODE_LABEL2: Readonly<Record<string, string>> = Object.freeze({ color: 'red', speed: 'fast' });

/** Upstream newDaemonSet: `default/<name>`, selector and template labels `simple-daemon`, one `foo/bar` container, OnDelete. */
export function newDaemonSet(name: string, template: Partial<PodSpec> = {}, spec: Partial<DaemonSetSpec> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: {
      revisionHistoryLimit: 2,
      updateStrategy: { type: 'OnDelete' },
      selector: { matchLabels: { ...SIMPLE_DAEMONSET_LABEL } },
      template: { metadata: { labels: { ...SIMPLE_DAEMONSET_LABEL } }, spec: { containers: [{ name: 'foo', image: 'foo/bar' }], ...template } },
      ...spec,
    },
  };
}

/** Upstream newNode: a Ready node with room for 100 pods; `labels` and `taints` as given. */
export function newNode(name: string, labels?: Record<string, string>, taints?: Taint[]): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(labels && { labels: { ...labels } }) },
    spec: taints ? { taints } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '100' } },
  };
}

/** `node-<start>` ... `node-<start + count - 1>`, as upstream's addNodes. */
export function addNodes(start: number, count: number, labels?: Record<string, string>): Node[] {
  return Array.from({ length: count }, (_, i) => newNode(`node-${start + i}`, labels));
}

/** What a test pod may vary in. */
export type TestPodOptions = {
  phase?: PodPhase;
  /** Ready condition: `true` (since `readySince`, default `NOW`), `false`, or absent when undefined. */
  ready?: boolean;
  readySince?: string;
  /** creationTimestamp; absent (Go's zero time) when undefined. */
  created?: string;
  deleting?: boolean;
  /** Drop the controller-revision-hash label, making the pod "old". */
  oldHash?: boolean;
  /** Leave spec.nodeName unset and target the node through affinity instead. */
  unbound?: boolean;
};

/**
 * Upstream newPod: a pod named `name` bound to `nodeName` with `labels`; given a DaemonSet, it
 * gets the current template's hash label, the template's spec and a controller reference.
 */
export function daemonPod(name: string, nodeName: string, labels: Record<string, string>, ds?: DaemonSet, o: TestPodOptions = {}): Pod {
  const hash: Record<string, string> = ds && !o.oldHash ? { [DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY]: computeHash(ds.spec?.template, ds.status?.collisionCount) } : {};
  const spec: PodSpec = { ...(ds?.spec?.template?.spec ?? { containers: [{ name: 'foo', image: 'foo/bar' }] }) };
  if (o.unbound) spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } };
  else spec.nodeName = nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { ...labels, ...hash },
      ...(o.created && { creationTimestamp: o.created }),
      ...(o.deleting && { deletionTimestamp: NOW }),
      ...(ds && { ownerReferences: [{ ...DAEMONSET_KIND, name: ds.metadata.name, uid: ds.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }] }),
    },
    spec,
    status: {
      ...(o.phase && { phase: o.phase }),
      ...(o.ready !== undefined && { conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: o.readySince ?? NOW }] }),
    },
  };
}

/** `count` pods of `ds` on `nodeName`, named `<nodeName>-<i>` from `first` on (upstream addPods). */
export function addPods(nodeName: string, labels: Record<string, string>, ds: DaemonSet, count: number, first = 0, o: TestPodOptions = {}): Pod[] {
  return Array.from({ length: count }, (_, i) => daemonPod(`${nodeName}-${first + i}`, nodeName, labels, ds, o));
}

/** The pod with a Ready=True condition since `since` (upstream markPodReady). */
export function markReady(pod: Pod, since = NOW): Pod {
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'True' as const, lastTransitionTime: since }];
  return { ...pod, status: { ...pod.status, phase: 'Running', conditions } };
}

const byKey = (a: KubeObject, b: KubeObject) => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** A controller's view of exactly these objects at `now` (cluster-scoped kinds have no namespace). */
export function staticView(objects: readonly KubeObject[], now = NOW): View {
  const of = (kind: string) => objects.filter((o) => o.kind === kind).sort(byKey);
  return {
    now,
    random: () => 0.5,
    get: (kind, namespace, name) => of(kind).find((o) => o.metadata.name === name && (kind === 'Node' || (o.metadata.namespace ?? '') === namespace)),
    list: (kind, namespace) => of(kind).filter((o) => namespace === undefined || (o.metadata.namespace ?? '') === namespace),
    byLabel: (kind, key, value) => of(kind).filter((o) => o.metadata.labels?.[key] === value),
    podsOnNode: (nodeName) => of('Pod').filter((p) => (p.spec as PodSpec | undefined)?.nodeName === nodeName),
    ownedBy: (kind, uid) => of(kind).filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid)),
  };
}

/** The objects after a sync, as upstream's fake pod control and fake client leave them. */
export type FakeWorld = { objects: KubeObject[]; now: string; podsCreated: number };

/**
 * Applies intents as upstream's test doubles do: a create adds the pod at once (named
 * `<generateName><n>`, created `now`, no status), a delete removes it at once, an update or
 * updateStatus replaces the object; events and requeues change nothing.
 */
export function fakeApply(world: FakeWorld, intents: readonly Intent[]): FakeWorld {
  let { objects, podsCreated } = world;
  const same = (o: KubeObject, kind: string, namespace: string | undefined, name: string) => o.kind === kind && (o.metadata.namespace ?? '') === (namespace ?? '') && o.metadata.name === name;
  for (const intent of intents) {
    if (intent.type === 'create') {
      const name = `${intent.object.metadata.generateName ?? ''}${podsCreated++}`;
      objects = [...objects, { ...intent.object, metadata: { ...intent.object.metadata, name, uid: `uid-${name}`, creationTimestamp: world.now } }];
    } else if (intent.type === 'delete') {
      objects = objects.filter((o) => !same(o, intent.kind, intent.namespace, intent.name));
    } else if (intent.type === 'update' || intent.type === 'updateStatus') {
      const { kind, metadata } = intent.object;
      objects = objects.map((o) => (same(o, kind, metadata.namespace, metadata.name) ? intent.object : o));
    }
  }
  return { objects, now: world.now, podsCreated };
}
