/**
 * The sample policies in core/rules/examples load, and decide what the scheduler and an
 * admission policy would (reasons as in pkg/scheduler/framework/plugins: NodeResourcesFit
 * "Insufficient cpu", TaintToleration "node(s) had untolerated taint", NodeAffinity
 * "node(s) didn't match Pod's node affinity/selector"), with both evaluators agreeing.
 */
import { describe, expect, test } from 'vitest';
import { compileRules } from './compile';
import { loadRuleFile } from './loader';
import { evaluateReference } from './reference';
import type { Facts, Rule } from './types';

const scheduler = loadRuleFile('core/rules/examples/scheduler-policy.rules.yaml');
const admission = loadRuleFile('core/rules/examples/admission-policy.rules.yaml');

async function decide(rules: readonly Rule[], facts: Facts): Promise<string[]> {
  const reference = await evaluateReference(rules, facts);
  expect(compileRules(rules)(facts)).toEqual(reference);
  return reference.map((e) => e.rule);
}

const pod = (spec: object = {}, labels: object = {}) => ({ metadata: { name: 'web-1', labels }, spec: { containers: [{ name: 'app' }], ...spec } });
const node = (spec: object = {}, labels: object = {}, allocatable: object = { cpu: '4', memory: '16Gi' }) => ({
  metadata: { name: 'node-a', labels: { 'kubernetes.io/os': 'linux', ...labels } },
  spec,
  status: { allocatable },
});
const roomy = { podRequest: { cpu: '500m', memory: '1Gi' }, nodeFree: { cpu: '2', memory: '8Gi', 'ephemeral-storage': '10Gi', pods: 50 } };

describe('the sample scheduler policy', () => {
  test('declares the facts it uses', () => {
    expect(Object.keys(scheduler.facts ?? {})).toEqual(['pod', 'node', 'podRequest', 'nodeFree']);
  });

  test('lets a plain pod onto a roomy untainted node', async () => {
    expect(await decide(scheduler.rules, { pod: pod(), node: node(), ...roomy })).toEqual([]);
  });

  test('a pod that asks for more cpu than the node has left is unschedulable', async () => {
    const facts = { pod: pod(), node: node(), ...roomy, podRequest: { cpu: '2500m', memory: '1Gi' } };
    expect(await decide(scheduler.rules, facts)).toEqual(['insufficient-cpu']);
  });

  test('a NoSchedule taint keeps off a pod that does not tolerate it', async () => {
    const tainted = node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    expect(await decide(scheduler.rules, { pod: pod(), node: tainted, ...roomy })).toEqual(['untolerated-taint', 'avoid-untolerated-taints']);
    const tolerant = pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
    expect(await decide(scheduler.rules, { pod: tolerant, node: tainted, ...roomy })).toEqual([]);
  });

  test('a PreferNoSchedule taint only lowers the score', async () => {
    const tainted = node({ taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] });
    expect(await decide(scheduler.rules, { pod: pod(), node: tainted, ...roomy })).toEqual(['avoid-untolerated-taints']);
  });

  test('a nodeSelector the node does not satisfy filters it out', async () => {
    const selective = pod({ nodeSelector: { disktype: 'ssd' } });
    expect(await decide(scheduler.rules, { pod: selective, node: node(), ...roomy })).toEqual(['node-selector-mismatch']);
    expect(await decide(scheduler.rules, { pod: selective, node: node({}, { disktype: 'ssd' }), ...roomy })).toEqual([]);
  });

  test('filters with a higher priority come before scores', async () => {
    const frontend = pod({ nodeName: 'node-b' }, { tier: 'frontend' });
    const zoned = node({}, { 'topology.kubernetes.io/zone': 'zone-a' });
    expect(await decide(scheduler.rules, { pod: frontend, node: zoned, ...roomy })).toEqual(['node-name-mismatch', 'prefer-frontend-zones']);
  });

  test('a GPU pod needs a node with GPUs', async () => {
    const gpu = pod({ containers: [{ name: 'train', resources: { limits: { 'nvidia.com/gpu': '1' } } }] });
    expect(await decide(scheduler.rules, { pod: gpu, node: node(), ...roomy })).toEqual(['insufficient-gpu']);
    const gpuNode = node({}, {}, { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '2' });
    expect(await decide(scheduler.rules, { pod: gpu, node: gpuNode, ...roomy })).toEqual([]);
    expect(await decide(scheduler.rules, { pod: pod(), node: gpuNode, ...roomy })).toEqual(['keep-gpu-nodes-for-gpu-pods']);
  });
});

describe('the sample admission policy', () => {
  const namespace = (labels: object) => ({ metadata: { name: 'shop', labels } });
  const object = (labels: object, container: object) => ({ metadata: { labels }, spec: { containers: [{ name: 'app', ...container }] } });
  const sized = { resources: { requests: { memory: '256Mi' }, limits: { cpu: '2' } } };

  test('admits a labelled, sized pod in prod', async () => {
    expect(await decide(admission.rules, { object: object({ team: 'shop' }, sized), namespace: namespace({ env: 'prod' }) })).toEqual([]);
  });

  test('denies an unlabelled pod in prod and warns about its missing memory request', async () => {
    expect(await decide(admission.rules, { object: object({}, {}), namespace: namespace({ env: 'prod' }) })).toEqual(['team-label-required', 'memory-request-missing']);
  });

  test('denies a cpu limit above 4', async () => {
    const big = { resources: { requests: { memory: '1Gi' }, limits: { cpu: '4500m' } } };
    expect(await decide(admission.rules, { object: object({}, big), namespace: namespace({}) })).toEqual(['cpu-limit-too-high']);
  });
});
