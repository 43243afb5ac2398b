/**
 * The garbage collection chapter's test support: manifests built from generated forests carry
 * the UIDs the store really hands out, and only references the namespace rules allow.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { seedCluster } from '../runtime/harness';
import { runs } from '../testing/runs';
import { bareObject, forestObjects, ownershipForest, seededUid, storedGraph, validOwnerFor, withSeededOwnerUids } from './gc-testing';

describe('gc-testing', () => {
  test('seededUid(i) is the UID the store gives the i-th seeded object', () => {
    const cluster = seedCluster([bareObject('ConfigMap', 'default', 'a'), bareObject('Node', '', 'n'), bareObject('Pod', 'default', 'p')]);
    const uids = Object.fromEntries(storedGraph(cluster).map((o) => [o.metadata.name, o.metadata.uid]));
    expect(uids).toEqual({ a: seededUid(0), n: seededUid(1), p: seededUid(2) });
  });

  test('a generated forest references only earlier objects, where the namespace rules allow, and seeds as generated', () => {
    fc.assert(
      fc.property(ownershipForest(8), (forest) => {
        forest.forEach((node, i) => {
          for (const owner of node.owners) {
            expect(owner.index).toBeLessThan(i);
            expect(validOwnerFor(node, forest[owner.index]!)).toBe(true);
          }
        });
        const stored = storedGraph(seedCluster(forestObjects(forest)));
        expect(stored).toHaveLength(forest.length);
        const byUid = new Set(stored.map((o) => o.metadata.uid));
        for (const o of stored) for (const r of o.metadata.ownerReferences ?? []) expect(byUid.has(r.uid), `${o.metadata.name} -> ${r.name}`).toBe(true);
      }),
      runs(50),
    );
  });

  test('withSeededOwnerUids points each reference at the UID its owner will get, by kind and name', () => {
    const objects = withSeededOwnerUids([
      bareObject('Deployment', 'default', 'web'),
      bareObject('ConfigMap', 'team-a', 'settings', [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'placeholder' }]),
    ]);
    expect(objects[1]?.metadata.ownerReferences?.[0]?.uid).toBe(seededUid(0));
  });
});
