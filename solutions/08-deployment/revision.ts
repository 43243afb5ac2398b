/**
 * Kata 08-pod-template-hash, part two: which ReplicaSet is the new one, and what its
 * annotations say. The new ReplicaSet is the oldest one whose template matches the
 * Deployment's; every other owned ReplicaSet is old. Revisions count rollouts: the new
 * ReplicaSet gets one more than the highest old revision, and one that becomes new again (a
 * rollback) keeps its earlier numbers in a revision history.
 *
 * Upstream: pkg/controller/deployment/util/deployment_util.go (MaxRevision, LastRevision,
 * FindNewReplicaSet, FindOldReplicaSets, SetNewReplicaSetAnnotations,
 * copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations, ReplicasAnnotationsNeedUpdate).
 */
import { maxSurge } from '@kata/08-deployment/fenceposts';
import { equalIgnoreHash } from '@kata/08-deployment/pod-template-hash';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import {
  ANNOTATIONS_TO_SKIP,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from '../../core/controllers/deployment-constants';
import { deploymentReplicas } from '../../core/controllers/deployment-defaults';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import { byCreationTimestamp, revisionOf, sortedBy } from '../../core/controllers/replica-set-lists';

/** Upstream MaxRevision: the highest revision among `rss` (0 if none); unreadable revisions are skipped. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

/** Upstream LastRevision: the second highest revision among `rss` (the one before the current), 0 if none. */
export function lastRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) [second, max] = [max, v];
    else if (v > second) second = v;
  }
  return second;
}

// #region find-new
/**
 * Upstream FindNewReplicaSet: the oldest ReplicaSet (creation time, then name) whose template
 * equals the Deployment's ignoring the pod-template-hash label. Oldest, because after some
 * upgrades two can match, and the choice must not flap.
 */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  const template = d.spec?.template ?? {};
  return sortedBy(rsList, byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template ?? {}, template));
}
// #endregion find-new

/**
 * Upstream FindOldReplicaSets: every ReplicaSet but the new one, oldest first (`allOldRSs`),
 * and among them those that still want pods (`requiredRSs`).
 */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): { requiredRSs: ReplicaSet[]; allOldRSs: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const allOldRSs = sortedBy(rsList, byCreationTimestamp).filter((rs) => rs.metadata.name !== newRS?.metadata.name);
  return { requiredRSs: allOldRSs.filter((rs) => replicasOf(rs) !== 0), allOldRSs };
}

/** Upstream SetReplicasAnnotations: record `desired` and `max` on the ReplicaSet; `changed` when either differed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): { replicaSet: ReplicaSet; changed: boolean } {
  const changed = replicasAnnotationsNeedUpdate(rs, desired, max);
  const annotations = { ...rs.metadata.annotations, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
  return { replicaSet: changed ? { ...rs, metadata: { ...rs.metadata, annotations } } : rs, changed };
}

/** Upstream ReplicasAnnotationsNeedUpdate: the desired-replicas or max-replicas annotation is not `desired` / `max`. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** The revision history after adding `oldRevision`, dropping the oldest entries to stay within `limit` characters (or `undefined`: not appended). */
function appendHistory(history: string, oldRevision: string, limit: number): string | undefined {
  const entries = history.split(',');
  if (entries[0] === '') return oldRevision;
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > limit && start < entries.length) {
    total -= (entries[start] ?? '').length + 1;
    start++;
  }
  return total <= limit ? [...entries.slice(start), oldRevision].join(',') : undefined;
}

// #region set-new-annotations
/**
 * Upstream SetNewReplicaSetAnnotations:
 * 1. copy the Deployment's annotations onto the ReplicaSet, except ANNOTATIONS_TO_SKIP;
 * 2. raise its revision to `newRevision` if that is higher (never lower it: old ReplicaSets
 *    may have been deleted since); an existing revision that is not a number stops here,
 *    reporting no change;
 * 3. when an existing revision was raised (a rollback to this ReplicaSet), append the old
 *    number to the revision history, dropping the oldest entries to stay within
 *    `revHistoryLimitInChars` characters;
 * 4. when the ReplicaSet does not exist yet (`exists` false), set its desired-replicas and
 *    max-replicas annotations (`replicas`, `replicas + maxSurge`).
 * `changed` says whether any annotation changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars: number): { replicaSet: ReplicaSet; changed: boolean } {
  const annotations: Record<string, string> = { ...rs.metadata.annotations };
  const result = (changed: boolean) => ({ replicaSet: { ...rs, metadata: { ...rs.metadata, annotations } }, changed });
  // 1. Copy the Deployment's own annotations.
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.includes(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  // 2. Raise the revision; upstream gives up on a revision it cannot parse.
  const hadRevision = Object.hasOwn(annotations, REVISION_ANNOTATION);
  const oldRevision = annotations[REVISION_ANNOTATION] ?? '';
  const isInt = (s: string) => /^[+-]?[0-9]+$/.test(s);
  if (oldRevision !== '' && !isInt(oldRevision)) return result(false);
  if (!isInt(newRevision)) return result(false);
  const raised = (oldRevision === '' ? 0 : Number(oldRevision)) < Number(newRevision);
  if (raised) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  // 3. A ReplicaSet that had a revision and got a higher one is being rolled back to.
  if (hadRevision && raised) {
    const history = appendHistory(annotations[REVISION_HISTORY_ANNOTATION] ?? '', oldRevision, revHistoryLimitInChars);
    if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
  }
  // 4. A ReplicaSet about to be created records the sizes it is created for.
  if (!exists) {
    const replicas = deploymentReplicas(d);
    const sized = setReplicasAnnotations({ ...rs, metadata: { ...rs.metadata, annotations } }, replicas, replicas + maxSurge(d));
    Object.assign(annotations, sized.replicaSet.metadata.annotations);
    changed ||= sized.changed;
  }
  return result(changed);
}
// #endregion set-new-annotations
