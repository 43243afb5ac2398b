/**
 * Kata 09-revisions.
 *
 * Examples: upstream's TestStatefulSetCompatibility test data (the revisions
 * `test-c77f6d978` and `test-776999688b`, testdata/compatibility_revision_1.33.0.json and
 * _1.34.0.json), TestCreateApplyRevision, TestRollingUpdateApplyRevision
 * (stateful_set_utils_test.go), TestStatefulSetControl_getSetRevisions,
 * TestStatefulSetControlRollingUpdateWithPartition, TestStatefulSetControlOnDeleteUpdate and
 * TestStatefulSetHonorRevisionHistoryLimit (stateful_set_control_test.go), and
 * CreateControllerRevision's collision loop (pkg/controller/history/controller_history.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyRevision,
  completeRollingUpdate,
  getPodRevision,
  getStatefulSetRevisions,
  newRevision,
  newVersionedStatefulSetPod,
  nextRevision,
  truncateHistory,
} from '@kata/09-statefulset/revisions';
import type { Pod, PodTemplateSpec, StatefulSet, StatefulSetStatus } from '../../core/api/types';
import { CONTROLLER_REVISION_HASH_LABEL, equalRevision, type ControllerRevision } from '../../core/controllers/controller-revision';
import { STATEFULSET_REVISION_LABEL } from '../../core/controllers/statefulset-api';
import { newStatefulSet, withImage } from '../../core/controllers/statefulset-fixtures';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const withStatus = (set: StatefulSet, status: Partial<StatefulSetStatus>): StatefulSet => ({ ...set, status: { replicas: 0, ...set.status, ...status } });
const withTemplate = (set: StatefulSet, template: PodTemplateSpec): StatefulSet => ({ ...set, spec: { ...set.spec!, template } });
const imageOf = (pod: Pod) => pod.spec?.containers[0]?.image;
const names = (intents: Intent[]) => intents.map((i) => (i.type === 'create' || i.type === 'update' ? `${i.type} ${i.object.metadata.name}` : i.type === 'delete' ? `delete ${i.name}` : i.type));

/** The template as kube-apiserver defaulted it, from upstream's compatibility test data. */
function compatibilityTemplate(withNullCreationTimestamp: boolean): PodTemplateSpec {
  return {
    metadata: { annotations: { test: 'value' }, ...(withNullCreationTimestamp && { creationTimestamp: null as unknown as string }), labels: { app: 'foo' } },
    spec: {
      containers: [{ image: 'test', imagePullPolicy: 'Always', name: 'test', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

describe('newRevision', () => {
  const test133 = withTemplate({ ...newStatefulSet(1, 'test'), metadata: { name: 'test', namespace: 'default', uid: 'ssuid' } }, compatibilityTemplate(true));

  test('a 1.33 template hashes to the revision name upstream recorded, test-c77f6d978 (TestStatefulSetCompatibility)', () => {
    const revision = newRevision(test133, 1, 0);
    expect(revision.metadata.name).toBe('test-c77f6d978');
    expect(revision.metadata.labels).toEqual({ app: 'foo', [CONTROLLER_REVISION_HASH_LABEL]: 'c77f6d978' });
  });

  test('a 1.34 template (no creationTimestamp) hashes to test-776999688b (compatibility_revision_1.34.0.json)', () => {
    expect(newRevision(withTemplate(test133, compatibilityTemplate(false)), 2, 0).metadata.name).toBe('test-776999688b');
  });

  test('the collision count is part of the hash, so a collision gives another name', () => {
    expect(newRevision(test133, 1, 1).metadata.name).not.toBe('test-c77f6d978');
  });

  test('the data is the template as a replacing patch, and the set controls the revision', () => {
    const revision = newRevision(test133, 3, 0);
    expect(revision.data).toEqual({ spec: { template: { ...compatibilityTemplate(true), $patch: 'replace' } } });
    expect(revision.revision).toBe(3);
    expect(revision.metadata.namespace).toBe('default');
    expect(revision.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'test', uid: 'ssuid', controller: true, blockOwnerDeletion: true }]);
  });

  test('the revision carries the set annotations and applying it restores the template (TestCreateApplyRevision)', () => {
    const set = { ...newStatefulSet(1), metadata: { ...newStatefulSet(1).metadata, annotations: { foo: 'bar' } } };
    const revision = newRevision(set, 1, 0);
    expect(revision.metadata.annotations).toEqual({ foo: 'bar' });
    const changed = withImage(set, 'changed');
    const restored = applyRevision(changed, revision);
    expect(equalRevision(newRevision(restored, 2, 0), revision)).toBe(true);
    expect(restored.metadata.annotations).toEqual({ foo: 'bar' });
  });

  test('applying the current and the update revision gives back each template (TestRollingUpdateApplyRevision)', () => {
    const set = newStatefulSet(1);
    const current = newRevision(set, 1, 0);
    const updated = withImage(set, 'foo');
    const update = newRevision(updated, 2, 0);
    expect(applyRevision(updated, current).spec?.template).toEqual(set.spec?.template);
    expect(applyRevision(set, update).spec?.template).toEqual(updated.spec?.template);
  });

  test('nextRevision is one more than the highest revision, 1 for none', () => {
    const set = newStatefulSet(1);
    expect(nextRevision([])).toBe(1);
    expect(nextRevision([newRevision(set, 1, 0), newRevision(set, 3, 0), newRevision(set, 2, 0)])).toBe(4);
  });
});

/** Upstream's table: set (rev0), set1 with image foo (rev1), set2 with a new label (rev2). */
function history() {
  const set = withStatus(newStatefulSet(3), { collisionCount: 0 });
  const rev0 = newRevision(set, 1, 0);
  const set1 = withStatus(withImage(set, 'foo'), { currentRevision: rev0.metadata.name });
  const rev1 = newRevision(set1, 2, 0);
  const set2 = withStatus(withTemplate(set1, { ...set1.spec!.template, metadata: { labels: { foo: 'bar', new: 'label' } } }), { currentRevision: rev0.metadata.name });
  return { set, rev0, set1, rev1, rev2: newRevision(set2, 3, 0) };
}

describe('getStatefulSetRevisions (TestStatefulSetControl_getSetRevisions)', () => {
  test('creates the initial revision, which is both current and update', () => {
    const { set, rev0 } = history();
    const result = getStatefulSetRevisions(set, []);
    expect(names(result.intents)).toEqual([`create ${rev0.metadata.name}`]);
    expect(result.currentRevision).toEqual(rev0);
    expect(result.updateRevision).toEqual(rev0);
  });

  test('creates a revision on update; the current one stays', () => {
    const { set1, rev0, rev1 } = history();
    const result = getStatefulSetRevisions(set1, [rev0]);
    expect(names(result.intents)).toEqual([`create ${rev1.metadata.name}`]);
    expect([result.currentRevision.metadata.name, result.updateRevision.metadata.name, result.updateRevision.revision]).toEqual([rev0.metadata.name, rev1.metadata.name, 2]);
  });

  test('must not recreate a new revision of the same set', () => {
    const { set1, rev0, rev1 } = history();
    const result = getStatefulSetRevisions(set1, [rev1, rev0]);
    expect(result.intents).toEqual([]);
    expect(result.updateRevision).toEqual(rev1);
    expect(result.currentRevision).toEqual(rev0);
  });

  test('must roll back to a previous revision by renumbering it', () => {
    const { set1, rev0, rev1, rev2 } = history();
    const result = getStatefulSetRevisions(set1, [rev0, rev1, rev2]);
    expect(result.intents).toEqual([{ type: 'update', object: { ...rev1, revision: 4 } }]);
    expect(result.updateRevision).toEqual({ ...rev1, revision: 4 });
    expect(result.currentRevision).toEqual(rev0);
  });

  test('a current revision that no longer exists falls back to the update revision', () => {
    const { set1, rev1 } = history();
    const result = getStatefulSetRevisions(withStatus(set1, { currentRevision: 'foo-gone' }), [rev1]);
    expect(result.currentRevision).toEqual(rev1);
  });

  test('a name taken by a revision with other data raises the collision count and picks another name (CreateControllerRevision)', () => {
    const { set, rev0 } = history();
    const squatter: ControllerRevision = { ...rev0, metadata: { ...rev0.metadata, ownerReferences: [] }, data: { other: true } };
    const result = getStatefulSetRevisions(set, [], [squatter]);
    expect(result.collisionCount).toBe(1);
    expect(result.updateRevision.metadata.name).toBe(newRevision(set, 1, 1).metadata.name);
    expect(names(result.intents)).toEqual([`create ${newRevision(set, 1, 1).metadata.name}`]);
  });

  test('a name taken by a revision with the same data is used as it is (CreateControllerRevision)', () => {
    const { set, rev0 } = history();
    const twin: ControllerRevision = { ...rev0, metadata: { ...rev0.metadata, ownerReferences: [] } };
    const result = getStatefulSetRevisions(set, [], [twin]);
    expect(result.intents).toEqual([]);
    expect(result.updateRevision).toEqual(twin);
    expect(result.collisionCount).toBe(0);
  });
});

describe('the revision of a new pod', () => {
  const set = newStatefulSet(5);
  const updated = withImage(set, 'foo');
  const partitioned = (s: StatefulSet, partition: number, start = 0): StatefulSet => ({
    ...s,
    spec: { ...s.spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } }, ...(start > 0 && { ordinals: { start } }) },
  });

  test('below the partition a new pod gets the current revision, from it up the update revision (TestStatefulSetControlRollingUpdateWithPartition)', () => {
    const pods = [0, 1, 2, 3].map((i) => newVersionedStatefulSetPod(partitioned(set, 2), partitioned(updated, 2), 'rev-current', 'rev-update', i));
    expect(pods.map(imageOf)).toEqual(['nginx', 'nginx', 'foo', 'foo']);
    expect(pods.map(getPodRevision)).toEqual(['rev-current', 'rev-current', 'rev-update', 'rev-update']);
  });

  test('the partition counts from spec.ordinals.start', () => {
    const pods = [2, 3].map((i) => newVersionedStatefulSetPod(partitioned(set, 1, 2), partitioned(updated, 1, 2), 'rev-current', 'rev-update', i));
    expect(pods.map(getPodRevision)).toEqual(['rev-current', 'rev-update']);
  });

  test('RollingUpdate without rollingUpdate keeps the first status.currentReplicas ordinals at the current revision', () => {
    const current = withStatus(set, { currentReplicas: 3 });
    expect([2, 3].map((i) => getPodRevision(newVersionedStatefulSetPod(current, updated, 'rev-current', 'rev-update', i)))).toEqual(['rev-current', 'rev-update']);
  });

  test('under OnDelete every new pod gets the update revision (TestStatefulSetControlOnDeleteUpdate)', () => {
    const onDelete = (s: StatefulSet): StatefulSet => withStatus({ ...s, spec: { ...s.spec!, updateStrategy: { type: 'OnDelete' } } }, { currentReplicas: 3 });
    const pod = newVersionedStatefulSetPod(onDelete(set), onDelete(updated), 'rev-current', 'rev-update', 0);
    expect([imageOf(pod), pod.metadata.labels?.[STATEFULSET_REVISION_LABEL]]).toEqual(['foo', 'rev-update']);
  });

  test('a pod without the revision label has revision ""', () => {
    expect(getPodRevision({ metadata: { name: 'foo-0' } })).toBe('');
  });
});

describe('history and completion', () => {
  const set = newStatefulSet(3);
  const fiveRevisions = () => [1, 2, 3, 4, 5].map((n) => newRevision(withImage(set, `image-${n}`), n, 0));
  const atRevision = (r: ControllerRevision): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'foo-0', labels: { [STATEFULSET_REVISION_LABEL]: r.metadata.name } } });
  const limited = (limit: number): StatefulSet => ({ ...set, spec: { ...set.spec!, revisionHistoryLimit: limit } });

  test('live revisions (current, update, and those of pods) are kept and the oldest others go (TestStatefulSetHonorRevisionHistoryLimit)', () => {
    const revisions = fiveRevisions();
    const [r1, r2, r3, r4, r5] = revisions as [ControllerRevision, ControllerRevision, ControllerRevision, ControllerRevision, ControllerRevision];
    expect(names(truncateHistory(limited(1), [atRevision(r2)], revisions, r4, r5))).toEqual([`delete ${r1.metadata.name}`]);
    expect(truncateHistory(limited(2), [atRevision(r2)], revisions, r4, r5), 'r1 and r3 fit the limit of 2').toEqual([]);
    expect(names(truncateHistory(limited(0), [], revisions, r4, r5))).toEqual([r1, r2, r3].map((r) => `delete ${r.metadata.name}`));
    expect(truncateHistory(limited(-1), [], revisions, r4, r5), 'a negative limit keeps everything').toEqual([]);
  });

  test('a finished rolling update makes the update revision current', () => {
    const status = { replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 0, currentRevision: 'old', updateRevision: 'new' };
    expect(completeRollingUpdate(set, status)).toEqual({ ...status, currentReplicas: 3, currentRevision: 'new' });
  });

  test('an unfinished update, or OnDelete, leaves the current revision alone', () => {
    const status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, currentReplicas: 0, currentRevision: 'old', updateRevision: 'new' };
    expect(completeRollingUpdate(set, status), 'a pod is not ready').toEqual(status);
    const done = { ...status, readyReplicas: 3 };
    expect(completeRollingUpdate({ ...set, spec: { ...set.spec!, updateStrategy: { type: 'OnDelete' } } }, done), 'OnDelete').toEqual(done);
  });
});

describe('properties', () => {
  const image = fc.stringMatching(/^[a-z]{1,6}(:[0-9]{1,2})?$/);
  const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'foo'), fc.constantFrom('bar', 'web', 'x<&>y'), { noNullPrototype: true });

  test('the same template gives the same revision name whatever the order of its keys', () => {
    fc.assert(
      fc.property(image, labels, (img, extra) => {
        const set = withImage(newStatefulSet(1), img);
        const template = { ...set.spec!.template, metadata: { labels: { foo: 'bar', ...extra } } };
        const reordered = { spec: template.spec, metadata: Object.fromEntries(Object.entries(template.metadata).reverse()) };
        expect(newRevision(withTemplate(set, reordered), 1, 0).metadata.name).toBe(newRevision(withTemplate(set, template), 1, 0).metadata.name);
      }),
      runs(100),
    );
  });

  test('applying a revision to any set gives that revision back', () => {
    fc.assert(
      fc.property(image, image, labels, (a, b, extra) => {
        const recorded = withTemplate(withImage(newStatefulSet(1), a), { ...withImage(newStatefulSet(1), a).spec!.template, metadata: { labels: { foo: 'bar', ...extra } } });
        const revision = newRevision(recorded, 1, 0);
        expect(applyRevision(withImage(newStatefulSet(2), b), revision).spec?.template).toEqual(recorded.spec?.template);
      }),
      runs(100),
    );
  });

  test('once its writes are made, asking for the revisions again writes nothing and gives the same update revision', () => {
    fc.assert(
      fc.property(fc.array(image, { minLength: 1, maxLength: 6 }), (images) => {
        let history: ControllerRevision[] = [];
        let current = '';
        for (const img of images) {
          const set = withStatus(withImage(newStatefulSet(3), img), { currentRevision: current });
          const first = getStatefulSetRevisions(set, history);
          for (const intent of first.intents) {
            if (intent.type !== 'create' && intent.type !== 'update') continue;
            history = [...history.filter((r) => r.metadata.name !== intent.object.metadata.name), intent.object as ControllerRevision];
          }
          const again = getStatefulSetRevisions(set, history);
          expect(again.intents).toEqual([]);
          expect(again.updateRevision.metadata.name).toBe(first.updateRevision.metadata.name);
          expect(again.updateRevision.revision, 'the update revision is the newest').toBe(Math.max(...history.map((r) => r.revision)));
          current = first.currentRevision.metadata.name;
        }
      }),
      runs(100),
    );
  });
});
