/**
 * Kata 09-pvc-retention.
 *
 * Examples: upstream's TestGetPersistentVolumeClaimRetentionPolicy, TestMatchesRef,
 * TestIsClaimOwnerUpToDate, TestClaimOwnerUpToDateEdgeCases, TestUpdateClaimOwnerRefForSetAndPod,
 * TestUpdateClaimControllerRef, TestHasOwnerRef, TestHasUnexpectedController, TestNonController
 * and TestHasStaleOwnerRef (pkg/controller/statefulset/stateful_set_utils_test.go), and the doc
 * comment of PodClaimIsStale (stateful_pod_control.go); the policy table of kubernetes.io
 * "StatefulSets", PersistentVolumeClaim retention.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  claimsMatchRetentionPolicy,
  getPersistentVolumeClaimRetentionPolicy,
  hasNonControllerOwner,
  hasOwnerRef,
  hasStaleOwnerRef,
  hasUnexpectedController,
  isClaimOwnerUpToDate,
  matchesRef,
  podClaimIsStale,
  updateClaimOwnerRefForSetAndPod,
} from '@kata/09-statefulset/pvc-retention';
import type { OwnerReference } from '../../core/api/meta';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../core/api/types';
import { POD_KIND, STATEFULSET_KIND } from '../../core/controllers/statefulset-api';
import { newStatefulSet } from '../../core/controllers/statefulset-fixtures';
import { runs } from '../../core/testing/runs';

type Policy = 'Retain' | 'Delete';

const ref = (apiVersion: string, kind: string, name: string, uid: string, controller?: boolean): OwnerReference => ({
  apiVersion,
  kind,
  name,
  uid,
  ...(controller !== undefined && { controller }),
});
const controllerRef = (gvk: { apiVersion: string; kind: string }, name: string, uid: string): OwnerReference => ({ ...gvk, name, uid, controller: true, blockOwnerDeletion: true });
const claimWith = (refs: OwnerReference[], name = 'target-claim'): PersistentVolumeClaim => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, ownerReferences: refs } });
const podNamed = (name: string, uid?: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(uid !== undefined && { uid }) }, spec: { containers: [] } });
const setNamed = (name: string, uid: string, policy?: { whenScaled: Policy; whenDeleted: Policy }, replicas = 0): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, uid },
  spec: { selector: {}, template: {}, replicas, ...(policy && { persistentVolumeClaimRetentionPolicy: policy }) },
});
/** Upstream's ownerRefsChanged: the references differ as multisets of apiVersion/kind/name. */
const refKeys = (refs: OwnerReference[] | undefined) => (refs ?? []).map((r) => `${r.apiVersion}-${r.kind}-${r.name}`).sort();

describe('the policy and references', () => {
  test('the policy is the set\'s, Retain for whatever it leaves out (TestGetPersistentVolumeClaimRetentionPolicy)', () => {
    expect(getPersistentVolumeClaimRetentionPolicy(setNamed('s', 'u', { whenScaled: 'Delete', whenDeleted: 'Retain' }))).toEqual({ whenScaled: 'Delete', whenDeleted: 'Retain' });
    expect(getPersistentVolumeClaimRetentionPolicy(setNamed('s', 'u'))).toEqual({ whenScaled: 'Retain', whenDeleted: 'Retain' });
  });

  test('a reference matches by apiVersion, kind and name, whatever the UID (TestMatchesRef)', () => {
    const fred = podNamed('fred', 'abc');
    expect(matchesRef(ref('v1', 'Pod', 'fred', 'abc'), fred, POD_KIND), 'full match').toBe(true);
    expect(matchesRef(ref('v1', 'Pod', 'fred', 'abc'), podNamed('fred', 'not-matching'), POD_KIND), 'match without UID').toBe(true);
    expect(matchesRef(ref('v1', 'Pod', 'fred', 'abc'), podNamed('joan', 'abc'), POD_KIND), 'mismatch name').toBe(false);
    expect(matchesRef(ref('beta2', 'Pod', 'fred', 'abc'), fred, POD_KIND), 'wrong schema').toBe(false);
  });

  test('hasOwnerRef looks at UIDs only, controller or not (TestHasOwnerRef)', () => {
    const target = claimWith([{ ...ref('', '', '', '123'), controller: true }, { ...ref('', '', '', '456'), controller: false }, ref('', '', '', '789')]);
    expect(['123', '456', '789', '012'].map((uid) => hasOwnerRef(target, podNamed('x', uid)))).toEqual([true, true, true, false]);
  });

  test('a reference by name and kind with another UID is stale (TestHasStaleOwnerRef)', () => {
    const target = claimWith([ref('v1', 'Pod', 'bob', '123'), ref('v1', 'Pod', 'shirley', '456')]);
    expect(hasStaleOwnerRef(target, podNamed('bob', '123'), POD_KIND), 'same UID').toBe(false);
    expect(hasStaleOwnerRef(target, podNamed('shirley', '789'), POD_KIND), 'another UID').toBe(true);
    expect(hasStaleOwnerRef(target, podNamed('yvonne', '345'), POD_KIND), 'not referenced').toBe(false);
  });

  test('the set or pod owning a claim without being its controller is found (TestNonController)', () => {
    const pod = podNamed('pod', 'pod');
    const set = setNamed('set', 'set');
    const cases: [string, OwnerReference[], boolean][] = [
      ['set and pod controller', [ref('v1', 'Pod', 'pod', 'pod', true), ref('apps/v1', 'Set', 'set', 'set', true)], false],
      ['set controller, pod noncontroller', [ref('v1', 'Pod', 'pod', 'pod'), ref('apps/v1', 'Set', 'set', 'set', true)], true],
      ['set noncontroller, pod controller', [ref('v1', 'Pod', 'pod', 'pod', true), ref('apps/v1', 'Set', 'set', 'set')], true],
      ['set controller', [ref('apps/v1', 'Set', 'set', 'set', true)], false],
      ['pod controller', [ref('v1', 'Pod', 'pod', 'pod', true)], false],
      ['nothing', [], false],
      ['set noncontroller', [ref('apps/v1', 'Set', 'set', 'set')], true],
      ['set noncontroller with ptr', [ref('apps/v1', 'Set', 'set', 'set', false)], true],
      ['pod noncontroller', [ref('v1', 'pod', 'pod', 'pod')], true],
      ['other noncontroller', [ref('v1', 'pod', 'pod', 'not-matching')], false],
    ];
    for (const [name, refs, expected] of cases) expect(hasNonControllerOwner(claimWith(refs), set, pod), name).toBe(expected);
  });

  test('only a policy other than Retain/Retain finds unexpected controllers (TestHasUnexpectedController)', () => {
    const pod = podNamed('pod', 'pod-uid');
    const cases: [string, OwnerReference[], boolean][] = [
      ['custom controller', [ref('chipmunks/v1', 'CustomController', 'simon', 'other-uid', true)], true],
      ['custom non-controller', [ref('chipmunks/v1', 'CustomController', 'simon', 'other-uid', false)], false],
      ['custom unspecified controller', [ref('chipmunks/v1', 'CustomController', 'simon', 'other-uid')], false],
      ['other pod controller', [ref('v1', 'Pod', 'simon', 'other-uid', true)], true],
      ['other set controller', [ref('apps/v1', 'Set', 'simon', 'other-uid', true)], true],
      ['own set controller', [ref('apps/v1', 'StatefulSet', 'set', 'set-uid', true)], false],
      ['own set controller, stale uid', [ref('apps/v1', 'StatefulSet', 'set', 'stale-uid', true)], true],
      ['own pod controller', [ref('v1', 'Pod', 'pod', 'pod-uid', true)], false],
      ['own pod controller, stale uid', [ref('v1', 'Pod', 'pod', 'stale-uid', true)], true],
      ['own controller and another', [ref('v1', 'Pod', 'pod', 'pod-uid', true), ref('chipmunks/v1', 'CustomController', 'simon', 'other-uid', true)], true],
      ['own controller and a non-controller', [ref('v1', 'Pod', 'pod', 'pod-uid', true), ref('chipmunks/v1', 'CustomController', 'simon', 'other-uid', false)], false],
    ];
    for (const [name, refs, expected] of cases) {
      expect(hasUnexpectedController(claimWith(refs), setNamed('set', 'set-uid'), pod), `${name}, no policy`).toBe(false);
      for (const policy of [{ whenDeleted: 'Retain', whenScaled: 'Delete' }, { whenDeleted: 'Delete', whenScaled: 'Retain' }, { whenDeleted: 'Delete', whenScaled: 'Delete' }] as const) {
        expect(hasUnexpectedController(claimWith(refs), setNamed('set', 'set-uid', policy), pod), `${name}, ${JSON.stringify(policy)}`).toBe(expected);
      }
    }
  });
});

describe('isClaimOwnerUpToDate', () => {
  // TestIsClaimOwnerUpToDate: [name, whenScaled, whenDeleted, needsPodRef, needsSetRef, replicas, ordinal]
  const cases: [string, Policy, Policy, boolean, boolean, number, number][] = [
    ['retain', 'Retain', 'Retain', false, false, 0, 0],
    ['on SS delete', 'Retain', 'Delete', false, true, 0, 0],
    ['on scaledown only, condemned', 'Delete', 'Retain', true, false, 2, 2],
    ['on scaledown only, remains', 'Delete', 'Retain', false, false, 2, 1],
    ['on both, condemned', 'Delete', 'Delete', true, false, 2, 2],
    ['on both, remains', 'Delete', 'Delete', false, true, 2, 1],
  ];
  test.each(cases)('%s: up to date exactly when the claim has the owners the policy wants (TestIsClaimOwnerUpToDate)', (_name, whenScaled, whenDeleted, needsPodRef, needsSetRef, replicas, ordinal) => {
    const pod = podNamed(`pod-${ordinal}`, 'pod-123');
    const set = setNamed('stateful-set', 'ss-456', { whenScaled, whenDeleted }, replicas);
    for (const others of [false, true]) {
      for (const podRef of [false, true]) {
        for (const setRef of [false, true]) {
          const refs = [
            ...(podRef ? [controllerRef(POD_KIND, pod.metadata.name, 'pod-123')] : []),
            ...(setRef ? [controllerRef(STATEFULSET_KIND, 'stateful-set', 'ss-456')] : []),
            ...(others ? [ref('v1', 'Pod', 'rand1', 'rand1-uid'), ref('v1', 'Pod', 'rand2', 'rand2-uid')] : []),
          ];
          expect(isClaimOwnerUpToDate(claimWith(refs), set, pod), `pod ref ${podRef}, set ref ${setRef}, other refs ${others}`).toBe(podRef === needsPodRef && setRef === needsSetRef);
        }
      }
    }
  });

  test('stale references leave the claim alone, non-controller or unexpected owners need an update (TestClaimOwnerUpToDateEdgeCases)', () => {
    const both = { whenScaled: 'Delete', whenDeleted: 'Delete' } as const;
    const onDelete = { whenScaled: 'Retain', whenDeleted: 'Delete' } as const;
    const cases: [string, OwnerReference[], { whenScaled: Policy; whenDeleted: Policy }, boolean][] = [
      ['normal controller, pod', [ref('v1', 'Pod', 'pod-1', 'pod-123', true)], both, true],
      ['non-controller causes policy mismatch, pod', [ref('v1', 'Pod', 'pod-1', 'pod-123')], both, false],
      ['stale controller does not affect policy, pod', [ref('v1', 'Pod', 'pod-1', 'pod-stale', true)], both, true],
      ['unexpected controller causes policy mismatch, pod', [ref('v1', 'Pod', 'pod-1', 'pod-123', true), ref('v1', 'Pod', 'Random', 'random', true)], both, false],
      ['normal controller, set', [ref('apps/v1', 'StatefulSet', 'stateful-set', 'ss-456', true)], onDelete, true],
      ['non-controller causes policy mismatch, set', [ref('appsv1', 'StatefulSet', 'stateful-set', 'ss-456')], onDelete, false],
      ['stale controller ignored, set', [ref('apps/v1', 'StatefulSet', 'stateful-set', 'set-stale', true)], onDelete, true],
      ['unexpected controller causes policy mismatch, set', [ref('apps/v1', 'StatefulSet', 'stateful-set', 'ss-456', true), ref('apps/v1', 'StatefulSet', 'Random', 'random', true)], onDelete, false],
    ];
    for (const [name, refs, policy, expected] of cases) {
      expect(isClaimOwnerUpToDate(claimWith(refs), setNamed('stateful-set', 'ss-456', policy, 1), podNamed('pod-1', 'pod-123')), name).toBe(expected);
    }
  });
});

describe('updateClaimOwnerRefForSetAndPod', () => {
  // TestUpdateClaimOwnerRefForSetAndPod: [name, whenScaled, whenDeleted, condemned, needsPodRef, needsSetRef, unexpectedController]
  const cases: [string, Policy, Policy, boolean, boolean, boolean, boolean][] = [
    ['retain', 'Retain', 'Retain', false, false, false, false],
    ['delete with set', 'Retain', 'Delete', false, false, true, false],
    ['delete with scaledown, not condemned', 'Delete', 'Retain', false, false, false, false],
    ['delete on scaledown, condemned', 'Delete', 'Retain', true, true, false, false],
    ['delete on both, not condemned', 'Delete', 'Delete', false, false, true, false],
    ['delete on both, condemned', 'Delete', 'Delete', true, true, false, false],
    ['unexpected controller', 'Delete', 'Delete', true, false, false, true],
  ];
  test.each(cases)('%s: afterwards the owners the policy wants are the claim\'s controllers (TestUpdateClaimOwnerRefForSetAndPod)', (_name, whenScaled, whenDeleted, condemned, needsPodRef, needsSetRef, unexpected) => {
    const set = setNamed('ss', 'ss-123', { whenScaled, whenDeleted }, 5);
    const pod = podNamed(condemned ? 'pod-8' : 'pod-1', 'pod-456');
    const controls = (claim: PersistentVolumeClaim, uid: string) => claim.metadata.ownerReferences?.find((r) => r.uid === uid)?.controller === true;
    for (let variation = 0; variation < 8; variation++) {
      const refs = [
        ...((variation & 1) !== 0 ? [controllerRef(POD_KIND, pod.metadata.name, 'pod-456')] : []),
        ...((variation & 2) !== 0 ? [controllerRef(STATEFULSET_KIND, 'ss', 'ss-123')] : []),
        ...((variation & 3) !== 0 ? [ref('custom/v1', 'random', 'random', 'abc')] : []),
        ...(unexpected ? [ref('custom/v1', 'Unknown', 'unknown', 'xyz', true)] : []),
      ];
      const updated = updateClaimOwnerRefForSetAndPod(claimWith(refs), set, pod);
      expect([controls(updated, 'pod-456'), controls(updated, 'ss-123')], `variation ${variation}`).toEqual([needsPodRef, needsSetRef]);
    }
  });

  test('references to the set are scrubbed and rebuilt by name and kind (TestUpdateClaimControllerRef)', () => {
    const set = setNamed('sts', '123', { whenScaled: 'Delete', whenDeleted: 'Delete' }, 1);
    const pod = podNamed('pod-0', '456');
    const stsRef = ref('apps/v1', 'StatefulSet', 'sts', '123', true);
    const cases: [string, OwnerReference[], OwnerReference[]][] = [
      ['set correctly', [stsRef, ref('someone', 'Else', 'foo', '')], [stsRef, ref('someone', 'Else', 'foo', '')]],
      ['missing controller', [ref('apps/v1', 'StatefulSet', 'sts', '123')], [stsRef]],
      ['matching name but missing', [ref('someone', 'else', 'sts', '456')], [ref('someone', 'else', 'sts', '456'), stsRef]],
      ['not present', [], [stsRef]],
      ['controller, but no UID', [ref('apps/v1', 'StatefulSet', 'sts', '', true)], []],
      ['neither controller nor UID', [ref('apps/v1', 'StatefulSet', 'sts', '')], []],
    ];
    for (const [name, before, after] of cases) {
      expect(refKeys(updateClaimOwnerRefForSetAndPod(claimWith(before), set, pod).metadata.ownerReferences), name).toEqual(refKeys(after));
    }
  });
});

describe('claims of a pod', () => {
  const scaledDelete = (replicas: number): StatefulSet => ({ ...newStatefulSet(replicas), spec: { ...newStatefulSet(replicas).spec!, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } } });
  const oldPodRef = controllerRef(POD_KIND, 'foo-1', 'old-pod-uid');

  test('a claim still owned by an earlier pod of the same name is stale under whenScaled: Delete (PodClaimIsStale)', () => {
    const claims = { 'datadir-foo-1': claimWith([oldPodRef], 'datadir-foo-1') };
    expect(podClaimIsStale(scaledDelete(3), podNamed('foo-1'), claims), 'a pod not yet created has no UID').toBe(true);
    expect(podClaimIsStale(scaledDelete(3), podNamed('foo-1', 'old-pod-uid'), claims), 'the same pod').toBe(false);
  });

  test('under whenScaled: Retain claims are reused and never stale; a missing claim is never stale (PodClaimIsStale)', () => {
    const claims = { 'datadir-foo-1': claimWith([oldPodRef], 'datadir-foo-1') };
    expect(podClaimIsStale(newStatefulSet(3), podNamed('foo-1'), claims)).toBe(false);
    expect(podClaimIsStale(scaledDelete(3), podNamed('foo-1'), {})).toBe(false);
  });

  test('a scaled-down pod\'s claims match the policy only once the pod owns them; missing claims do not count (ClaimsMatchRetentionPolicy)', () => {
    const pod = podNamed('foo-4', 'pod-uid');
    expect(claimsMatchRetentionPolicy(scaledDelete(3), pod, { 'datadir-foo-4': claimWith([], 'datadir-foo-4') })).toBe(false);
    expect(claimsMatchRetentionPolicy(scaledDelete(3), pod, { 'datadir-foo-4': claimWith([controllerRef(POD_KIND, 'foo-4', 'pod-uid')], 'datadir-foo-4') })).toBe(true);
    expect(claimsMatchRetentionPolicy(scaledDelete(3), pod, {})).toBe(true);
  });
});

describe('properties', () => {
  const policy = fc.record({ whenScaled: fc.constantFrom<Policy>('Retain', 'Delete'), whenDeleted: fc.constantFrom<Policy>('Retain', 'Delete') });
  const someRef = fc.oneof(
    fc.record({ controller: fc.option(fc.boolean(), { nil: undefined }), uid: fc.constantFrom('set-uid', 'stale-set') }).map(({ controller, uid }) => ref('apps/v1', 'StatefulSet', 'web', uid, controller)),
    fc.record({ controller: fc.option(fc.boolean(), { nil: undefined }), uid: fc.constantFrom('pod-uid', 'stale-pod') }).map(({ controller, uid }) => ref('v1', 'Pod', 'web-3', uid, controller)),
    fc.record({ controller: fc.option(fc.boolean(), { nil: undefined }), name: fc.constantFrom('gc', 'other') }).map(({ controller, name }) => ref('example.com/v1', 'Thing', name, `${name}-uid`, controller)),
  );
  const refs = fc.uniqueArray(someRef, { maxLength: 4, selector: (r) => `${r.kind}/${r.name}` });

  // A stale reference counts as an unexpected controller, so the first update only scrubs it
  // and the next one (the next sync, upstream) adds what the policy wants.
  test('at most two updates make the claim up to date, and further updates change nothing, for any policy, owners and scale', () => {
    fc.assert(
      fc.property(policy, fc.nat({ max: 5 }), refs, (p, replicas, owners) => {
        const set = setNamed('web', 'set-uid', p, replicas);
        const pod = podNamed('web-3', 'pod-uid');
        const twice = updateClaimOwnerRefForSetAndPod(updateClaimOwnerRefForSetAndPod(claimWith(owners), set, pod), set, pod);
        expect(isClaimOwnerUpToDate(twice, set, pod)).toBe(true);
        expect(updateClaimOwnerRefForSetAndPod(twice, set, pod)).toEqual(twice);
      }),
      runs(200),
    );
  });

  test('under Retain/Retain nothing ever names the set or the pod as owner', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5 }), refs, (replicas, owners) => {
        const set = setNamed('web', 'set-uid', { whenScaled: 'Retain', whenDeleted: 'Retain' }, replicas);
        const updated = updateClaimOwnerRefForSetAndPod(claimWith(owners), set, podNamed('web-3', 'pod-uid'));
        expect(updated.metadata.ownerReferences?.some((r) => r.uid === 'set-uid' || r.uid === 'pod-uid') ?? false).toBe(false);
      }),
      runs(100),
    );
  });
});
