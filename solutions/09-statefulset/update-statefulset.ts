/**
 * Kata 09-update-statefulset: one pass of the StatefulSet control loop. Given the set, its
 * current and update revisions, the pods it owns and the claims that exist, decide which pods
 * and claims to create, delete or fix, and compute the status.
 *
 * With `podManagementPolicy: OrderedReady` (the default, "monotonic") the pass stops at the
 * first thing it has to wait for: it creates pods one at a time in ordinal order, each only
 * once every lower ordinal is Running, Ready and available, and removes them one at a time
 * from the highest ordinal down. With `Parallel` it creates and deletes everything at once.
 * Then, under RollingUpdate, it replaces one out-of-date pod, from the highest ordinal down to
 * the partition, and waits for it.
 *
 * Upstream: pkg/controller/statefulset/stateful_set_control.go (updateStatefulSet,
 * processReplica, processCondemned, runForAll, slowStartBatch, computeReplicaStatus,
 * updateStatus), pkg/controller/statefulset/stateful_pod_control.go (CreateStatefulPod,
 * UpdateStatefulPod, DeleteStatefulPod, createPersistentVolumeClaims,
 * createMissingPersistentVolumeClaims, UpdatePodClaimForRetentionPolicy, recordPodEvent,
 * recordClaimEvent).
 *
 * Where intents differ from API calls. Upstream sees each call's result; intents are submitted
 * after the pass. So a pod is created without waiting to see the create succeed (a refused
 * create is retried on a later pass), a claim created in this pass is not also updated in it
 * (upstream's lister would not have it yet either), an update that would change nothing is not
 * sent, a pod that was never created is not deleted (upstream's delete would fail NotFound and
 * be ignored), and events are recorded for the writes the pass asks for.
 */
import { descendingOrdinal, getEndOrdinal, getOrdinal, getPersistentVolumeClaims, getStartOrdinal, identityMatches, podInOrdinalRange, storageMatches, updateIdentity, updateStorage } from '@kata/09-statefulset/identity';
import { claimsMatchRetentionPolicy, isClaimOwnerUpToDate, podClaimIsStale, updateClaimOwnerRefForSetAndPod } from '@kata/09-statefulset/pvc-retention';
import { applyRevision, getPodRevision, newVersionedStatefulSetPod } from '@kata/09-statefulset/revisions';
import type { PersistentVolumeClaim, Pod, StatefulSet, StatefulSetStatus } from '../../core/api/types';
import { jsonEqual } from '../../core/data/json-equal';
import { STATEFULSET_CONTROLLER_NAME } from '../../core/controllers/statefulset-api';
import type { StatefulSetSyncInput, StatefulSetSyncResult } from '../../core/controllers/statefulset-types';
import {
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
} from '../../core/controllers/stateful-pod-status';
import type { Intent } from '../../core/runtime/types';

/** The replica counters of a status. */
export type ReplicaCounts = Pick<Required<StatefulSetStatus>, 'replicas' | 'readyReplicas' | 'availableReplicas' | 'currentReplicas' | 'updatedReplicas'>;

/** Upstream MaxBatchSize: the largest slow-start batch in Parallel mode. */
export const MAX_BATCH_SIZE = 500;

/**
 * Upstream computeReplicaStatus: `replicas` counts created pods (terminating ones too),
 * `readyReplicas` Running+Ready ones, `availableReplicas` those ready for `minReadySeconds`,
 * and `currentReplicas`/`updatedReplicas` the created, non-terminating pods labelled with
 * each revision.
 */
export function computeReplicaStatus(pods: readonly Pod[], minReadySeconds: number, now: string, currentRevision: string, updateRevision: string): ReplicaCounts {
  const counts: ReplicaCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    if (isCreated(pod)) counts.replicas++;
    if (isRunningAndReady(pod)) {
      counts.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) counts.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (getPodRevision(pod) === currentRevision) counts.currentReplicas++;
      if (getPodRevision(pod) === updateRevision) counts.updatedReplicas++;
    }
  }
  return counts;
}

/** One pass's working state: the writes so far and the claims as those writes leave them. */
type Pass = {
  set: StatefulSet;
  updateSet: StatefulSet;
  monotonic: boolean;
  minReadySeconds: number;
  now: string;
  claims: Record<string, PersistentVolumeClaim>;
  createdClaims: Record<string, true>;
  intents: Intent[];
};

/** What a step tells the loop: stop here (monotonic mode), and whether it failed. */
type Step = { exit: boolean; error?: string };
const CONTINUE: Step = { exit: false };
const EXIT: Step = { exit: true };

function event(pass: Pass, reason: string, message: string): Intent {
  const { name, namespace, uid } = pass.set.metadata;
  return { type: 'event', involvedObject: { kind: 'StatefulSet', apiVersion: 'apps/v1', name, namespace, uid }, eventType: 'Normal', reason, message, source: STATEFULSET_CONTROLLER_NAME };
}

/** createPersistentVolumeClaims: creates the missing claims; a claim being deleted is an error. */
function createClaims(pass: Pass, set: StatefulSet, pod: Pod): string | undefined {
  const errors: string[] = [];
  for (const claim of Object.values(getPersistentVolumeClaims(set, pod))) {
    const name = claim.metadata.name;
    const existing = pass.claims[name];
    if (existing === undefined && !pass.createdClaims[name]) {
      pass.createdClaims[name] = true;
      pass.intents.push({ type: 'create', object: claim });
      pass.intents.push(event(pass, 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`));
    } else if (existing?.metadata.deletionTimestamp !== undefined) {
      errors.push(`pvc ${name} is being deleted`);
    }
  }
  return errors.length > 0 ? errors.join(', ') : undefined;
}

/** UpdatePodClaimForRetentionPolicy: rewrites the owner references of the pod's existing claims. */
function updateClaimsForRetention(pass: Pass, set: StatefulSet, pod: Pod): void {
  for (const wanted of Object.values(getPersistentVolumeClaims(set, pod))) {
    const claim = pass.claims[wanted.metadata.name];
    if (claim === undefined || isClaimOwnerUpToDate(claim, set, pod)) continue;
    const updated = updateClaimOwnerRefForSetAndPod(claim, set, pod);
    pass.claims[wanted.metadata.name] = updated;
    pass.intents.push({ type: 'update', object: updated });
  }
}

/** CreateStatefulPod: claims first, then the pod, then the claims' owner references. */
function createPod(pass: Pass, pod: Pod): string | undefined {
  const error = createClaims(pass, pass.set, pod);
  if (error !== undefined) return error;
  pass.intents.push({ type: 'create', object: pod });
  updateClaimsForRetention(pass, pass.set, pod);
  pass.intents.push(event(pass, 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${pass.set.metadata.name} successful`));
  return undefined;
}

/** DeleteStatefulPod: the pod goes, its claims stay. */
function deletePod(pass: Pass, pod: Pod): void {
  pass.intents.push({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name });
  pass.intents.push(event(pass, 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${pass.set.metadata.name} successful`));
}

/** UpdateStatefulPod: restores identity and storage (creating missing claims) and the claims' owner references. */
function updatePod(pass: Pass, set: StatefulSet, pod: Pod): string | undefined {
  let fixed = pod;
  if (!identityMatches(set, fixed)) fixed = updateIdentity(set, fixed);
  if (!storageMatches(set, fixed)) {
    fixed = updateStorage(set, fixed);
    const error = createClaims(pass, set, fixed);
    if (error !== undefined) return error;
  }
  if (!claimsMatchRetentionPolicy(set, fixed, pass.claims)) updateClaimsForRetention(pass, set, fixed);
  if (jsonEqual(fixed, pod)) return undefined;
  pass.intents.push({ type: 'update', object: fixed });
  pass.intents.push(event(pass, 'SuccessfulUpdate', `update Pod ${fixed.metadata.name} in StatefulSet ${set.metadata.name} successful`));
  return undefined;
}

/** Upstream processReplica: what one in-range slot needs; `exit` stops a monotonic pass. */
function processReplica(pass: Pass, pod: Pod): Step {
  // 1. A finished pod (Failed, or Succeeded after an eviction) is deleted and made again later.
  if (isFailed(pod) || isSucceeded(pod)) {
    if (!isTerminating(pod)) deletePod(pass, pod);
    return EXIT;
  }
  // 2. A missing pod is created, claims first; monotonic mode creates one per pass.
  if (!isCreated(pod)) {
    if (podClaimIsStale(pass.set, pod, pass.claims)) return EXIT;
    const error = createPod(pass, pod);
    if (error !== undefined) return { exit: true, error };
    if (pass.monotonic) return EXIT;
  }
  // 3. A pending pod may be waiting for a claim someone deleted: make it again.
  if (isPending(pod)) {
    const error = createClaims(pass, pass.set, pod);
    if (error !== undefined) return { exit: true, error };
    updateClaimsForRetention(pass, pass.set, pod);
  }
  // 4. Monotonic mode waits for this pod to terminate, to run and be ready, to be available.
  if (pass.monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, pass.minReadySeconds, pass.now))) return EXIT;
  // 5. Keep the pod's identity, storage and claim ownership as the set says.
  if (identityMatches(pass.set, pod) && storageMatches(pass.set, pod) && claimsMatchRetentionPolicy(pass.updateSet, pod, pass.claims)) return CONTINUE;
  const error = updatePod(pass, pass.updateSet, pod);
  return error === undefined ? CONTINUE : { exit: true, error };
}

/** Upstream processCondemned: scale-down of one out-of-range pod, highest ordinal first. */
function processCondemned(pass: Pass, pod: Pod, firstUnhealthy: Pod | undefined): Step {
  if (isTerminating(pod)) return pass.monotonic ? EXIT : CONTINUE;
  // Monotonic mode deletes a pod that is not ready or not available only if it is the first unhealthy one.
  if (pass.monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, pass.minReadySeconds, pass.now))) return EXIT;
  deletePod(pass, pod);
  return EXIT;
}

/**
 * Upstream runForAll: monotonic mode stops at the first step that exits or fails; Parallel mode
 * runs every step in slow-start batches (1, 2, 4, ... up to 500) and stops after a batch in
 * which a step failed. Returns whether the pass must stop here.
 */
function runForAll<T>(items: readonly T[], step: (item: T) => Step, monotonic: boolean): boolean {
  if (monotonic) {
    for (const item of items) {
      const result = step(item);
      if (result.exit || result.error !== undefined) return true;
    }
    return false;
  }
  let next = 0;
  for (let size = Math.min(items.length, 1); size > 0; size = Math.min(2 * size, items.length - next, MAX_BATCH_SIZE)) {
    const failed = items.slice(next, next + size).map(step).some((result) => result.error !== undefined);
    next += size;
    if (failed) return true;
  }
  return false;
}

/** Upstream updateStatefulSet: the writes of one pass, and the status it observed. */
export function updateStatefulSet(input: StatefulSetSyncInput): StatefulSetSyncResult {
  const { set, currentRevision, updateRevision, now } = input;
  const minReadySeconds = set.spec?.minReadySeconds ?? 0;
  const revisionNames = [currentRevision.metadata.name, updateRevision.metadata.name] as const;

  // 1. The set as each revision recorded it, and the status of the pods as they are.
  const currentSet = applyRevision(set, currentRevision);
  const updateSet = applyRevision(set, updateRevision);
  const generation = set.metadata.generation;
  const base = {
    ...(generation !== undefined && { observedGeneration: generation }),
    currentRevision: revisionNames[0],
    updateRevision: revisionNames[1],
    collisionCount: input.collisionCount,
  };
  let status: StatefulSetStatus = { ...base, ...computeReplicaStatus(input.pods, minReadySeconds, now, ...revisionNames) };

  // 2. Sort the pods into slots [start, end] and condemned ones (valid ordinal, out of range).
  const start = getStartOrdinal(set);
  const replicas: (Pod | undefined)[] = new Array<Pod | undefined>(Math.max(0, getEndOrdinal(set) - start + 1)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of input.pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  // 3. Empty slots get a new pod at the revision its ordinal should have.
  const slots: Pod[] = replicas.map((pod, i) => pod ?? newVersionedStatefulSetPod(currentSet, updateSet, ...revisionNames, start + i));
  condemned.sort(descendingOrdinal);

  // 4. The first unhealthy pod: the lowest slot, else the lowest condemned ordinal.
  const firstUnhealthy = slots.find((pod) => isUnavailable(pod, minReadySeconds, now)) ?? [...condemned].reverse().find((pod) => isUnavailable(pod, minReadySeconds, now));
  const recount = () => ({ ...base, ...computeReplicaStatus([...slots, ...condemned], minReadySeconds, now, ...revisionNames) });

  // 5. A set being deleted only reports status.
  if (set.metadata.deletionTimestamp !== undefined) return { intents: [], status };

  const pass: Pass = {
    set,
    updateSet,
    monotonic: set.spec?.podManagementPolicy !== 'Parallel',
    minReadySeconds,
    now,
    claims: { ...input.claims },
    createdClaims: {},
    intents: [],
  };
  let error: string | undefined;
  const noting = (step: (pod: Pod) => Step) => (pod: Pod): Step => {
    const result = step(pod);
    error ??= result.error;
    return result;
  };
  const stopped = () => ({ intents: pass.intents, status: recount(), ...(error !== undefined && { error }) });

  // 6. Every slot in ascending order: create, wait, repair.
  if (runForAll(slots, noting((pod) => processReplica(pass, pod)), pass.monotonic)) return stopped();
  // 7. The condemned pods' claims get the owner references of a scaled-down pod.
  const fixClaims = (pod: Pod): Step => {
    if (!claimsMatchRetentionPolicy(updateSet, pod, pass.claims)) updateClaimsForRetention(pass, updateSet, pod);
    return CONTINUE;
  };
  if (runForAll(condemned, fixClaims, pass.monotonic)) return stopped();
  // 8. Scale down from the highest ordinal.
  if (runForAll(condemned, (pod) => processCondemned(pass, pod, firstUnhealthy), pass.monotonic)) return stopped();
  status = recount();

  // 9. OnDelete: pods change revision only when someone deletes them.
  const strategy = set.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') return { intents: pass.intents, status };

  // 10. RollingUpdate: from the highest slot down to the partition, replace the first
  //     out-of-date pod, or wait for the first unavailable one.
  const updateMin = strategy?.rollingUpdate ? (strategy.rollingUpdate.partition ?? 0) : 0;
  for (let target = slots.length - 1; target >= updateMin; target--) {
    const pod = slots[target]!;
    if (getPodRevision(pod) !== revisionNames[1] && !isTerminating(pod)) {
      if (isCreated(pod)) deletePod(pass, pod);
      status = { ...status, currentReplicas: (status.currentReplicas ?? 0) - 1 };
      return { intents: pass.intents, status };
    }
    if (isUnavailable(pod, minReadySeconds, now)) break;
  }
  return { intents: pass.intents, status };
}
