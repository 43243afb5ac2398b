/**
 * Test support for the garbage collection chapter: generated ownership forests (objects of the
 * collector's kinds whose ownerReferences point at earlier objects, so there are no cycles),
 * turned into manifests whose UIDs are the ones the store will hand out when they are seeded
 * in order; a scripted user who deletes one object with a propagation policy the way
 * `kubectl delete --cascade=...` does; and readers of the store for assertions.
 */
import fc from 'fast-check';
import { listObjects } from '@kata/01-api-machinery/store';
import { apiVersionOf, kindInfo } from '../api/kinds';
import type { KubeObject, OwnerReference } from '../api/meta';
import { SYSTEM_NAMESPACES, type ClusterState } from '../cluster/state';
import { uidFor } from '../cluster/uid';
import type { Controller } from '../runtime/types';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, GARBAGE_COLLECTOR_KINDS, type DeletionPropagation } from './garbage-collection';

/**
 * The UID the store gives the `index`-th object seeded into a new cluster: a new cluster has
 * already issued one UID per system namespace. (Computed without a store, so that tests can
 * build manifests before any kata runs.)
 */
export function seededUid(index: number): string {
  return uidFor(SYSTEM_NAMESPACES.length + index);
}

/** One object of a generated forest: owners are indexes of earlier objects. */
export type ForestNode = {
  kind: string;
  namespace: string;
  owners: { index: number; blockOwnerDeletion: boolean; controller: boolean }[];
};

/** Kinds a generated forest uses; Node is the cluster-scoped one (it may own objects in any namespace). */
export const FOREST_KINDS = ['Deployment', 'ReplicaSet', 'Pod', 'ConfigMap', 'Secret', 'Service', 'ControllerRevision', 'PersistentVolumeClaim', 'Node'] as const;

// Namespaces every cluster has, so that writes into them are admitted.
const NAMESPACES = ['default', 'kube-public'];

const namespacedKind = (kind: string) => kindInfo(kind)?.namespaced ?? true;

/** Whether `owner` may own `dependent` (same namespace, or a cluster-scoped owner; cluster-scoped dependents only cluster-scoped owners). */
export function validOwnerFor(dependent: Pick<ForestNode, 'kind' | 'namespace'>, owner: Pick<ForestNode, 'kind' | 'namespace'>): boolean {
  if (!namespacedKind(owner.kind)) return true;
  return namespacedKind(dependent.kind) && owner.namespace === dependent.namespace;
}

/**
 * Forests of 1 to `maxSize` objects. Each object draws up to two owners among the valid
 * earlier objects, each with its own `blockOwnerDeletion`; the first may be the controller.
 */
export function ownershipForest(maxSize = 10): fc.Arbitrary<ForestNode[]> {
  const shape = fc.record({
    kind: fc.constantFrom(...FOREST_KINDS),
    namespace: fc.constantFrom(...NAMESPACES),
    picks: fc.array(fc.record({ pick: fc.nat(), blockOwnerDeletion: fc.boolean(), controller: fc.boolean() }), { maxLength: 2 }),
  });
  return fc.array(shape, { minLength: 1, maxLength: maxSize }).map((shapes) => {
    const nodes: ForestNode[] = [];
    for (const s of shapes) {
      const namespace = namespacedKind(s.kind) ? s.namespace : '';
      const candidates = nodes.map((n, i) => ({ n, i })).filter(({ n }) => validOwnerFor({ kind: s.kind, namespace }, n));
      const owners: ForestNode['owners'] = [];
      for (const p of s.picks) {
        if (candidates.length === 0) break;
        const { i } = candidates[p.pick % candidates.length]!;
        if (owners.some((o) => o.index === i)) continue;
        owners.push({ index: i, blockOwnerDeletion: p.blockOwnerDeletion, controller: p.controller && owners.length === 0 });
      }
      nodes.push({ kind: s.kind, namespace, owners });
    }
    return nodes;
  });
}

/** The name of the `index`-th object of a forest: `<kind in lower case>-<index>`. */
export function forestName(forest: readonly ForestNode[], index: number): string {
  return `${forest[index]?.kind.toLowerCase() ?? 'object'}-${index}`;
}

/** A reference to the `index`-th object of a forest, with the UID it will have once seeded. */
export function forestReference(forest: readonly ForestNode[], index: number, options: { blockOwnerDeletion?: boolean; controller?: boolean } = {}): OwnerReference {
  const owner = forest[index]!;
  const info = kindInfo(owner.kind)!;
  return {
    apiVersion: apiVersionOf(info),
    kind: owner.kind,
    name: forestName(forest, index),
    uid: seededUid(index),
    ...(options.controller && { controller: true }),
    ...(options.blockOwnerDeletion !== undefined && { blockOwnerDeletion: options.blockOwnerDeletion }),
  };
}

/** A minimal object of `kind` (enough for the store; no controller runs on it). */
export function bareObject(kind: string, namespace: string, name: string, ownerReferences: OwnerReference[] = []): KubeObject {
  const info = kindInfo(kind)!;
  const body: Record<string, unknown> =
    kind === 'Pod' ? { spec: { containers: [{ name: 'app', image: 'nginx' }] } } : kind === 'ConfigMap' || kind === 'Secret' ? { data: {} } : { spec: {} };
  return {
    apiVersion: apiVersionOf(info),
    kind,
    metadata: { name, ...(info.namespaced && { namespace }), ...(ownerReferences.length > 0 && { ownerReferences }) },
    ...body,
  };
}

/** The forest as manifests to seed in order; ownerReferences carry the UIDs the store will give. */
export function forestObjects(forest: readonly ForestNode[]): KubeObject[] {
  return forest.map((node, index) =>
    bareObject(
      node.kind,
      node.namespace,
      forestName(forest, index),
      node.owners.map((o) => forestReference(forest, o.index, { blockOwnerDeletion: o.blockOwnerDeletion, controller: o.controller })),
    ),
  );
}

/** Every object of the collector's kinds in the store, except the system namespaces. */
export function storedGraph(cluster: ClusterState): KubeObject[] {
  return GARBAGE_COLLECTOR_KINDS.flatMap((kind) => listObjects(cluster.store, kind).items).filter((o) => o.kind !== 'Namespace');
}

/** The stored object with this UID, if any. */
export function storedByUid(cluster: ClusterState, uid: string): KubeObject | undefined {
  return storedGraph(cluster).find((o) => o.metadata.uid === uid);
}

const FINALIZER_OF: Record<DeletionPropagation, string | undefined> = { Background: undefined, Foreground: FINALIZER_FOREGROUND, Orphan: FINALIZER_ORPHAN };

/**
 * A user who runs `kubectl delete <kind> <name> --cascade=<propagation>` once: as the API
 * server does for that request, the deletion finalizer is written first (an update), then the
 * object is deleted. Level-triggered like every component: it acts while the object exists and
 * is not yet being deleted, one step per pass.
 */
export function userDeletion(target: { kind: string; namespace: string; name: string }, propagation: DeletionPropagation): Controller {
  const finalizer = FINALIZER_OF[propagation];
  return {
    name: 'kubectl',
    watches: [target.kind],
    keysFor: (object) => (object.metadata.name === target.name && (object.metadata.namespace ?? '') === target.namespace ? ['target'] : []),
    reconcile: (view) => {
      const object = view.get(target.kind, target.namespace, target.name);
      if (!object || object.metadata.deletionTimestamp !== undefined) return [];
      const finalizers = object.metadata.finalizers ?? [];
      if (finalizer && !finalizers.includes(finalizer)) return [{ type: 'update', object: { ...object, metadata: { ...object.metadata, finalizers: [...finalizers, finalizer] } } }];
      return [{ type: 'delete', kind: target.kind, namespace: target.namespace, name: target.name, preconditions: { uid: object.metadata.uid ?? '' } }];
    },
  };
}

/**
 * The objects of a manifest with each ownerReference's `uid` set to the UID its owner (found
 * by kind and name among the same objects, in any namespace) will get when they are seeded in
 * order. Example manifests carry placeholder UIDs, as a real one is only known once the owner
 * exists; this is what `kubectl get <owner> -o jsonpath='{.metadata.uid}'` would supply.
 */
export function withSeededOwnerUids(objects: KubeObject[]): KubeObject[] {
  const indexOf = (kind: string, name: string) => objects.findIndex((o) => o.kind === kind && o.metadata.name === name);
  return objects.map((o) => {
    const references = o.metadata.ownerReferences;
    if (!references) return o;
    const ownerReferences = references.map((r) => (indexOf(r.kind, r.name) >= 0 ? { ...r, uid: seededUid(indexOf(r.kind, r.name)) } : r));
    return { ...o, metadata: { ...o.metadata, ownerReferences } };
  });
}
