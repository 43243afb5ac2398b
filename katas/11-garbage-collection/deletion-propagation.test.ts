/**
 * Kata 11-deletion-propagation.
 *
 * The tables are upstream's: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/
 * store_test.go, TestStoreDeleteWithOrphanDependents (DeleteOptions.OrphanDependents, pods 1 to
 * 24) and TestStoreDeletionPropagation (DeleteOptions.PropagationPolicy). There,
 * `defaultDeleteStrategy` has no GC policy (it behaves as DeleteDependents) and
 * `orphanDeleteStrategy` defaults to OrphanDependents; "expectNotFound" means no finalizer is
 * left, so the object is deleted at once. Default policies per kind come from the
 * DefaultGarbageCollectionPolicy of each registry strategy.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  defaultGarbageCollectionPolicy,
  deletionFinalizersForGarbageCollection,
  shouldDeleteDependents,
  shouldOrphanDependents,
} from '@kata/11-garbage-collection/deletion-propagation';
import type { DeleteOptions, GarbageCollectionPolicy } from '../../core/controllers/garbage-collection';
import { runs } from '../../core/testing/runs';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';
const withOrphan = ['foo.com/x', ORPHAN, 'bar.com/y'];
const others = ['foo.com/x', 'bar.com/y'];
const onlyOrphan = [ORPHAN];

const finalizersAfter = (existing: string[], options: DeleteOptions | undefined, policy: GarbageCollectionPolicy) => deletionFinalizersForGarbageCollection(existing, options, policy).finalizers;

describe('TestStoreDeleteWithOrphanDependents (the deprecated orphanDependents option)', () => {
  const orphan: DeleteOptions = { orphanDependents: true };
  const nonOrphan: DeleteOptions = { orphanDependents: false };
  const nilOrphan: DeleteOptions = {};
  // [pod, existing finalizers, options, default policy, finalizers after the delete ([] = deleted at once)]
  const cases: [string, string[], DeleteOptions | undefined, GarbageCollectionPolicy, string[]][] = [
    ['pod1', withOrphan, orphan, 'DeleteDependents', withOrphan],
    ['pod2', others, orphan, 'DeleteDependents', ['foo.com/x', 'bar.com/y', ORPHAN]],
    ['pod3', [], orphan, 'DeleteDependents', [ORPHAN]],
    ['pod4', onlyOrphan, orphan, 'DeleteDependents', [ORPHAN]],
    ['pod5', withOrphan, nonOrphan, 'OrphanDependents', others],
    ['pod6', others, nonOrphan, 'OrphanDependents', others],
    ['pod7', [], nonOrphan, 'OrphanDependents', []],
    ['pod8', onlyOrphan, nonOrphan, 'OrphanDependents', []],
    ['pod9', withOrphan, nilOrphan, 'DeleteDependents', withOrphan],
    ['pod10', withOrphan, nilOrphan, 'OrphanDependents', withOrphan],
    ['pod11', others, nilOrphan, 'DeleteDependents', others],
    ['pod12', others, nilOrphan, 'OrphanDependents', ['foo.com/x', 'bar.com/y', ORPHAN]],
    ['pod13', [], nilOrphan, 'DeleteDependents', []],
    ['pod14', [], nilOrphan, 'OrphanDependents', [ORPHAN]],
    ['pod15', onlyOrphan, nilOrphan, 'DeleteDependents', [ORPHAN]],
    ['pod16', onlyOrphan, nilOrphan, 'OrphanDependents', [ORPHAN]],
    ['pod17', withOrphan, undefined, 'DeleteDependents', withOrphan],
    ['pod18', withOrphan, undefined, 'OrphanDependents', withOrphan],
    ['pod19', others, undefined, 'DeleteDependents', others],
    ['pod20', others, undefined, 'OrphanDependents', ['foo.com/x', 'bar.com/y', ORPHAN]],
    ['pod21', [], undefined, 'DeleteDependents', []],
    ['pod22', [], undefined, 'OrphanDependents', [ORPHAN]],
    ['pod23', onlyOrphan, undefined, 'DeleteDependents', [ORPHAN]],
    ['pod24', onlyOrphan, undefined, 'OrphanDependents', [ORPHAN]],
  ];
  test.each(cases)('%s: finalizers %j, options %j, default %s -> %j', (_pod, existing, options, policy, expected) => {
    expect(finalizersAfter(existing, options, policy)).toEqual(expected);
  });
});

describe('TestStoreDeletionPropagation (propagationPolicy)', () => {
  const policies = { Foreground: { propagationPolicy: 'Foreground' }, Background: { propagationPolicy: 'Background' }, Orphan: { propagationPolicy: 'Orphan' }, Default: {} } as const;
  // [existing finalizers, policy, default, finalizers after ([] = deleted at once)]
  const cases: [string[], keyof typeof policies, GarbageCollectionPolicy, string[]][] = [
    [[], 'Foreground', 'DeleteDependents', [FOREGROUND]],
    [[], 'Foreground', 'OrphanDependents', [FOREGROUND]],
    [[], 'Background', 'DeleteDependents', []],
    [[], 'Background', 'OrphanDependents', []],
    [[], 'Orphan', 'DeleteDependents', [ORPHAN]],
    [[], 'Orphan', 'OrphanDependents', [ORPHAN]],
    [[], 'Default', 'DeleteDependents', []],
    [[], 'Default', 'OrphanDependents', [ORPHAN]],
    [[ORPHAN], 'Foreground', 'DeleteDependents', [FOREGROUND]],
    [[ORPHAN], 'Foreground', 'OrphanDependents', [FOREGROUND]],
    [[ORPHAN], 'Background', 'DeleteDependents', []],
    [[ORPHAN], 'Background', 'OrphanDependents', []],
    [[ORPHAN], 'Orphan', 'DeleteDependents', [ORPHAN]],
    [[ORPHAN], 'Orphan', 'OrphanDependents', [ORPHAN]],
    [[ORPHAN], 'Default', 'DeleteDependents', [ORPHAN]],
    [[ORPHAN], 'Default', 'OrphanDependents', [ORPHAN]],
    [[FOREGROUND], 'Foreground', 'DeleteDependents', [FOREGROUND]],
    [[FOREGROUND], 'Foreground', 'OrphanDependents', [FOREGROUND]],
    [[FOREGROUND], 'Background', 'DeleteDependents', []],
    [[FOREGROUND], 'Background', 'OrphanDependents', []],
    [[FOREGROUND], 'Orphan', 'DeleteDependents', [ORPHAN]],
    [[FOREGROUND], 'Orphan', 'OrphanDependents', [ORPHAN]],
    [[FOREGROUND], 'Default', 'DeleteDependents', [FOREGROUND]],
    [[FOREGROUND], 'Default', 'OrphanDependents', [FOREGROUND]],
  ];
  test.each(cases)('existing %j, PropagationPolicy=%s, default %s -> %j', (existing, policy, defaultPolicy, expected) => {
    expect(finalizersAfter(existing, policies[policy], defaultPolicy)).toEqual(expected);
  });
});

describe('shouldOrphanDependents and shouldDeleteDependents', () => {
  test('a kind whose policy is Unsupported never gets a GC finalizer, whatever the request says', () => {
    expect(shouldOrphanDependents([], { propagationPolicy: 'Orphan' }, 'Unsupported')).toBe(false);
    expect(shouldDeleteDependents([], { propagationPolicy: 'Foreground' }, 'Unsupported')).toBe(false);
    expect(deletionFinalizersForGarbageCollection([], { orphanDependents: true }, 'Unsupported')).toEqual({ changed: false, finalizers: [] });
  });

  test('the deprecated orphanDependents option wins over propagationPolicy', () => {
    expect(shouldOrphanDependents([], { orphanDependents: false, propagationPolicy: 'Orphan' }, 'DeleteDependents')).toBe(false);
    expect(shouldDeleteDependents([], { orphanDependents: false, propagationPolicy: 'Foreground' }, 'DeleteDependents')).toBe(false);
  });

  test('with both GC finalizers already there, the first one in the list decides', () => {
    expect(shouldOrphanDependents([FOREGROUND, ORPHAN], undefined, 'OrphanDependents')).toBe(false);
    expect(shouldDeleteDependents([FOREGROUND, ORPHAN], undefined, 'OrphanDependents')).toBe(true);
  });

  test('`changed` says whether the finalizers differ as a set', () => {
    expect(deletionFinalizersForGarbageCollection(withOrphan, { propagationPolicy: 'Orphan' }, 'DeleteDependents').changed).toBe(false);
    expect(deletionFinalizersForGarbageCollection(others, { propagationPolicy: 'Orphan' }, 'DeleteDependents').changed).toBe(true);
    expect(deletionFinalizersForGarbageCollection(others, { propagationPolicy: 'Background' }, 'DeleteDependents').changed).toBe(false);
  });

  const finalizerLists = fc.array(fc.constantFrom(ORPHAN, FOREGROUND, 'foo.com/x', 'bar.com/y', 'kubernetes.io/pvc-protection'), { maxLength: 5 });
  const options = fc.option(
    fc.record({ propagationPolicy: fc.option(fc.constantFrom('Background' as const, 'Foreground' as const, 'Orphan' as const), { nil: undefined }), orphanDependents: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: [] }),
    { nil: undefined },
  );
  const defaults = fc.constantFrom<GarbageCollectionPolicy>('DeleteDependents', 'OrphanDependents', 'Unsupported');

  test('a delete leaves at most one of the two GC finalizers, and every other finalizer in its place', () => {
    fc.assert(
      fc.property(finalizerLists, options, defaults, (existing, opts, policy) => {
        const after = finalizersAfter(existing, opts, policy);
        expect(after.includes(ORPHAN) && after.includes(FOREGROUND), `both in ${JSON.stringify(after)}`).toBe(false);
        const notGc = (list: string[]) => list.filter((f) => f !== ORPHAN && f !== FOREGROUND);
        if (policy !== 'Unsupported') expect(notGc(after)).toEqual(notGc(existing));
      }),
      runs(300),
    );
  });

  test('an explicit propagationPolicy alone decides which GC finalizer the object ends with', () => {
    fc.assert(
      fc.property(finalizerLists, fc.constantFrom('Background' as const, 'Foreground' as const, 'Orphan' as const), fc.constantFrom<GarbageCollectionPolicy>('DeleteDependents', 'OrphanDependents'), (existing, policy, defaultPolicy) => {
        const after = finalizersAfter(existing, { propagationPolicy: policy }, defaultPolicy);
        expect(after.includes(ORPHAN)).toBe(policy === 'Orphan');
        expect(after.includes(FOREGROUND)).toBe(policy === 'Foreground');
      }),
      runs(200),
    );
  });
});

describe('defaultGarbageCollectionPolicy (DefaultGarbageCollectionPolicy of each registry strategy)', () => {
  test('apps/v1 workloads delete their dependents; their pre-apps/v1 versions orphan them', () => {
    for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']) {
      expect(defaultGarbageCollectionPolicy(kind, 'apps/v1'), `${kind} apps/v1`).toBe('DeleteDependents');
      expect(defaultGarbageCollectionPolicy(kind, 'apps/v1beta2'), `${kind} apps/v1beta2`).toBe('OrphanDependents');
    }
    expect(defaultGarbageCollectionPolicy('Deployment', 'extensions/v1beta1')).toBe('OrphanDependents');
  });

  test('a ReplicationController (v1) and a Job (batch/v1) orphan by default, for backwards compatibility', () => {
    expect(defaultGarbageCollectionPolicy('ReplicationController', 'v1')).toBe('OrphanDependents');
    expect(defaultGarbageCollectionPolicy('Job', 'batch/v1')).toBe('OrphanDependents');
  });

  test('a CronJob orphans only through batch/v1beta1 and batch/v2alpha1', () => {
    expect(defaultGarbageCollectionPolicy('CronJob', 'batch/v1')).toBe('DeleteDependents');
    expect(defaultGarbageCollectionPolicy('CronJob', 'batch/v1beta1')).toBe('OrphanDependents');
  });

  test('every other kind deletes its dependents', () => {
    for (const kind of ['Pod', 'ConfigMap', 'Secret', 'Service', 'Node', 'PersistentVolumeClaim']) expect(defaultGarbageCollectionPolicy(kind, 'v1'), kind).toBe('DeleteDependents');
  });
});
