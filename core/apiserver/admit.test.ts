/**
 * The admission chain end to end, against a store: plugin order (NamespaceLifecycle, LimitRanger
 * defaults, LimitRanger bounds, the site policy, ResourceQuota last), what an allowed request
 * carries back, and the context builders. Behaviour of each plugin is tested by its kata.
 *
 * Expected wording: lifecycle/admission.go, limitranger/admission.go, resourcequota/controller.go;
 * the bare-pod example is kubernetes.io tasks/administer-cluster/manage-resources/
 * quota-memory-cpu-namespace.md with a LimitRange supplying the defaults.
 */
import { describe, expect, test } from 'vitest';
import { getObject } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import { seedCluster } from '../runtime/harness';
import { admit } from './admit';
import { storeContext } from './context';
import { admissionCreate, admissionDelete, admissionUpdate } from './requests';
import { NOW, container, limitRange, pod, resourceQuota } from './testing';
import type { AdmissionResult, ResourceQuota } from './types';

const team = (labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels } });
const limits = limitRange('defaults', 'team-a', [
  { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' }, max: { cpu: '1', memory: '1Gi' } },
]);
const quota = (used: Record<string, string>): ResourceQuota =>
  resourceQuota('compute', 'team-a', { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '3' } }, { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '3' }, used });

const context = (...objects: KubeObject[]) => storeContext(seedCluster(objects).store, NOW);
const message = (result: AdmissionResult) => (result.allowed ? undefined : result.status.message);

describe('admit', () => {
  test('a bare pod gets the LimitRange defaults, is charged for them, and carries the charged quota back', () => {
    const result = admit(admissionCreate(pod('web', 'team-a')), context(team(), limits, quota({ 'requests.cpu': '0', 'limits.memory': '0', pods: '0' })));
    expect(result.allowed).toBe(true);
    if (!result.allowed) return;
    expect((result.object as Pod).spec?.containers[0]?.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(result.quotas.map((q) => q.status?.used)).toEqual([{ 'limits.memory': '256Mi', pods: '1', 'requests.cpu': '250m' }]);
  });

  test('without a LimitRange the same pod is refused by the quota: failed quota: compute: must specify ...', () => {
    const result = admit(admissionCreate(pod('web', 'team-a')), context(team(), quota({ 'requests.cpu': '0', 'limits.memory': '0', pods: '0' })));
    expect(message(result)).toBe('pods "web" is forbidden: failed quota: compute: must specify limits.memory for: app; requests.cpu for: app');
  });

  test('a limit alone also counts as the request, as decoding defaults it (SetDefaults_Pod)', () => {
    const p = pod('web', 'team-a', [container('app', { limits: { cpu: '400m', memory: '512Mi' } })]);
    const result = admit(admissionCreate(p), context(team(), quota({ 'requests.cpu': '0', 'limits.memory': '0', pods: '0' })));
    expect(result.allowed && result.quotas[0]?.status?.used).toEqual({ 'limits.memory': '512Mi', pods: '1', 'requests.cpu': '400m' });
  });

  test('the namespace is checked first: a pod in a missing namespace is NotFound whatever else is wrong', () => {
    const result = admit(admissionCreate(pod('web', 'elsewhere', [container('app', { limits: { cpu: '64' } })])), context(team()));
    expect(result).toMatchObject({ allowed: false, status: { code: 404, message: 'namespaces "elsewhere" not found' } });
  });

  test('LimitRanger refuses before the quota is charged', () => {
    const p = pod('big', 'team-a', [container('app', { limits: { cpu: '2', memory: '256Mi' } })]);
    const result = admit(admissionCreate(p), context(team(), limits, quota({ 'requests.cpu': '900m', 'limits.memory': '0', pods: '0' })));
    expect(message(result)).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  test('the site policy refuses before the quota is charged', () => {
    const p = pod('web', 'team-a', [container('app', { limits: { cpu: '500m', memory: '256Mi' } })]);
    const result = admit(admissionCreate(p), context(team({ env: 'prod' }), quota({ 'requests.cpu': '1', 'limits.memory': '0', pods: '0' })));
    expect(message(result)).toBe('pods "web" is forbidden: admission-policy denied request: metadata.labels: Required value: objects in namespaces labelled env=prod need a team label');
  });

  test('the quota comes last and refuses with the exact usage', () => {
    const result = admit(admissionCreate(pod('web', 'team-a')), context(team(), limits, quota({ 'requests.cpu': '900m', 'limits.memory': '0', pods: '0' })));
    expect(message(result)).toBe('pods "web" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=900m, limited: requests.cpu=1');
  });

  test('deleting kube-system is forbidden; deleting a pod never is', () => {
    const ctx = context(team());
    expect(message(admit(admissionDelete('Namespace', '', 'kube-system'), ctx))).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
    expect(admit(admissionDelete('Pod', 'team-a', 'web'), ctx)).toEqual({ allowed: true, quotas: [] });
  });

  test('an update passes LimitRanger untouched and is not charged for a pod', () => {
    const p = { ...pod('web', 'team-a'), metadata: { name: 'web', namespace: 'team-a', resourceVersion: '9' } };
    expect(admit(admissionUpdate(p, p), context(team(), limits, quota({ 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '3' })))).toEqual({ allowed: true, object: p, quotas: [] });
  });

  test('storeContext reads namespaces and a namespace\'s objects from the store', () => {
    const cluster = seedCluster([team(), limits]);
    const ctx = storeContext(cluster.store, NOW);
    expect(ctx.getNamespace('team-a')?.status?.phase).toBe('Active');
    expect(ctx.list('LimitRange', 'team-a').map((o) => o.metadata.name)).toEqual(['defaults']);
    expect(getObject(cluster.store, 'LimitRange', 'team-a', 'defaults')).toBeDefined();
  });
});
