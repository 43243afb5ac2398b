/**
 * Kata 03-limit-ranger.
 *
 * Examples: plugin/pkg/admission/limitranger/admission_test.go (validLimitRange,
 * TestDefaultContainerResourceRequirements, TestMergePodResourceRequirements, TestPodLimitFunc
 * success and error cases), pkg/apis/core/v1/defaults_test.go (TestSetDefaultLimitRangeItem).
 * Messages are the format strings of admission.go minConstraint, maxConstraint and
 * limitRequestRatioConstraint, as kubectl prints them (`pods "x" is forbidden: <message>`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { limitRangeItemDefaults, limitRangerMutate, limitRangerValidate } from '@kata/03-namespaces/limit-ranger';
import type { Container, Pod, ResourceList } from '../../core/api/types';
import { CHAPTER_POLICIES, compilePolicy } from '../../core/apiserver/policy';
import { container, limitRange, pod } from '../../core/apiserver/testing';
import type { LimitRangeItem } from '../../core/apiserver/types';
import { repoRoot } from '../../core/kata/target';
import { parseRuleFile } from '../../core/rules';
import { runs } from '../../core/testing/runs';

const cpuMem = (cpu: string, memory: string): ResourceList => ({ ...(cpu && { cpu }), ...(memory && { memory }) });

/** Upstream validLimitRange: a Pod item and a Container item with defaults. */
const valid = limitRange('abc', 'test', [
  { type: 'Pod', max: cpuMem('200m', '4Gi'), min: cpuMem('50m', '2Mi') },
  { type: 'Container', max: cpuMem('100m', '2Gi'), min: cpuMem('25m', '1Mi'), default: cpuMem('75m', '10Mi'), defaultRequest: cpuMem('50m', '5Mi') },
]);

/** Upstream createLimitRange: one item of one type. */
const range = (item: LimitRangeItem) => limitRange('abc', 'test', [item]);
const withResources = (name: string, requests: ResourceList, limits: ResourceList, count = 1): Pod =>
  pod(name, 'test', Array.from({ length: count }, (_, i) => container(`foo-${i}`, { requests, limits })));

describe('limitRangeItemDefaults (SetDefaults_LimitRangeItem)', () => {
  test('a max with no default becomes the default limit, which becomes the default request', () => {
    expect(limitRangeItemDefaults({ type: 'Container', max: { cpu: '1' } })).toEqual({ type: 'Container', max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } });
  });

  test('a min becomes the default request only when there is no default limit for it', () => {
    const item = limitRangeItemDefaults({ type: 'Container', min: { cpu: '100m', memory: '64Mi' }, default: { cpu: '500m' } });
    expect(item.defaultRequest).toEqual({ cpu: '500m', memory: '64Mi' });
  });

  test('what the item states is never overridden', () => {
    const item: LimitRangeItem = { type: 'Container', max: { cpu: '2' }, min: { cpu: '10m' }, default: { cpu: '1' }, defaultRequest: { cpu: '250m' } };
    expect(limitRangeItemDefaults(item)).toEqual(item);
  });

  test('Pod and PersistentVolumeClaim items are left as they are', () => {
    const item: LimitRangeItem = { type: 'Pod', max: { cpu: '2' } };
    expect(limitRangeItemDefaults(item)).toEqual(item);
  });
});

const annotation = (p: Pod) => p.metadata.annotations?.['kubernetes.io/limit-ranger'];

describe('limitRangerMutate (TestMergePodResourceRequirements)', () => {
  test('a pod with no resources gets the default requests and limits, and the annotation says so', () => {
    const mutated = limitRangerMutate(withResources('empty-resources', {}, {}), [valid]);
    expect(mutated.spec?.containers[0]?.resources).toEqual({ requests: cpuMem('50m', '5Mi'), limits: cpuMem('75m', '10Mi') });
    expect(annotation(mutated)).toBe('LimitRanger plugin set: cpu, memory request for container foo-0; cpu, memory limit for container foo-0');
  });

  test('only what a container leaves out is filled in, init containers included', () => {
    const p: Pod = { ...withResources('limit-memory', { memory: '512Mi' }, {}), spec: { containers: [container('foo-0', { requests: { memory: '512Mi' } })], initContainers: [container('init-0', { requests: { memory: '512Mi' } })] } };
    const mutated = limitRangerMutate(p, [valid]);
    const expected = { requests: cpuMem('50m', '512Mi'), limits: cpuMem('75m', '10Mi') };
    expect(mutated.spec?.containers[0]?.resources).toEqual(expected);
    expect(mutated.spec?.initContainers?.[0]?.resources).toEqual(expected);
    expect(annotation(mutated)).toBe(
      'LimitRanger plugin set: cpu request for container foo-0; cpu, memory limit for container foo-0; cpu request for init container init-0; cpu, memory limit for init container init-0',
    );
  });

  test('a pod that states everything is left untouched, without an annotation', () => {
    const p = withResources('limit-memory', cpuMem('100m', '512Mi'), cpuMem('200m', '1G'));
    expect(limitRangerMutate(p, [valid])).toEqual(p);
  });

  test('a LimitRange with only a max defaults both the limit and the request to it', () => {
    const mutated = limitRangerMutate(withResources('p', {}, {}), [range({ type: 'Container', max: { cpu: '1' } })]);
    expect(mutated.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '1' } });
  });

  test('mutating twice is the same as mutating once', () => {
    fc.assert(
      fc.property(podArbitrary, itemArbitrary, (p, item) => {
        const once = limitRangerMutate(p, [range(item)]);
        expect(limitRangerMutate(once, [range(item)])).toEqual(once);
      }),
      runs(100),
    );
  });

  test('mutation never changes a request or limit a container stated', () => {
    fc.assert(
      fc.property(podArbitrary, itemArbitrary, (p, item) => {
        const mutated = limitRangerMutate(p, [range(item)]);
        p.spec!.containers.forEach((c, i) => {
          expect(mutated.spec?.containers[i]?.resources?.requests ?? {}).toMatchObject(c.resources?.requests ?? {});
          expect(mutated.spec?.containers[i]?.resources?.limits ?? {}).toMatchObject(c.resources?.limits ?? {});
        });
      }),
      runs(100),
    );
  });
});

describe('limitRangerValidate (TestPodLimitFunc)', () => {
  test('pods within the bounds pass: ctr-min-cpu-request, ctr-max-cpu-limit, ctr-max-cpu-ratio, pod-min-cpu-request, pod-max-cpu-request-limit', () => {
    expect(limitRangerValidate(withResources('ctr-min-cpu-request', { cpu: '100m' }, {}), [range({ type: 'Container', min: { cpu: '50m' } })])).toBeUndefined();
    expect(limitRangerValidate(withResources('ctr-max-cpu-limit', {}, { cpu: '1' }), [range({ type: 'Container', max: { cpu: '2' } })])).toBeUndefined();
    expect(limitRangerValidate(withResources('ctr-max-cpu-ratio', { cpu: '500m' }, { cpu: '750m' }), [range({ type: 'Container', maxLimitRequestRatio: { cpu: '1.5' } })])).toBeUndefined();
    expect(limitRangerValidate(withResources('pod-min-cpu-request', { cpu: '75m' }, {}, 2), [range({ type: 'Pod', min: { cpu: '100m' } })])).toBeUndefined();
    expect(limitRangerValidate(withResources('pod-max-cpu-request-limit', { cpu: '500m' }, { cpu: '1' }, 2), [range({ type: 'Pod', max: { cpu: '2' } })])).toBeUndefined();
  });

  test('a limit above max: "maximum cpu usage per Container is 1, but limit is 2"', () => {
    expect(limitRangerValidate(withResources('p', { cpu: '500m' }, { cpu: '2' }), [range({ type: 'Container', max: { cpu: '1' } })])).toBe('maximum cpu usage per Container is 1, but limit is 2');
  });

  test('a max with no limit: "maximum memory usage per Container is 1Gi.  No limit is specified" (two spaces)', () => {
    expect(limitRangerValidate(withResources('p', { memory: '250Mi' }, {}), [range({ type: 'Container', max: { memory: '1Gi' } })])).toBe(
      'maximum memory usage per Container is 1Gi.  No limit is specified',
    );
  });

  test('a request above max is named after the limit check: "maximum cpu usage per Container is 1, but request is 1500m"', () => {
    expect(limitRangerValidate(withResources('p', { cpu: '1.5' }, { cpu: '1' }), [range({ type: 'Container', max: { cpu: '1' } })])).toBe(
      'maximum cpu usage per Container is 1, but request is 1500m',
    );
  });

  test('below min: "minimum cpu usage per Container is 50m, but request is 25m", and with no request "...is 50m.  No request is specified"', () => {
    const min = range({ type: 'Container', min: { cpu: '50m' } });
    expect(limitRangerValidate(withResources('p', { cpu: '25m' }, {}), [min])).toBe('minimum cpu usage per Container is 50m, but request is 25m');
    expect(limitRangerValidate(withResources('p', {}, { cpu: '100m' }), [min])).toBe('minimum cpu usage per Container is 50m.  No request is specified');
    expect(limitRangerValidate(withResources('p', { cpu: '60m' }, { cpu: '40m' }), [min])).toBe('minimum cpu usage per Container is 50m, but limit is 40m');
  });

  test('the ratio: "cpu max limit to request ratio per Container is 1500m, but provided ratio is 2.000000"', () => {
    const ratio = range({ type: 'Container', maxLimitRequestRatio: { cpu: '1.5' } });
    expect(limitRangerValidate(withResources('p', { cpu: '500m' }, { cpu: '1' }), [ratio])).toBe('cpu max limit to request ratio per Container is 1500m, but provided ratio is 2.000000');
    expect(limitRangerValidate(withResources('p', { cpu: '300m' }, { cpu: '1' }), [ratio])).toBe('cpu max limit to request ratio per Container is 1500m, but provided ratio is 3.333333');
  });

  test('a ratio needs both a request and a limit that are not zero', () => {
    const ratio = range({ type: 'Container', maxLimitRequestRatio: { memory: '2' } });
    expect(limitRangerValidate(withResources('p', {}, { memory: '1Gi' }), [ratio])).toBe(
      'memory max limit to request ratio per Container is 2, but no request is specified or request is 0',
    );
    expect(limitRangerValidate(withResources('p', { memory: '1Gi' }, { memory: '0' }), [ratio])).toBe(
      'memory max limit to request ratio per Container is 2, but no limit is specified or limit is 0',
    );
  });

  test('a Pod item bounds the sum over containers: "maximum cpu usage per Pod is 2, but limit is 3"', () => {
    expect(limitRangerValidate(withResources('p', { cpu: '1' }, { cpu: '1500m' }, 2), [range({ type: 'Pod', max: { cpu: '2' } })])).toBe('maximum cpu usage per Pod is 2, but limit is 3');
  });

  test('for a Pod item an init container counts at its peak, not added to the app containers (pod-init-max-cpu-request-limit)', () => {
    const p: Pod = { ...withResources('p', { cpu: '500m' }, { cpu: '1' }, 2), spec: { containers: [container('a', { requests: { cpu: '500m' }, limits: { cpu: '1' } }), container('b', { requests: { cpu: '500m' }, limits: { cpu: '1' } })], initContainers: [container('init', { requests: { cpu: '1' }, limits: { cpu: '2' } })] } };
    expect(limitRangerValidate(p, [range({ type: 'Pod', max: { cpu: '2' } })])).toBeUndefined();
  });

  test('several violations of one LimitRange are listed together in brackets: item by item, then min, max, ratio', () => {
    const p = withResources('p', { cpu: '10m', memory: '3Gi' }, { cpu: '20m', memory: '3Gi' });
    expect(limitRangerValidate(p, [valid])).toBe(
      '[minimum cpu usage per Pod is 50m, but request is 10m, minimum cpu usage per Container is 25m, but request is 10m, maximum memory usage per Container is 2Gi, but limit is 3Gi]',
    );
  });

  test('the first LimitRange the pod breaks is the one reported', () => {
    const p = withResources('p', { cpu: '3' }, { cpu: '3' });
    const first = limitRange('a-small', 'test', [{ type: 'Container', max: { cpu: '1' } }]);
    const second = limitRange('b-smaller', 'test', [{ type: 'Container', max: { cpu: '500m' } }]);
    expect(limitRangerValidate(p, [first, second])).toBe('maximum cpu usage per Container is 1, but limit is 3');
  });

  test('a pod defaulted by a LimitRange whose defaults lie within its bounds always passes it', () => {
    fc.assert(
      fc.property(boundedItemArbitrary, podArbitrary, (item, p) => {
        const bare: Pod = { ...p, spec: { containers: p.spec!.containers.map((c) => container(c.name)) } };
        expect(limitRangerValidate(limitRangerMutate(bare, [range(item)]), [range(item)])).toBeUndefined();
      }),
      runs(100),
    );
  });

  test('the wording comes from the policy, not from the code', () => {
    const text = readFileSync(path.join(repoRoot, CHAPTER_POLICIES.limitRanger.file), 'utf8').replace(
      'maximum {resource} usage per {limitType} is {enforced}, but limit is {limit}',
      'at most {enforced} of {resource}, you asked for {limit}',
    );
    const policy = compilePolicy(parseRuleFile(text, 'custom.rules.yaml'));
    expect(limitRangerValidate(withResources('p', {}, { cpu: '2' }), [range({ type: 'Container', max: { cpu: '1' } })], policy)).toBe('at most 1 of cpu, you asked for 2');
  });
});

// Millicores and mebibytes from small pools, so that defaults, bounds and stated values collide.
const cpu = fc.constantFrom('50m', '100m', '250m', '500m', '1');
const memory = fc.constantFrom('64Mi', '128Mi', '256Mi', '1Gi');
const resourceList = fc.record({ cpu, memory }, { requiredKeys: [] }) as fc.Arbitrary<ResourceList>;
const containerArbitrary = (name: string): fc.Arbitrary<Container> =>
  fc.record({ requests: resourceList, limits: resourceList }, { requiredKeys: [] }).map((resources) => container(name, resources));
const podArbitrary: fc.Arbitrary<Pod> = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => containerArbitrary(`c${i}`))).map((containers) => pod('p', 'test', containers)),
);
const itemArbitrary: fc.Arbitrary<LimitRangeItem> = fc
  .record({ max: resourceList, min: resourceList, default: resourceList, defaultRequest: resourceList }, { requiredKeys: [] })
  .map((item) => ({ type: 'Container' as const, ...item }));

/** Container items with min <= defaultRequest <= default <= max for cpu, and no other bound. */
const boundedItemArbitrary: fc.Arbitrary<LimitRangeItem> = fc
  .uniqueArray(fc.constantFrom(50, 100, 250, 500, 1000), { minLength: 4, maxLength: 4 })
  .map((values) => values.sort((a, b) => a - b).map((m) => `${m}m`))
  .map(([min, request, limit, max]) => ({ type: 'Container' as const, min: { cpu: min! }, defaultRequest: { cpu: request! }, default: { cpu: limit! }, max: { cpu: max! } }));
