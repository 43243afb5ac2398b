/**
 * Kata 08-pod-template-hash, part two.
 *
 * Tables: TestFindNewReplicaSet, TestFindOldReplicaSets, TestAnnotationUtils and
 * TestReplicasAnnotationsNeedUpdate in pkg/controller/deployment/util/deployment_util_test.go.
 * Examples without a table restate the code and comments of deployment_util.go (MaxRevision,
 * LastRevision, SetNewReplicaSetAnnotations' "we are rolling back to this replica set").
 */
import { describe, expect, test } from 'vitest';
import {
  findNewReplicaSet,
  findOldReplicaSets,
  lastRevision,
  maxRevision,
  replicasAnnotationsNeedUpdate,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from '@kata/08-deployment/revision';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { generateDeployment, generateRS } from '../../core/controllers/deployment-fixtures';

const NOW = '2025-03-01T10:00:00Z';
const LATER = '2025-03-01T10:01:00Z';
const BEFORE = '2025-03-01T09:59:00Z';
const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';

const withLabel = (rs: ReplicaSet, hash: string): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, labels: { ...rs.metadata.labels, 'pod-template-hash': hash } } });
const withReplicas = (rs: ReplicaSet, replicas: number): ReplicaSet => ({ ...rs, spec: { ...rs.spec!, replicas } });
const withRevision = (rs: ReplicaSet, revision: string): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, [REVISION]: revision } } });
const renamedContainer = (d: Deployment, name: string): Deployment => {
  const copy = structuredClone(d);
  copy.spec!.template.spec!.containers[0]!.name = name;
  return copy;
};
const names = (list: readonly ReplicaSet[] | undefined) => list?.map((rs) => rs.metadata.name);

describe('findNewReplicaSet', () => {
  const deployment = generateDeployment('nginx');
  const newRS = withLabel(generateRS(deployment, 'nginx-new', LATER), 'hash');
  const newRSDup = withLabel(generateRS(deployment, 'nginx-dup', NOW), 'different-hash');
  const oldRS = generateRS(renamedContainer(deployment, 'nginx-old-1'), 'nginx-old');

  // TestFindNewReplicaSet
  test('Get new ReplicaSet with the same template as Deployment spec but different pod-template-hash value', () => {
    expect(findNewReplicaSet(deployment, [newRS, oldRS])?.metadata.name).toBe('nginx-new');
  });

  test('Get the oldest new ReplicaSet when there are more than one ReplicaSet with the same template', () => {
    expect(findNewReplicaSet(deployment, [newRS, oldRS, newRSDup])?.metadata.name).toBe('nginx-dup');
  });

  test('Get nil new ReplicaSet', () => {
    expect(findNewReplicaSet(deployment, [oldRS])).toBeUndefined();
  });
});

describe('findOldReplicaSets', () => {
  const deployment = generateDeployment('nginx');
  const newRS = withReplicas(withLabel(generateRS(deployment, 'nginx-new', LATER), 'hash'), 1);
  const newRSDup = withLabel(generateRS(deployment, 'nginx-dup', NOW), 'different-hash');
  const oldRS = generateRS(renamedContainer(deployment, 'nginx-old-1'), 'nginx-old', BEFORE);

  // TestFindOldReplicaSets: [name, rsList, all old (sorted by creation), required (replicas > 0)]
  test.each<[string, ReplicaSet[], string[], string[]]>([
    ['Get old ReplicaSets', [newRS, oldRS], ['nginx-old'], []],
    ['Get old ReplicaSets with no new ReplicaSet', [oldRS], ['nginx-old'], []],
    ['Get old ReplicaSets with two new ReplicaSets, only the oldest new ReplicaSet is seen as new ReplicaSet', [oldRS, newRS, newRSDup], ['nginx-old', 'nginx-new'], ['nginx-new']],
    ['Get empty old ReplicaSets', [newRS], [], []],
  ])('%s', (_name, rsList, all, required) => {
    const found = findOldReplicaSets(deployment, rsList);
    expect(names(found.allOldRSs)).toEqual(all);
    expect(names(found.requiredRSs)).toEqual(required);
  });
});

describe('maxRevision and lastRevision', () => {
  const d = generateDeployment('nginx');
  const list = ['3', '1', '4', '2'].map((r, i) => withRevision(generateRS(d, `rs-${i}`), r));

  test('maxRevision is the highest revision', () => {
    expect(maxRevision(list)).toBe(4);
  });

  test('lastRevision is the second highest revision, the one before the current', () => {
    expect(lastRevision(list)).toBe(3);
  });

  test('ReplicaSets without a revision count as revision 0, and unreadable ones are skipped', () => {
    const odd = [generateRS(d, 'none'), withRevision(generateRS(d, 'bad'), 'x'), withRevision(generateRS(d, 'two'), '2')];
    expect(maxRevision(odd)).toBe(2);
    expect(lastRevision(odd)).toBe(0);
  });

  test('no ReplicaSets have revision 0', () => {
    expect(maxRevision([])).toBe(0);
    expect(lastRevision([])).toBe(0);
  });
});

describe('setNewReplicaSetAnnotations', () => {
  const d: Deployment = { ...generateDeployment('nginx'), metadata: { ...generateDeployment('nginx').metadata, annotations: { [REVISION]: '1' } } };

  // TestAnnotationUtils, "SetNewReplicaSetAnnotations": revisions 11 to 20, history limited to 5 characters.
  test('raises the revision each time and keeps the last revisions that fit the history limit', () => {
    let rs = generateRS(d, 'nginx-1');
    for (let i = 10; i < 20; i++) {
      const next = String(i + 1);
      rs = setNewReplicaSetAnnotations(d, rs, next, true, 5).replicaSet;
      expect(rs.metadata.annotations?.[REVISION], `revision after setting ${next}`).toBe(next);
      if (i >= 12) expect(rs.metadata.annotations?.[HISTORY], `history after setting ${next}`).toBe(`${i - 1},${i}`);
    }
  });

  test('a ReplicaSet that becomes new again gets the next revision and remembers its old one', () => {
    const rolledBackTo = withRevision(generateRS(d, 'nginx-1'), '1');
    const { replicaSet, changed } = setNewReplicaSetAnnotations(d, rolledBackTo, '3', true, 2000);
    expect(changed).toBe(true);
    expect(replicaSet.metadata.annotations).toMatchObject({ [REVISION]: '3', [HISTORY]: '1' });
  });

  test('never lowers a revision', () => {
    const ahead = withRevision(generateRS(d, 'nginx-1'), '5');
    const { replicaSet, changed } = setNewReplicaSetAnnotations(d, ahead, '3', true, 2000);
    expect(changed).toBe(false);
    expect(replicaSet.metadata.annotations?.[REVISION]).toBe('5');
  });

  test("copies the Deployment's annotations except the ones that describe the Deployment itself", () => {
    const annotated: Deployment = {
      ...d,
      metadata: { ...d.metadata, annotations: { [REVISION]: '7', 'kubernetes.io/change-cause': 'kubectl set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    };
    const { replicaSet } = setNewReplicaSetAnnotations(annotated, generateRS(d, 'nginx-1'), '2', true, 2000);
    expect(replicaSet.metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'kubectl set image', [REVISION]: '2' });
  });

  test('a ReplicaSet about to be created records the sizes it is created for', () => {
    const rolling: Deployment = { ...d, spec: { ...d.spec!, replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    const { replicaSet, changed } = setNewReplicaSetAnnotations(rolling, generateRS(d, 'nginx-1'), '1', false, 2000);
    expect(changed).toBe(true);
    expect(replicaSet.metadata.annotations).toMatchObject({ [REVISION]: '1', [DESIRED]: '10', [MAX]: '13' });
  });

  test('an existing ReplicaSet with everything in place is not changed', () => {
    const current = withRevision(generateRS(d, 'nginx-1'), '2');
    expect(setNewReplicaSetAnnotations(d, current, '2', true, 2000).changed).toBe(false);
  });

  test('a revision that is not a number stops the update', () => {
    const broken = withRevision(generateRS(d, 'nginx-1'), 'two');
    expect(setNewReplicaSetAnnotations(d, broken, '3', true, 2000).changed).toBe(false);
  });
});

describe('setReplicasAnnotations and replicasAnnotationsNeedUpdate', () => {
  const d = generateDeployment('nginx');

  // TestAnnotationUtils, "SetReplicasAnnotations".
  test('records desired and max replicas', () => {
    const { replicaSet, changed } = setReplicasAnnotations(generateRS(d, 'nginx-1'), 10, 11);
    expect(changed).toBe(true);
    expect(replicaSet.metadata.annotations).toMatchObject({ [DESIRED]: '10', [MAX]: '11' });
  });

  test('reports no change when both are already recorded', () => {
    const once = setReplicasAnnotations(generateRS(d, 'nginx-1'), 10, 11).replicaSet;
    expect(setReplicasAnnotations(once, 10, 11).changed).toBe(false);
  });

  // TestReplicasAnnotationsNeedUpdate, against desired 10 and max 20.
  test.each<[string, Record<string, string> | undefined, boolean]>([
    ['test Annotations nil', undefined, true],
    ['test desiredReplicas update', { [DESIRED]: '8', [MAX]: '20' }, true],
    ['test maxReplicas update', { [DESIRED]: '10', [MAX]: '16' }, true],
    ["test needn't update", { [DESIRED]: '10', [MAX]: '20' }, false],
  ])('%s', (_name, annotations, expected) => {
    const rs = generateRS(d, 'hello');
    expect(replicasAnnotationsNeedUpdate({ ...rs, metadata: { ...rs.metadata, ...(annotations && { annotations }) } }, 10, 20)).toBe(expected);
  });
});
