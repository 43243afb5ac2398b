/**
 * The shapes the StatefulSet chapter's katas pass between them: what the revision step
 * decides, and what one pass of the control loop reads and produces.
 *
 * Upstream: pkg/controller/statefulset/stateful_set_control.go (getStatefulSetRevisions
 * returns current, update and collision count; updateStatefulSet takes the set, both
 * revisions and the pods, and returns the status to record).
 */
import type { PersistentVolumeClaim, Pod, StatefulSet, StatefulSetStatus } from '../api/types';
import type { Intent } from '../runtime/types';
import type { ControllerRevision } from './controller-revision';

/** Which revision the set's pods are at, which they should move to, and the writes that record it. */
export type StatefulSetRevisions = {
  /** `status.currentRevision` when it still exists, otherwise the update revision. */
  currentRevision: ControllerRevision;
  /** The revision of the set's template as it is now. */
  updateRevision: ControllerRevision;
  /** `status.collisionCount`, raised once per name collision met while creating the update revision. */
  collisionCount: number;
  /** A `create` of a new revision, or an `update` renumbering an old one (a rollback); often none. */
  intents: Intent[];
};

/** Everything one pass of the control loop looks at. */
export type StatefulSetSyncInput = {
  /** The set, with its defaults applied. */
  set: StatefulSet;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  collisionCount: number;
  /** The pods the set claimed (members only, terminating and finished ones included). */
  pods: Pod[];
  /** The claims that already exist, by name (at least every claim a pod of the set would use). */
  claims: Record<string, PersistentVolumeClaim>;
  /** The logical time (RFC 3339), for availability (`minReadySeconds`). */
  now: string;
};

/** What one pass decided. */
export type StatefulSetSyncResult = {
  /** Claim and pod writes (and their events), in the order upstream would issue them. */
  intents: Intent[];
  /** The status the pass computed, before a finished rolling update is recorded. */
  status: StatefulSetStatus;
  /** Why the pass stopped early, when a step failed (a claim still being deleted); the controller tries again later. */
  error?: string;
};
