/**
 * Kata 06-resource-scores.
 *
 * Examples are upstream's v1.32 tables in pkg/scheduler/framework/plugins/noderesources/:
 * TestLeastAllocatedScoringStrategy (least_allocated_test.go), TestMostAllocatedScoringStrategy
 * (most_allocated_test.go), TestNodeResourcesBalancedAllocation (balanced_allocation_test.go)
 * and TestFitScore (fit_test.go). Capacities there are whole CPUs ("4000" is 4000 cores) unless
 * the test's makeNode takes millicores, as the balanced tests do.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  balancedResourceScorer,
  calculatePodResourceRequest,
  calculatePodResourceRequestList,
  leastRequestedScore,
  leastResourceScorer,
  mostRequestedScore,
  mostResourceScorer,
  resourceAllocationScore,
} from '@kata/06-scheduler/resource-allocation';
import { podResource } from '@kata/06-scheduler/node-resources-fit';
import type { Node, Pod, ResourceList } from '../../core/api/types';
import { makeNode, makePod, nodeInfoWith } from '../../core/scheduler/builders';
import type { ResourceSpec } from '../../core/scheduler/types';
import { runs } from '../../core/testing/runs';

const defaultResources: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
const EXT = 'abc.com/xyz';
const extendedResourceSet: ResourceSpec[] = [...defaultResources, { name: EXT, weight: 1 }];

type Strategy = 'LeastAllocated' | 'MostAllocated' | 'BalancedAllocation';

/** The plugin's PreScore then Score on every node, as the upstream tests run it. */
function scores(strategy: Strategy, resources: ResourceSpec[], pod: Pod, nodes: Node[], existing: Pod[] = []): number[] {
  const useRequested = strategy === 'BalancedAllocation';
  const scorer = strategy === 'LeastAllocated' ? leastResourceScorer(resources) : strategy === 'MostAllocated' ? mostResourceScorer(resources) : balancedResourceScorer;
  const podRequests = calculatePodResourceRequestList(pod, resources, useRequested);
  return nodes.map((n) => {
    const info = nodeInfoWith(n, existing.filter((p) => p.spec?.nodeName === n.metadata.name), podResource);
    return resourceAllocationScore(scorer, resources, podRequests, info, useRequested);
  });
}

/** st.MakeNode().Name(name).Capacity(list). */
const capacity = (name: string, list: ResourceList) => makeNode(name, { capacity: list });
/** st.MakePod().Node(node).Req(...)...: one container per request list. */
const podReq = (node: string | undefined, ...containers: ResourceList[]) => makePod('p', { containers, ...(node !== undefined && { nodeName: node }) });
const req = (cpu: string, memory: string): ResourceList => ({ cpu, memory });

describe('LeastAllocated: upstream TestLeastAllocatedScoringStrategy', () => {
  const n = (name: string, cpu: string, memory: string, extra: ResourceList = {}) => capacity(name, { cpu, memory, ...extra });

  test('nothing scheduled, nothing requested', () => {
    expect(scores('LeastAllocated', defaultResources, podReq(undefined), [n('node1', '4000', '10000'), n('node2', '4000', '10000')])).toEqual([100, 100]);
  });

  test('nothing scheduled, resources requested, differently sized nodes', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    expect(scores('LeastAllocated', defaultResources, pod, [n('node1', '4000', '10000'), n('node2', '6000', '10000')])).toEqual([37, 50]);
  });

  test('no resources requested, pods scheduled', () => {
    const existing = [podReq('node1'), podReq('node1'), podReq('node2'), podReq('node2')];
    expect(scores('LeastAllocated', defaultResources, podReq(undefined), [n('node1', '4000', '10000'), n('node2', '4000', '10000')], existing)).toEqual([100, 100]);
  });

  test('no resources requested, pods scheduled with resources', () => {
    const existing = [podReq('node1', req('3000', '0')), podReq('node1', req('3000', '0')), podReq('node2', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('LeastAllocated', defaultResources, podReq(undefined), [n('node1', '10000', '20000'), n('node2', '10000', '20000')], existing)).toEqual([70, 57]);
  });

  test('resources requested, pods scheduled with resources', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    const existing = [podReq('node1', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('LeastAllocated', defaultResources, pod, [n('node1', '10000', '20000'), n('node2', '10000', '20000')], existing)).toEqual([57, 45]);
  });

  test('resources requested, pods scheduled with resources, differently sized nodes', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    const existing = [podReq('node1', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('LeastAllocated', defaultResources, pod, [n('node1', '10000', '20000'), n('node2', '10000', '50000')], existing)).toEqual([57, 60]);
  });

  test('requested resources exceed node capacity', () => {
    const existing = [podReq('node1', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('LeastAllocated', defaultResources, podReq(undefined, req('3000', '0')), [n('node1', '4000', '10000'), n('node2', '4000', '10000')], existing)).toEqual([50, 25]);
  });

  test('zero node resources, pods scheduled with resources', () => {
    const existing = [podReq('node1', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('LeastAllocated', defaultResources, podReq(undefined), [makeNode('node1'), makeNode('node2')], existing)).toEqual([0, 0]);
  });

  test('nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes', () => {
    const pod = podReq('node1', req('1000', '2000'), req('2000', '3000'));
    const weights = [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ];
    expect(scores('LeastAllocated', weights, pod, [n('node1', '4000', '10000'), n('node2', '6000', '10000')])).toEqual([41, 50]);
  });

  test('bypass extended resource if the pod does not request', () => {
    const pod = podReq('node1', req('1000', '2000'), req('2000', '3000'));
    expect(scores('LeastAllocated', extendedResourceSet, pod, [n('node1', '6000', '10000'), n('node2', '6000', '10000', { [EXT]: '4' })])).toEqual([50, 50]);
  });

  test('honor extended resource if the pod requests', () => {
    const pod = podReq('node1', { cpu: '3000', memory: '5000', [EXT]: '2' });
    expect(scores('LeastAllocated', extendedResourceSet, pod, [n('node1', '6000', '10000', { [EXT]: '4' }), n('node2', '6000', '10000', { [EXT]: '10' })])).toEqual([50, 60]);
  });

  test("if the node doesn't have a resource", () => {
    const weights = [{ name: EXT, weight: 2 }, ...defaultResources];
    expect(scores('LeastAllocated', weights, podReq('node1', req('3000', '4000')), [n('node1', '6000', '10000'), n('node2', '6000', '10000', { [EXT]: '4' })])).toEqual([55, 55]);
  });
});

describe('MostAllocated: upstream TestMostAllocatedScoringStrategy', () => {
  const n = (name: string, cpu: string, memory: string, extra: ResourceList = {}) => capacity(name, { cpu, memory, ...extra });

  test('nothing scheduled, nothing requested', () => {
    expect(scores('MostAllocated', defaultResources, podReq(undefined), [n('node1', '4000', '10000'), n('node2', '4000', '10000')])).toEqual([0, 0]);
  });

  test('nothing scheduled, resources requested, differently sized nodes', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    expect(scores('MostAllocated', defaultResources, pod, [n('node1', '4000', '10000'), n('node2', '6000', '10000')])).toEqual([62, 50]);
  });

  test('no resources requested, pods scheduled with resources', () => {
    const existing = [podReq('node1', req('3000', '0')), podReq('node1', req('3000', '0')), podReq('node2', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('MostAllocated', defaultResources, podReq(undefined), [n('node1', '10000', '20000'), n('node2', '10000', '20000')], existing)).toEqual([30, 42]);
  });

  test('resources requested, pods scheduled with resources', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    const existing = [podReq('node1', req('3000', '0')), podReq('node2', req('3000', '5000'))];
    expect(scores('MostAllocated', defaultResources, pod, [n('node1', '10000', '20000'), n('node2', '10000', '20000')], existing)).toEqual([42, 55]);
  });

  test('resources requested equal node capacity', () => {
    const pod = podReq(undefined, req('2000', '4000'), req('3000', '5000'));
    expect(scores('MostAllocated', defaultResources, pod, [n('node1', '5000', '10000'), n('node2', '10000', '9000')])).toEqual([95, 75]);
  });

  test('nothing scheduled, resources requested with different weight on CPU and memory', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    const weights = [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ];
    expect(scores('MostAllocated', weights, pod, [n('node1', '4000', '10000'), n('node2', '6000', '10000')])).toEqual([58, 50]);
  });

  test('no resources requested, pods scheduled, nonzero request for resource (requested is capped at capacity)', () => {
    const existing = [makePod('a', { containers: [undefined], nodeName: 'node1' }), makePod('b', { containers: [undefined], nodeName: 'node1' })];
    const pod = makePod('p', { containers: [undefined] });
    expect(scores('MostAllocated', defaultResources, pod, [n('node1', '250m', '1000Mi'), n('node2', '250m', '1000Mi')], existing)).toEqual([80, 30]);
  });

  test('bypass extended resource if the pod does not request', () => {
    const pod = podReq(undefined, req('1000', '2000'), req('2000', '3000'));
    expect(scores('MostAllocated', extendedResourceSet, pod, [n('node1', '6000', '10000'), n('node2', '6000', '10000', { [EXT]: '4' })])).toEqual([50, 50]);
  });

  test('honor extended resource if the pod request', () => {
    const pod = podReq('node1', { cpu: '3000', memory: '5000', [EXT]: '2' });
    expect(scores('MostAllocated', extendedResourceSet, pod, [n('node1', '6000', '10000', { [EXT]: '4' }), n('node2', '6000', '10000', { [EXT]: '10' })])).toEqual([50, 40]);
  });

  test("if the node doesn't have a resource", () => {
    const weights = [{ name: EXT, weight: 2 }, ...defaultResources];
    expect(scores('MostAllocated', weights, podReq('node1', req('3000', '4000')), [n('node1', '6000', '10000'), n('node2', '6000', '10000', { [EXT]: '4' })])).toEqual([45, 45]);
  });
});

describe('Fit score strategies: upstream TestFitScore', () => {
  const nodes = () => [capacity('node1', { cpu: '4000', memory: '10000' }), capacity('node2', { cpu: '6000', memory: '10000' })];
  const existing = [podReq('node1', req('2000', '4000')), podReq('node2', req('1000', '2000'))];
  const pod = podReq(undefined, req('1000', '2000'));

  test('test case for ScoringStrategy MostAllocated', () => {
    expect(scores('MostAllocated', defaultResources, pod, nodes(), existing)).toEqual([67, 36]);
  });

  test('test case for ScoringStrategy LeastAllocated', () => {
    expect(scores('LeastAllocated', defaultResources, pod, nodes(), existing)).toEqual([32, 63]);
  });
});

describe('BalancedAllocation (v1.32 formula): upstream TestNodeResourcesBalancedAllocation', () => {
  /** The balanced tests' makeNode: cpu in millicores, memory in bytes, extended resources as counts. */
  const mk = (name: string, milliCPU: number, memory: number, scalar: Record<string, string> = {}) =>
    capacity(name, { cpu: `${milliCPU}m`, memory: String(memory), ...scalar });
  const cpuOnly = (node: string) => makePod('cpu-only', { nodeName: node, containers: [req('1000m', '0'), req('2000m', '0')] });
  const cpuAndMemory = (node: string | undefined) =>
    makePod('cpu-and-memory', { ...(node !== undefined && { nodeName: node }), containers: [req('1000m', '2000'), req('2000m', '3000')] });

  test('nothing scheduled, nothing requested', () => {
    expect(scores('BalancedAllocation', defaultResources, makePod('p'), [mk('node1', 4000, 10000), mk('node2', 4000, 10000)])).toEqual([100, 100]);
  });

  test('nothing scheduled, resources requested, differently sized nodes', () => {
    expect(scores('BalancedAllocation', defaultResources, cpuAndMemory(undefined), [mk('node1', 4000, 10000), mk('node2', 6000, 10000)])).toEqual([87, 100]);
  });

  test('no resources requested, pods with container scheduled', () => {
    const existing = [makePod('a', { nodeName: 'node1', containers: [undefined] }), makePod('b', { nodeName: 'node1', containers: [undefined] })];
    expect(scores('BalancedAllocation', defaultResources, makePod('p'), [mk('node1', 250, 1000 * 1024 * 1024), mk('node2', 250, 1000 * 1024 * 1024)], existing)).toEqual([100, 100]);
  });

  test('no resources requested, pods scheduled with resources (real requests, no defaults)', () => {
    const existing = [cpuOnly('node1'), cpuOnly('node1'), cpuOnly('node2'), cpuAndMemory('node2')];
    expect(scores('BalancedAllocation', defaultResources, makePod('p'), [mk('node1', 10000, 20000), mk('node2', 10000, 20000)], existing)).toEqual([70, 82]);
  });

  test('resources requested, pods scheduled with resources', () => {
    const existing = [cpuOnly('node1'), cpuAndMemory('node2')];
    expect(scores('BalancedAllocation', defaultResources, cpuAndMemory(undefined), [mk('node1', 10000, 20000), mk('node2', 10000, 20000)], existing)).toEqual([82, 95]);
  });

  test('resources requested, pods scheduled with resources, differently sized nodes', () => {
    const existing = [cpuOnly('node1'), cpuAndMemory('node2')];
    expect(scores('BalancedAllocation', defaultResources, cpuAndMemory(undefined), [mk('node1', 10000, 20000), mk('node2', 10000, 50000)], existing)).toEqual([82, 80]);
  });

  test('requested resources at node capacity', () => {
    const existing = [cpuOnly('node1'), cpuAndMemory('node2')];
    const pod = makePod('p', { containers: [req('1000m', '0'), req('2000m', '0')] });
    expect(scores('BalancedAllocation', defaultResources, pod, [mk('node1', 6000, 10000), mk('node2', 6000, 10000)], existing)).toEqual([50, 75]);
  });

  test('zero node resources, pods scheduled with resources', () => {
    const existing = [cpuOnly('node1'), cpuAndMemory('node2')];
    expect(scores('BalancedAllocation', defaultResources, makePod('p'), [mk('node1', 0, 0), mk('node2', 0, 0)], existing)).toEqual([100, 100]);
  });

  test('include scalar resource on a node for balanced resource allocation', () => {
    const gpu = 'nvidia.com/gpu';
    const existing = [
      cpuAndMemory('node2'),
      makePod('gpu', { nodeName: 'node1', containers: [req('1000m', '2000'), { cpu: '2000m', memory: '3000', [gpu]: '3' }] }),
    ];
    const pod = makePod('p', { containers: [{ memory: '0', [gpu]: '1' }] });
    const resources = [...defaultResources, { name: gpu, weight: 1 }];
    expect(scores('BalancedAllocation', resources, pod, [mk('node1', 3500, 40000, { [gpu]: '8' }), mk('node2', 3500, 40000, { [gpu]: '8' })], existing)).toEqual([70, 65]);
  });

  test('node without the scalar resource results to a higher score', () => {
    const gpu = 'nvidia.com/gpu';
    const resources = [
      { name: 'cpu', weight: 1 },
      { name: gpu, weight: 1 },
    ];
    const existing = [cpuOnly('node1'), cpuOnly('node2')];
    expect(scores('BalancedAllocation', resources, makePod('p'), [mk('node1', 3500, 40000, { [gpu]: '8' }), mk('node2', 3500, 40000)], existing)).toEqual([100, 100]);
  });
});

describe('the request the scores see', () => {
  test('for LeastAllocated and MostAllocated a container without requests counts as 100m and 200Mi', () => {
    const pod = makePod('p', { containers: [undefined, { cpu: '1' }] });
    expect(calculatePodResourceRequest(pod, 'cpu', false)).toBe(1100);
    expect(calculatePodResourceRequest(pod, 'memory', false)).toBe(2 * 200 * 1024 * 1024);
  });

  test('for BalancedAllocation the real requests count', () => {
    const pod = makePod('p', { containers: [undefined, { cpu: '1' }] });
    expect(calculatePodResourceRequest(pod, 'cpu', true)).toBe(1000);
    expect(calculatePodResourceRequest(pod, 'memory', true)).toBe(0);
  });
});

describe('properties', () => {
  const amount = fc.integer({ min: 0, max: 1_000_000 });
  const pair = fc.tuple(amount, amount);

  test('every resource score lies in 0..100', () => {
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 3 }), (pairs) => {
        const requested = pairs.map((p) => p[0]);
        const allocatable = pairs.map((p) => p[1]);
        const resources = pairs.map((_, i) => ({ name: `r${i}`, weight: i + 1 }));
        for (const s of [leastResourceScorer(resources)(requested, allocatable), mostResourceScorer(resources)(requested, allocatable), balancedResourceScorer(requested, allocatable)]) {
          expect(s >= 0 && s <= 100 && Number.isInteger(s), `score ${s} for ${JSON.stringify(pairs)}`).toBe(true);
        }
      }),
      runs(200),
    );
  });

  test('within capacity, LeastAllocated and MostAllocated of one resource add up to 100 or 99', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 1_000_000 }), (requested, capacity) => {
        fc.pre(requested <= capacity);
        const sum = leastRequestedScore(requested, capacity) + mostRequestedScore(requested, capacity);
        expect(sum === 100 || sum === 99, `sum ${sum}`).toBe(true);
      }),
      runs(200),
    );
  });

  test('a node whose CPU and memory are equally used scores 100 on balance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (pct, cpu, mem) => {
        expect(balancedResourceScorer([pct * cpu, pct * mem], [100 * cpu, 100 * mem])).toBe(100);
      }),
      runs(200),
    );
  });
});
