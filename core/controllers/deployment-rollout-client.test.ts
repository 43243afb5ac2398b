import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from '../api/types';
import { deploymentRef, generateDeployment, generateRS } from './deployment-fixtures';
import { rolloutHistory, rolloutStatus } from './deployment-rollout-client';

const d = (status: Deployment['status'], generation = 1, replicas = 3): Deployment => ({ ...generateDeployment('nginx'), metadata: { name: 'nginx', generation }, spec: { ...generateDeployment('nginx').spec!, replicas }, status });

describe('kubectl rollout status', () => {
  test.each<[string, Deployment, ReturnType<typeof rolloutStatus>]>([
    ['spec not observed yet', d({ observedGeneration: 1 }, 2), { message: 'Waiting for deployment spec update to be observed...', done: false }],
    ['new replicas being updated', d({ observedGeneration: 1, replicas: 3, updatedReplicas: 1 }), { message: 'Waiting for deployment "nginx" rollout to finish: 1 out of 3 new replicas have been updated...', done: false }],
    ['old replicas terminating', d({ observedGeneration: 1, replicas: 4, updatedReplicas: 3 }), { message: 'Waiting for deployment "nginx" rollout to finish: 1 old replicas are pending termination...', done: false }],
    ['updated replicas not available', d({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }), { message: 'Waiting for deployment "nginx" rollout to finish: 2 of 3 updated replicas are available...', done: false }],
    ['done', d({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), { message: 'deployment "nginx" successfully rolled out', done: true }],
    ['timed out', d({ observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }), { error: 'deployment "nginx" exceeded its progress deadline' }],
  ])('%s', (_name, deployment, expected) => {
    expect(rolloutStatus(deployment)).toEqual(expected);
  });

  test('a --revision other than the running one is an error', () => {
    const at2 = { ...d({ observedGeneration: 1 }), metadata: { name: 'nginx', annotations: { 'deployment.kubernetes.io/revision': '2' } } };
    expect(rolloutStatus(at2, 3)).toEqual({ error: 'desired revision (3) is different from the running revision (2)' });
  });
});

describe('kubectl rollout history', () => {
  test('lists the revisions of its own ReplicaSets, lowest first, with their change causes', () => {
    const deployment = generateDeployment('nginx');
    const rev = (name: string, revision: string, cause?: string): ReplicaSet => {
      const made = generateRS(deployment, name);
      return { ...made, metadata: { ...made.metadata, ownerReferences: [deploymentRef(deployment)], annotations: { 'deployment.kubernetes.io/revision': revision, ...(cause && { 'kubernetes.io/change-cause': cause }) } } };
    };
    const stranger = { ...rev('other', '9'), metadata: { ...rev('other', '9').metadata, ownerReferences: [] } };
    const rows = rolloutHistory(deployment, [rev('b', '2', 'kubectl set image deployment/nginx nginx=nginx:1.16.1'), rev('a', '1'), stranger]);
    expect(rows.map((r) => [r.revision, r.changeCause])).toEqual([
      [1, '<none>'],
      [2, 'kubectl set image deployment/nginx nginx=nginx:1.16.1'],
    ]);
  });
});
