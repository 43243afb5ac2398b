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
import { maxSurge } from '@kata/08-deployment/fenceposts';
import { getAllReplicaSetsAndSyncRevision } from '@kata/08-deployment/new-replica-set';
import { cleanupDeployment } from '@kata/08-deployment/history';
import { scale } from '@kata/08-deployment/proportional-scaling';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from '@kata/08-deployment/revision';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from '@kata/08-deployment/rolling-update';
import { calculateStatus, deploymentComplete, syncRolloutStatus as rolloutStatus } from '@kata/08-deployment/deployment-status';
import type { ReplicaSet } from '../../core/api/types';
import { DESIRED_REPLICAS_ANNOTATION, SCALING_REPLICA_SET_EVENT } from '../../core/controllers/deployment-constants';
import { deploymentReplicas } from '../../core/controllers/deployment-defaults';
import { deleteReplicaSet, planned, recordEvent, requeueAfter, withStatus, writeReplicaSet, type ReplicaSetScale, type SyncPlan } from '../../core/controllers/deployment-plan';
import type { PodMap, ReplicaSetLookup } from '../../core/controllers/deployment-types';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import { actualReplicaCount, filterActiveReplicaSets, nonNegativeInt32Annotation } from '../../core/controllers/replica-set-lists';

// #region scale-replica-set
/**
 * Upstream scaleReplicaSet: write the ReplicaSet (as this sync last left it) with `newScale`
 * replicas and desired-replicas / max-replicas annotations for the Deployment's current
 * size, if either differs; a size change records `Scaled up|down replica set <name> from <a>
 * to <b>`. `scaled` says whether the size changed.
 */
export function scaleReplicaSet(plan: SyncPlan, replicaSet: ReplicaSet, newScale: number): { plan: SyncPlan; scaled: boolean } {
  const rs = planned(plan, replicaSet);
  const d = plan.deployment;
  const desired = deploymentReplicas(d);
  const max = desired + maxSurge(d);
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { plan, scaled: false };
  const updated = setReplicasAnnotations({ ...rs, spec: { ...rs.spec!, replicas: newScale } }, desired, max).replicaSet;
  let next = writeReplicaSet(plan, updated);
  if (sizeNeedsUpdate) next = recordEvent(next, 'Normal', SCALING_REPLICA_SET_EVENT, `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  return { plan: next, scaled: sizeNeedsUpdate };
}
// #endregion scale-replica-set

/** Applies scales in order; `scaled` if any of them changed a size. */
export function applyScales(plan: SyncPlan, scales: readonly ReplicaSetScale[]): { plan: SyncPlan; scaled: boolean } {
  return scales.reduce<{ plan: SyncPlan; scaled: boolean }>(
    (acc, s) => {
      const result = scaleReplicaSet(acc.plan, s.replicaSet, s.newScale);
      return { plan: result.plan, scaled: acc.scaled || result.scaled };
    },
    { plan, scaled: false },
  );
}

/** The plan with `oldRSs`' surplus history deleted (cleanupDeployment). */
function cleanup(plan: SyncPlan, oldRSs: readonly ReplicaSet[]): SyncPlan {
  return cleanupDeployment(oldRSs, plan.deployment).reduce(deleteReplicaSet, plan);
}

/** Upstream syncRolloutStatus: the plan with the rollout's status, and a progress check requested when due. */
export function syncRolloutStatus(plan: SyncPlan, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): SyncPlan {
  const { status, requeueAfter: after } = rolloutStatus(allRSs, newRS, plan.deployment, plan.now);
  const next = withStatus(plan, status);
  return after === undefined ? next : requeueAfter(next, after);
}

/** Upstream syncDeploymentStatus: the plan with calculateStatus, no condition bookkeeping. */
function syncDeploymentStatus(plan: SyncPlan, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): SyncPlan {
  return withStatus(plan, calculateStatus(allRSs, newRS, plan.deployment, plan.now));
}

// #region rolling
/**
 * Upstream rolloutRolling: get or create the new ReplicaSet; then grow it
 * (reconcileNewReplicaSet) and stop, or else shrink the active old ones
 * (reconcileOldReplicaSets) and stop; only when neither moved and the Deployment reported a
 * complete rollout, clean up the history. Every exit syncs the rollout status, computed from
 * the ReplicaSets as they were read (the writes are not seen until the next sync).
 */
export function rolloutRolling(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  const found = getAllReplicaSetsAndSyncRevision(plan, rsList, true, lookup);
  if (found.failed || !found.newRS) return found.plan;
  const { newRS, oldRSs } = found;
  const allRSs = [...oldRSs, newRS];
  // 1. Scale up, if we can.
  const up = applyScales(found.plan, reconcileNewReplicaSet(allRSs, newRS, plan.deployment));
  if (up.scaled) return syncRolloutStatus(up.plan, allRSs, newRS);
  // 2. Scale down, if we can.
  const old = reconcileOldReplicaSets(allRSs, filterActiveReplicaSets(oldRSs), newRS, plan.deployment);
  const down = applyScales(up.plan, old.scales);
  if (old.scaled) return syncRolloutStatus(down.plan, allRSs, newRS);
  // 3. A finished rollout trims its history.
  const trimmed = deploymentComplete(plan.deployment, plan.deployment.status ?? {}) ? cleanup(down.plan, oldRSs) : down.plan;
  return syncRolloutStatus(trimmed, allRSs, newRS);
}
// #endregion rolling

/**
 * Upstream oldPodsRunning: an old ReplicaSet still reports pods, or a pod of a ReplicaSet
 * other than the new one has not reached Succeeded or Failed (a terminating pod still runs;
 * Unknown counts as running).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  return Object.entries(podMap).some(
    ([uid, pods]) => !(newRS && newRS.metadata.uid === uid) && pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'),
  );
}

// #region recreate
/**
 * Upstream rolloutRecreate: without creating anything yet, scale every active old ReplicaSet
 * to 0 and stop; wait while old pods run; then create the new ReplicaSet if needed and scale
 * it to `replicas`; clean up the history once the Deployment reported a complete rollout.
 * Every exit syncs the rollout status.
 */
export function rolloutRecreate(plan: SyncPlan, rsList: readonly ReplicaSet[], podMap: PodMap, lookup: ReplicaSetLookup): SyncPlan {
  const found = getAllReplicaSetsAndSyncRevision(plan, rsList, false, lookup);
  if (found.failed) return found.plan;
  const newRS = found.newRS;
  let oldRSs = found.oldRSs;
  const allRSs = [...oldRSs, newRS];
  // 1. Old ReplicaSets go to 0 first.
  const down = applyScales(
    found.plan,
    filterActiveReplicaSets(oldRSs).map((rs) => ({ replicaSet: rs, newScale: 0 })),
  );
  if (down.scaled) return syncRolloutStatus(down.plan, allRSs, newRS);
  // 2. Nothing new starts while an old pod may still run.
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(down.plan, allRSs, newRS);
  // 3. Now the new ReplicaSet may be created, at full size.
  let next = down.plan;
  let target = newRS;
  if (!target) {
    const created = getAllReplicaSetsAndSyncRevision(next, rsList, true, lookup);
    if (created.failed || !created.newRS) return created.plan;
    target = created.newRS;
    oldRSs = created.oldRSs;
    next = created.plan;
  }
  const current = planned(next, target);
  const replicas = deploymentReplicas(plan.deployment);
  if (replicasOf(current) !== replicas) next = scaleReplicaSet(next, current, replicas).plan;
  if (deploymentComplete(plan.deployment, plan.deployment.status ?? {})) next = cleanup(next, oldRSs);
  return syncRolloutStatus(next, [...oldRSs, target], target);
}
// #endregion recreate

/**
 * Upstream sync, for a paused Deployment or a scaling event: never creates the new
 * ReplicaSet; scales proportionally (scale); a paused Deployment also trims its history;
 * then the plain status (no Progressing bookkeeping).
 */
export function sync(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  const found = getAllReplicaSetsAndSyncRevision(plan, rsList, false, lookup);
  if (found.failed) return found.plan;
  const { newRS, oldRSs } = found;
  let next = applyScales(found.plan, scale(plan.deployment, newRS, oldRSs)).plan;
  if (plan.deployment.spec?.paused) next = cleanup(next, oldRSs);
  return syncDeploymentStatus(next, [...oldRSs, newRS], newRS);
}

/** Upstream syncStatusOnly, for a Deployment being deleted: the revision sync and the plain status, nothing scaled. */
export function syncStatusOnly(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): SyncPlan {
  const found = getAllReplicaSetsAndSyncRevision(plan, rsList, false, lookup);
  if (found.failed) return found.plan;
  return syncDeploymentStatus(found.plan, [...found.oldRSs, found.newRS], found.newRS);
}

/**
 * Upstream isScalingEvent: some active ReplicaSet was sized for another Deployment size (its
 * desired-replicas annotation is not `replicas`). Runs the revision sync as upstream does,
 * so the returned plan may already hold writes.
 */
export function isScalingEvent(plan: SyncPlan, rsList: readonly ReplicaSet[], lookup: ReplicaSetLookup): { plan: SyncPlan; scalingEvent: boolean; failed: boolean } {
  const found = getAllReplicaSetsAndSyncRevision(plan, rsList, false, lookup);
  if (found.failed) return { plan: found.plan, scalingEvent: false, failed: true };
  const replicas = deploymentReplicas(plan.deployment);
  const scalingEvent = filterActiveReplicaSets([...found.oldRSs, found.newRS]).some((rs) => {
    const desired = nonNegativeInt32Annotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== replicas;
  });
  return { plan: found.plan, scalingEvent, failed: false };
}
