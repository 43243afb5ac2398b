/**
 * Kata 08-deployment-controller, part two: history and `kubectl rollout undo`.
 *
 * Tables: TestDeploymentController_cleanupDeployment and _cleanupDeploymentOrder in
 * pkg/controller/deployment/sync_test.go. The rollback examples follow kubectl's
 * DeploymentRollbacker (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go): its
 * revision lookup (deploymentRevision), its messages (`rolled back`, `skipped rollback
 * (current template already matches revision N)`, `unable to find specified revision N in
 * history`, `no rollout history found for deployment "x"`, the paused refusal) and the
 * annotations it writes back.
 */
import { describe, expect, test } from 'vitest';
import { cleanupDeployment, rollbackTemplate } from '@kata/08-deployment/history';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { generateDeployment, generateRS, newDeployment, newRSWithStatus, rs } from '../../core/controllers/deployment-fixtures';

const REVISION = 'deployment.kubernetes.io/revision';
const names = (list: ReplicaSet[]) => list.map((r) => r.metadata.name).sort();

describe('cleanupDeployment', () => {
  const selector = { foo: 'bar' };
  const alreadyDeleted: ReplicaSet = { ...newRSWithStatus('foo-1', 0, 0, selector), metadata: { ...newRSWithStatus('foo-1', 0, 0, selector).metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
  // TestDeploymentController_cleanupDeployment: [old ReplicaSets, revisionHistoryLimit, deletions]
  test.each<[string, ReplicaSet[], number, number]>([
    ['three empty, keep 1', [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)], 1, 2],
    [
      'Only delete the replica set with Spec.Replicas = Status.Replicas = 0.',
      [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 1, selector), newRSWithStatus('foo-3', 1, 0, selector), newRSWithStatus('foo-4', 1, 1, selector)],
      0,
      1,
    ],
    ['two empty, keep none', [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector)], 0, 2],
    ['two busy, keep none', [newRSWithStatus('foo-1', 1, 1, selector), newRSWithStatus('foo-2', 1, 1, selector)], 0, 0],
    ['one already being deleted', [alreadyDeleted], 0, 0],
    ['with unlimited revisionHistoryLimit', [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)], 2147483647, 0],
  ])('%s', (_name, oldRSs, limit, expected) => {
    expect(cleanupDeployment(oldRSs, newDeployment('foo', 1, { revisionHistoryLimit: limit, selector }))).toHaveLength(expected);
  });

  // TestDeploymentController_cleanupDeploymentOrder: creation order is always foo-1 < foo-2 < foo-3 < foo-4.
  const at = (minutes: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + minutes * 60_000).toISOString();
  const withRevision = (name: string, replicas: number, minutes: number, revision: string): ReplicaSet => {
    const made = rs(name, replicas, selector, at(minutes));
    return { ...made, metadata: { ...made.metadata, ...(revision && { annotations: { [REVISION]: revision } }) }, status: { replicas } };
  };
  test.each<[string, ReplicaSet[], number, string[]]>([
    ['revision order: rs1 < rs2, delete rs1', [withRevision('foo-1', 0, -1, '1'), withRevision('foo-2', 0, 0, '2')], 1, ['foo-1']],
    ['revision order: rs2 < rs1, delete rs2', [withRevision('foo-1', 0, -1, '2'), withRevision('foo-2', 0, 0, '1')], 1, ['foo-2']],
    ["rs1 has revision but rs2 doesn't have revision, delete rs2", [withRevision('foo-1', 0, -1, '1'), withRevision('foo-2', 0, 0, '')], 1, ['foo-2']],
    ["rs1 doesn't have revision while rs2 has revision, delete rs1", [withRevision('foo-1', 0, -1, ''), withRevision('foo-2', 0, 0, '2')], 1, ['foo-1']],
    ['revision order: rs1 < rs2 < r3, but rs1 has replicas, delete rs2', [withRevision('foo-1', 1, -1, '1'), withRevision('foo-2', 0, 0, '2'), withRevision('foo-3', 0, 1, '3')], 1, ['foo-2']],
    ['revision order: rs1 < rs2 < r3, both rs1 && rs2 have replicas, don\'t delete', [withRevision('foo-1', 1, -1, '1'), withRevision('foo-2', 1, 0, '2'), withRevision('foo-3', 0, 1, '3')], 1, []],
    [
      'revision order: rs2 < rs4 < rs1 < rs3, delete rs2 && rs4',
      [withRevision('foo-1', 0, -1, '3'), withRevision('foo-2', 0, 0, '1'), withRevision('foo-3', 0, 1, '4'), withRevision('foo-4', 0, 2, '2')],
      2,
      ['foo-2', 'foo-4'],
    ],
  ])('%s', (_name, oldRSs, limit, expected) => {
    expect(names(cleanupDeployment(oldRSs, newDeployment('foo', 1, { revisionHistoryLimit: limit, selector })))).toEqual(expected);
  });

  test('keeps a ReplicaSet whose latest spec its controller has not seen yet', () => {
    const unseen: ReplicaSet = { ...newRSWithStatus('foo-1', 0, 0, selector), metadata: { ...newRSWithStatus('foo-1', 0, 0, selector).metadata, generation: 3 }, status: { replicas: 0, observedGeneration: 2 } };
    expect(cleanupDeployment([unseen], newDeployment('foo', 1, { revisionHistoryLimit: 0, selector }))).toEqual([]);
  });
});

describe('rollbackTemplate', () => {
  const d = generateDeployment('nginx');
  const template = (image: string) => ({ metadata: { labels: { name: 'nginx', 'pod-template-hash': `h-${image}` } }, spec: { containers: [{ name: 'nginx', image }] } });
  const revision = (image: string, rev: string, annotations: Record<string, string> = {}): ReplicaSet => {
    const made = generateRS(d, `nginx-${image}`);
    return { ...made, metadata: { ...made.metadata, labels: { name: 'nginx', 'pod-template-hash': `h-${image}` }, annotations: { [REVISION]: rev, ...annotations } }, spec: { ...made.spec!, template: template(image) } };
  };
  const current: Deployment = { ...d, metadata: { ...d.metadata, annotations: { [REVISION]: '3', 'kubernetes.io/change-cause': 'v3' } }, spec: { ...d.spec!, template: { metadata: { labels: { name: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'v3' }] } } } };
  const history = [revision('v1', '1', { 'kubernetes.io/change-cause': 'v1' }), revision('v2', '2', { 'kubernetes.io/change-cause': 'v2' }), revision('v3', '3')];

  test('revision 0 means the previous revision: its template comes back, without the hash label', () => {
    const result = rollbackTemplate(current, history, 0);
    expect(result.type).toBe('rolledBack');
    if (result.type !== 'rolledBack') return;
    expect(result.message).toBe('rolled back');
    expect(result.deployment.spec?.template).toEqual({ metadata: { labels: { name: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'v2' }] } });
  });

  test("takes the ReplicaSet's annotations, but keeps the Deployment's own revision", () => {
    const result = rollbackTemplate(current, history, 1);
    expect(result.type === 'rolledBack' && result.deployment.metadata.annotations).toEqual({ [REVISION]: '3', 'kubernetes.io/change-cause': 'v1' });
  });

  test('an unknown revision is an error in kubectl words', () => {
    expect(rollbackTemplate(current, history, 7)).toEqual({ type: 'error', message: 'unable to find specified revision 7 in history' });
  });

  test('a negative revision is an error', () => {
    expect(rollbackTemplate(current, history, -1)).toEqual({ type: 'error', message: 'unable to find specified revision -1 in history' });
  });

  test('a Deployment with a single revision has no history to go back to', () => {
    expect(rollbackTemplate(current, [revision('v3', '3')], 0)).toEqual({ type: 'error', message: 'no rollout history found for deployment "nginx"' });
  });

  test('the current template already at that revision is skipped', () => {
    expect(rollbackTemplate(current, history, 3)).toEqual({ type: 'skipped', message: 'skipped rollback (current template already matches revision 3)' });
  });

  test('a paused Deployment is refused', () => {
    expect(rollbackTemplate({ ...current, spec: { ...current.spec!, paused: true } }, history, 0)).toEqual({
      type: 'error',
      message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    });
  });

  test("only looks at ReplicaSets the Deployment controls", () => {
    const stranger: ReplicaSet = { ...revision('v9', '9'), metadata: { ...revision('v9', '9').metadata, ownerReferences: [] } };
    expect(rollbackTemplate(current, [...history, stranger], 9)).toEqual({ type: 'error', message: 'unable to find specified revision 9 in history' });
  });
});
