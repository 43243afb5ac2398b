/**
 * Test support for the workload chapters: seed a cluster with an owner and pods (rewriting
 * ownerReferences to the UID the store hands out), look at it through a controller's eyes,
 * apply a controller's intents, and a fake kubelet that schedules and readies pods, so that
 * readiness and graceful deletion play their part in simulations without a real kubelet.
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import { createRequest, submit, type ClusterState } from '../cluster/state';
import { prepareForCreate } from '../cluster/strategy';
import { seedCluster } from '../runtime/harness';
import { nextRandom } from '../runtime/rng';
import { startComponent } from '../runtime/components';
import { submitIntent } from '../runtime/submit';
import type { Controller, Intent, View } from '../runtime/types';
import { viewOf } from '../runtime/view';
import { getControllerOf } from './owner-references';
import { isPodActive, isPodReady } from './pod-status';

/** The UID the store gives the first object seeded by {@link seedCluster}, so pods seeded with it can name it. */
export function firstSeededUid(first: KubeObject): string {
  const cluster = seedCluster([withoutServerFields(first)]);
  const stored = getObject(cluster.store, first.kind, first.metadata.namespace ?? '', first.metadata.name);
  return stored?.metadata.uid ?? '';
}

/** The object without the fields the API server sets on create (uid, resourceVersion, timestamps). */
export function withoutServerFields<T extends KubeObject>(object: T): T {
  const { resourceVersion: _rv, uid: _uid, creationTimestamp: _c, deletionTimestamp: _d, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/**
 * A pod made fit for seeding: server-owned fields removed, and ownerReferences naming
 * `placeholderUid` pointed at `uid` (the owner's UID in the store).
 */
export function forSeeding(pod: Pod, placeholderUid: string, uid: string): Pod {
  const stripped = withoutServerFields(pod);
  const ownerReferences = pod.metadata.ownerReferences?.map((r) => (r.uid === placeholderUid ? { ...r, uid } : r));
  return { ...stripped, metadata: { ...stripped.metadata, ...(ownerReferences && { ownerReferences }) } };
}

/** A cluster holding `owner` then `pods`, the pods' references to `placeholderUid` rewritten to the owner's UID. */
export function seedOwnerAndPods(owner: KubeObject, pods: Pod[], placeholderUid: string): ClusterState {
  const uid = firstSeededUid(owner);
  return seedCluster([withoutServerFields(owner), ...pods.map((p) => forSeeding(p, placeholderUid, uid))]);
}

/** A controller's view of the whole store, freshly listed, at the cluster's clock. */
export function freshView(cluster: ClusterState, kinds: string[]): View {
  let rng = cluster.rng;
  const random = () => {
    const [value, next] = nextRandom(rng);
    rng = next;
    return value;
  };
  return viewOf(startComponent(cluster.store, kinds), cluster.now, random);
}

/** The cluster after submitting `intents` as the API server would (requeues are skipped). */
export function applyIntents(cluster: ClusterState, intents: Intent[], component = 'test'): ClusterState {
  let state = cluster;
  let rng = cluster.rng;
  const draw = () => {
    const [value, next] = nextRandom(rng);
    rng = next;
    return value;
  };
  for (const intent of intents) {
    if (intent.type === 'requeueAfter') continue;
    // The random stream runs on across intents, so generated names differ from one create to the next.
    state = { ...submitIntent(state, intent, component, draw, {}).state, rng };
  }
  return state;
}

/** Creates a pod in the cluster (status written through the status subresource, as a client would). */
export function createPod(cluster: ClusterState, pod: Pod): ClusterState {
  const [created, result] = submit(cluster, createRequest(cluster, prepareForCreate(pod)));
  if (!result.ok) throw new Error(result.status.message);
  if (pod.status === undefined) return created;
  return submit(created, { type: 'updateStatus', object: { ...result.object, status: pod.status }, now: created.now })[0];
}

/** Every pod in the store. */
export function allPods(cluster: ClusterState): Pod[] {
  return listObjects(cluster.store, 'Pod').items as Pod[];
}

/**
 * Active pods of `namespace` whose controller reference names `ownerUid`. (A reference from
 * another namespace is invalid, and the garbage collector treats it as absent.)
 */
export function activeOwnedPods(cluster: ClusterState, ownerUid: string, namespace = 'default'): Pod[] {
  return allPods(cluster).filter((p) => p.metadata.namespace === namespace && isPodActive(p) && getControllerOf(p)?.uid === ownerUid);
}

const NODES = ['node-a', 'node-b', 'node-c'];

/**
 * A stand-in for the scheduler and the kubelets: binds an unscheduled pod to one of three
 * nodes (picked with the run's random stream), then reports it Running and Ready (transition
 * time now), and finishes the graceful deletion of a pod being deleted. Level-triggered like
 * every component here.
 */
export const fakeKubelet: Controller = {
  name: 'fake-kubelet',
  watches: ['Pod'],
  keysFor: (pod) => [`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`],
  reconcile: (view, key) => {
    const [namespace = '', name = ''] = key.split('/');
    const pod = view.get('Pod', namespace, name) as Pod | undefined;
    if (!pod) return [];
    if (pod.metadata.deletionTimestamp !== undefined) return [{ type: 'delete', kind: 'Pod', namespace, name, gracePeriodSeconds: 0 }];
    if (!pod.spec?.nodeName) return [{ type: 'bind', namespace, name, uid: pod.metadata.uid, nodeName: NODES[Math.floor(view.random() * NODES.length)] as string }];
    if (pod.status?.phase === 'Running' && isPodReady(pod)) return [];
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'),
      { type: 'Ready', status: 'True' as const, lastProbeTime: null, lastTransitionTime: view.now },
    ];
    return [{ type: 'updateStatus', object: { ...pod, status: { ...pod.status, phase: 'Running', conditions } } }];
  },
};

/** One object as the store holds it. */
export function storedObject(cluster: ClusterState, kind: string, namespace: string, name: string): KubeObject | undefined {
  return getObject(cluster.store, kind, namespace, name);
}
