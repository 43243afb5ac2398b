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
import type { Pod, StatefulSetStatus } from '../../core/api/types';
import type { StatefulSetSyncInput, StatefulSetSyncResult } from '../../core/controllers/statefulset-types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): write computeReplicaStatus, then updateStatefulSet: sort the pods into slots and
// condemned ones, fill empty slots with newVersionedStatefulSetPod (@kata/09-statefulset/
// revisions), process the slots in ordinal order (create claims then the pod, wait in
// OrderedReady mode, repair identity, storage and claim owners), fix the condemned pods'
// claims, scale down from the top, then roll one pod from the top down to the partition.
// The pod predicates are in core/controllers/stateful-pod-status.ts.

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
  return notImplemented('09-update-statefulset');
}

/** Upstream updateStatefulSet: the writes of one pass, and the status it observed. */
export function updateStatefulSet(input: StatefulSetSyncInput): StatefulSetSyncResult {
  return notImplemented('09-update-statefulset');
}
