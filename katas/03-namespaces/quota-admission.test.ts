/**
 * Kata 03-resource-quota, part 2: the admission check.
 *
 * Examples: plugin/pkg/admission/resourcequota/admission_test.go (TestAdmitBelowQuotaLimit,
 * TestAdmitHandlesOldObjects, TestAdmitHandlesNegativePVCUpdates, TestAdmitHandlesPVCUpdates,
 * TestAdmitHandlesCreatingUpdates, TestAdmitBelowTerminatingQuotaLimit, TestAdmissionSetsMissingNamespace,
 * "forbidden: exceeded quota: quota, requested: memory=20Gi, used: memory=1Gi, limited: memory=10Gi"),
 * pkg/quota/v1/evaluator/core/pods_test.go (TestPodConstraintsFunc: "must specify memory for: dummy"),
 * and kubernetes.io tasks/administer-cluster/manage-resources/quota-memory-cpu-namespace.md
 * ("exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi,
 * limited: requests.memory=1Gi").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { quotaAdmission } from '@kata/03-namespaces/quota-admission';
import type { KubeObject } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import { quantitiesOf } from '../../core/apiserver/pod-resources';
import { CHAPTER_POLICIES, compilePolicy } from '../../core/apiserver/policy';
import { admissionCreate, admissionDelete, admissionUpdate } from '../../core/apiserver/requests';
import { NOW, container, object, pod, resourceQuota, syncedQuota } from '../../core/apiserver/testing';
import type { AdmissionResult, ResourceQuota } from '../../core/apiserver/types';
import { repoRoot } from '../../core/kata/target';
import { parseRuleFile } from '../../core/rules';
import { runs } from '../../core/testing/runs';

const used = (result: AdmissionResult, name = 'quota') => (result.allowed ? result.quotas.find((q) => q.metadata.name === name)?.status?.used : undefined);
const message = (result: AdmissionResult) => (result.allowed ? undefined : result.status.message);
const requesting = (name: string, requests: Record<string, string>, limits: Record<string, string> = {}) => pod(name, 'test', [container('app', { requests, limits })]);

describe('quotaAdmission', () => {
  test('with no quota everything is admitted and nothing is charged', () => {
    expect(quotaAdmission(admissionCreate(requesting('p', { cpu: '1' })), [], NOW)).toEqual({ allowed: true, object: requesting('p', { cpu: '1' }), quotas: [] });
  });

  test('TestAdmitBelowQuotaLimit: a pod within the quota is admitted and the quota is charged cpu 1100m, memory 52Gi, pods 4', () => {
    const quota = syncedQuota('quota', 'test', { cpu: '3', memory: '100Gi', pods: '5' }, { cpu: '1', memory: '50Gi', pods: '3' });
    const result = quotaAdmission(admissionCreate(requesting('allowed-pod', { cpu: '100m', memory: '2Gi' })), [quota], NOW);
    expect(result.allowed).toBe(true);
    expect(used(result)).toEqual({ cpu: '1100m', memory: '52Gi', pods: '4' });
  });

  test('a pod that would go over is refused: pods "p" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi', () => {
    const quota = syncedQuota('mem-cpu-demo', 'test', { 'requests.memory': '1Gi' }, { 'requests.memory': '600Mi' });
    const result = quotaAdmission(admissionCreate(requesting('p', { memory: '700Mi' })), [quota], NOW);
    expect(result).toMatchObject({ allowed: false, status: { code: 403, reason: 'Forbidden' } });
    expect(message(result)).toBe('pods "p" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi');
  });

  test('only the resources that go over are named, sorted, in canonical form', () => {
    const quota = syncedQuota('quota', 'test', { cpu: '2', memory: '10Gi', pods: '10' }, { cpu: '1500m', memory: '1Gi', pods: '9' });
    const result = quotaAdmission(admissionCreate(requesting('p', { cpu: '1', memory: '20Gi' })), [quota], NOW);
    expect(message(result)).toBe('pods "p" is forbidden: exceeded quota: quota, requested: cpu=1,memory=20Gi, used: cpu=1500m,memory=1Gi, limited: cpu=2,memory=10Gi');
  });

  test('exactly reaching the hard limit is allowed; one more object is not: exceeded quota: quota, requested: pods=1, used: pods=2, limited: pods=2', () => {
    const quota = syncedQuota('quota', 'test', { pods: '2' }, { pods: '1' });
    const first = quotaAdmission(admissionCreate(pod('a', 'test')), [quota], NOW);
    expect(used(first)).toEqual({ pods: '2' });
    const second = quotaAdmission(admissionCreate(pod('b', 'test')), first.allowed ? first.quotas : [], NOW);
    expect(message(second)).toBe('pods "b" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=2, limited: pods=2');
  });

  test('a quota on cpu or memory requires every container to state it: failed quota: q: must specify limits.cpu for: a,b; requests.cpu for: b', () => {
    const quota = syncedQuota('q', 'test', { 'requests.cpu': '10', 'limits.cpu': '10' }, { 'requests.cpu': '0', 'limits.cpu': '0' });
    const p = pod('p', 'test', [container('b'), container('a', { requests: { cpu: '1' } })]);
    expect(message(quotaAdmission(admissionCreate(p), [quota], NOW))).toBe('pods "p" is forbidden: failed quota: q: must specify limits.cpu for: a,b; requests.cpu for: b');
  });

  test('init containers must state it too (TestPodConstraintsFunc: "must specify memory for: dummy")', () => {
    const quota = syncedQuota('q', 'test', { memory: '10Gi' }, { memory: '0' });
    const p: Pod = { ...pod('p', 'test'), spec: { containers: [container('app', { requests: { memory: '1Gi' } })], initContainers: [container('dummy')] } };
    expect(message(quotaAdmission(admissionCreate(p), [quota], NOW))).toBe('pods "p" is forbidden: failed quota: q: must specify memory for: dummy');
  });

  test('a quota counting only pods needs nothing stated', () => {
    const quota = syncedQuota('q', 'test', { pods: '10' }, { pods: '0' });
    expect(quotaAdmission(admissionCreate(pod('p', 'test')), [quota], NOW).allowed).toBe(true);
  });

  test('a quota whose usage is not counted yet refuses: status unknown for quota: q, resources: cpu,pods', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '10', cpu: '4' } }, { hard: { pods: '10', cpu: '4' } });
    expect(message(quotaAdmission(admissionCreate(requesting('p', { cpu: '1' })), [quota], NOW))).toBe('pods "p" is forbidden: status unknown for quota: q, resources: cpu,pods');
  });

  test('a quota the controller has not synced (no status.hard) is not enforced yet', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '0' } });
    expect(quotaAdmission(admissionCreate(pod('p', 'test')), [quota], NOW)).toMatchObject({ allowed: true, quotas: [] });
  });

  test('TestAdmitBelowTerminatingQuotaLimit: a scoped quota charges only the pods in its scope', () => {
    const terminating = resourceQuota('terminating', 'test', { scopes: ['Terminating'] }, { hard: { pods: '5' }, used: { pods: '1' } });
    const notTerminating = resourceQuota('not-terminating', 'test', { scopes: ['NotTerminating'] }, { hard: { pods: '5' }, used: { pods: '2' } });
    const batch = pod('batch', 'test', [container('c')], { activeDeadlineSeconds: 60 });
    const result = quotaAdmission(admissionCreate(batch), [notTerminating, terminating], NOW);
    expect(result.allowed && result.quotas.map((q) => [q.metadata.name, q.status?.used])).toEqual([['terminating', { pods: '2' }]]);
  });

  test('every object kind counts against count/<resource> and its own name', () => {
    const quota = syncedQuota('q', 'test', { 'count/configmaps': '1', configmaps: '5' }, { 'count/configmaps': '1', configmaps: '1' });
    expect(message(quotaAdmission(admissionCreate(object('ConfigMap', 'c', 'test')), [quota], NOW))).toBe(
      'configmaps "c" is forbidden: exceeded quota: q, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
    );
  });

  test('TestAdmitHandlesOldObjects: a LoadBalancer service updated to NodePort is charged a node port, and never refunded the load balancer', () => {
    const quota = syncedQuota('quota', 'test', { services: '10', 'services.loadbalancers': '10', 'services.nodeports': '10' }, { services: '1', 'services.loadbalancers': '1', 'services.nodeports': '0' });
    const existing = { ...object('Service', 'service', 'test', { spec: { type: 'LoadBalancer' } }), metadata: { name: 'service', namespace: 'test', resourceVersion: '1' } };
    const updated = object('Service', 'service', 'test', { spec: { type: 'NodePort', ports: [{ port: 1234 }] } });
    expect(used(quotaAdmission(admissionUpdate(updated, existing), [quota], NOW))).toEqual({ services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' });
  });

  test('TestAdmitHandlesCreatingUpdates: an update of an object that was never stored is charged in full', () => {
    const quota = syncedQuota('quota', 'test', { services: '10', 'services.loadbalancers': '10', 'services.nodeports': '10' }, { services: '1', 'services.loadbalancers': '1', 'services.nodeports': '0' });
    const never = object('Service', 'service', 'test', { spec: { type: 'LoadBalancer' } });
    const updated = object('Service', 'service', 'test', { spec: { type: 'NodePort', ports: [{ port: 1234 }] } });
    expect(used(quotaAdmission(admissionUpdate(updated, never), [quota], NOW))).toEqual({ services: '2', 'services.loadbalancers': '1', 'services.nodeports': '1' });
  });

  test('TestAdmitHandlesPVCUpdates and ...NegativePVCUpdates: growing a claim charges the difference, shrinking charges nothing', () => {
    const quota = syncedQuota('quota', 'test', { persistentvolumeclaims: '3', 'requests.storage': '100Gi' }, { persistentvolumeclaims: '1', 'requests.storage': '10Gi' });
    const claim = (storage: string, resourceVersion?: string): KubeObject => ({
      ...object('PersistentVolumeClaim', 'pvc-to-update', 'test', { spec: { resources: { requests: { storage } } } }),
      metadata: { name: 'pvc-to-update', namespace: 'test', ...(resourceVersion && { resourceVersion }) },
    });
    expect(used(quotaAdmission(admissionUpdate(claim('15Gi'), claim('10Gi', '1')), [quota], NOW))).toEqual({ persistentvolumeclaims: '1', 'requests.storage': '15Gi' });
    expect(quotaAdmission(admissionUpdate(claim('5Gi'), claim('10Gi', '1')), [quota], NOW)).toMatchObject({ allowed: true, quotas: [] });
  });

  test('deletes, updates of pods and subresources are never charged (Handles)', () => {
    const quota = syncedQuota('quota', 'test', { pods: '0' }, { pods: '0' });
    const p = { ...pod('p', 'test'), metadata: { name: 'p', namespace: 'test', resourceVersion: '3' } };
    expect(quotaAdmission(admissionDelete('Pod', 'test', 'p'), [quota], NOW)).toMatchObject({ allowed: true, quotas: [] });
    expect(quotaAdmission(admissionUpdate(p, p), [quota], NOW)).toMatchObject({ allowed: true, quotas: [] });
    expect(quotaAdmission(admissionCreate(p, 'binding'), [quota], NOW)).toMatchObject({ allowed: true, quotas: [] });
  });

  test('the wording comes from the policy, not from the code', () => {
    const text = readFileSync(path.join(repoRoot, CHAPTER_POLICIES.resourceQuota.file), 'utf8').replace(
      'exceeded quota: {quota}, requested: {requested}, used: {used}, limited: {limited}',
      'quota {quota} is full ({used} of {limited})',
    );
    const policy = compilePolicy(parseRuleFile(text, 'custom.rules.yaml'));
    const quota = syncedQuota('q', 'test', { pods: '1' }, { pods: '1' });
    expect(message(quotaAdmission(admissionCreate(pod('p', 'test')), [quota], NOW, policy))).toBe('pods "p" is forbidden: quota q is full (pods=1 of pods=1)');
  });

  test('admitting pods one after another, each against the quota the last one charged, never takes usage above hard', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 12 }),
        (hardMillis, requests) => {
          let quotas: ResourceQuota[] = [syncedQuota('q', 'test', { 'requests.cpu': `${hardMillis}m`, pods: '10' }, { 'requests.cpu': '0', pods: '0' })];
          let admitted = 0;
          requests.forEach((m, i) => {
            const result = quotaAdmission(admissionCreate(requesting(`p${i}`, { cpu: `${m}m` })), quotas, NOW);
            if (!result.allowed) return;
            admitted += m;
            quotas = quotas.map((q) => result.quotas.find((c) => c.metadata.name === q.metadata.name) ?? q);
          });
          const usedCpu = quantitiesOf(quotas[0]!.status?.used)['requests.cpu']!;
          expect(usedCpu.nanos, 'status.used counts exactly what was admitted').toBe(BigInt(admitted) * 1_000_000n);
          expect(admitted, 'never above hard').toBeLessThanOrEqual(hardMillis);
          expect(quantitiesOf(quotas[0]!.status?.used).pods!.nanos).toBeLessThanOrEqual(10n * 1_000_000_000n);
        },
      ),
      runs(100),
    );
  });
});
