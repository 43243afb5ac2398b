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
import type { ConditionStatus, Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): the condition helpers first (setDeploymentCondition's two rules matter
// everywhere), then calculateStatus, the three predicates, requeueStuckDeployment, and
// syncRolloutStatus and checkPausedConditions on top of them. You need your maxUnavailable
// (@kata/08-deployment/fenceposts); core/controllers has the sums (replica-set-lists), the
// reasons and condition types (deployment-constants), deploymentReplicas and
// hasProgressDeadline (deployment-defaults), and core/data/json-equal compares statuses.

/** Upstream NewDeploymentCondition: a condition whose update and transition times are both `now`. */
export function newDeploymentCondition(type: string, status: ConditionStatus, reason: string, message: string, now: string): WorkloadCondition {
  return notImplemented('08-deployment-status');
}

/** Upstream GetDeploymentCondition: the condition of that type, if any. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): WorkloadCondition | undefined {
  return notImplemented('08-deployment-status');
}

/**
 * Upstream SetDeploymentCondition: a condition with the same status and reason as the
 * current one changes nothing; with the same status (another reason) it keeps the current
 * `lastTransitionTime`. The old condition of that type is removed and the new one appended.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: WorkloadCondition): DeploymentStatus {
  return notImplemented('08-deployment-status');
}

/** Upstream RemoveDeploymentCondition: the status without conditions of that type. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): DeploymentStatus {
  return notImplemented('08-deployment-status');
}

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
  return notImplemented('08-deployment-status');
}

/**
 * Upstream DeploymentComplete: every desired pod is updated and available, no other pod is
 * left (`status.replicas == replicas`), and the controller has seen the latest spec.
 */
export function deploymentComplete(d: Deployment, newStatus: DeploymentStatus): boolean {
  return notImplemented('08-deployment-status');
}

/**
 * Upstream DeploymentProgressing, comparing the new status with the Deployment's current one:
 * more updated pods, fewer old pods (`replicas − updatedReplicas`), more ready pods, or more
 * available pods.
 */
export function deploymentProgressing(d: Deployment, newStatus: DeploymentStatus): boolean {
  return notImplemented('08-deployment-status');
}

/**
 * Upstream DeploymentTimedOut: with a progress deadline and a Progressing condition in
 * `newStatus`: never after a completed rollout (NewReplicaSetAvailable), always once timed
 * out (ProgressDeadlineExceeded), otherwise when `lastUpdateTime + progressDeadlineSeconds`
 * is strictly before `now`.
 */
export function deploymentTimedOut(d: Deployment, newStatus: DeploymentStatus, now: string): boolean {
  return notImplemented('08-deployment-status');
}

/**
 * Upstream requeueStuckDeployment: when to look at a rollout again that made no progress:
 * -1 for never (no deadline, no Progressing condition, complete, or already timed out), 0 for
 * right away (less than a second left), else the seconds until `lastUpdateTime +
 * progressDeadlineSeconds`.
 */
export function requeueStuckDeployment(d: Deployment, newStatus: DeploymentStatus, now: string): number {
  return notImplemented('08-deployment-status');
}

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
  return notImplemented('08-deployment-status');
}

/**
 * Upstream checkPausedConditions: with a progress deadline, and unless the rollout already
 * timed out, mark a pause (Progressing=Unknown, DeploymentPaused, "Deployment is paused") or
 * a resume (Progressing=Unknown, DeploymentResumed, "Deployment is resumed"), so the time
 * spent paused is not held against the deadline. The new status, or `undefined` when there
 * is nothing to record.
 */
export function checkPausedConditions(d: Deployment, now: string): DeploymentStatus | undefined {
  return notImplemented('08-deployment-status');
}
