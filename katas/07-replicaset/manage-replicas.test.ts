/**
 * Kata 07-manage-replicas.
 *
 * Examples: upstream's TestSlowStartBatch and TestSyncReplicaSetCreateFailures (the call
 * bound), doTestControllerBurstReplicas (at most BurstReplicas creates or deletes per sync),
 * TestSyncReplicaSetDoesNothing and TestGetPodsToDelete (pkg/controller/replicaset/
 * replica_set_test.go), and TestCreatePodsWithGenerateName / GetPodFromTemplate
 * (pkg/controller/controller_utils_test.go, controller_utils.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BURST_REPLICAS, manageReplicas, podFromTemplate, slowStartBatch } from '@kata/07-replicaset/manage-replicas';
import type { KubeObject } from '../../core/api/meta';
import type { Pod, PodPhase, ReplicaSet } from '../../core/api/types';
import { NOW, pods, webRef, webReplicaSet } from '../../core/controllers/arbitraries';
import { replicaSetKind } from '../../core/controllers/replica-set-kind';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const rsKind = { apiVersion: replicaSetKind.apiVersion, kind: replicaSetKind.kind };

function running(name: string, extra: { nodeName?: string; phase?: PodPhase; ready?: boolean } = {}): Pod {
  const phase = extra.phase ?? 'Running';
  const ready = extra.ready ?? phase === 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ownerReferences: [webRef] },
    spec: { containers: [], ...(extra.nodeName && { nodeName: extra.nodeName }) },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const creates = (intents: Intent[]) => intents.filter((i) => i.type === 'create');
const deletedNames = (intents: Intent[]) => intents.flatMap((i) => (i.type === 'delete' ? [i.name] : []));

describe('slowStartBatch: upstream TestSlowStartBatch', () => {
  // fn fails once more than callLimit calls have been made, like upstream's test function.
  const run = (count: number, callLimit: number) => {
    let calls = 0;
    const result = slowStartBatch(count, 1, () => ++calls <= callLimit);
    return { ...result, calls };
  };

  test('when every call fails, only the first batch of 1 is tried', () => {
    expect(run(10, 0)).toEqual({ successes: 0, failed: true, calls: 1 });
  });

  test('when every call succeeds, batches 1 + 2 + 4 + 3 make all 10 calls', () => {
    expect(run(10, 10)).toEqual({ successes: 10, failed: false, calls: 10 });
  });

  test('when calls start failing after 5, batches 1 + 2 + 4 are tried and 5 succeed', () => {
    expect(run(10, 5)).toEqual({ successes: 5, failed: true, calls: 7 });
  });

  test('100 creations against a quota of 10 cost at most 1 + 2 + 4 + 8 = 15 calls (TestSyncReplicaSetCreateFailures)', () => {
    const result = run(100, 10);
    expect(result.successes).toBe(10);
    expect(result.calls).toBeLessThanOrEqual(15);
  });

  test('batches start at the initial size and double: with 2, the batches are 2, 4, 8, ...', () => {
    let calls = 0;
    // Calls 1-6 succeed: batches of 2 and 4 pass, the batch of 8 (calls 7-14) fails and is the last.
    expect(slowStartBatch(20, 2, () => ++calls <= 6)).toEqual({ successes: 6, failed: true });
    expect(calls).toBe(14);
  });
});

describe('podFromTemplate', () => {
  const owner: KubeObject = { ...webReplicaSet(3), apiVersion: 'apps/v1', kind: 'ReplicaSet' };

  test('a pod gets the template labels, generateName <owner>- and the owner\'s namespace', () => {
    const pod = podFromTemplate(owner, webReplicaSet(3).spec?.template);
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(pod.spec).toEqual({ containers: [{ name: 'app', image: 'nginx' }] });
  });

  test('a pod gets a controller reference to its owner, blocking the owner\'s deletion', () => {
    expect(podFromTemplate(owner, webReplicaSet(3).spec?.template).metadata.ownerReferences).toEqual([webRef]);
  });

  test('template annotations and finalizers are copied', () => {
    const template = { metadata: { labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['example.com/f'] }, spec: { containers: [] } };
    const pod = podFromTemplate(owner, template);
    expect(pod.metadata.annotations).toEqual({ a: 'b' });
    expect(pod.metadata.finalizers).toEqual(['example.com/f']);
  });

  test('the pod does not share objects with the template', () => {
    const template = webReplicaSet(1).spec?.template;
    const pod = podFromTemplate(owner, template);
    pod.metadata.labels = { ...pod.metadata.labels, changed: 'yes' };
    pod.spec?.containers.push({ name: 'x', image: 'y' });
    expect(template?.metadata?.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(template?.spec?.containers).toHaveLength(1);
  });
});

describe('manageReplicas', () => {
  test('with as many pods as replicas there is nothing to do (TestSyncReplicaSetDoesNothing)', () => {
    expect(manageReplicas(webReplicaSet(2), [running('a'), running('b')], [], NOW, rsKind)).toEqual([]);
  });

  test('missing pods are created from the template, one create each', () => {
    const intents = manageReplicas(webReplicaSet(3), [running('a')], [], NOW, rsKind);
    expect(intents).toHaveLength(2);
    for (const i of intents) expect(i).toEqual({ type: 'create', object: podFromTemplate({ ...webReplicaSet(3), apiVersion: 'apps/v1', kind: 'ReplicaSet' }, webReplicaSet(3).spec?.template) });
  });

  test('a ReplicaSet without spec.replicas wants 1 pod (SetDefaults_ReplicaSet)', () => {
    const rs = webReplicaSet(0);
    const unset = { ...rs, spec: { ...rs.spec, replicas: undefined } } as ReplicaSet;
    expect(creates(manageReplicas(unset, [], [], NOW, rsKind))).toHaveLength(1);
  });

  test('the controller reference names the kind given, so an RC\'s pods say ReplicationController', () => {
    const [intent] = manageReplicas(webReplicaSet(1), [], [], NOW, { apiVersion: 'v1', kind: 'ReplicationController' });
    expect(intent?.type === 'create' && intent.object.metadata.ownerReferences).toEqual([{ ...webRef, apiVersion: 'v1', kind: 'ReplicationController' }]);
  });

  test(`one sync creates at most BurstReplicas (${BURST_REPLICAS}) pods`, () => {
    expect(creates(manageReplicas(webReplicaSet(600), [], [], NOW, rsKind))).toHaveLength(500);
  });

  test(`one sync deletes at most BurstReplicas (${BURST_REPLICAS}) pods`, () => {
    const many = Array.from({ length: 600 }, (_, i) => running(`p${i}`));
    expect(deletedNames(manageReplicas(webReplicaSet(0), many, [], NOW, rsKind))).toHaveLength(500);
  });

  test('surplus pods are deleted in ranking order: unscheduled, then pending, then not ready', () => {
    const list = [running('ready-1', { nodeName: 'node-1' }), running('ready-2', { nodeName: 'node-2' }), running('not-ready', { nodeName: 'n', ready: false }), running('pending', { nodeName: 'n', phase: 'Pending' }), running('unscheduled', { phase: 'Pending' })];
    expect(deletedNames(manageReplicas(webReplicaSet(2), list, list, NOW, rsKind))).toEqual(['unscheduled', 'pending', 'not-ready']);
  });

  test('related pods decide the rank: a pod on a node crowded with siblings goes first', () => {
    const list = [running('on-1', { nodeName: 'node-1' }), running('on-2', { nodeName: 'node-2' })];
    const sibling = { ...running('sibling', { nodeName: 'node-2' }), metadata: { ...running('sibling').metadata, ownerReferences: [] } };
    expect(deletedNames(manageReplicas(webReplicaSet(1), list, [...list, sibling], NOW, rsKind))).toEqual(['on-2']);
  });

  test('deletions go to the pods\' own namespace by name', () => {
    const [intent] = manageReplicas(webReplicaSet(0), [running('a')], [], NOW, rsKind);
    expect(intent).toEqual({ type: 'delete', kind: 'Pod', namespace: 'default', name: 'a' });
  });
});

describe('properties', () => {
  test('a sync creates min(missing, 500) pods or deletes min(surplus, 500) claimed pods, never both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), pods(10, { deleting: false }), (replicas, claimed) => {
        const intents = manageReplicas(webReplicaSet(replicas), claimed, claimed, NOW, rsKind);
        const missing = Math.max(0, replicas - claimed.length);
        const surplus = Math.max(0, claimed.length - replicas);
        expect(creates(intents)).toHaveLength(Math.min(missing, BURST_REPLICAS));
        const deleted = deletedNames(intents);
        expect(deleted).toHaveLength(Math.min(surplus, BURST_REPLICAS));
        expect(new Set(deleted).size, 'no pod deleted twice').toBe(deleted.length);
        for (const name of deleted) expect(claimed.map((p) => p.metadata.name)).toContain(name);
      }),
      runs(200),
    );
  });
});
