/**
 * Kata 03-resource-quota, part 1: usage and scopes.
 *
 * Examples: pkg/quota/v1/evaluator/core/pods_test.go (TestPodEvaluatorUsage: "init container
 * CPU", "container CPU", "init container maximums override sum of containers", "pod deletion
 * timestamp exceeded", "pod with overhead"; TestPodEvaluatorMatchingScopes), services_test.go
 * (TestServiceEvaluatorUsage: "loadbalancer_ports", "nodeports"),
 * persistent_volume_claims_test.go (TestPersistentVolumeClaimEvaluatorUsage), and
 * generic/evaluator.go (count/<resource>.<group>).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isTerminating, objectUsage, podUsage, scopesMatch, trackedResources } from '@kata/03-namespaces/quota-usage';
import type { Pod } from '../../core/api/types';
import { CHAPTER_POLICIES, compilePolicy } from '../../core/apiserver/policy';
import { NOW, container, object, pod, resourceQuota } from '../../core/apiserver/testing';
import { addSeconds } from '../../core/data/rfc3339';
import { repoRoot } from '../../core/kata/target';
import { parseRuleFile } from '../../core/rules';
import { runs } from '../../core/testing/runs';

describe('podUsage (pods_test.go TestPodEvaluatorUsage)', () => {
  test('"container CPU": a request counts as cpu and requests.cpu, a limit as limits.cpu, plus pods and count/pods', () => {
    const p = pod('p', 'test', [container('c', { requests: { cpu: '1m' }, limits: { cpu: '2m' } })]);
    expect(podUsage(p, NOW)).toEqual({ 'count/pods': '1', cpu: '1m', 'limits.cpu': '2m', pods: '1', 'requests.cpu': '1m' });
  });

  test('"init container CPU": an init container alone counts like a container', () => {
    const p: Pod = { ...pod('p', 'test', []), spec: { containers: [], initContainers: [container('init', { requests: { cpu: '1m' }, limits: { cpu: '2m' } })] } };
    expect(podUsage(p, NOW)).toEqual({ 'count/pods': '1', cpu: '1m', 'limits.cpu': '2m', pods: '1', 'requests.cpu': '1m' });
  });

  test('memory and ephemeral storage count the same way', () => {
    const p = pod('p', 'test', [container('c', { requests: { memory: '1Gi', 'ephemeral-storage': '32Mi' }, limits: { memory: '2Gi', 'ephemeral-storage': '64Mi' } })]);
    expect(podUsage(p, NOW)).toEqual({
      'count/pods': '1',
      'ephemeral-storage': '32Mi',
      'limits.ephemeral-storage': '64Mi',
      'limits.memory': '2Gi',
      memory: '1Gi',
      pods: '1',
      'requests.ephemeral-storage': '32Mi',
      'requests.memory': '1Gi',
    });
  });

  test('"init container maximums override sum of containers": init containers count at their peak', () => {
    const p: Pod = {
      ...pod('p', 'test', []),
      spec: {
        containers: [container('a', { requests: { cpu: '1' } }), container('b', { requests: { cpu: '1' } })],
        initContainers: [container('i1', { requests: { cpu: '4' } }), container('i2', { requests: { cpu: '2' } })],
      },
    };
    expect(podUsage(p, NOW)['requests.cpu']).toBe('4');
  });

  test('a sidecar (an init container with restartPolicy Always) adds to the app containers', () => {
    const sidecar = { ...container('proxy', { requests: { cpu: '500m' } }), restartPolicy: 'Always' as const };
    const p: Pod = { ...pod('p', 'test', []), spec: { containers: [container('app', { requests: { cpu: '1' } })], initContainers: [sidecar] } };
    expect(podUsage(p, NOW)['requests.cpu']).toBe('1500m');
  });

  test('"pod with overhead": overhead adds to requests, and to limits only where a limit is set', () => {
    const p: Pod = { ...pod('p', 'test', [container('c', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } })]), spec: { containers: [container('c', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } })], overhead: { cpu: '250m', memory: '120Mi' } } };
    const usage = podUsage(p, NOW);
    expect(usage).toMatchObject({ 'requests.cpu': '1250m', 'requests.memory': '1144Mi', 'limits.cpu': '2250m' });
    expect(usage['limits.memory']).toBeUndefined();
  });

  test('a Succeeded or Failed pod counts only in count/pods', () => {
    for (const phase of ['Succeeded', 'Failed']) {
      expect(podUsage(pod('p', 'test', [container('c', { requests: { cpu: '1' } })], { phase }), NOW)).toEqual({ 'count/pods': '1' });
    }
  });

  test('"pod deletion timestamp exceeded": once deletionTimestamp plus the grace period is past, only count/pods', () => {
    const deleting = (grace: number): Pod => ({ ...pod('p', 'test', [container('c', { requests: { cpu: '1' } })]), metadata: { name: 'p', namespace: 'test', deletionTimestamp: NOW, deletionGracePeriodSeconds: grace } });
    expect(podUsage(deleting(30), addSeconds(NOW, 31))).toEqual({ 'count/pods': '1' });
    expect(podUsage(deleting(30), addSeconds(NOW, 30))['requests.cpu'], 'still within its grace period').toBe('1');
  });

  test('for pods without init containers, requests.cpu is the sum over the containers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 5 }), (millis) => {
        const p = pod('p', 'test', millis.map((m, i) => container(`c${i}`, { requests: { cpu: `${m}m` } })));
        const total = millis.reduce((a, b) => a + b, 0);
        expect(podUsage(p, NOW)['requests.cpu']).toBe(total % 1000 === 0 ? `${total / 1000}` : `${total}m`);
      }),
      runs(100),
    );
  });
});

describe('objectUsage', () => {
  test('every object counts in count/<resource>.<group>: count/configmaps, count/deployments.apps', () => {
    expect(objectUsage(object('ConfigMap', 'c', 'test'), NOW)).toEqual({ configmaps: '1', 'count/configmaps': '1' });
    expect(objectUsage(object('Deployment', 'd', 'test'), NOW)).toEqual({ 'count/deployments.apps': '1' });
  });

  test('"loadbalancer_ports": a LoadBalancer service with two ports uses services 1, services.loadbalancers 1, services.nodeports 2', () => {
    const lb = object('Service', 's', 'test', { spec: { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 443 }] } });
    expect(objectUsage(lb, NOW)).toEqual({ 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '2' });
  });

  test('"nodeports": a NodePort service uses one node port per port; with allocateLoadBalancerNodePorts false a LoadBalancer uses none', () => {
    expect(objectUsage(object('Service', 's', 'test', { spec: { type: 'NodePort', ports: [{ port: 80 }] } }), NOW)['services.nodeports']).toBe('1');
    const noPorts = object('Service', 's', 'test', { spec: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] } });
    expect(objectUsage(noPorts, NOW)['services.nodeports']).toBeUndefined();
  });

  test('a claim uses persistentvolumeclaims and the storage it requests', () => {
    const claim = object('PersistentVolumeClaim', 'data', 'test', { spec: { resources: { requests: { storage: '10Gi' } } } });
    expect(objectUsage(claim, NOW)).toEqual({ 'count/persistentvolumeclaims': '1', persistentvolumeclaims: '1', 'requests.storage': '10Gi' });
  });

  test('a pod uses what podUsage says', () => {
    const p = pod('p', 'test', [container('c', { requests: { cpu: '1' } })]);
    expect(objectUsage(p, NOW)).toEqual(podUsage(p, NOW));
  });
});

describe('trackedResources (the policy)', () => {
  test('pods are charged for count/pods, pods and compute, and must state cpu and memory requests and limits', () => {
    const tracked = trackedResources('Pod');
    expect([...tracked.resources].sort()).toEqual(
      ['count/pods', 'cpu', 'ephemeral-storage', 'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'memory', 'pods', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'].sort(),
    );
    expect([...tracked.mustSpecify].sort()).toEqual(['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory']);
  });

  test('a Deployment is charged only for count/deployments.apps, a Service for its own names too', () => {
    expect(trackedResources('Deployment')).toMatchObject({ resources: ['count/deployments.apps'], mustSpecify: [] });
    expect([...trackedResources('Service').resources].sort()).toEqual(['count/services', 'services', 'services.loadbalancers', 'services.nodeports']);
  });

  test('the policy decides: without the memory names in the rule, pods are no longer charged for memory', () => {
    const text = readFileSync(path.join(repoRoot, CHAPTER_POLICIES.resourceQuota.file), 'utf8').replace(
      'resources: [pods, cpu, memory, ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage, limits.cpu, limits.memory, limits.ephemeral-storage]',
      'resources: [pods, cpu, requests.cpu, limits.cpu]',
    );
    const policy = compilePolicy(parseRuleFile(text, 'custom.rules.yaml'));
    expect(trackedResources('Pod', policy).resources).not.toContain('requests.memory');
  });
});

describe('scopes (pods_test.go TestPodEvaluatorMatchingScopes)', () => {
  const quota = (scopes: Parameters<typeof resourceQuota>[2]) => resourceQuota('q', 'test', scopes);
  const deadline = pod('batch', 'test', [container('c')], { activeDeadlineSeconds: 60 });
  const burstable = pod('web', 'test', [container('c', { requests: { cpu: '100m' } })]);
  const bestEffort = pod('idle', 'test', [container('c')]);

  test('a pod with an active deadline is terminating', () => {
    expect(isTerminating(deadline)).toBe(true);
    expect(isTerminating(burstable)).toBe(false);
  });

  test('a quota without scopes counts everything', () => {
    expect(scopesMatch(quota({ hard: { pods: '5' } }), burstable)).toBe(true);
    expect(scopesMatch(quota({ hard: { configmaps: '5' } }), object('ConfigMap', 'c', 'test'))).toBe(true);
  });

  test('Terminating and NotTerminating follow activeDeadlineSeconds', () => {
    expect(scopesMatch(quota({ scopes: ['Terminating'] }), deadline)).toBe(true);
    expect(scopesMatch(quota({ scopes: ['Terminating'] }), burstable)).toBe(false);
    expect(scopesMatch(quota({ scopes: ['NotTerminating'] }), burstable)).toBe(true);
  });

  test('BestEffort is a pod with no cpu or memory requests or limits at all', () => {
    expect(scopesMatch(quota({ scopes: ['BestEffort'] }), bestEffort)).toBe(true);
    expect(scopesMatch(quota({ scopes: ['BestEffort'] }), burstable)).toBe(false);
    expect(scopesMatch(quota({ scopes: ['NotBestEffort'] }), burstable)).toBe(true);
  });

  test('PriorityClass selects on spec.priorityClassName with In, NotIn, Exists and DoesNotExist', () => {
    const high = pod('h', 'test', [container('c')], { priorityClassName: 'high' });
    const selector = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]) =>
      quota({ scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator, ...(values && { values }) }] } });
    expect(scopesMatch(selector('In', ['high']), high)).toBe(true);
    expect(scopesMatch(selector('In', ['high']), bestEffort)).toBe(false);
    expect(scopesMatch(selector('NotIn', ['high']), bestEffort)).toBe(true);
    expect(scopesMatch(selector('Exists'), high)).toBe(true);
    expect(scopesMatch(selector('DoesNotExist'), high)).toBe(false);
  });

  test('scopes never match anything but pods', () => {
    expect(scopesMatch(quota({ scopes: ['NotTerminating'] }), object('ConfigMap', 'c', 'test'))).toBe(false);
  });
});
