/**
 * Kata 08-deployment-status.
 *
 * Tables: TestGetCondition, TestSetCondition, TestRemoveCondition, TestDeploymentComplete,
 * TestDeploymentProgressing and TestDeploymentTimedOut in pkg/controller/deployment/util/
 * deployment_util_test.go; TestRequeueStuckDeployment and TestSyncRolloutStatus in
 * pkg/controller/deployment/progress_test.go (their deployment is `progress-test`, Recreate).
 * TestRequeueStuckDeployment's "less than a second" case needs nanoseconds, which RFC 3339
 * times here do not carry, so it is left out. The remaining examples restate calculateStatus
 * and checkPausedConditions in sync.go.
 */
import { describe, expect, test } from 'vitest';
import {
  calculateStatus,
  checkPausedConditions,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  newDeploymentCondition,
  removeDeploymentCondition,
  requeueStuckDeployment,
  setDeploymentCondition,
  syncRolloutStatus,
} from '@kata/08-deployment/deployment-status';
import type { Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../core/api/types';
import { newDeployment, rsWithAvailable } from '../../core/controllers/deployment-fixtures';

const condProgressing = (): WorkloadCondition => ({ type: 'Progressing', status: 'False', reason: 'ForSomeReason' });
const condProgressing2 = (): WorkloadCondition => ({ type: 'Progressing', status: 'True', reason: 'BecauseItIs' });
const condAvailable = (): WorkloadCondition => ({ type: 'Available', status: 'True', reason: 'AwesomeController' });
const exampleStatus = (): DeploymentStatus => ({ conditions: [condProgressing(), condAvailable()] });

describe('conditions', () => {
  // TestGetCondition
  test('condition exists', () => {
    expect(getDeploymentCondition(exampleStatus(), 'Available')).toEqual(condAvailable());
  });

  test('condition does not exist', () => {
    expect(getDeploymentCondition(exampleStatus(), 'ReplicaFailure')).toBeUndefined();
  });

  // TestSetCondition
  test.each<[string, DeploymentStatus, WorkloadCondition, DeploymentStatus]>([
    ['set for the first time', {}, condAvailable(), { conditions: [condAvailable()] }],
    ['simple set', { conditions: [condProgressing()] }, condAvailable(), exampleStatus()],
    ['overwrite', { conditions: [condProgressing()] }, condProgressing2(), { conditions: [condProgressing2()] }],
  ])('set: %s', (_name, status, condition, expected) => {
    expect(setDeploymentCondition(status, condition)).toEqual(expected);
  });

  test('a condition with the same status and reason changes nothing, not even its times', () => {
    const current = newDeploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'old', '2025-01-01T00:00:00Z');
    const status = { conditions: [current] };
    expect(setDeploymentCondition(status, newDeploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'new', '2025-01-02T00:00:00Z'))).toEqual(status);
  });

  test('a new reason with the same status keeps the lastTransitionTime', () => {
    const status = { conditions: [newDeploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm', '2025-01-01T00:00:00Z')] };
    const next = setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', 'done', '2025-01-02T00:00:00Z'));
    expect(next.conditions).toEqual([
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'done', lastUpdateTime: '2025-01-02T00:00:00Z', lastTransitionTime: '2025-01-01T00:00:00Z' },
    ]);
  });

  // TestRemoveCondition
  test.each<[string, DeploymentStatus, string, DeploymentStatus]>([
    ['remove from empty status', {}, 'Progressing', {}],
    ['simple remove', { conditions: [condProgressing()] }, 'Progressing', {}],
    ["doesn't remove anything", exampleStatus(), 'ReplicaFailure', exampleStatus()],
  ])('remove: %s', (_name, status, type, expected) => {
    expect(removeDeploymentCondition(status, type)).toEqual(expected);
  });
});

describe('deploymentComplete', () => {
  const deployment = (desired: number, current: number, updated: number, available: number, maxUnavailable: number, maxSurge: number): Deployment => ({
    ...newDeployment('d', desired, { maxUnavailable, maxSurge }),
    status: { replicas: current, updatedReplicas: updated, availableReplicas: available },
  });
  // TestDeploymentComplete
  test.each<[string, Deployment, boolean]>([
    ['not complete: min but not all pods become available', deployment(5, 5, 5, 4, 1, 0), false],
    ['not complete: min availability is not honored', deployment(5, 5, 5, 3, 1, 0), false],
    ['complete', deployment(5, 5, 5, 5, 0, 0), true],
    ['not complete: all pods are available but not updated', deployment(5, 5, 4, 5, 0, 0), false],
    ['not complete: still running old pods', deployment(1, 2, 1, 1, 0, 1), false],
    ['not complete: one replica deployment never comes up', deployment(1, 1, 1, 0, 1, 1), false],
  ])('%s', (_name, d, expected) => {
    expect(deploymentComplete(d, d.status!)).toBe(expected);
  });

  test('not complete while the controller has not seen the latest spec', () => {
    const d = { ...deployment(5, 5, 5, 5, 0, 0), metadata: { name: 'd', generation: 3 } };
    expect(deploymentComplete(d, { ...d.status!, observedGeneration: 2 })).toBe(false);
  });
});

describe('deploymentProgressing', () => {
  const deployment = (current: number, updated: number, ready: number, available: number): Deployment => ({
    ...newDeployment('d', 10),
    status: { replicas: current, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available },
  });
  const status = (current: number, updated: number, ready: number, available: number): DeploymentStatus => ({ replicas: current, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available });
  // TestDeploymentProgressing
  test.each<[string, Deployment, DeploymentStatus, boolean]>([
    ['progressing: updated pods', deployment(10, 4, 4, 4), status(10, 6, 4, 4), true],
    ['not progressing', deployment(10, 4, 4, 4), status(10, 4, 4, 4), false],
    ['progressing: old pods removed', deployment(10, 4, 6, 6), status(8, 4, 6, 6), true],
    ['not progressing: less new pods', deployment(10, 7, 3, 3), status(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', deployment(10, 4, 7, 7), status(8, 8, 5, 5), true],
    ['progressing: more ready pods', deployment(10, 10, 9, 8), status(10, 10, 10, 8), true],
    ['progressing: more available pods', deployment(10, 10, 10, 9), status(10, 10, 10, 10), true],
  ])('%s', (_name, d, newStatus, expected) => {
    expect(deploymentProgressing(d, newStatus)).toBe(expected);
  });
});

describe('deploymentTimedOut', () => {
  const at = (minute: number, second: number) => `2016-01-01T00:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
  const deployment = (reason: string, pds: number | undefined, from: string | undefined): Deployment => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { selector: {}, template: {}, ...(pds !== undefined && { progressDeadlineSeconds: pds }) },
    status: { conditions: [{ type: 'Progressing', status: 'True', reason, ...(from && { lastUpdateTime: from }) }] },
  });
  // TestDeploymentTimedOut
  test.each<[string, Deployment, string, boolean]>([
    ['nil progressDeadlineSeconds specified - no timeout', deployment('', undefined, at(1, 9)), at(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', deployment('', 2147483647, at(1, 9)), at(1, 20), false],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', deployment('', 10, at(1, 9)), at(1, 20), true],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', deployment('', 10, at(1, 11)), at(1, 20), false],
    ['previous status was a complete deployment', deployment('NewReplicaSetAvailable', undefined, undefined), at(1, 20), false],
  ])('%s', (_name, d, now, expected) => {
    expect(deploymentTimedOut(d, d.status!, now)).toBe(expected);
  });

  test('exactly at the deadline is not yet timed out', () => {
    const d = deployment('ReplicaSetUpdated', 10, at(1, 10));
    expect(deploymentTimedOut(d, d.status!, at(1, 20))).toBe(false);
  });

  test('a completed rollout never times out, whatever the clock says', () => {
    const d = deployment('NewReplicaSetAvailable', 10, at(0, 0));
    expect(deploymentTimedOut(d, d.status!, at(59, 0))).toBe(false);
  });
});

/** progress_test.go currentDeployment: `progress-test`, Recreate, with the given sizes and conditions. */
const currentDeployment = (pds: number | undefined, replicas: number, statusReplicas: number, updated: number, available: number, conditions?: WorkloadCondition[]): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'progress-test' },
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'Recreate' }, ...(pds !== undefined && { progressDeadlineSeconds: pds }) },
  status: { replicas: statusReplicas, updatedReplicas: updated, availableReplicas: available, ...(conditions && { conditions }) },
});
const TEST_TIME = '2017-02-15T18:49:00Z';

describe('requeueStuckDeployment', () => {
  const failed: WorkloadCondition[] = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
  const stuck: WorkloadCondition[] = [{ type: 'Progressing', status: 'True', lastUpdateTime: TEST_TIME }];
  const status = (replicas: number, updated: number, available: number): DeploymentStatus => ({ replicas, updatedReplicas: updated, availableReplicas: available });
  // TestRequeueStuckDeployment: [name, deployment, new status, now, seconds]
  test.each<[string, Deployment, DeploymentStatus, string, number]>([
    ['nil progressDeadlineSeconds specified', currentDeployment(undefined, 4, 3, 3, 2), status(3, 3, 2), TEST_TIME, -1],
    ['infinite progressDeadlineSeconds specified', currentDeployment(2147483647, 4, 3, 3, 2), status(3, 3, 2), TEST_TIME, -1],
    ['no progressing condition found', currentDeployment(60, 4, 3, 3, 2), status(3, 3, 2), TEST_TIME, -1],
    ['complete deployment does not need to be requeued', currentDeployment(60, 3, 3, 3, 3), status(3, 3, 3), TEST_TIME, -1],
    ['already failed deployment does not need to be requeued', currentDeployment(60, 3, 3, 3, 0, failed), status(3, 3, 0), TEST_TIME, -1],
    ['stuck deployment - 30s', currentDeployment(60, 3, 3, 3, 1, stuck), status(3, 3, 1), '2017-02-15T18:49:30Z', 30],
    ['stuck deployment - 1s', currentDeployment(60, 3, 3, 3, 1, stuck), status(3, 3, 1), '2017-02-15T18:49:59Z', 1],
    ['failed deployment - now', currentDeployment(60, 3, 3, 3, 1, stuck), status(3, 3, 1), '2017-02-15T18:50:00Z', 0],
    ['failed deployment - 1s after deadline', currentDeployment(60, 3, 3, 3, 1, stuck), status(3, 3, 1), '2017-02-15T18:50:01Z', 0],
    ['failed deployment - 60s after deadline', currentDeployment(60, 3, 3, 3, 1, stuck), status(3, 3, 1), '2017-02-15T18:51:00Z', 0],
  ])('%s', (_name, d, newStatus, now, expected) => {
    expect(requeueStuckDeployment(d, newStatus, now)).toBe(expected);
  });
});

describe('syncRolloutStatus', () => {
  const NOW = '2017-02-15T18:51:00Z';
  const failedTimedOut: WorkloadCondition = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' };
  const newRSAvailable: WorkloadCondition = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: TEST_TIME, lastTransitionTime: TEST_TIME };
  const replicaSetUpdated: WorkloadCondition = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: TEST_TIME, lastTransitionTime: TEST_TIME };
  type Expect = { status?: 'True' | 'False'; reason?: string; lastUpdate?: string; lastTransition?: string };
  // TestSyncRolloutStatus: [name, deployment, other ReplicaSets, new ReplicaSet, expected Progressing condition]
  test.each<[string, Deployment, ReplicaSet[], ReplicaSet | undefined, Expect | undefined]>([
    [
      'General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline',
      currentDeployment(undefined, 3, 2, 2, 2, [replicaSetUpdated]),
      [rsWithAvailable('bar', 0, 1, 1)],
      rsWithAvailable('foo', 3, 2, 2),
      undefined,
    ],
    [
      'General: do not estimate progress of deployment with only one active ReplicaSet',
      currentDeployment(60, 3, 3, 3, 3, [newRSAvailable]),
      [rsWithAvailable('bar', 3, 3, 3)],
      undefined,
      { status: 'True', reason: 'NewReplicaSetAvailable', lastUpdate: TEST_TIME, lastTransition: TEST_TIME },
    ],
    [
      'DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True',
      currentDeployment(60, 3, 2, 2, 2, [replicaSetUpdated]),
      [rsWithAvailable('bar', 0, 1, 1)],
      rsWithAvailable('foo', 3, 2, 2),
      { status: 'True', reason: 'ReplicaSetUpdated', lastUpdate: NOW, lastTransition: TEST_TIME },
    ],
    [
      'DeploymentProgressing: update everything if deployment has Progressing=False',
      currentDeployment(60, 3, 2, 2, 2, [failedTimedOut]),
      [rsWithAvailable('bar', 0, 1, 1)],
      rsWithAvailable('foo', 3, 2, 2),
      { status: 'True', reason: 'ReplicaSetUpdated', lastUpdate: NOW, lastTransition: NOW },
    ],
    [
      'DeploymentProgressing: create Progressing condition if it does not exist',
      currentDeployment(60, 3, 2, 2, 2, []),
      [rsWithAvailable('bar', 0, 1, 1)],
      rsWithAvailable('foo', 3, 2, 2),
      { status: 'True', reason: 'ReplicaSetUpdated', lastUpdate: NOW, lastTransition: NOW },
    ],
    [
      'DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True',
      currentDeployment(60, 3, 3, 3, 3, [replicaSetUpdated]),
      [],
      rsWithAvailable('foo', 3, 3, 3),
      { status: 'True', reason: 'NewReplicaSetAvailable', lastTransition: TEST_TIME },
    ],
    [
      'DeploymentComplete: update everything if deployment has Progressing=False',
      currentDeployment(60, 3, 3, 3, 3, [failedTimedOut]),
      [],
      rsWithAvailable('foo', 3, 3, 3),
      { status: 'True', reason: 'NewReplicaSetAvailable', lastUpdate: NOW, lastTransition: NOW },
    ],
    [
      'DeploymentComplete: create Progressing condition if it does not exist',
      currentDeployment(60, 3, 3, 3, 3, []),
      [],
      rsWithAvailable('foo', 3, 3, 3),
      { status: 'True', reason: 'NewReplicaSetAvailable', lastUpdate: NOW, lastTransition: NOW },
    ],
    [
      'DeploymentComplete: defend against NPE when newRS=nil',
      currentDeployment(60, 0, 3, 3, 3, [replicaSetUpdated]),
      [rsWithAvailable('foo', 0, 0, 0)],
      undefined,
      { status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
    [
      'DeploymentTimedOut: update status if rollout exceeds Progress Deadline',
      currentDeployment(60, 3, 2, 2, 2, [replicaSetUpdated]),
      [],
      rsWithAvailable('foo', 3, 2, 2),
      { status: 'False', reason: 'ProgressDeadlineExceeded', lastUpdate: NOW },
    ],
    [
      'DeploymentTimedOut: do not update status if deployment has existing timedOut condition',
      currentDeployment(60, 3, 2, 2, 2, [failedTimedOut]),
      [],
      rsWithAvailable('foo', 3, 2, 2),
      { status: 'False', reason: 'ProgressDeadlineExceeded' },
    ],
  ])('%s', (_name, d, others, newRS, expected) => {
    const allRSs = newRS ? [...others, newRS] : others;
    const { status } = syncRolloutStatus(allRSs, newRS, d, NOW);
    const condition = getDeploymentCondition(status, 'Progressing');
    if (expected === undefined) {
      expect(condition, 'no Progressing condition without a deadline').toBeUndefined();
      return;
    }
    expect(condition, 'a Progressing condition').toBeDefined();
    expect({ status: condition!.status, reason: condition!.reason }).toEqual({ status: expected.status, reason: expected.reason });
    if (expected.lastUpdate) expect(condition!.lastUpdateTime, 'lastUpdateTime').toBe(expected.lastUpdate);
    if (expected.lastTransition) expect(condition!.lastTransitionTime, 'lastTransitionTime').toBe(expected.lastTransition);
  });

  test('names the new ReplicaSet in its messages', () => {
    const d = currentDeployment(60, 3, 3, 3, 3, []);
    const { status } = syncRolloutStatus([rsWithAvailable('foo', 3, 3, 3)], rsWithAvailable('foo', 3, 3, 3), d, NOW);
    expect(getDeploymentCondition(status, 'Progressing')?.message).toBe('ReplicaSet "foo" has successfully progressed.');
  });

  test('a stuck rollout with nothing new to report asks to be synced again one second after its deadline', () => {
    // Nothing moved since 18:49:00; the deadline is 18:50:00, so at 18:49:30 wait 30 s and 1 more.
    const d: Deployment = {
      ...currentDeployment(60, 3, 3, 3, 1, [replicaSetUpdated]),
      status: { observedGeneration: 0, replicas: 3, updatedReplicas: 3, readyReplicas: 0, availableReplicas: 1, unavailableReplicas: 2, conditions: [replicaSetUpdated] },
    };
    const newRS = rsWithAvailable('foo', 3, 3, 1);
    const once = syncRolloutStatus([newRS], newRS, d, '2017-02-15T18:49:30Z');
    const steady = { ...d, status: once.status };
    expect(syncRolloutStatus([newRS], newRS, steady, '2017-02-15T18:49:30Z').requeueAfter).toBe(31);
  });

  test('copies a ReplicaSet failure into the Deployment and removes it once the failure is gone', () => {
    const failure = { type: 'ReplicaFailure', status: 'True' as const, reason: 'FailedCreate', message: 'quota', lastTransitionTime: TEST_TIME };
    const broken: ReplicaSet = { ...rsWithAvailable('foo', 3, 0, 0), status: { replicas: 0, availableReplicas: 0, conditions: [failure] } };
    const d = currentDeployment(60, 3, 0, 0, 0, []);
    const failing = syncRolloutStatus([broken], broken, d, NOW).status;
    expect(getDeploymentCondition(failing, 'ReplicaFailure')).toEqual({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: TEST_TIME, lastUpdateTime: TEST_TIME });
    const healed = syncRolloutStatus([rsWithAvailable('foo', 3, 0, 0)], rsWithAvailable('foo', 3, 0, 0), { ...d, status: failing }, NOW).status;
    expect(getDeploymentCondition(healed, 'ReplicaFailure')).toBeUndefined();
  });
});

describe('calculateStatus', () => {
  const NOW = '2025-01-01T00:00:00Z';
  const d: Deployment = { ...newDeployment('web', 10, { maxSurge: '25%', maxUnavailable: '25%' }), metadata: { name: 'web', generation: 4 }, status: { collisionCount: 2 } };
  const oldRS: ReplicaSet = { ...rsWithAvailable('web-old', 5, 6, 5), status: { replicas: 6, readyReplicas: 6, availableReplicas: 5 } };
  const newRS: ReplicaSet = { ...rsWithAvailable('web-new', 5, 4, 3), status: { replicas: 4, readyReplicas: 3, availableReplicas: 3 } };

  test('adds up the ReplicaSets and counts the new one as updated', () => {
    expect(calculateStatus([oldRS, newRS], newRS, d, NOW)).toMatchObject({
      observedGeneration: 4,
      replicas: 10,
      updatedReplicas: 4,
      readyReplicas: 9,
      availableReplicas: 8,
      unavailableReplicas: 2,
      collisionCount: 2,
    });
  });

  test('is Available with at least replicas - maxUnavailable pods available', () => {
    // 10 at 25% may miss 2: 8 available is enough.
    expect(getDeploymentCondition(calculateStatus([oldRS, newRS], newRS, d, NOW), 'Available')).toEqual({
      type: 'Available',
      status: 'True',
      reason: 'MinimumReplicasAvailable',
      message: 'Deployment has minimum availability.',
      lastUpdateTime: NOW,
      lastTransitionTime: NOW,
    });
  });

  test('is not Available below that', () => {
    const fewer = { ...newRS, status: { replicas: 4, availableReplicas: 2 } };
    const condition = getDeploymentCondition(calculateStatus([oldRS, fewer], fewer, d, NOW), 'Available');
    expect([condition?.status, condition?.reason, condition?.message]).toEqual(['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  });

  test('never reports a negative number of unavailable pods', () => {
    const surplus = { ...oldRS, spec: { ...oldRS.spec!, replicas: 1 } };
    expect(calculateStatus([surplus], undefined, d, NOW).unavailableReplicas).toBe(0);
  });

  test('keeps the other conditions', () => {
    const progressing = { type: 'Progressing', status: 'True' as const, reason: 'ReplicaSetUpdated' };
    const withCondition = { ...d, status: { conditions: [progressing] } };
    expect(calculateStatus([oldRS, newRS], newRS, withCondition, NOW).conditions?.[0]).toEqual(progressing);
  });
});

describe('checkPausedConditions', () => {
  const NOW = '2025-01-01T00:00:00Z';
  const base = { ...newDeployment('web', 3), spec: { ...newDeployment('web', 3).spec!, progressDeadlineSeconds: 600 } };

  test('a paused Deployment gets Progressing=Unknown with reason DeploymentPaused', () => {
    const status = checkPausedConditions({ ...base, spec: { ...base.spec, paused: true } }, NOW);
    expect(getDeploymentCondition(status, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
  });

  test('a resumed Deployment gets reason DeploymentResumed', () => {
    const paused = { type: 'Progressing', status: 'Unknown' as const, reason: 'DeploymentPaused' };
    const status = checkPausedConditions({ ...base, status: { conditions: [paused] } }, NOW);
    expect(getDeploymentCondition(status, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' });
  });

  test('a timed-out rollout keeps its condition when paused', () => {
    const timedOut = { type: 'Progressing', status: 'False' as const, reason: 'ProgressDeadlineExceeded' };
    expect(checkPausedConditions({ ...base, spec: { ...base.spec, paused: true }, status: { conditions: [timedOut] } }, NOW)).toBeUndefined();
  });

  test('nothing to record without a progress deadline, or when nothing changed', () => {
    const { progressDeadlineSeconds: _pds, ...noDeadline } = base.spec;
    expect(checkPausedConditions({ ...base, spec: { ...noDeadline, paused: true } }, NOW)).toBeUndefined();
    expect(checkPausedConditions(base, NOW)).toBeUndefined();
  });
});
