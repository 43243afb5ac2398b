/**
 * Kata 06-node-resources-fit.
 *
 * Examples are upstream's tables: TestPodResourceRequests in
 * staging/src/k8s.io/component-helpers/resource/helpers_test.go, and TestEnoughRequests,
 * TestNotEnoughRequests, TestStorageRequests and TestRestartableInitContainers in
 * pkg/scheduler/framework/plugins/noderesources/fit_test.go (v1.32). Their node has allocatable
 * cpu 10m, memory 20, pods 32, example.com/aaa 5, ephemeral-storage 20, hugepages-2Mi 5
 * (`makeAllocatableResources(10, 20, 32, 5, 20, 5)`). The non-zero defaults are
 * DefaultMilliCPURequest = 100 and DefaultMemoryRequest = 200 MiB from
 * pkg/scheduler/util/pod_resources.go.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  computePodResourceRequest,
  fitsRequest,
  nodeResourcesFitFilter,
  podRequests,
  podResource,
} from '@kata/06-scheduler/node-resources-fit';
import type { Pod, ResourceList } from '../../core/api/types';
import { containerRequests, node as nodeArb } from '../../core/scheduler/arbitraries';
import { makeNode, makePod, nodeInfoWith } from '../../core/scheduler/builders';
import { newNodeInfo } from '../../core/scheduler/node-info';
import { quantityNanos } from '../../core/scheduler/resource';
import { emptyResource } from '../../core/scheduler/resource';
import type { InsufficientResource } from '../../core/scheduler/types';
import { runs } from '../../core/testing/runs';

const EXT_A = 'example.com/aaa';
const EXT_B = 'example.com/bbb';
const K8S_A = 'kubernetes.io/something';
const K8S_B = 'subdomain.kubernetes.io/something';
const HUGE_A = 'hugepages-2Mi';

/** framework.Resource as upstream's tests write it. */
type Usage = { cpu?: number; mem?: number; storage?: number; scalar?: Record<string, number> };

/** newResourcePod's container requests: cpu in millicores, memory and storage in bytes, pods 0. */
function requests(u: Usage): ResourceList {
  const list: ResourceList = { cpu: `${u.cpu ?? 0}m`, memory: String(u.mem ?? 0), pods: '0', 'ephemeral-storage': String(u.storage ?? 0) };
  for (const [name, n] of Object.entries(u.scalar ?? {})) list[name] = String(n);
  return list;
}
const resourcePod = (...usage: Usage[]): Pod => makePod('p', { containers: usage.map(requests) });
const initPod = (pod: Pod, ...usage: Usage[]): Pod => ({ ...pod, spec: { ...pod.spec!, initContainers: usage.map((u, i) => ({ name: `i${i}`, resources: { requests: requests(u) } })) } });
const overheadPod = (pod: Pod, overhead: ResourceList): Pod => ({ ...pod, spec: { ...pod.spec!, overhead } });

const bigNode = makeNode('n', { capacity: { cpu: '10m', memory: '20', pods: '32', [EXT_A]: '5', 'ephemeral-storage': '20', [HUGE_A]: '5' } });
const onBigNode = (...existing: Pod[]) => nodeInfoWith(bigNode, existing, podResource);
const reason = (name: string) => `Insufficient ${name}`;
const short = (name: string, requested: number, used: number, capacity: number): InsufficientResource => ({
  resourceName: name,
  reason: reason(name),
  requested,
  used,
  capacity,
});

describe('podRequests: upstream TestPodResourceRequests', () => {
  const cpu = (n: string) => ({ cpu: n });
  const app = (...list: ResourceList[]) => list;
  test.each<[string, ResourceList[], { requests: ResourceList; restartPolicy?: 'Always' }[], ResourceList | undefined, string]>([
    ['nil options, larger init container', app(cpu('1')), [{ requests: cpu('4') }], undefined, '4'],
    ['nil options, larger containers', app(cpu('2'), cpu('3')), [{ requests: cpu('2') }], undefined, '5'],
    ['pod overhead included', app(cpu('2'), cpu('3')), [{ requests: cpu('2') }], { cpu: '1', memory: '1Gi' }, '6'],
    ['restartable init container', app(cpu('1')), [{ requests: cpu('1'), restartPolicy: 'Always' }], undefined, '2'],
    [
      'multiple restartable init containers',
      app(cpu('1')),
      [{ requests: cpu('5') }, { requests: cpu('1'), restartPolicy: 'Always' }, { requests: cpu('2'), restartPolicy: 'Always' }, { requests: cpu('3'), restartPolicy: 'Always' }],
      undefined,
      '7',
    ],
    [
      'multiple restartable and regular init containers',
      app(cpu('1')),
      [
        { requests: cpu('5') },
        { requests: cpu('1'), restartPolicy: 'Always' },
        { requests: cpu('2'), restartPolicy: 'Always' },
        { requests: cpu('5') },
        { requests: cpu('3'), restartPolicy: 'Always' },
      ],
      undefined,
      '8',
    ],
    ['restartable-init, init and regular', app(cpu('100')), [{ requests: cpu('10'), restartPolicy: 'Always' }, { requests: cpu('200') }], undefined, '210'],
  ])('%s', (_name, containers, initContainers, overhead, wantCPU) => {
    const pod = makePod('p', { containers, initContainers, ...(overhead !== undefined && { overhead }) });
    const got = podRequests(pod);
    expect(got.cpu, `cpu request should be ${wantCPU}`).toBe(quantityNanos(wantCPU));
    if (overhead?.memory !== undefined) expect(got.memory, 'the overhead memory is added').toBe(quantityNanos(overhead.memory));
  });

  test('amounts are summed exactly before rounding: two containers of 0.5m request 1m together', () => {
    const pod = makePod('p', { containers: [{ cpu: '0.5m' }, { cpu: '0.5m' }] });
    expect(computePodResourceRequest(pod).milliCPU).toBe(1);
  });

  test('a request written as "0" is not replaced by the non-zero default', () => {
    const pod = makePod('p', { containers: [{ cpu: '0' }] });
    const got = podRequests(pod, { nonMissingContainerRequests: { cpu: '100m', memory: '200Mi' } });
    expect(got.cpu).toBe(0n);
    expect(got.memory, 'memory was not mentioned, so it gets the default').toBe(quantityNanos('200Mi'));
  });
});

describe('podResource: the non-zero defaults for scoring', () => {
  test('a container without requests counts as 100m CPU and 200Mi memory for scoring only', () => {
    const r = podResource(makePod('p', { containers: [undefined] }));
    expect(r.non0MilliCPU).toBe(100);
    expect(r.non0Memory).toBe(200 * 1024 * 1024);
    expect(r.requested.milliCPU, 'the real request stays 0').toBe(0);
    expect(r.requested.memory).toBe(0);
  });

  test('the defaults apply per container: two empty containers count as 200m', () => {
    expect(podResource(makePod('p', { containers: [undefined, undefined] })).non0MilliCPU).toBe(200);
  });

  test('a pod with no containers counts as nothing even for scoring', () => {
    const r = podResource(makePod('p'));
    expect([r.non0MilliCPU, r.non0Memory]).toEqual([0, 0]);
  });

  test('explicit requests are used as they are', () => {
    const r = podResource(makePod('p', { containers: [{ cpu: '250m', memory: '64Mi' }] }));
    expect(r).toEqual({ requested: { ...emptyResource(), milliCPU: 250, memory: 64 * 1024 * 1024 }, non0MilliCPU: 250, non0Memory: 64 * 1024 * 1024 });
  });
});

describe('fitsRequest and the filter: upstream TestEnoughRequests', () => {
  type Case = [string, Pod, Pod[], InsufficientResource[], { ignoredResources?: string[]; ignoredResourceGroups?: string[] }?];
  test.each<Case>([
    ['no resources requested always fits', makePod('p'), [resourcePod({ cpu: 10, mem: 20 })], []],
    ['too many resources fails', resourcePod({ cpu: 1, mem: 1 }), [resourcePod({ cpu: 10, mem: 20 })], [short('cpu', 1, 10, 10), short('memory', 1, 20, 20)]],
    [
      'too many resources fails due to init container cpu',
      initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }),
      [resourcePod({ cpu: 8, mem: 19 })],
      [short('cpu', 3, 8, 10)],
    ],
    [
      'too many resources fails due to highest init container cpu',
      initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }, { cpu: 2, mem: 1 }),
      [resourcePod({ cpu: 8, mem: 19 })],
      [short('cpu', 3, 8, 10)],
    ],
    [
      'too many resources fails due to init container memory',
      initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }),
      [resourcePod({ cpu: 9, mem: 19 })],
      [short('memory', 3, 19, 20)],
    ],
    [
      "init container fits because it's the max, not sum, of containers and init containers",
      initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }, { cpu: 1, mem: 1 }),
      [resourcePod({ cpu: 9, mem: 19 })],
      [],
    ],
    ['both resources fit', resourcePod({ cpu: 1, mem: 1 }), [resourcePod({ cpu: 5, mem: 5 })], []],
    ['one resource memory fits', resourcePod({ cpu: 2, mem: 1 }), [resourcePod({ cpu: 9, mem: 5 })], [short('cpu', 2, 9, 10)]],
    ['one resource cpu fits', resourcePod({ cpu: 1, mem: 2 }), [resourcePod({ cpu: 5, mem: 19 })], [short('memory', 2, 19, 20)]],
    ['equal edge case', resourcePod({ cpu: 5, mem: 1 }), [resourcePod({ cpu: 5, mem: 19 })], []],
    ['equal edge case for init container', initPod(resourcePod({ cpu: 4, mem: 1 }), { cpu: 5, mem: 1 }), [resourcePod({ cpu: 5, mem: 19 })], []],
    ['extended resource fits', resourcePod({ scalar: { [EXT_A]: 1 } }), [resourcePod({})], []],
    [
      'extended resource capacity enforced',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_A]: 10 } }),
      [resourcePod({ scalar: { [EXT_A]: 0 } })],
      [short(EXT_A, 10, 0, 5)],
    ],
    [
      'extended resource allocatable enforced',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_A]: 1 } }),
      [resourcePod({ scalar: { [EXT_A]: 5 } })],
      [short(EXT_A, 1, 5, 5)],
    ],
    [
      'extended resource allocatable enforced for multiple containers',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_A]: 3 } }, { cpu: 1, mem: 1, scalar: { [EXT_A]: 3 } }),
      [resourcePod({ scalar: { [EXT_A]: 2 } })],
      [short(EXT_A, 6, 2, 5)],
    ],
    [
      'extended resource allocatable admits multiple init containers',
      initPod(resourcePod({}), { cpu: 1, mem: 1, scalar: { [EXT_A]: 3 } }, { cpu: 1, mem: 1, scalar: { [EXT_A]: 3 } }),
      [resourcePod({ scalar: { [EXT_A]: 2 } })],
      [],
    ],
    [
      'extended resource allocatable enforced for unknown resource',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_B]: 1 } }),
      [resourcePod({})],
      [short(EXT_B, 1, 0, 0)],
    ],
    ['kubernetes.io resource capacity enforced', resourcePod({ cpu: 1, mem: 1, scalar: { [K8S_A]: 10 } }), [resourcePod({})], [short(K8S_A, 10, 0, 0)]],
    [
      'kubernetes.io resource capacity enforced for init container',
      initPod(resourcePod({}), { cpu: 1, mem: 1, scalar: { [K8S_B]: 10 } }),
      [resourcePod({})],
      [short(K8S_B, 10, 0, 0)],
    ],
    ['hugepages resource capacity enforced', resourcePod({ cpu: 1, mem: 1, scalar: { [HUGE_A]: 10 } }), [resourcePod({ scalar: { [HUGE_A]: 0 } })], [short(HUGE_A, 10, 0, 5)]],
    [
      'hugepages resource allocatable enforced for multiple containers',
      resourcePod({ cpu: 1, mem: 1, scalar: { [HUGE_A]: 3 } }, { cpu: 1, mem: 1, scalar: { [HUGE_A]: 3 } }),
      [resourcePod({ scalar: { [HUGE_A]: 2 } })],
      [short(HUGE_A, 6, 2, 5)],
    ],
    ['skip checking ignored extended resource', resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_B]: 1 } }), [resourcePod({})], [], { ignoredResources: [EXT_B] }],
    [
      'resources + pod overhead fits',
      overheadPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: '3m', memory: '13' }),
      [resourcePod({ cpu: 5, mem: 5 })],
      [],
    ],
    [
      'requests + overhead does not fit for memory',
      overheadPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: '1m', memory: '15' }),
      [resourcePod({ cpu: 5, mem: 5 })],
      [short('memory', 16, 5, 20)],
    ],
    [
      'skip checking ignored extended resource via resource groups',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_B]: 1, [K8S_A]: 1 } }),
      [resourcePod({})],
      [short(K8S_A, 1, 0, 0)],
      { ignoredResourceGroups: ['example.com'] },
    ],
    [
      'skip checking extended resource request with quantity zero via resource groups',
      resourcePod({ cpu: 1, mem: 1, scalar: { [EXT_A]: 0 } }),
      [resourcePod({ scalar: { [EXT_A]: 6 } })],
      [],
    ],
  ])('%s', (_name, pod, existing, want, options) => {
    const info = onBigNode(...existing);
    const request = computePodResourceRequest(pod);
    expect(fitsRequest(request, info, options), 'insufficient resources, in upstream order').toEqual(want);
    const status = nodeResourcesFitFilter(request, info, options);
    if (want.length === 0) expect(status.code, 'the filter passes').toBe('Success');
    else expect(status, 'the filter rejects with every reason').toEqual({ code: 'Unschedulable', reasons: want.map((w) => w.reason) });
  });
});

describe('the pod limit: upstream TestNotEnoughRequests', () => {
  // The node takes 1 pod (makeAllocatableResources(10, 20, 1, 0, 0, 0)) and already has one.
  const full = makeNode('n', { capacity: { cpu: '10m', memory: '20', pods: '1' } });
  test.each<[string, Pod, Pod]>([
    ["even without specified resources, predicate fails when there's no space for additional pod", makePod('p'), resourcePod({ cpu: 10, mem: 20 })],
    ["even if both resources fit, predicate fails when there's no space for additional pod", resourcePod({ cpu: 1, mem: 1 }), resourcePod({ cpu: 5, mem: 5 })],
    ["even for equal edge case, predicate fails when there's no space for additional pod", resourcePod({ cpu: 5, mem: 1 }), resourcePod({ cpu: 5, mem: 19 })],
    [
      "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
      initPod(resourcePod({ cpu: 5, mem: 1 }), { cpu: 5, mem: 1 }),
      resourcePod({ cpu: 5, mem: 19 }),
    ],
  ])('%s', (_name, pod, existing) => {
    const status = nodeResourcesFitFilter(computePodResourceRequest(pod), nodeInfoWith(full, [existing], podResource));
    expect(status).toEqual({ code: 'Unschedulable', reasons: ['Too many pods'] });
  });
});

describe('ephemeral storage: upstream TestStorageRequests', () => {
  test('a pod requesting more ephemeral storage than allocatable is rejected', () => {
    const status = nodeResourcesFitFilter(computePodResourceRequest(resourcePod({ storage: 25 })), onBigNode(resourcePod({ cpu: 2, mem: 2 })));
    expect(status).toEqual({ code: 'Unschedulable', reasons: ['Insufficient ephemeral-storage'] });
  });

  test('ephemeral storage up to allocatable fits', () => {
    const status = nodeResourcesFitFilter(computePodResourceRequest(resourcePod({ storage: 10 })), onBigNode(resourcePod({ cpu: 2, mem: 2, storage: 10 })));
    expect(status.code).toBe('Success');
  });
});

describe('sidecars: upstream TestRestartableInitContainers', () => {
  // allocatable cpu 2m, pods 1 (makeAllocatableResources(2, 0, 1, 0, 0, 0)).
  const small = newNodeInfo(makeNode('n', { capacity: { cpu: '2m', memory: '0', pods: '1' } }));
  const withSidecar = (app: string, sidecar: string) =>
    makePod('p', { containers: [{ cpu: app }], initContainers: [{ requests: { cpu: sidecar }, restartPolicy: 'Always' }] });

  test("allow pod if the total requested resources do not exceed the node's allocatable resources", () => {
    expect(nodeResourcesFitFilter(computePodResourceRequest(withSidecar('1m', '1m')), small).code).toBe('Success');
  });

  test("not allow pod if the total requested resources do exceed the node's allocatable resources", () => {
    expect(nodeResourcesFitFilter(computePodResourceRequest(withSidecar('1m', '2m')), small)).toEqual({ code: 'Unschedulable', reasons: ['Insufficient cpu'] });
  });
});

describe('properties', () => {
  const podArb = fc.array(containerRequests(), { maxLength: 3 }).map((containers) => makePod('p', { containers }));

  test('the request of a pod without init containers is the exact sum of its containers', () => {
    fc.assert(
      fc.property(podArb, (pod) => {
        const sum = (pod.spec!.containers ?? []).reduce((acc, c) => acc + quantityNanos(c.resources?.requests?.cpu ?? '0'), 0n);
        expect(podRequests(pod).cpu ?? 0n).toBe(sum);
      }),
      runs(100),
    );
  });

  test('a pod that requests nothing is checked only against the pod count', () => {
    fc.assert(
      fc.property(nodeArb(), fc.array(podArb, { maxLength: 3 }), (node, existing) => {
        const found = fitsRequest(computePodResourceRequest(makePod('empty')), nodeInfoWith(node, existing, podResource));
        expect(found.every((r) => r.reason === 'Too many pods'), JSON.stringify(found)).toBe(true);
      }),
      runs(100),
    );
  });

  test('a pod fits an empty node exactly when each of its requests is within allocatable and the node takes a pod', () => {
    fc.assert(
      fc.property(nodeArb(), podArb, (node, pod) => {
        const info = newNodeInfo(node);
        const request = computePodResourceRequest(pod);
        const expected =
          info.allocatable.allowedPodNumber >= 1 && request.milliCPU <= info.allocatable.milliCPU && request.memory <= info.allocatable.memory;
        expect(nodeResourcesFitFilter(request, info).code === 'Success').toBe(expected);
      }),
      runs(100),
    );
  });
});
