/**
 * Kata 09-revisions: a StatefulSet keeps the history of its pod template in ControllerRevisions.
 * The revision matching the template as it is now is the *update* revision; the one the pods
 * were made from is the *current* revision (`status.currentRevision`). A rolling update moves
 * pods from current to update, and when all of them have moved, update becomes current. New
 * pods below the partition are still made at the current revision.
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go (getPatch, newRevision,
 * ApplyRevision, nextRevision, setPodRevision, getPodRevision, newVersionedStatefulSetPod,
 * completeRollingUpdate), pkg/controller/statefulset/stateful_set_control.go
 * (getStatefulSetRevisions, truncateHistory), pkg/controller/history/controller_history.go
 * (NewControllerRevision, CreateControllerRevision, UpdateControllerRevision).
 */
import { newStatefulSetPod } from '@kata/09-statefulset/identity';
import type { Pod, PodTemplateSpec, StatefulSet, StatefulSetStatus } from '../../core/api/types';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  equalRevision,
  findEqualRevisions,
  hashControllerRevision,
  sortControllerRevisions,
  type ControllerRevision,
} from '../../core/controllers/controller-revision';
import { STATEFULSET_KIND, STATEFULSET_REVISION_LABEL } from '../../core/controllers/statefulset-api';
import type { StatefulSetRevisions } from '../../core/controllers/statefulset-types';
import type { Intent } from '../../core/runtime/types';

/**
 * Upstream newRevision + history.NewControllerRevision: a revision of `set`'s template. Its data
 * is the patch that restores the template, `{ spec: { template: { ...template, $patch: 'replace' } } }`;
 * its name is `<set>-<hash>` (the hash covers the data and `collisionCount`), also kept in the
 * `controller.kubernetes.io/hash` label next to the template's labels; it is controlled by the
 * set and carries the set's annotations.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const template = set.spec?.template ?? {};
  const data = { spec: { template: { ...structuredClone(template), $patch: 'replace' } } };
  const hash = hashControllerRevision(data, collisionCount);
  const annotations = set.metadata.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(set.metadata.name, hash),
      namespace: set.metadata.namespace,
      labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(annotations && Object.keys(annotations).length > 0 && { annotations: { ...annotations } }),
      ownerReferences: [{ ...STATEFULSET_KIND, name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    data,
    revision,
  };
}

/** Upstream ApplyRevision: `set` with the template the revision recorded (the `$patch: replace` directive removed). */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const recorded = (revision.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template;
  if (recorded === undefined) return set;
  const { $patch: _directive, ...template } = structuredClone(recorded);
  return { ...set, spec: { ...set.spec!, template } };
}

/** Upstream nextRevision: one more than the highest `revision` (1 for an empty history). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
}

/** Upstream getPodRevision: the pod's `controller-revision-hash` label, or `''`. */
export function getPodRevision(pod: Pick<Pod, 'metadata'>): string {
  return pod.metadata.labels?.[STATEFULSET_REVISION_LABEL] ?? '';
}

/**
 * Upstream getStatefulSetRevisions. The update revision is the set's template as a revision:
 * - the newest revision when that one already holds the same template (nothing to write);
 * - an older revision holding the same template, renumbered to the next revision (a rollback,
 *   one `update`);
 * - otherwise a new revision (one `create`). Its name must be free: when a revision of that name
 *   already exists in the namespace with other data, the collision count goes up and the name
 *   is computed again; one with the same data is used as it is.
 * The current revision is the one `status.currentRevision` names, or the update revision when
 * there is none (a new set). `revisions` are the set's own (and orphaned) revisions;
 * `inNamespace` every revision of the namespace, for the name check.
 */
export function getStatefulSetRevisions(
  set: StatefulSet,
  revisions: readonly ControllerRevision[],
  inNamespace: readonly ControllerRevision[] = revisions,
): StatefulSetRevisions {
  const sorted = sortControllerRevisions(revisions);
  const intents: Intent[] = [];
  let collisionCount = set.status?.collisionCount ?? 0;
  let updateRevision = newRevision(set, nextRevision(sorted), collisionCount);
  const equal = findEqualRevisions(sorted, updateRevision);
  const newest = sorted[sorted.length - 1];
  const lastEqual = equal[equal.length - 1];
  if (lastEqual !== undefined && equalRevision(newest, lastEqual)) {
    updateRevision = newest!;
  } else if (lastEqual !== undefined) {
    updateRevision = { ...lastEqual, revision: updateRevision.revision };
    intents.push({ type: 'update', object: updateRevision });
  } else {
    for (;;) {
      const taken = inNamespace.find((r) => r.metadata.name === updateRevision.metadata.name);
      if (taken === undefined) {
        intents.push({ type: 'create', object: updateRevision });
        break;
      }
      if (equalRevision(taken, updateRevision)) {
        updateRevision = taken;
        break;
      }
      collisionCount++;
      updateRevision = newRevision(set, updateRevision.revision, collisionCount);
    }
  }
  const currentRevision = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? updateRevision;
  return { currentRevision, updateRevision, collisionCount, intents };
}

/**
 * Upstream newVersionedStatefulSetPod: a new pod for `ordinal`, made from the current
 * revision's set when the ordinal is below the partition (`start + partition`), otherwise from
 * the update revision's, labelled with that revision's name. A RollingUpdate strategy without
 * `rollingUpdate` (no partition) keeps the first `status.currentReplicas` ordinals at the
 * current revision. (This reproduces Go's `a && b || c` precedence in upstream's condition.)
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = currentSet.spec?.ordinals?.start ?? 0;
  const belowCurrentReplicas = strategy?.type === 'RollingUpdate' && strategy.rollingUpdate === undefined && ordinal < start + (currentSet.status?.currentReplicas ?? 0);
  const belowPartition = strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0);
  const [from, revision] = belowCurrentReplicas || belowPartition ? [currentSet, currentRevision] : [updateSet, updateRevision];
  const pod = newStatefulSetPod(from, ordinal);
  return { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, [STATEFULSET_REVISION_LABEL]: revision } } };
}

/**
 * Upstream truncateHistory: the deletes that keep at most `revisionHistoryLimit` revisions
 * besides the live ones. Live are the current and update revisions and every revision a pod
 * is labelled with; the oldest of the others go first. A negative limit keeps everything.
 */
export function truncateHistory(
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  current: ControllerRevision | undefined,
  update: ControllerRevision | undefined,
): Intent[] {
  const live = new Set<string>();
  if (current) live.add(current.metadata.name);
  if (update) live.add(update.metadata.name);
  for (const pod of pods) live.add(getPodRevision(pod));
  const history = sortControllerRevisions(revisions).filter((r) => !live.has(r.metadata.name));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit).map((r) => ({
    type: 'delete' as const,
    kind: 'ControllerRevision',
    namespace: r.metadata.namespace ?? '',
    name: r.metadata.name,
  }));
}

/**
 * Upstream completeRollingUpdate: under RollingUpdate, once `replicas` pods exist, all ready
 * and all at the update revision, the update revision becomes the current one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  const replicas = set.spec?.replicas ?? 1;
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
    return { ...status, currentReplicas: status.updatedReplicas, currentRevision: status.updateRevision };
  }
  return status;
}
