/**
 * Kata 09-identity.
 *
 * Examples: upstream's TestGetParentNameAndOrdinal, TestIsMemberOf, TestIdentityMatches,
 * TestStorageMatches, TestUpdateIdentity, TestUpdateStorage, TestNewPodControllerRef,
 * TestGetPersistentVolumeClaims and TestAscendingOrdinal
 * (pkg/controller/statefulset/stateful_set_utils_test.go), TestStatefulSetControlWithStartOrdinal
 * (stateful_set_control_test.go), and the `web` example of kubernetes.io "StatefulSets"
 * (pods web-0..web-2, claims www-web-0.., DNS names web-0.nginx).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ascendingOrdinal,
  descendingOrdinal,
  getEndOrdinal,
  getOrdinal,
  getParentNameAndOrdinal,
  getPersistentVolumeClaimName,
  getPersistentVolumeClaims,
  getPodName,
  getStartOrdinal,
  identityMatches,
  initIdentity,
  isMemberOf,
  newStatefulSetPod,
  podInOrdinalRange,
  storageMatches,
  updateIdentity,
  updateStorage,
} from '@kata/09-statefulset/identity';
import type { Pod, StatefulSet, Volume } from '../../core/api/types';
import { POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL } from '../../core/controllers/statefulset-api';
import { newStatefulSet, webStatefulSet } from '../../core/controllers/statefulset-fixtures';
import { runs } from '../../core/testing/runs';

const named = (name: string): Pick<Pod, 'metadata'> => ({ metadata: { name } });
const withVolumes = (pod: Pod, volumes: Volume[] | undefined): Pod => ({ ...pod, spec: { ...pod.spec!, volumes } });

describe('ordinals and names', () => {
  test('the parent set and ordinal are read from the pod name (TestGetParentNameAndOrdinal)', () => {
    expect(getParentNameAndOrdinal(newStatefulSetPod(newStatefulSet(3), 1))).toEqual({ parent: 'foo', ordinal: 1 });
  });

  test('a name that does not end in -<number> has no parent and ordinal -1 (TestGetParentNameAndOrdinal)', () => {
    expect(getParentNameAndOrdinal(named('1-bar'))).toEqual({ parent: '', ordinal: -1 });
  });

  test('the last dash separates the ordinal from a set name that has dashes of its own', () => {
    expect(getParentNameAndOrdinal(named('my-web-12'))).toEqual({ parent: 'my-web', ordinal: 12 });
  });

  test('an ordinal that does not fit an int32 is -1, but the parent is still read', () => {
    expect(getParentNameAndOrdinal(named('web-2147483647')), 'the largest int32 is a valid ordinal').toEqual({ parent: 'web', ordinal: 2147483647 });
    expect(getParentNameAndOrdinal(named('web-2147483648'))).toEqual({ parent: 'web', ordinal: -1 });
    expect(getOrdinal(named('web-007')), 'ParseInt accepts leading zeros').toBe(7);
  });

  test('a pod is a member of the set its name names (TestIsMemberOf)', () => {
    const pod = newStatefulSetPod(newStatefulSet(3), 1);
    expect(isMemberOf(newStatefulSet(3), pod)).toBe(true);
    expect(isMemberOf(newStatefulSet(3, 'foo2'), pod)).toBe(false);
  });

  test('pods are named <set>-<ordinal> and claims <template>-<set>-<ordinal> (kubernetes.io web example)', () => {
    const web = webStatefulSet();
    expect([0, 1, 2].map((i) => getPodName(web, i))).toEqual(['web-0', 'web-1', 'web-2']);
    expect(getPersistentVolumeClaimName(web, web.spec!.volumeClaimTemplates![0]!, 0)).toBe('www-web-0');
  });

  test('ordinals run from spec.ordinals.start for replicas pods (TestStatefulSetControlWithStartOrdinal)', () => {
    const set = { ...newStatefulSet(3), spec: { ...newStatefulSet(3).spec!, ordinals: { start: 2 } } };
    expect([getStartOrdinal(set), getEndOrdinal(set)]).toEqual([2, 4]);
    expect([1, 2, 4, 5].map((i) => podInOrdinalRange(named(`foo-${i}`), set))).toEqual([false, true, true, false]);
  });

  test('without spec.ordinals the range is [0, replicas - 1], empty for 0 replicas', () => {
    expect([getStartOrdinal(newStatefulSet(3)), getEndOrdinal(newStatefulSet(3))]).toEqual([0, 2]);
    expect(podInOrdinalRange(named('foo-0'), newStatefulSet(0))).toBe(false);
  });

  test('ascendingOrdinal sorts pods by ordinal, not by name (TestAscendingOrdinal)', () => {
    const pods = [10, 2, 0, 1].map((i) => named(`foo-${i}`));
    expect([...pods].sort(ascendingOrdinal).map((p) => p.metadata.name)).toEqual(['foo-0', 'foo-1', 'foo-2', 'foo-10']);
    expect([...pods].sort(descendingOrdinal).map((p) => p.metadata.name)).toEqual(['foo-10', 'foo-2', 'foo-1', 'foo-0']);
  });
});

describe('identity', () => {
  const set = newStatefulSet(3);

  test('a new pod has a good identity; a wrong name, namespace or pod-name label breaks it (TestIdentityMatches)', () => {
    const pod = newStatefulSetPod(set, 1);
    expect(identityMatches(set, pod), 'a newly created pod').toBe(true);
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, name: 'foo' } }), 'wrong name').toBe(false);
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, namespace: '' } }), 'wrong namespace').toBe(false);
    const { [STATEFULSET_POD_NAME_LABEL]: _dropped, ...labels } = pod.metadata.labels ?? {};
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, labels } }), 'no pod-name label').toBe(false);
  });

  test('updateIdentity restores the namespace and the pod-name label (TestUpdateIdentity)', () => {
    const pod = newStatefulSetPod(set, 1);
    const moved = { ...pod, metadata: { ...pod.metadata, namespace: '' } };
    expect(identityMatches(set, updateIdentity(set, moved))).toBe(true);
    const { [STATEFULSET_POD_NAME_LABEL]: _dropped, ...labels } = pod.metadata.labels ?? {};
    expect(identityMatches(set, updateIdentity(set, { ...pod, metadata: { ...pod.metadata, labels } }))).toBe(true);
  });

  test('updateIdentity sets the pod-index label to the ordinal (TestStatefulSetControl CreatesPods)', () => {
    const pod = updateIdentity(set, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'foo-7' }, spec: { containers: [] } });
    expect(pod.metadata.labels).toEqual({ [STATEFULSET_POD_NAME_LABEL]: 'foo-7', [POD_INDEX_LABEL]: '7' });
    expect(pod.metadata.namespace).toBe('default');
  });

  test('initIdentity also sets hostname and subdomain, which give the pod its DNS name', () => {
    const pod = initIdentity(webStatefulSet(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, spec: { containers: [] } });
    expect([pod.spec?.hostname, pod.spec?.subdomain]).toEqual(['web-0', 'nginx']);
  });

  test('initIdentity leaves subdomain out when the set has no serviceName', () => {
    const web = webStatefulSet({ serviceName: '' });
    const pod = initIdentity(web, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' }, spec: { containers: [] } });
    expect(pod.spec).toEqual({ containers: [], hostname: 'web-0' });
  });

  test('a new pod is controlled by its set (TestNewPodControllerRef)', () => {
    expect(newStatefulSetPod(newStatefulSet(1), 0).metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foo', uid: 'test', controller: true, blockOwnerDeletion: true },
    ]);
  });

  test('web-1 of the kubernetes.io example: name, labels, DNS identity and its own www claim', () => {
    const pod = newStatefulSetPod({ ...webStatefulSet(), metadata: { name: 'web', namespace: 'default', uid: 'uid-web' } }, 1);
    expect(pod.metadata).toMatchObject({
      name: 'web-1',
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'nginx', [STATEFULSET_POD_NAME_LABEL]: 'web-1', [POD_INDEX_LABEL]: '1' },
    });
    expect([pod.spec?.hostname, pod.spec?.subdomain]).toEqual(['web-1', 'nginx']);
    expect(pod.spec?.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }]);
    expect(pod.spec?.containers[0]?.image).toBe('registry.k8s.io/nginx-slim:0.24');
  });

  test('template annotations and finalizers are copied, and the set is not changed', () => {
    const web = webStatefulSet();
    const annotated = { ...web, spec: { ...web.spec!, template: { ...web.spec!.template, metadata: { labels: { app: 'nginx' }, annotations: { a: 'b' }, finalizers: ['example.com/f'] } } } };
    const before = structuredClone(annotated);
    const pod = newStatefulSetPod(annotated, 0);
    expect([pod.metadata.annotations, pod.metadata.finalizers]).toEqual([{ a: 'b' }, ['example.com/f']]);
    expect(annotated).toEqual(before);
  });
});

describe('storage', () => {
  const set = newStatefulSet(3);

  test('a new pod has valid storage; missing volumes, claims or claim names break it (TestStorageMatches)', () => {
    const pod = newStatefulSetPod(set, 1);
    expect(storageMatches(set, pod), 'a newly created pod').toBe(true);
    expect(storageMatches(set, withVolumes(pod, undefined)), 'no volumes').toBe(false);
    expect(storageMatches(set, withVolumes(pod, pod.spec!.volumes!.map((v) => ({ name: v.name })))), 'volumes without a claim').toBe(false);
    const renamed = pod.spec!.volumes!.map((v) => (v.persistentVolumeClaim ? { ...v, persistentVolumeClaim: { claimName: 'foo' } } : v));
    expect(storageMatches(set, withVolumes(pod, renamed)), 'the wrong claim').toBe(false);
    expect(storageMatches(set, { ...pod, metadata: { ...pod.metadata, name: 'bar' } }), 'a name without ordinal').toBe(false);
  });

  test('updateStorage recreates missing volumes, claims and claim names (TestUpdateStorage)', () => {
    const pod = newStatefulSetPod(set, 1);
    const broken = [
      withVolumes(pod, undefined),
      withVolumes(pod, pod.spec!.volumes!.map((v) => ({ name: v.name }))),
      withVolumes(pod, pod.spec!.volumes!.map((v) => (v.persistentVolumeClaim ? { ...v, persistentVolumeClaim: { claimName: 'foo' } } : v))),
    ];
    for (const b of broken) expect(storageMatches(set, updateStorage(set, b))).toBe(true);
  });

  test('the claim volume replaces a template volume of the same name and keeps the others', () => {
    const pod = withVolumes(newStatefulSetPod(set, 2), [{ name: 'datadir', emptyDir: {} }, { name: 'home', hostPath: { path: '/tmp/home' } }]);
    expect(updateStorage(set, pod).spec?.volumes).toEqual([
      { name: 'datadir', persistentVolumeClaim: { claimName: 'datadir-foo-2' } },
      { name: 'home', hostPath: { path: '/tmp/home' } },
    ]);
  });

  test('claims copy their template, take the selector labels, and the selector wins on a shared key (TestGetPersistentVolumeClaims)', () => {
    const pod = named('foo-0');
    const base = newStatefulSet(1);
    const set = (matchLabels: Record<string, string> | undefined, templateLabels?: Record<string, string>): StatefulSet => ({
      ...base,
      spec: {
        ...base.spec!,
        selector: { matchLabels },
        volumeClaimTemplates: [{ metadata: { name: 'datadir', ...(templateLabels && { labels: templateLabels }) }, spec: { resources: { requests: { storage: '1' } } } }],
      },
    });
    const claim = (labels?: Record<string, string>) => ({
      datadir: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'datadir-foo-0', namespace: 'default', ...(labels && { labels }) },
        spec: { resources: { requests: { storage: '1' } } },
      },
    });
    expect(getPersistentVolumeClaims(set(undefined), pod), 'nil selector labels').toEqual(claim());
    expect(getPersistentVolumeClaims(set({ test: 'test' }), pod), 'labels from the selector').toEqual(claim({ test: 'test' }));
    expect(getPersistentVolumeClaims(set({ name: 'foo' }, { test: 'test' }), pod), 'merged').toEqual(claim({ test: 'test', name: 'foo' }));
    expect(getPersistentVolumeClaims(set({ test: 'foo' }, { test: 'test' }), pod), 'the selector wins').toEqual(claim({ test: 'foo' }));
  });
});

describe('properties', () => {
  const setName = fc.stringMatching(/^[a-z]([-a-z0-9]{0,12}[a-z0-9])?$/);
  const ordinal = fc.oneof(fc.nat({ max: 20 }), fc.nat({ max: 2 ** 31 - 1 }));
  const setNamed = (name: string): StatefulSet => ({ ...webStatefulSet(), metadata: { name, namespace: 'default', uid: 'uid' } });

  test('a pod named for any ordinal parses back to its set and ordinal', () => {
    fc.assert(
      fc.property(setName, ordinal, (name, n) => {
        expect(getParentNameAndOrdinal(named(getPodName(setNamed(name), n)))).toEqual({ parent: name, ordinal: n });
      }),
      runs(200),
    );
  });

  test('a new pod for any ordinal has the identity and storage of that ordinal', () => {
    fc.assert(
      fc.property(setName, ordinal, (name, n) => {
        const set = setNamed(name);
        const pod = newStatefulSetPod(set, n);
        expect(identityMatches(set, pod) && storageMatches(set, pod) && isMemberOf(set, pod)).toBe(true);
        expect(pod.metadata.labels?.[POD_INDEX_LABEL]).toBe(String(n));
      }),
      runs(200),
    );
  });

  test('updateIdentity and updateStorage repair any pod of the set, and doing it twice changes nothing', () => {
    const volume = fc.record({ name: fc.constantFrom('www', 'data', 'cache'), claimName: fc.option(fc.constantFrom('www-web-0', 'www-web-1', 'other'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.nat({ max: 5 }), fc.array(volume, { maxLength: 3 }), fc.constantFrom('default', 'other', ''), (n, volumes, namespace) => {
        const set = setNamed('web');
        const pod: Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `web-${n}`, namespace },
          spec: { containers: [], volumes: volumes.map((v) => (v.claimName ? { name: v.name, persistentVolumeClaim: { claimName: v.claimName } } : { name: v.name, emptyDir: {} })) },
        };
        const fixed = updateStorage(set, updateIdentity(set, pod));
        expect(identityMatches(set, fixed) && storageMatches(set, fixed)).toBe(true);
        expect(updateStorage(set, updateIdentity(set, fixed))).toEqual(fixed);
        const others = (pod.spec?.volumes ?? []).filter((v) => v.name !== 'www').map((v) => v.name);
        expect(fixed.spec?.volumes?.filter((v) => v.name !== 'www').map((v) => v.name), 'volumes other than claims are kept').toEqual(others);
      }),
      runs(200),
    );
  });

  test('ascendingOrdinal sorts any shuffle of pods by ordinal (TestAscendingOrdinal)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 1000 }), { maxLength: 12 }), (ordinals) => {
        const sorted = ordinals.map((i) => named(`foo-${i}`)).sort(ascendingOrdinal).map(getOrdinal);
        expect(sorted).toEqual([...ordinals].sort((a, b) => a - b));
      }),
      runs(100),
    );
  });
});
