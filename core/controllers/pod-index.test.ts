/**
 * The index lookups give exactly what listing every pod of the namespace and filtering would.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { selector as selectorArb } from '../labels/arbitraries';
import { runs } from '../testing/runs';
import { pods, webReplicaSet, WEB_UID } from './arbitraries';
import { claimCandidates, podsSelectedBy } from './pod-index';
import { firstSeededUid, freshView, seedOwnerAndPods } from './testing';

const labelPool = { keys: fc.constantFrom('app', 'tier'), values: fc.constantFrom('web', 'db', 'frontend') };

describe('pod-index', () => {
  test('podsSelectedBy and claimCandidates agree with listing the whole namespace', () => {
    fc.assert(
      fc.property(pods(8, { namespaces: ['default', 'other'], deleting: false }), selectorArb({ ...labelPool, operators: ['=', 'in', '!=', 'exists', '!'] }), (list, selector) => {
        const cluster = seedOwnerAndPods(webReplicaSet(1), list, WEB_UID);
        const uid = firstSeededUid(webReplicaSet(1));
        const view = freshView(cluster, ['ReplicaSet', 'Pod']);
        const all = view.list('Pod', 'default');
        const names = (ps: { metadata: { name: string } }[]) => ps.map((p) => p.metadata.name);
        expect(names(podsSelectedBy(view, 'default', selector))).toEqual(names(all.filter((p) => selectorMatches(selector, p.metadata.labels ?? {}))));
        const expected = all.filter((p) => selectorMatches(selector, p.metadata.labels ?? {}) || (p.metadata.ownerReferences ?? []).some((r) => r.uid === uid));
        expect(names(claimCandidates(view, 'default', uid, selector))).toEqual(names(expected));
      }),
      runs(100),
    );
  });

  test('a selector that selects nothing finds nothing', () => {
    const view = freshView(seedOwnerAndPods(webReplicaSet(1), [], WEB_UID), ['Pod']);
    expect(podsSelectedBy(view, 'default', { type: 'nothing' })).toEqual([]);
  });
});
