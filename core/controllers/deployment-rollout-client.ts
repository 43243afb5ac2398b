/**
 * The client side of `kubectl rollout status` and `kubectl rollout history` for Deployments:
 * pure functions of what kubectl reads, for the command line to print. (`rollout undo` is
 * kata 08-deployment-controller's `rollbackTemplate`; `rollout pause`, `resume`, `scale` and
 * `set image` are plain spec edits.)
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
 * (DeploymentStatusViewer.Status), staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go
 * (DeploymentHistoryViewer.ViewHistory).
 */
import type { Deployment, ReplicaSet } from '../api/types';
import { CHANGE_CAUSE_ANNOTATION, DeploymentReasons, REVISION_ANNOTATION } from './deployment-constants';
import { isControlledBy } from './owner-references';
import { revisionOf } from './replica-set-lists';

/** One answer of `kubectl rollout status`: the line to print and whether to stop watching, or the error to fail with. */
export type RolloutStatus = { message: string; done: boolean } | { error: string };

/**
 * kubectl's DeploymentStatusViewer.Status. With `revision` > 0, the Deployment must be at that
 * revision. Until the controller has seen the latest spec, it waits for that; then a timed-out
 * rollout is an error, and otherwise the first unfinished part is reported: updated replicas,
 * old replicas still terminating, updated replicas not yet available.
 */
export function rolloutStatus(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');
    if (current !== revision) return { error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  if (s.conditions?.some((c) => c.type === 'Progressing' && c.reason === DeploymentReasons.TimedOut)) return { error: `deployment "${name}" exceeded its progress deadline` };
  const replicas = d.spec?.replicas;
  const updated = s.updatedReplicas ?? 0;
  if (replicas !== undefined && updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

/** One line of `kubectl rollout history`: a revision and its change cause (`<none>` when there is none). */
export type RolloutHistoryEntry = { revision: number; changeCause: string; replicaSet: ReplicaSet };

/**
 * kubectl's DeploymentHistoryViewer: the revisions of the ReplicaSets `d` controls, lowest
 * first, each with the `kubernetes.io/change-cause` annotation of its ReplicaSet. An empty
 * list is printed as `No rollout history found.`.
 */
export function rolloutHistory(d: Deployment, replicaSets: readonly ReplicaSet[]): RolloutHistoryEntry[] {
  const byRevision = new Map<number, RolloutHistoryEntry>();
  for (const rs of replicaSets) {
    if (!isControlledBy(rs, d)) continue;
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    byRevision.set(revision, { revision, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>', replicaSet: rs });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}
