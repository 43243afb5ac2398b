import { describe, expect, test } from 'vitest';
import type { Deployment } from '../api/types';
import { defaultDeployment, hasProgressDeadline, hasRevisionHistoryLimit, MAX_INT32 } from './deployment-defaults';

const bare = (spec: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'd' } }, template: {}, ...spec },
});

describe('defaultDeployment (SetDefaults_Deployment)', () => {
  test('fills in replicas, the RollingUpdate strategy at 25%/25%, history and deadline', () => {
    expect(defaultDeployment(bare()).spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  test('keeps what is set, including 0', () => {
    const d = defaultDeployment(bare({ replicas: 0, revisionHistoryLimit: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } } }));
    expect(d.spec).toMatchObject({ replicas: 0, revisionHistoryLimit: 0, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } } });
  });

  test('gives a Recreate strategy no rollingUpdate block', () => {
    expect(defaultDeployment(bare({ strategy: { type: 'Recreate' } })).spec?.strategy).toEqual({ type: 'Recreate' });
  });

  test('MaxInt32 means no deadline and no history limit', () => {
    const d = bare({ progressDeadlineSeconds: MAX_INT32, revisionHistoryLimit: MAX_INT32 });
    expect([hasProgressDeadline(d), hasRevisionHistoryLimit(d)]).toEqual([false, false]);
  });
});
