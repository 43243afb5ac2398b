/**
 * Kata 08-deployment-controller, part one: getNewReplicaSet.
 *
 * The first example is TestSyncDeploymentCreatesReplicaSet (pkg/controller/deployment/
 * deployment_controller_test.go: one create, then the status), with the created object
 * checked field by field against sync.go's getNewReplicaSet. The others restate getNewReplicaSet's
 * branches: the revision sync of an existing new ReplicaSet (SetNewReplicaSetAnnotations, its
 * "rolling back to this replica set" history), `minReadySeconds`, the FoundNewReplicaSet
 * condition, and the hash-collision handling around `errors.IsAlreadyExists`.
 */
import { describe, expect, test } from 'vitest';
import { getAllReplicaSetsAndSyncRevision, getNewReplicaSet } from '@kata/08-deployment/new-replica-set';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { defaultDeployment } from '../../core/controllers/deployment-defaults';
import { deploymentRef, generateRS, newDeployment } from '../../core/controllers/deployment-fixtures';
import { startPlan, type SyncPlan } from '../../core/controllers/deployment-plan';
import type { Intent } from '../../core/runtime/types';

const NOW = '2025-03-01T12:00:00Z';
const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';
const HASH = 'pod-template-hash';

const planFor = (d: Deployment): SyncPlan => startPlan(defaultDeployment(d), d, NOW);
const nothingTaken = () => undefined;
const created = (plan: SyncPlan) => plan.intents.filter((i): i is Extract<Intent, { type: 'create' }> => i.type === 'create').map((i) => i.object as ReplicaSet);
const updated = (plan: SyncPlan) => plan.intents.filter((i): i is Extract<Intent, { type: 'update' }> => i.type === 'update').map((i) => i.object as ReplicaSet);
const events = (plan: SyncPlan) => plan.intents.filter((i): i is Extract<Intent, { type: 'event' }> => i.type === 'event').map((e) => `${e.eventType} ${e.reason} ${e.message}`);
const progressing = (plan: SyncPlan) => plan.deployment.status?.conditions?.find((c) => c.type === 'Progressing');
const withRevision = (rs: ReplicaSet, revision: string): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, [REVISION]: revision } } });
const foo = () => newDeployment('foo', 1, { selector: { foo: 'bar' } });

describe('getNewReplicaSet: creating', () => {
  test('creates the new ReplicaSet under <deployment>-<pod-template-hash>', () => {
    const { plan, newRS } = getNewReplicaSet(planFor(foo()), [], [], true, nothingTaken);
    const [rs] = created(plan);
    expect(rs, 'one create intent').toBeDefined();
    const hash = rs!.spec?.template?.metadata?.labels?.[HASH];
    expect(hash, 'the template carries the pod-template-hash label').toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs!.metadata.name).toBe(`foo-${hash}`);
    expect(newRS?.metadata.name).toBe(rs!.metadata.name);
  });

  test("labels it and extends its selector with the hash, and makes the Deployment its controller", () => {
    const d = foo();
    const [rs] = created(getNewReplicaSet(planFor(d), [], [], true, nothingTaken).plan);
    const hash = rs!.spec!.template!.metadata!.labels![HASH]!;
    expect(rs!.metadata.labels).toEqual({ foo: 'bar', [HASH]: hash });
    expect(rs!.spec!.selector).toEqual({ matchLabels: { foo: 'bar', [HASH]: hash } });
    expect(rs!.metadata.ownerReferences).toEqual([deploymentRef({ ...d, apiVersion: 'apps/v1', kind: 'Deployment' })]);
  });

  test('sizes it with newRSNewReplicas and records revision 1 and the sizes it was made for', () => {
    const [rs] = created(getNewReplicaSet(planFor(foo()), [], [], true, nothingTaken).plan);
    expect(rs!.spec!.replicas).toBe(1);
    expect(rs!.metadata.annotations).toEqual({
      [REVISION]: '1',
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '1',
    });
  });

  test("copies the Deployment's minReadySeconds", () => {
    const d = foo();
    d.spec!.minReadySeconds = 10;
    expect(created(getNewReplicaSet(planFor(d), [], [], true, nothingTaken).plan)[0]!.spec!.minReadySeconds).toBe(10);
  });

  test('records the scale-up and marks the Deployment as progressing with the created ReplicaSet', () => {
    const { plan } = getNewReplicaSet(planFor(foo()), [], [], true, nothingTaken);
    const name = created(plan)[0]!.metadata.name;
    expect(events(plan)).toEqual([`Normal ScalingReplicaSet Scaled up replica set ${name} from 0 to 1`]);
    expect(progressing(plan)).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"`, lastUpdateTime: NOW });
    expect(plan.deployment.metadata.annotations?.[REVISION]).toBe('1');
  });

  test('takes the revision after the highest old one', () => {
    const d = foo();
    const old = withRevision(generateRS({ ...d, spec: { ...d.spec!, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'foo', image: 'old' }] } } } }, 'foo-old'), '4');
    const [rs] = created(getNewReplicaSet(planFor(d), [old], [old], true, nothingTaken).plan);
    expect(rs!.metadata.annotations?.[REVISION]).toBe('5');
  });

  test('creates nothing when the strategy may not create yet', () => {
    const result = getNewReplicaSet(planFor(foo()), [], [], false, nothingTaken);
    expect(result.newRS).toBeUndefined();
    expect(result.plan.intents).toEqual([]);
  });

  test('a name taken by another template is a collision: collisionCount goes up and the sync fails', () => {
    const d = foo();
    const name = created(getNewReplicaSet(planFor(d), [], [], true, nothingTaken).plan)[0]!.metadata.name;
    const squatter: ReplicaSet = { ...generateRS({ ...d, spec: { ...d.spec!, template: { spec: { containers: [{ name: 'x', image: 'other' }] } } } }, name), metadata: { name, namespace: 'default', uid: 'uid-other' } };
    const result = getNewReplicaSet(planFor(d), [], [], true, (n) => (n === name ? squatter : undefined));
    expect(result.failed).toBe(true);
    expect(created(result.plan)).toEqual([]);
    expect(result.plan.deployment.status?.collisionCount).toBe(1);
  });

  test('a name taken by its own ReplicaSet with the same template is that ReplicaSet, not a collision', () => {
    const d = foo();
    const first = created(getNewReplicaSet(planFor(d), [], [], true, nothingTaken).plan)[0]!;
    const mine: ReplicaSet = { ...first, metadata: { ...first.metadata, uid: 'uid-mine' } };
    const result = getNewReplicaSet(planFor(d), [], [], true, (n) => (n === first.metadata.name ? mine : undefined));
    expect(result.failed).toBe(false);
    expect(created(result.plan)).toEqual([]);
    expect(result.newRS?.metadata.uid).toBe('uid-mine');
  });
});

describe('getNewReplicaSet: an existing new ReplicaSet', () => {
  const d = foo();
  const current = withRevision(generateRS(d, 'foo-current'), '1');

  test('is found by its template and brings the Deployment its revision', () => {
    const { plan, newRS } = getNewReplicaSet(planFor(d), [current], [], true, nothingTaken);
    expect(newRS?.metadata.name).toBe('foo-current');
    expect(plan.deployment.metadata.annotations?.[REVISION]).toBe('1');
    expect(created(plan)).toEqual([]);
  });

  test('gives a Deployment with a deadline and no Progressing condition a FoundNewReplicaSet condition', () => {
    expect(progressing(getNewReplicaSet(planFor(d), [current], [], true, nothingTaken).plan)).toMatchObject({
      status: 'True',
      reason: 'FoundNewReplicaSet',
      message: 'Found new replica set "foo-current"',
    });
  });

  test('becoming new again after a newer revision (a rollback) gets the next revision and keeps the old one in its history', () => {
    const other = withRevision(generateRS({ ...d, spec: { ...d.spec!, template: { spec: { containers: [{ name: 'foo', image: 'v2' }] } } } }, 'foo-v2'), '2');
    const { plan, newRS } = getNewReplicaSet(planFor(d), [current, other], [other], true, nothingTaken);
    expect(newRS?.metadata.annotations).toMatchObject({ [REVISION]: '3', [HISTORY]: '1' });
    expect(updated(plan).map((rs) => rs.metadata.name)).toEqual(['foo-current']);
  });

  test("gets the Deployment's minReadySeconds written", () => {
    const slow: Deployment = { ...d, spec: { ...d.spec!, minReadySeconds: 30 } };
    const { plan } = getNewReplicaSet(planFor(slow), [current], [], true, nothingTaken);
    expect(updated(plan).map((rs) => rs.spec?.minReadySeconds)).toEqual([30]);
  });

  test('already up to date, is not written at all', () => {
    const { plan } = getNewReplicaSet(planFor(d), [current], [], true, nothingTaken);
    expect(plan.intents).toEqual([]);
  });
});

describe('getAllReplicaSetsAndSyncRevision', () => {
  test('returns every other ReplicaSet as old, oldest first, with the new one', () => {
    const d = foo();
    const image = (tag: string): Deployment => ({ ...d, spec: { ...d.spec!, template: { spec: { containers: [{ name: 'foo', image: tag }] } } } });
    const a = generateRS(image('a'), 'foo-a', '2025-01-02T00:00:00Z');
    const b = generateRS(image('b'), 'foo-b', '2025-01-01T00:00:00Z');
    const mine = generateRS(d, 'foo-mine', '2025-01-03T00:00:00Z');
    const result = getAllReplicaSetsAndSyncRevision(planFor(d), [a, mine, b], false, nothingTaken);
    expect(result.newRS?.metadata.name).toBe('foo-mine');
    expect(result.oldRSs.map((rs) => rs.metadata.name)).toEqual(['foo-b', 'foo-a']);
  });
});
