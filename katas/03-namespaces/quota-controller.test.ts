/**
 * Kata 03-quota-controller.
 *
 * Examples: pkg/controller/resourcequota/resource_quota_controller_test.go (TestSyncResourceQuota:
 * "pods-terminating", "pods-not-terminating", "pods-best-effort", "quota-missing-status-with-
 * calculation-error" ... : status.hard copies spec.hard, status.used counts every tracked name
 * from zero and nothing outside hard; TestSyncResourceQuotaSpecChange; TestSyncResourceQuotaNoChange),
 * and an eventually-stable scenario in the simulation runtime.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { quotaKeysFor, quotaStatus, syncResourceQuota } from '@kata/03-namespaces/quota-controller';
import { getObject } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../../core/api/meta';
import { resourceQuotaController } from '../../core/apiserver/controllers';
import { NOW, container, object, pod, resourceQuota, staticView } from '../../core/apiserver/testing';
import type { ResourceQuota } from '../../core/apiserver/types';
import { applyIntents, freshView } from '../../core/controllers/testing';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runs } from '../../core/testing/runs';

const byKind = (objects: KubeObject[]) => (kind: string) => objects.filter((o) => o.kind === kind);
const running = (name: string, cpu: string, extra: Parameters<typeof pod>[3] = {}) => pod(name, 'test', [container('c', { requests: { cpu, memory: '1Gi' }, limits: { cpu, memory: '1Gi' } })], extra);

describe('quotaStatus (resource_quota_controller_test.go TestSyncResourceQuota)', () => {
  test('status.hard is spec.hard, and every tracked name is counted, from zero when nothing uses it', () => {
    const quota = resourceQuota('quota', 'test', { hard: { cpu: '3', memory: '100Gi', pods: '5', configmaps: '10' } });
    const status = quotaStatus(quota, byKind([running('a', '1'), running('b', '500m')]), NOW);
    expect(status).toEqual({ hard: { cpu: '3', memory: '100Gi', pods: '5', configmaps: '10' }, used: { configmaps: '0', cpu: '1500m', memory: '2Gi', pods: '2' } });
  });

  test('"pods-terminating" / "pods-not-terminating": a scoped quota counts only the pods in its scope', () => {
    const objects = [running('web', '1'), running('job', '2', { activeDeadlineSeconds: 60 })];
    const terminating = resourceQuota('t', 'test', { hard: { 'requests.cpu': '10', pods: '10' }, scopes: ['Terminating'] });
    expect(quotaStatus(terminating, byKind(objects), NOW).used).toEqual({ pods: '1', 'requests.cpu': '2' });
    const notTerminating = resourceQuota('n', 'test', { hard: { 'requests.cpu': '10', pods: '10' }, scopes: ['NotTerminating'] });
    expect(quotaStatus(notTerminating, byKind(objects), NOW).used).toEqual({ pods: '1', 'requests.cpu': '1' });
  });

  test('finished pods no longer count in pods or compute, but still in count/pods', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '5', 'count/pods': '5', cpu: '4' } });
    const status = quotaStatus(quota, byKind([running('done', '1', { phase: 'Succeeded' }), running('live', '1')]), NOW);
    expect(status.used).toEqual({ 'count/pods': '2', cpu: '1', pods: '1' });
  });

  test('usage that went away is given back: the count starts from zero, not from the old status', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '5' } }, { hard: { pods: '5' }, used: { pods: '4' } });
    expect(quotaStatus(quota, byKind([running('only', '1')]), NOW).used).toEqual({ pods: '1' });
  });

  test('names no kind is charged for keep their old value; names outside spec.hard are dropped', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '5', 'example.com/widgets': '3' } }, { hard: { pods: '5', secrets: '9' }, used: { 'example.com/widgets': '2', secrets: '4' } });
    expect(quotaStatus(quota, byKind([]), NOW).used).toEqual({ 'example.com/widgets': '2', pods: '0' });
  });

  test('count/<resource> counts objects of any kind, scoped quotas count none of them', () => {
    const objects = [object('Deployment', 'd1', 'test'), object('Deployment', 'd2', 'test')];
    expect(quotaStatus(resourceQuota('q', 'test', { hard: { 'count/deployments.apps': '5' } }), byKind(objects), NOW).used).toEqual({ 'count/deployments.apps': '2' });
    const scoped = resourceQuota('q', 'test', { hard: { 'count/deployments.apps': '5' }, scopes: ['BestEffort'] });
    expect(quotaStatus(scoped, byKind(objects), NOW).used).toEqual({ 'count/deployments.apps': '0' });
  });
});

describe('syncResourceQuota', () => {
  const synced = (used: Record<string, string>): ResourceQuota => resourceQuota('q', 'test', { hard: { pods: '5', cpu: '4' } }, { hard: { pods: '5', cpu: '4' }, used });

  test('a quota without status gets one, and the controller comes back for the periodic recount (5 minutes)', () => {
    const quota = resourceQuota('q', 'test', { hard: { pods: '5' } });
    const intents = syncResourceQuota(staticView([quota, running('a', '1')]), 'test/q');
    expect(intents).toEqual([
      { type: 'updateStatus', object: { ...quota, status: { hard: { pods: '5' }, used: { pods: '1' } } } },
      { type: 'requeueAfter', key: 'test/q', seconds: 300, periodic: true },
    ]);
  });

  test('TestSyncResourceQuotaNoChange: equal quantities written differently (1000m and 1) are no change', () => {
    const intents = syncResourceQuota(staticView([synced({ pods: '1', cpu: '1000m' }), running('a', '1')]), 'test/q');
    expect(intents).toEqual([{ type: 'requeueAfter', key: 'test/q', seconds: 300, periodic: true }]);
  });

  test('TestSyncResourceQuotaSpecChange: a changed spec.hard is copied to status.hard', () => {
    const quota = { ...synced({ pods: '1', cpu: '1' }), spec: { hard: { pods: '10', cpu: '4' } } };
    const intents = syncResourceQuota(staticView([quota, running('a', '1')]), 'test/q');
    expect(intents[0]).toMatchObject({ type: 'updateStatus', object: { status: { hard: { pods: '10', cpu: '4' } } } });
  });

  test('a quota that no longer exists needs nothing', () => {
    expect(syncResourceQuota(staticView([]), 'test/q')).toEqual([]);
  });

  test('on the state its own intents produced, it only asks to come back later', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('100m', '250m', '1', '2'), { maxLength: 6 }), (cpus) => {
        const quota = resourceQuota('q', 'test', { hard: { pods: '10', 'requests.cpu': '20', configmaps: '3' } });
        let cluster = seedCluster([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } }, quota, ...cpus.map((cpu, i) => running(`p${i}`, cpu))]);
        const kinds = resourceQuotaController.watches;
        cluster = applyIntents(cluster, syncResourceQuota(freshView(cluster, kinds), 'test/q'));
        expect(syncResourceQuota(freshView(cluster, kinds), 'test/q').filter((i) => i.type !== 'requeueAfter')).toEqual([]);
      }),
      runs(40),
    );
  });
});

describe('quotaKeysFor', () => {
  test('a quota wakes itself, anything else every quota of its namespace, a cluster-scoped object none', () => {
    const view = staticView([resourceQuota('a', 'test', {}), resourceQuota('b', 'test', {}), resourceQuota('c', 'other', {})]);
    expect(quotaKeysFor(resourceQuota('a', 'test', {}), view)).toEqual(['test/a']);
    expect(quotaKeysFor(pod('p', 'test'), view)).toEqual(['test/a', 'test/b']);
    expect(quotaKeysFor({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }, view)).toEqual([]);
  });
});

describe('the quota controller in the simulation runtime (eventually stable reconciliation)', () => {
  test('under any fault schedule status.used ends equal to what the namespace holds, and a restart writes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.constantFrom('100m', '500m', '1'), done: fc.boolean() }), { maxLength: 6 }),
        faultScheduleArbitrary(30, 5),
        fc.nat(1000),
        (shapes, faults, seed) => {
          const quota = resourceQuota('q', 'test', { hard: { pods: '20', 'requests.cpu': '20', 'count/pods': '20' } });
          const pods = shapes.map((s, i) => running(`p${i}`, s.cpu, s.done ? { phase: 'Succeeded' } : {}));
          const result = simulate({
            objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } }, quota, ...pods],
            runnables: [{ type: 'controller', controller: resourceQuotaController }],
            faults,
            seed: seed + 1,
          });
          const trace = formatTrace(result);
          const live = shapes.filter((s) => !s.done);
          const millis = live.reduce((sum, s) => sum + (s.cpu === '1' ? 1000 : Number.parseInt(s.cpu, 10)), 0);
          const expectedCpu = millis === 0 ? '0' : millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
          const stored = getObject(result.cluster.store, 'ResourceQuota', 'test', 'q') as ResourceQuota;
          expect(stored.status, trace).toEqual({ hard: quota.spec!.hard, used: { 'count/pods': String(shapes.length), pods: String(live.length), 'requests.cpu': expectedCpu } });
          expect(result.stable, trace).toBe(true);
          expect(result.writesAfterStable, trace).toBe(0);
        },
      ),
      runs(30),
    );
  });
});
