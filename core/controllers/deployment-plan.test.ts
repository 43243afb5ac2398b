import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from '../api/types';
import { createReplicaSet, finishPlan, startPlan, withAnnotations, withStatus, writeReplicaSet } from './deployment-plan';

const d: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', resourceVersion: '7' }, spec: { selector: {}, template: {} }, status: { replicas: 1 } };
const rs = (name: string, replicas: number): ReplicaSet => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { replicas, selector: {} } });
const NOW = '2025-01-01T00:00:00Z';

describe('a sync plan', () => {
  test('writes a ReplicaSet once, in its first place, with the last version', () => {
    let plan = writeReplicaSet(startPlan(d, d, NOW), rs('a', 1));
    plan = writeReplicaSet(plan, rs('b', 1));
    plan = writeReplicaSet(plan, rs('a', 3));
    expect(finishPlan(plan).map((i) => (i.type === 'update' ? `${i.object.metadata.name}=${(i.object as ReplicaSet).spec?.replicas}` : i.type))).toEqual(['a=3', 'b=1']);
  });

  test('amends a pending create instead of adding an update', () => {
    const plan = writeReplicaSet(createReplicaSet(startPlan(d, d, NOW), rs('new', 1)), rs('new', 2));
    expect(finishPlan(plan).map((i) => i.type)).toEqual(['create']);
  });

  test('writes the status when it changed, from the cached object', () => {
    const [write] = finishPlan(withStatus(startPlan(d, d, NOW), { replicas: 2 }));
    expect(write).toMatchObject({ type: 'updateStatus', object: { metadata: { resourceVersion: '7' }, status: { replicas: 2 } } });
  });

  test('writes changed annotations with an update, but only once the status is settled', () => {
    const both = withAnnotations(withStatus(startPlan(d, d, NOW), { replicas: 2 }), { 'deployment.kubernetes.io/revision': '2' });
    expect(finishPlan(both).map((i) => i.type)).toEqual(['updateStatus']);
    const annotationsOnly = withAnnotations(startPlan(d, d, NOW), { 'deployment.kubernetes.io/revision': '2' });
    expect(finishPlan(annotationsOnly).map((i) => i.type)).toEqual(['update']);
  });

  test('writes nothing when nothing changed', () => {
    expect(finishPlan(startPlan(d, d, NOW))).toEqual([]);
  });
});
