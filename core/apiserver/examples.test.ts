/**
 * The chapter's example manifests (chapters/03-namespaces/examples) do what their comments and
 * the lesson say, when applied through the admission chain the way the API server applies a
 * create: admit, write the charged quotas, store the object.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { getObject } from '@kata/01-api-machinery/store';
import { syncResourceQuota } from '@kata/03-namespaces/quota-controller';
import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import { createRequest, newCluster, submit, type ClusterState } from '../cluster/state';
import { prepareForCreate } from '../cluster/strategy';
import { applyIntents, freshView } from '../controllers/testing';
import { repoRoot } from '../kata/target';
import { admit } from './admit';
import { storeContext } from './context';
import { resourceQuotaController } from './controllers';
import { admissionCreate } from './requests';
import type { ResourceQuota } from './types';

const examples = path.join(repoRoot, 'chapters', '03-namespaces', 'examples');

function load(file: string): KubeObject[] {
  const result = decodeManifest(readFileSync(path.join(examples, file), 'utf8'), file);
  expect(result.errors, `${file} decodes`).toEqual([]);
  expect(result.warnings, `${file} has no unknown fields`).toEqual([]);
  return result.objects;
}

/** Creates `object` as the API server would: admission, then the charged quotas, then the object. */
function create(cluster: ClusterState, object: KubeObject): { cluster: ClusterState; refused?: string } {
  const verdict = admit(admissionCreate(object), storeContext(cluster.store, cluster.now));
  if (!verdict.allowed) return { cluster, refused: verdict.status.message };
  let next = cluster;
  for (const quota of verdict.quotas) [next] = submit(next, { type: 'updateStatus', object: quota, now: next.now });
  const [after, result] = submit(next, createRequest(next, prepareForCreate(verdict.object!)));
  if (!result.ok) throw new Error(result.status.message);
  return { cluster: after };
}

function createAll(cluster: ClusterState, objects: KubeObject[]): ClusterState {
  return objects.reduce((c, o) => {
    const { cluster: next, refused } = create(c, o);
    expect(refused, `${o.kind} ${o.metadata.name} is admitted`).toBeUndefined();
    return next;
  }, cluster);
}

/** team-a created, and its quota counted once by the quota controller. */
function teamA(): ClusterState {
  const cluster = createAll(newCluster(), load('team-a.yaml'));
  return applyIntents(cluster, syncResourceQuota(freshView(cluster, resourceQuotaController.watches), 'team-a/compute'));
}

describe('chapter 03 examples', () => {
  test('team-a.yaml: a namespace with a quota and a LimitRange; the quota controller starts it at zero', () => {
    const quota = getObject(teamA().store, 'ResourceQuota', 'team-a', 'compute') as ResourceQuota;
    expect(quota.status?.used).toEqual({ 'limits.cpu': '0', 'limits.memory': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' });
  });

  test('pods-that-fit.yaml: web gets the LimitRange defaults, and both pods are charged to the quota', () => {
    const cluster = createAll(teamA(), load('pods-that-fit.yaml'));
    const web = getObject(cluster.store, 'Pod', 'team-a', 'web') as Pod;
    expect(web.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(web.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
    const quota = getObject(cluster.store, 'ResourceQuota', 'team-a', 'compute') as ResourceQuota;
    expect(quota.status?.used).toEqual({ 'limits.cpu': '1500m', 'limits.memory': '768Mi', pods: '2', 'requests.cpu': '750m', 'requests.memory': '384Mi' });
  });

  test('pod-exceeds-limits.yaml is refused by LimitRanger', () => {
    const [greedy] = load('pod-exceeds-limits.yaml');
    expect(create(teamA(), greedy!).refused).toBe('pods "greedy" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  test('pod-exceeds-quota.yaml is refused by the quota once the pods that fit are running', () => {
    const [batch] = load('pod-exceeds-quota.yaml');
    expect(create(teamA(), batch!).refused, 'alone it fits').toBeUndefined();
    const cluster = createAll(teamA(), load('pods-that-fit.yaml'));
    expect(create(cluster, batch!).refused).toBe('pods "batch" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=750m, limited: requests.cpu=1');
  });

  test('prod-namespace.yaml satisfies the admission policy; without its memory limit the pod would not', () => {
    const [shop, checkout] = load('prod-namespace.yaml');
    const cluster = createAll(newCluster(), [shop!, checkout!]);
    expect(getObject(cluster.store, 'Pod', 'shop', 'checkout')).toBeDefined();
    const pod = checkout as Pod;
    const unlimited: Pod = { ...pod, metadata: { ...pod.metadata, name: 'cart' }, spec: { ...pod.spec!, containers: [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: '500m' } } }] } };
    expect(create(cluster, unlimited).refused).toBe(
      'pods "cart" is forbidden: admission-policy denied request: spec.containers[0].resources.limits.memory: Required value: containers in namespaces labelled env=prod must set a memory limit',
    );
  });
});
