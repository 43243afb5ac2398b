/**
 * Kata 08-deployment-controller, part three: the strategies. RollingUpdate takes one step per
 * sync (grow the new ReplicaSet, or else shrink the old ones); Recreate scales every old
 * ReplicaSet to 0, waits until no old pod runs, then creates the new one at full size; and a
 * paused Deployment, or one whose size changed, is only scaled (proportionally) and never
 * rolled. Every path ends by recomputing the status.
 *
 * Upstream: pkg/controller/deployment/rolling.go (rolloutRolling), recreate.go
 * (rolloutRecreate, scaleDownOldReplicaSetsForRecreate, oldPodsRunning,
 * scaleUpNewReplicaSetForRecreate), sync.go (sync, syncStatusOnly, isScalingEvent,
 * scaleReplicaSet, scaleReplicaSetAndRecordEvent, syncDeploymentStatus), progress.go
 * (syncRolloutStatus, requeue).
 */
import type { ReplicaSet } from '../../core/api/types';
import type { ReplicaSetScale, SyncPlan } from '../../core/controllers/deployment-plan';
import type { PodMap, ReplicaSetLookup } from '../../core/controllers/deployment-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): scaleReplicaSet first (planned() gives the ReplicaSet as this sync left it;
// replicasAnnotationsNeedUpdate and setReplicasAnnotations come from your revision kata,
// maxSurge from fenceposts). Then each strategy, as the upstream files order it: call
// getAllReplicaSetsAndSyncRevision (@kata/08-deployment/new-replica-set), use your
// rolling-update, proportional-scaling and deployment-status katas for the numbers, and
// cleanupDeployment (@kata/08-deployment/history) for the history. A plan is data: every
// helper returns a new one (core/controllers/deployment-plan).

/**
 * Upstream scaleReplicaSet: write the ReplicaSet (as this sync last left it) with `newScale`
 * replicas and desired-replicas / max-replicas annotations for the Deployment's current
 * size, if either differs; a size change records `Scaled up|down replica set <name> from <a>
 * to <b>`. `scaled` says whether the size changed.
 */
export function scaleReplicaSet(plan: SyncPlan, replicaSet: ReplicaSet, newScale: number): { plan: SyncPlan; scaled: boolean } {
  return notImplemented('08-deployment-controller');
}

/** Applies scales in order; `scaled` if any of them changed a size. */
export function applyScales(plan: SyncPlan, scales: readonly ReplicaSetScale[]): { plan: SyncPlan; scaled: boolean } {
  return notImplemented('08-deployment-controller');
}

/** Upstream syncRolloutStatus: the plan with the rollout's status, and a progress check requested when due. */
export function syncRolloutStatus(plan: SyncPlan, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): SyncPlan {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream rolloutRolling: get or create the new ReplicaSet; then grow it
 * (reconcileNewReplicaSet) and stop, or else shrink the active old ones
 * (reconcileOldReplicaSets) and stop; only when neither moved and the Deployment reported a
 * complete rollout, clean up the history. Every exit syncs the rollout status, computed from
 * the ReplicaSets as they were read (the writes are not seen until the next sync).
 */
export function rolloutRolling(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream oldPodsRunning: an old ReplicaSet still reports pods, or a pod of a ReplicaSet
 * other than the new one has not reached Succeeded or Failed (a terminating pod still runs;
 * Unknown counts as running).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream rolloutRecreate: without creating anything yet, scale every active old ReplicaSet
 * to 0 and stop; wait while old pods run; then create the new ReplicaSet if needed and scale
 * it to `replicas`; clean up the history once the Deployment reported a complete rollout.
 * Every exit syncs the rollout status.
 */
export function rolloutRecreate(plan: SyncPlan, rsList: readonly ReplicaSet[], podMap: PodMap, lookup: ReplicaSetLookup): SyncPlan {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream sync, for a paused Deployment or a scaling event: never creates the new
 * ReplicaSet; scales proportionally (scale); a paused Deployment also trims its history;
 * then the plain status (no Progressing bookkeeping).
 */
export function sync(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  return notImplemented('08-deployment-controller');
}

/** Upstream syncStatusOnly, for a Deployment being deleted: the revision sync and the plain status, nothing scaled. */
export function syncStatusOnly(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  return notImplemented('08-deployment-controller');
}

/**
 * Upstream isScalingEvent: some active ReplicaSet was sized for another Deployment size (its
 * desired-replicas annotation is not `replicas`). Runs the revision sync as upstream does,
 * so the returned plan may already hold writes.
 */
export function isScalingEvent(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): { plan: SyncPlan; scalingEvent: boolean; failed: boolean } {
  return notImplemented('08-deployment-controller');
}
