/**
 * Kata 08-deployment-status: what a Deployment reports. The counts add up its ReplicaSets'
 * statuses; the `Available` condition says whether at least `replicas - maxUnavailable` pods
 * are available; the `Progressing` condition tells a rollout that moves from one that is done
 * and from one that has been stuck for longer than `progressDeadlineSeconds`. A stuck
 * rollout is only reported: nothing is stopped or rolled back.
 *
 * Upstream: pkg/controller/deployment/sync.go (calculateStatus, checkPausedConditions),
 * pkg/controller/deployment/progress.go (syncRolloutStatus, getReplicaFailures,
 * requeueStuckDeployment), pkg/controller/deployment/util/deployment_util.go
 * (NewDeploymentCondition, GetDeploymentCondition, SetDeploymentCondition,
 * RemoveDeploymentCondition, ReplicaSetToDeploymentCondition, DeploymentComplete,
 * DeploymentProgressing, DeploymentTimedOut).
 */
import { maxUnavailable } from '@kata/08-deployment/fenceposts';
import type { ConditionStatus, Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../core/api/types';
import { DeploymentConditionTypes as Types, DeploymentReasons as Reasons } from '../../core/controllers/deployment-constants';
import { deploymentReplicas, hasProgressDeadline } from '../../core/controllers/deployment-defaults';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, replicaCount } from '../../core/controllers/replica-set-lists';
import { jsonEqual } from '../../core/data/json-equal';

/** Upstream NewDeploymentCondition: a condition whose update and transition times are both `now`. */
export function newDeploymentCondition(type: string, status: ConditionStatus, reason: string, message: string, now: string): WorkloadCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** Upstream GetDeploymentCondition: the condition of that type, if any. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): WorkloadCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

// #region set-condition
/**
 * Upstream SetDeploymentCondition: a condition with the same status and reason as the
 * current one changes nothing; with the same status (another reason) it keeps the current
 * `lastTransitionTime`. The old condition of that type is removed and the new one appended.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: WorkloadCondition): DeploymentStatus {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return status;
  const next = current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return { ...status, conditions: [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next] };
}
// #endregion set-condition

/** Upstream RemoveDeploymentCondition: the status without conditions of that type. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): DeploymentStatus {
  const conditions = (status.conditions ?? []).filter((c) => c.type !== type);
  const { conditions: _dropped, ...rest } = status;
  return conditions.length > 0 ? { ...rest, conditions } : rest;
}

// #region calculate-status
/**
 * Upstream calculateStatus: `replicas`, `readyReplicas`, `availableReplicas` summed over
 * `allRSs` (their status), `updatedReplicas` the new ReplicaSet's `status.replicas`,
 * `unavailableReplicas = max(0, Σ spec.replicas − available)`, `observedGeneration` the
 * Deployment's generation, `collisionCount` kept, the current conditions kept, and
 * `Available` set: True (MinimumReplicasAvailable, "Deployment has minimum availability.")
 * when available ≥ replicas − maxUnavailable, else False (MinimumReplicasUnavailable,
 * "Deployment does not have minimum availability.").
 */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  let status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
    ...(d.status?.collisionCount !== undefined && { collisionCount: d.status.collisionCount }),
    conditions: [...(d.status?.conditions ?? [])],
  };
  const condition =
    available >= deploymentReplicas(d) - maxUnavailable(d)
      ? newDeploymentCondition(Types.Available, 'True', Reasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', now)
      : newDeploymentCondition(Types.Available, 'False', Reasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now);
  status = setDeploymentCondition(status, condition);
  return status;
}
// #endregion calculate-status

/**
 * Upstream DeploymentComplete: every desired pod is updated and available, no other pod is
 * left (`status.replicas == replicas`), and the controller has seen the latest spec.
 */
export function deploymentComplete(d: Deployment, newStatus: DeploymentStatus): boolean {
  const replicas = deploymentReplicas(d);
  return (
    (newStatus.updatedReplicas ?? 0) === replicas &&
    (newStatus.replicas ?? 0) === replicas &&
    (newStatus.availableReplicas ?? 0) === replicas &&
    (newStatus.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/**
 * Upstream DeploymentProgressing, comparing the new status with the Deployment's current one:
 * more updated pods, fewer old pods (`replicas − updatedReplicas`), more ready pods, or more
 * available pods.
 */
export function deploymentProgressing(d: Deployment, newStatus: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (newStatus.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

const seconds = (time: string | undefined) => (time ? Date.parse(time) / 1000 : Number.NEGATIVE_INFINITY);

/**
 * Upstream DeploymentTimedOut: with a progress deadline and a Progressing condition in
 * `newStatus`: never after a completed rollout (NewReplicaSetAvailable), always once timed
 * out (ProgressDeadlineExceeded), otherwise when `lastUpdateTime + progressDeadlineSeconds`
 * is strictly before `now`.
 */
export function deploymentTimedOut(d: Deployment, newStatus: DeploymentStatus, now: string): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(newStatus, Types.Progressing);
  if (!condition || condition.reason === Reasons.NewRSAvailable) return false;
  if (condition.reason === Reasons.TimedOut) return true;
  return seconds(condition.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 0) < seconds(now);
}

/**
 * Upstream requeueStuckDeployment: when to look at a rollout again that made no progress:
 * -1 for never (no deadline, no Progressing condition, complete, or already timed out), 0 for
 * right away (less than a second left), else the seconds until `lastUpdateTime +
 * progressDeadlineSeconds`.
 */
export function requeueStuckDeployment(d: Deployment, newStatus: DeploymentStatus, now: string): number {
  const current = getDeploymentCondition(d.status, Types.Progressing);
  if (!hasProgressDeadline(d) || !current) return -1;
  if (deploymentComplete(d, newStatus) || current.reason === Reasons.TimedOut) return -1;
  const after = seconds(current.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 0) - seconds(now);
  return after < 1 ? 0 : after;
}

/** Upstream getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, or else every ReplicaSet's, as Deployment conditions. */
function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): WorkloadCondition[] {
  const failures = (rs: ReplicaSet | undefined) =>
    (rs?.status?.conditions ?? [])
      .filter((c) => c.type === Types.ReplicaFailure)
      .map((c) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
  const fromNew = failures(newRS);
  return fromNew.length > 0 ? fromNew : allRSs.flatMap(failures);
}

const quote = (name: string) => JSON.stringify(name);

// #region sync-rollout-status
/**
 * Upstream syncRolloutStatus, as the status to write and when to sync again:
 * 1. calculateStatus; without a progress deadline, drop the Progressing condition;
 * 2. unless the Deployment already reports a completed rollout (`replicas == updated` and
 *    reason NewReplicaSetAvailable), with a deadline: complete → True/NewReplicaSetAvailable;
 *    else progress → True/ReplicaSetUpdated with a fresh lastUpdateTime (lastTransitionTime
 *    kept when it was True); else timed out → False/ProgressDeadlineExceeded;
 * 3. copy a ReplicaSet's ReplicaFailure condition, or remove it;
 * 4. if nothing changed, `requeueAfter` says when the progress check is due (seconds until
 *    the deadline plus one, or 1 when it is due now; absent when none is needed).
 */
export function syncRolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: string): { status: DeploymentStatus; requeueAfter?: number } {
  let status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) status = removeDeploymentCondition(status, Types.Progressing);
  const current = getDeploymentCondition(d.status, Types.Progressing);
  const isCompleteDeployment = status.replicas === status.updatedReplicas && current?.reason === Reasons.NewRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const about = newRS ? `ReplicaSet ${quote(newRS.metadata.name)}` : `Deployment ${quote(d.metadata.name)}`;
    if (deploymentComplete(d, status)) {
      status = setDeploymentCondition(status, newDeploymentCondition(Types.Progressing, 'True', Reasons.NewRSAvailable, `${about} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even with the same reason, so it is set by hand.
      let condition = newDeploymentCondition(Types.Progressing, 'True', Reasons.ReplicaSetUpdated, `${about} is progressing.`, now);
      if (current) {
        if (current.status === 'True') condition = { ...condition, lastTransitionTime: current.lastTransitionTime };
        status = removeDeploymentCondition(status, Types.Progressing);
      }
      status = setDeploymentCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      status = setDeploymentCondition(status, newDeploymentCondition(Types.Progressing, 'False', Reasons.TimedOut, `${about} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailures(allRSs, newRS)[0];
  status = failure ? setDeploymentCondition(status, failure) : removeDeploymentCondition(status, Types.ReplicaFailure);
  if (!jsonEqual(d.status ?? {}, status)) return { status };
  const after = requeueStuckDeployment(d, status, now);
  return after < 0 ? { status } : { status, requeueAfter: after === 0 ? 1 : after + 1 };
}
// #endregion sync-rollout-status

/**
 * Upstream checkPausedConditions: with a progress deadline, and unless the rollout already
 * timed out, mark a pause (Progressing=Unknown, DeploymentPaused, "Deployment is paused") or
 * a resume (Progressing=Unknown, DeploymentResumed, "Deployment is resumed"), so the time
 * spent paused is not held against the deadline. The new status, or `undefined` when there
 * is nothing to record.
 */
export function checkPausedConditions(d: Deployment, now: string): DeploymentStatus | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const current = getDeploymentCondition(d.status, Types.Progressing);
  if (current?.reason === Reasons.TimedOut) return undefined;
  const pausedCondExists = current?.reason === Reasons.PausedDeploy;
  const status = d.status ?? {};
  if (d.spec?.paused && !pausedCondExists) return setDeploymentCondition(status, newDeploymentCondition(Types.Progressing, 'Unknown', Reasons.PausedDeploy, 'Deployment is paused', now));
  if (!d.spec?.paused && pausedCondExists) return setDeploymentCondition(status, newDeploymentCondition(Types.Progressing, 'Unknown', Reasons.ResumedDeploy, 'Deployment is resumed', now));
  return undefined;
}
