/**
 * Kata 11-owner-references.
 *
 * Examples follow kubernetes.io concepts/architecture/garbage-collection.md (the note on
 * cross-namespace owner references: "a namespaced owner must exist in the same namespace as
 * the dependent. If it does not, the owner reference is treated as absent"; "if a
 * cluster-scoped dependent specifies a namespaced kind as an owner, it is treated as having an
 * unresolvable owner reference"; the `OwnerRefInvalidNamespace` warning event), and upstream
 * pkg/controller/garbagecollector/garbagecollector.go (isDangling: lookup in the dependent's
 * namespace, "item's owner is not found, UID mismatch"; classifyReferences: the three piles)
 * and graph.go (objectReference.String, the event message).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classifyReferences, invalidNamespaceReferences, isDangling, ownerCoordinates, ownerRefInvalidNamespaceEvent } from '@kata/11-garbage-collection/owner-references';
import { kindInfo } from '../../core/api/kinds';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import { bareObject } from '../../core/controllers/gc-testing';
import type { View } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

/** A plain lookup over `objects`, as an informer cache answers it (cluster-scoped kinds ignore the namespace). */
function lookup(objects: KubeObject[]): View['get'] {
  return (kind, namespace, name) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name && (kindInfo(kind)?.namespaced ? (o.metadata.namespace ?? '') === namespace : true));
}
const lister = (objects: KubeObject[]): View['list'] => (kind) => objects.filter((o) => o.kind === kind);

function object(kind: string, namespace: string, name: string, uid: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  const o = bareObject(kind, namespace, name);
  return { ...o, metadata: { ...o.metadata, uid, ...extra } };
}
const ref = (kind: string, name: string, uid: string, apiVersion = kindInfo(kind) ? (kindInfo(kind)!.group ? `${kindInfo(kind)!.group}/v1` : 'v1') : 'v1'): OwnerReference => ({ apiVersion, kind, name, uid });
const dependentWith = (namespace: string, ...refs: OwnerReference[]) => object(namespace ? 'Pod' : 'Node', namespace, 'dependent', 'uid-dependent', { ownerReferences: refs });

const web = object('ReplicaSet', 'default', 'web', 'uid-web');
const node = object('Node', '', 'node-a', 'uid-node');

describe('ownerCoordinates', () => {
  test('a namespaced owner is looked up in the dependent\'s namespace', () => {
    expect(ownerCoordinates(ref('ReplicaSet', 'web', 'uid-web'), dependentWith('team-a'))).toEqual({ type: 'lookup', kind: 'ReplicaSet', namespace: 'team-a', name: 'web' });
  });

  test('a cluster-scoped owner is looked up without a namespace, from any namespace', () => {
    expect(ownerCoordinates(ref('Node', 'node-a', 'uid-node'), dependentWith('default'))).toEqual({ type: 'lookup', kind: 'Node', namespace: '', name: 'node-a' });
  });

  test('a cluster-scoped dependent with a namespaced owner kind is unresolvable (garbage-collection.md, namespacedOwnerOfClusterScopedObjectErr)', () => {
    expect(ownerCoordinates(ref('ReplicaSet', 'web', 'uid-web'), dependentWith(''))).toEqual({ type: 'unresolvable', reason: 'cluster-scoped objects cannot refer to namespaced owners' });
  });

  test('a kind the collector does not watch has no REST mapping', () => {
    expect(ownerCoordinates({ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }, dependentWith('default'))).toEqual({ type: 'unresolvable', reason: 'unable to get REST mapping for batch/v1/Job' });
    expect(ownerCoordinates({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'u' }, dependentWith('default'))).toEqual({ type: 'unresolvable', reason: 'unable to get REST mapping for example.com/v1/Widget' });
  });

  test('an apiVersion from the wrong group does not map either: apps is not the core group', () => {
    expect(ownerCoordinates({ apiVersion: 'v1', kind: 'Deployment', name: 'd', uid: 'u' }, dependentWith('default')).type).toBe('unresolvable');
    expect(ownerCoordinates({ apiVersion: 'apps/v1', kind: 'ConfigMap', name: 'c', uid: 'u' }, dependentWith('default')).type).toBe('unresolvable');
  });
});

describe('isDangling', () => {
  test('an owner with that kind, name and UID in the dependent\'s namespace is found', () => {
    expect(isDangling(ref('ReplicaSet', 'web', 'uid-web'), dependentWith('default'), lookup([web]))).toEqual({ type: 'found', owner: web });
  });

  test('an object with the owner\'s name but another UID is not the owner: the reference dangles (UID mismatch)', () => {
    expect(isDangling(ref('ReplicaSet', 'web', 'uid-of-the-deleted-web'), dependentWith('default'), lookup([web]))).toEqual({ type: 'dangling' });
  });

  test('no object of that name: the reference dangles', () => {
    expect(isDangling(ref('ReplicaSet', 'api', 'uid-api'), dependentWith('default'), lookup([web]))).toEqual({ type: 'dangling' });
  });

  test('the owner exists, with that UID, but in another namespace: treated as absent', () => {
    expect(isDangling(ref('ReplicaSet', 'web', 'uid-web'), dependentWith('team-a'), lookup([web]))).toEqual({ type: 'dangling' });
  });

  test('a Node owns pods in every namespace', () => {
    expect(isDangling(ref('Node', 'node-a', 'uid-node'), dependentWith('team-a'), lookup([node]))).toEqual({ type: 'found', owner: node });
  });

  test('an unresolvable reference is reported, not called dangling', () => {
    expect(isDangling(ref('ReplicaSet', 'web', 'uid-web'), dependentWith(''), lookup([web])).type).toBe('unresolvable');
  });
});

describe('classifyReferences', () => {
  const foregroundOwner = object('Deployment', 'default', 'front', 'uid-front', { deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] });
  const orphaningOwner = object('Deployment', 'default', 'back', 'uid-back', { deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['orphan'] });
  const refs = {
    web: ref('ReplicaSet', 'web', 'uid-web'),
    gone: ref('ReplicaSet', 'gone', 'uid-gone'),
    front: ref('Deployment', 'front', 'uid-front'),
    back: ref('Deployment', 'back', 'uid-back'),
  };

  test('solid, dangling and waiting for dependents deletion, each reference in its pile', () => {
    const dependent = dependentWith('default', refs.gone, refs.web, refs.front);
    expect(classifyReferences(dependent, lookup([web, foregroundOwner]))).toEqual({ type: 'classified', solid: [refs.web], dangling: [refs.gone], waitingForDependentsDeletion: [refs.front] });
  });

  test('an owner being deleted with the orphan finalizer is still solid: only foregroundDeletion makes it wait', () => {
    expect(classifyReferences(dependentWith('default', refs.back), lookup([orphaningOwner]))).toEqual({ type: 'classified', solid: [refs.back], dangling: [], waitingForDependentsDeletion: [] });
  });

  test('the foregroundDeletion finalizer without a deletionTimestamp is not waiting yet', () => {
    const marked = object('Deployment', 'default', 'front', 'uid-front', { finalizers: ['foregroundDeletion'] });
    expect(classifyReferences(dependentWith('default', refs.front), lookup([marked]))).toEqual({ type: 'classified', solid: [refs.front], dangling: [], waitingForDependentsDeletion: [] });
  });

  test('no references: three empty piles', () => {
    expect(classifyReferences(dependentWith('default'), lookup([web]))).toEqual({ type: 'classified', solid: [], dangling: [], waitingForDependentsDeletion: [] });
  });

  test('the first reference that cannot be verified ends the classification', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' };
    expect(classifyReferences(dependentWith('default', refs.web, job, refs.gone), lookup([web]))).toEqual({ type: 'unresolvable', reference: job, reason: 'unable to get REST mapping for batch/v1/Job' });
  });

  // Small pools so that names, UIDs and namespaces collide often.
  const owners = fc.array(
    fc.record({ kind: fc.constantFrom('ReplicaSet', 'Node'), namespace: fc.constantFrom('default', 'team-a'), name: fc.constantFrom('a', 'b'), uid: fc.constantFrom('u1', 'u2', 'u3'), state: fc.constantFrom('live', 'foreground', 'orphan') }),
    { maxLength: 5 },
  );
  const references = fc.array(fc.record({ kind: fc.constantFrom('ReplicaSet', 'Node'), name: fc.constantFrom('a', 'b'), uid: fc.constantFrom('u1', 'u2', 'u3') }), { maxLength: 4 });
  const build = (os: { kind: string; namespace: string; name: string; uid: string; state: string }[]) => {
    const seen = new Set<string>();
    return os.flatMap((o) => {
      const namespace = o.kind === 'Node' ? '' : o.namespace;
      if (seen.has(`${o.kind}/${namespace}/${o.name}`)) return [];
      seen.add(`${o.kind}/${namespace}/${o.name}`);
      const deleting = o.state === 'live' ? {} : { deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: [o.state === 'foreground' ? 'foregroundDeletion' : 'orphan'] };
      return [object(o.kind, namespace, o.name, o.uid, deleting)];
    });
  };

  test('every reference lands in exactly one pile, and each pile keeps the references\' order', () => {
    fc.assert(
      fc.property(owners, references, fc.constantFrom('default', 'team-a'), (os, rs, namespace) => {
        const refsOf = rs.map((r) => ref(r.kind, r.name, r.uid));
        const result = classifyReferences(dependentWith(namespace, ...refsOf), lookup(build(os)));
        if (result.type !== 'classified') throw new Error('every reference here is resolvable');
        const piles = [result.solid, result.dangling, result.waitingForDependentsDeletion];
        expect(piles.flat().length, 'no reference lost or doubled').toBe(refsOf.length);
        for (const pile of piles) expect(pile, 'pile order = reference order').toEqual(refsOf.filter((r) => pile.includes(r)));
      }),
      runs(200),
    );
  });

  test('a reference is dangling exactly when no object of its kind, name and UID is where it may point (same namespace, or cluster-scoped)', () => {
    fc.assert(
      fc.property(owners, references, fc.constantFrom('default', 'team-a'), (os, rs, namespace) => {
        const objects = build(os);
        for (const r of rs) {
          const reference = ref(r.kind, r.name, r.uid);
          const exists = objects.some((o) => o.kind === r.kind && o.metadata.name === r.name && o.metadata.uid === r.uid && (o.kind === 'Node' || o.metadata.namespace === namespace));
          const result = classifyReferences(dependentWith(namespace, reference), lookup(objects));
          expect(result.type === 'classified' && result.dangling.length === 1, `${JSON.stringify(reference)} dangling`).toBe(!exists);
        }
      }),
      runs(200),
    );
  });
});

describe('cross-namespace owner references are reported (OwnerRefInvalidNamespace)', () => {
  const settings = object('ConfigMap', 'team-a', 'settings', 'uid-settings', { ownerReferences: [ref('ReplicaSet', 'web', 'uid-web')] });

  test('a dangling reference whose UID belongs to an object in another namespace is invalid', () => {
    const dangling = settings.metadata.ownerReferences!;
    expect(invalidNamespaceReferences(settings, dangling, lister([web]))).toEqual(dangling);
  });

  test('a reference that simply points at nothing is not a namespace problem', () => {
    const missing = [ref('ReplicaSet', 'web', 'uid-nobody-has')];
    expect(invalidNamespaceReferences(settings, missing, lister([web]))).toEqual([]);
  });

  test('a cluster-scoped dependent has no namespace to be wrong about', () => {
    const clusterScoped = object('Node', '', 'node-b', 'uid-b');
    expect(invalidNamespaceReferences(clusterScoped, [ref('Node', 'node-a', 'uid-node')], lister([node]))).toEqual([]);
  });

  test('the warning event names the dependent and says the owner does not exist in its namespace (graph_builder.go reportInvalidNamespaceOwnerRef)', () => {
    const reference = { ...ref('ReplicaSet', 'web', 'uid-web'), controller: true, blockOwnerDeletion: true };
    expect(ownerRefInvalidNamespaceEvent(settings, reference)).toEqual({
      type: 'event',
      involvedObject: { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'team-a', name: 'settings', uid: 'uid-settings' },
      eventType: 'Warning',
      reason: 'OwnerRefInvalidNamespace',
      message: 'ownerRef [apps/v1/ReplicaSet, namespace: team-a, name: web, uid: uid-web] does not exist in namespace "team-a"',
      source: 'garbage-collector-controller',
    });
  });
});
