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
import type { Pod, StatefulSet, StatefulSetStatus } from '../../core/api/types';
import type { ControllerRevision } from '../../core/controllers/controller-revision';
import type { StatefulSetRevisions } from '../../core/controllers/statefulset-types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent } from '../../core/runtime/types';

// TODO(kata): record templates as ControllerRevisions and decide which revision is current
// and which is the update. core/controllers/controller-revision.ts gives the hash, the naming,
// sorting and equality; newStatefulSetPod (@kata/09-statefulset/identity) makes a pod, and
// the revision label is STATEFULSET_REVISION_LABEL (core/controllers/statefulset-api.ts).

/**
 * Upstream newRevision + history.NewControllerRevision: a revision of `set`'s template. Its data
 * is the patch that restores the template, `{ spec: { template: { ...template, $patch: 'replace' } } }`;
 * its name is `<set>-<hash>` (the hash covers the data and `collisionCount`), also kept in the
 * `controller.kubernetes.io/hash` label next to the template's labels; it is controlled by the
 * set and carries the set's annotations.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  return notImplemented('09-revisions');
}

/** Upstream ApplyRevision: `set` with the template the revision recorded (the `$patch: replace` directive removed). */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  return notImplemented('09-revisions');
}

/** Upstream nextRevision: one more than the highest `revision` (1 for an empty history). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return notImplemented('09-revisions');
}

/** Upstream getPodRevision: the pod's `controller-revision-hash` label, or `''`. */
export function getPodRevision(pod: Pick<Pod, 'metadata'>): string {
  return notImplemented('09-revisions');
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
  return notImplemented('09-revisions');
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
  return notImplemented('09-revisions');
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
  return notImplemented('09-revisions');
}

/**
 * Upstream completeRollingUpdate: under RollingUpdate, once `replicas` pods exist, all ready
 * and all at the update revision, the update revision becomes the current one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  return notImplemented('09-revisions');
}
