/**
 * Kata 07-claim-pods.
 *
 * The examples are upstream's TestClaimPods (pkg/controller/controller_ref_manager_test.go):
 * same pods, same owners, same expected claims and number of patches. Upstream counts patches
 * sent through FakePodControl; here they are the adopt and release intents.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { claimPods } from '@kata/07-replicaset/claim-pods';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import { otherRef, pods, WEB_UID, webRef } from '../../core/controllers/arbitraries';
import { getControllerOf } from '../../core/controllers/owner-references';
import type { Selector } from '../../core/labels/types';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const production: Selector = { type: 'requirements', requirements: [{ key: 'type', operator: '=', values: ['production'] }] };
const webSelector: Selector = { type: 'requirements', requirements: [{ key: 'app', operator: '=', values: ['web'] }] };

const controller = (uid: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'rc', namespace: 'default', uid, ...extra },
});

const refTo = (owner: KubeObject): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'Fake', name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true });

// upstream newPod(podName, label, owner)
const newPod = (name: string, type: 'production' | 'testing', owner?: KubeObject, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7', labels: { type }, ...(owner && { ownerReferences: [refTo(owner)] }), ...extra },
  spec: { containers: [{ name: 'c', image: 'foo/bar' }] },
});

const names = (list: Pod[]) => list.map((p) => p.metadata.name);
const updated = (intents: Intent[]) => intents.map((i) => (i.type === 'update' ? (i.object as Pod) : undefined));

describe('claimPods: upstream TestClaimPods', () => {
  test('an owner claims orphans with the right labels and adopts them with one patch each', () => {
    const rc = controller('');
    const result = claimPods(rc, production, [newPod('pod1', 'production'), newPod('pod2', 'testing')]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(result.adopt).toHaveLength(1);
    expect(result.release).toHaveLength(0);
  });

  test('an owner marked for deletion claims no orphans', () => {
    const rc = controller('123', { deletionTimestamp: '2025-01-01T00:00:00Z' });
    const result = claimPods(rc, production, [newPod('pod1', 'production'), newPod('pod2', 'production')]);
    expect(result).toEqual({ claimed: [], adopt: [], release: [] });
  });

  test('an owner marked for deletion keeps the pods it already controls but adopts no new ones', () => {
    const rc = controller('123', { deletionTimestamp: '2025-01-01T00:00:00Z' });
    const result = claimPods(rc, production, [newPod('pod1', 'production', rc), newPod('pod2', 'production')]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(result.adopt).toEqual([]);
  });

  test('an owner never claims pods controlled by another owner', () => {
    const rc = controller('123');
    const other = controller('AAAAA');
    const result = claimPods(rc, production, [newPod('pod1', 'production', rc), newPod('pod2', 'production', other)]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(result.adopt.length + result.release.length, 'no patch for a pod another owner controls').toBe(0);
  });

  test('an owner releases the pods it controls that its selector no longer matches', () => {
    const rc = controller('123');
    const result = claimPods(rc, production, [newPod('pod1', 'production', rc), newPod('pod2', 'testing', rc)]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(names(updated(result.release) as Pod[])).toEqual(['pod2']);
  });

  test('an owner keeps its own pod that is being deleted but does not adopt an orphan that is being deleted', () => {
    const rc = controller('123');
    const deleting = { deletionTimestamp: '2025-01-01T00:00:00Z' };
    const result = claimPods(rc, production, [newPod('pod1', 'production', rc, deleting), newPod('pod2', 'production', undefined, deleting)]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(result.adopt).toEqual([]);
  });

  test('an owner keeps, releases and adopts in one pass', () => {
    const rc = controller('123');
    const result = claimPods(rc, production, [newPod('pod1', 'production', rc), newPod('pod2', 'testing', rc), newPod('pod3', 'production')]);
    expect(names(result.claimed)).toEqual(['pod1', 'pod3']);
    expect(result.adopt.length + result.release.length).toBe(2);
  });

  test('an owner does not adopt orphans in another namespace', () => {
    const rc = controller('123');
    const result = claimPods(rc, production, [newPod('pod1', 'production'), newPod('pod2', 'production', undefined, { namespace: 'fakens' })]);
    expect(names(result.claimed)).toEqual(['pod1']);
    expect(result.adopt).toHaveLength(1);
  });

  test('an owner without a namespace (cluster-scoped) adopts orphans from any namespace', () => {
    const rc = controller('123', { namespace: '' });
    const result = claimPods(rc, production, [newPod('pod1', 'production'), newPod('pod2', 'production', undefined, { namespace: 'fakens' })]);
    expect(names(result.claimed)).toEqual(['pod1', 'pod2']);
    expect(result.adopt).toHaveLength(2);
  });
});

describe('claimPods: the patches', () => {
  test('adoption adds a controller reference with blockOwnerDeletion, naming the owner by apiVersion, kind, name and uid', () => {
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: WEB_UID } };
    const [intent] = claimPods(rs, production, [newPod('pod1', 'production')]).adopt;
    expect(intent?.type).toBe('update');
    expect((intent as Extract<Intent, { type: 'update' }>).object.metadata.ownerReferences).toEqual([webRef]);
  });

  test('adoption keeps the resourceVersion and uid read from the cache, so a stale decision is refused', () => {
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: WEB_UID } };
    const [pod] = updated(claimPods(rs, production, [newPod('pod1', 'production')]).adopt);
    expect(pod?.metadata.resourceVersion).toBe('7');
    expect(pod?.metadata.uid).toBe('uid-pod1');
  });

  test('adoption keeps other owners that are not controllers, and turns an existing reference to the owner into the controller reference', () => {
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: WEB_UID } };
    const someOwner: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'uid-cm' };
    const ownerAsPlainRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: WEB_UID };
    const [pod] = updated(claimPods(rs, production, [newPod('pod1', 'production', undefined, { ownerReferences: [ownerAsPlainRef, someOwner] })]).adopt);
    expect(pod?.metadata.ownerReferences).toEqual([webRef, someOwner]);
  });

  test('release removes only the owner\'s reference and changes nothing else', () => {
    const rc = controller('123');
    const someOwner: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'uid-cm' };
    const pod = newPod('pod2', 'testing', undefined, { ownerReferences: [refTo(rc), someOwner] });
    const [released] = updated(claimPods(rc, production, [pod]).release);
    expect(released).toEqual({ ...pod, metadata: { ...pod.metadata, ownerReferences: [someOwner] } });
  });

  test('an owner being deleted releases nothing, even pods its selector no longer matches', () => {
    const rc = controller('123', { deletionTimestamp: '2025-01-01T00:00:00Z' });
    expect(claimPods(rc, production, [newPod('pod2', 'testing', rc)])).toEqual({ claimed: [], adopt: [], release: [] });
  });
});

// The `web` ReplicaSet as an owner, for the properties over generated pods.
const web: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: WEB_UID } };

/** The pods as the store holds them after the claim's updates. */
function applied(list: Pod[], intents: Intent[]): Pod[] {
  const byName = new Map(list.map((p) => [p.metadata.name, p]));
  for (const i of intents) if (i.type === 'update') byName.set(i.object.metadata.name, i.object as Pod);
  return [...byName.values()];
}

describe('claimPods: properties', () => {
  test('every claimed pod is matched by the selector and ends up controlled by the owner', () => {
    fc.assert(
      fc.property(pods(8, { namespaces: ['default', 'other'] }), (list) => {
        const result = claimPods(web, webSelector, list);
        const after = applied(list, [...result.adopt, ...result.release]);
        for (const pod of result.claimed) {
          expect(pod.metadata.labels?.app, `${pod.metadata.name} was claimed, so app=web`).toBe('web');
          expect(getControllerOf(after.find((p) => p.metadata.name === pod.metadata.name) as Pod)?.uid).toBe(WEB_UID);
        }
      }),
      runs(200),
    );
  });

  test('pods controlled by another owner are never claimed, adopted or released', () => {
    fc.assert(
      fc.property(pods(8, { namespaces: ['default', 'other'] }), (list) => {
        const result = claimPods(web, webSelector, list);
        const touched = [...result.claimed, ...(updated([...result.adopt, ...result.release]) as Pod[])].map((p) => p.metadata.name);
        for (const pod of list) if (getControllerOf(pod)?.uid === otherRef.uid) expect(touched).not.toContain(pod.metadata.name);
      }),
      runs(200),
    );
  });

  test('claiming again after the claim\'s own writes issues no writes and claims the same pods', () => {
    fc.assert(
      fc.property(pods(8, { namespaces: ['default', 'other'] }), (list) => {
        const first = claimPods(web, webSelector, list);
        const second = claimPods(web, webSelector, applied(list, [...first.adopt, ...first.release]));
        expect(second.adopt, 'nothing left to adopt').toEqual([]);
        expect(second.release, 'nothing left to release').toEqual([]);
        expect(names(second.claimed)).toEqual(names(first.claimed));
      }),
      runs(200),
    );
  });

  test('the patches change ownerReferences and nothing else', () => {
    fc.assert(
      fc.property(pods(8, { namespaces: ['default', 'other'] }), (list) => {
        const result = claimPods(web, webSelector, list);
        for (const pod of updated([...result.adopt, ...result.release]) as Pod[]) {
          const before = list.find((p) => p.metadata.name === pod.metadata.name) as Pod;
          const strip = (p: Pod) => ({ ...p, metadata: { ...p.metadata, ownerReferences: undefined } });
          expect(JSON.parse(JSON.stringify(strip(pod)))).toEqual(JSON.parse(JSON.stringify(strip(before))));
        }
      }),
      runs(200),
    );
  });
});
