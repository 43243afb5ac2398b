/**
 * Kata 07-replica-status: what a ReplicaSet reports about itself. The status is an
 * observation, recomputed from the claimed pods on every sync and never remembered: how many
 * there are, how many carry all of the template's labels, how many are ready, how many have
 * been ready for `minReadySeconds`, and which generation of the spec this describes.
 *
 * Upstream: pkg/controller/replicaset/replica_set_utils.go (calculateStatus, SetCondition,
 * RemoveCondition, updateReplicaSetStatus's observedGeneration), pkg/controller/replicaset/
 * replica_set.go (updatePod's availability requeue).
 */
import { selectorFromSet } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import type { Pod, ReplicaSet, ReplicaSetStatus, WorkloadCondition } from '../../core/api/types';
import type { ManageReplicasError } from '../../core/controllers/types';
import { isPodAvailable, isPodReady, podReadyCondition } from '../../core/controllers/pod-status';

/**
 * Upstream calculateStatus, plus the `observedGeneration` that updateReplicaSetStatus adds.
 * `replicas` counts the claimed (active) pods; `fullyLabeledReplicas` those whose labels
 * include every template label; `readyReplicas` and `availableReplicas` use the pods' `Ready`
 * condition and `spec.minReadySeconds` at `now`. Other status fields are kept.
 *
 * ReplicaFailure: with an error, the condition is set (reason FailedCreate when pods were
 * missing, FailedDelete when there were too many) unless one is already there; without an
 * error, it is removed. Zero counts are left out, as the API's JSON (`omitempty`) leaves them.
 */
export function calculateStatus(rs: ReplicaSet, claimed: readonly Pod[], now: string, manageReplicasError?: ManageReplicasError): ReplicaSetStatus {
  const template = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of claimed) {
    if (selectorMatches(template, pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const { fullyLabeledReplicas: _f, readyReplicas: _r, availableReplicas: _a, observedGeneration: _o, conditions: _c, ...kept } = rs.status ?? { replicas: 0 };
  const conditions = failureConditions(rs, claimed.length, now, manageReplicasError);
  const generation = rs.metadata.generation ?? 0;
  return {
    ...kept,
    replicas: claimed.length,
    ...(fullyLabeled > 0 && { fullyLabeledReplicas: fullyLabeled }),
    ...(ready > 0 && { readyReplicas: ready }),
    ...(available > 0 && { availableReplicas: available }),
    ...(generation > 0 && { observedGeneration: generation }),
    ...(conditions.length > 0 && { conditions }),
  };
}

/** Upstream's ReplicaFailure handling in calculateStatus (GetCondition, SetCondition, RemoveCondition). */
function failureConditions(rs: ReplicaSet, claimed: number, now: string, error: ManageReplicasError | undefined): WorkloadCondition[] {
  const existing = rs.status?.conditions ?? [];
  const failure = existing.find((c) => c.type === 'ReplicaFailure');
  if (!error) return existing.filter((c) => c.type !== 'ReplicaFailure');
  if (failure) return existing;
  const diff = claimed - (rs.spec?.replicas ?? 1);
  const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
  return [...existing, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: now, reason, message: error.message }];
}

/**
 * When the next claimed pod becomes available: the seconds from `now` until the earliest
 * `lastTransitionTime + minReadySeconds` among pods that are ready but not yet available, or
 * `undefined` when no pod is waiting (or `minReadySeconds` is 0). A pod whose Ready condition
 * has no transition time never becomes available, so it is not waited for.
 *
 * Upstream requeues the ReplicaSet `minReadySeconds + 1 s` after it sees a pod turn ready
 * (updatePod) and, as a fallback, `minReadySeconds` after a sync that found every replica
 * ready but not all available. A reconciler that never sees events computes the same moment
 * from the pods themselves.
 */
export function nextAvailabilityCheck(rs: ReplicaSet, claimed: readonly Pod[], now: string): number | undefined {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  if (minReadySeconds === 0) return undefined;
  let soonest: number | undefined;
  for (const pod of claimed) {
    const since = podReadyCondition(pod)?.lastTransitionTime;
    if (!isPodReady(pod) || !since || isPodAvailable(pod, minReadySeconds, now)) continue;
    const wait = Math.ceil((Date.parse(since) + minReadySeconds * 1000 - Date.parse(now)) / 1000);
    soonest = soonest === undefined ? wait : Math.min(soonest, wait);
  }
  return soonest;
}
