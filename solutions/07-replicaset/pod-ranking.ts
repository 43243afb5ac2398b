/**
 * Kata 07-pod-ranking: which pods go first when a ReplicaSet scales down? Upstream sorts the
 * candidates with ActivePodsWithRanks and deletes the front of the list: pods that do least
 * harm when removed (not yet scheduled, not yet running, not ready, cheap to delete, crowding
 * a node, young) come first.
 *
 * Upstream: pkg/controller/controller_utils.go (ActivePodsWithRanks.Less, afterOrZero,
 * podReadyTime, logarithmicRankDiff, maxContainerRestarts), pkg/apis/core/helper/helpers.go
 * (GetDeletionCostFromPodAnnotations), pkg/controller/replicaset/replica_set.go
 * (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import type { Pod } from '../../core/api/types';
import { isPodActive, isPodReady, podReadyCondition } from '../../core/controllers/pod-status';
import type { RankedPod } from '../../core/controllers/types';

/** The annotation that lets a user say which pods are cheaper to delete (`int32`, default 0). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Upstream GetDeletionCostFromPodAnnotations: the annotation as an int32, 0 when absent or
 * invalid. A leading `+` or a leading zero (`+10`, `008`) is invalid; `-8`, `0` are fine.
 */
export function getDeletionCostFromPodAnnotations(annotations: Record<string, string> | undefined): number {
  const value = annotations?.[POD_DELETION_COST];
  if (value === undefined) return 0;
  const validFirstDigit = value.startsWith('-') || value === '0' || /^[1-9]/.test(value);
  // strconv.ParseInt(value, 10, 32): an optional sign, then decimal digits, within int32.
  if (!validFirstDigit || !/^[+-]?[0-9]+$/.test(value)) return 0;
  const n = Number(value);
  return n < INT32_MIN || n > INT32_MAX ? 0 : n;
}

// #region log-buckets
const ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** Milliseconds of a timestamp, or `undefined` for Go's zero time (unset, empty or year 1). */
function instant(t: string | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return ms === ZERO_TIME ? undefined : ms;
}

/** Go's math.Log2: frexp, exact for powers of two, then a natural log. */
function goLog2(x: number): number {
  let exp = Math.floor(Math.log2(x)) + 1;
  let frac = x / 2 ** exp;
  if (frac >= 1) [frac, exp] = [frac / 2, exp + 1];
  if (frac < 0.5) [frac, exp] = [frac * 2, exp - 1];
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * Math.LOG2E + exp;
}

/**
 * Upstream logarithmicRankDiff: each time's age at `now`, in nanoseconds, put in a bucket
 * `floor(log2(age))` (-1 when not in the past), and the difference of the two buckets. Two
 * pods that became ready 5 and 8 hours ago share bucket 44, so neither is "younger".
 */
export function logarithmicRankDiff(t1: string, t2: string, now: string): number {
  const bucket = (t: string) => {
    const nanos = (Date.parse(now) - Date.parse(t)) * 1e6;
    return nanos > 0 ? Math.trunc(goLog2(nanos)) : -1;
  };
  return bucket(t1) - bucket(t2);
}
// #endregion log-buckets

/** Upstream afterOrZero: t1 is after t2; a zero time counts as after any other. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/**
 * Rules 6 and 8: the more recent time goes first. With a `now`, times are compared by their
 * logarithmic bucket and the pod UID breaks a tie; a zero time (or no `now`) compares exactly.
 */
function newerFirst(a: Pod, b: Pod, ta: string | undefined, tb: string | undefined, now: string | undefined): boolean {
  const [ma, mb] = [instant(ta), instant(tb)];
  if (!now || ma === undefined || mb === undefined) return afterOrZero(ma, mb);
  const diff = logarithmicRankDiff(ta as string, tb as string, now);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (pod: Pod) => PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
const readyTime = (pod: Pod) => (isPodReady(pod) ? podReadyCondition(pod)?.lastTransitionTime : undefined);
const maxRestarts = (pod: Pod) => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

// #region less
/**
 * Upstream ActivePodsWithRanks.Less: `a` should be deleted before `b`. The first rule that
 * tells them apart decides:
 * 1. not scheduled before scheduled; 2. Pending < Unknown < Running; 3. not ready before ready;
 * 4. lower deletion cost first; 5. higher rank first; 6. both ready: ready more recently first;
 * 7. more container restarts first; 8. created more recently first.
 * Rules 6 and 8 compare logarithmic buckets relative to `now` (LogarithmicScaleDown, GA since
 * v1.31), with the UID as tie-break; without `now` they compare the times exactly.
 */
export function activePodsWithRanksLess(a: RankedPod, b: RankedPod, now: string | undefined): boolean {
  const [pa, pb] = [a.pod, b.pod];
  const [na, nb] = [pa.spec?.nodeName ?? '', pb.spec?.nodeName ?? ''];
  if (na !== nb && (na === '' || nb === '')) return na === '';
  if (phaseOrdinal(pa) !== phaseOrdinal(pb)) return phaseOrdinal(pa) < phaseOrdinal(pb);
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  const [ca, cb] = [getDeletionCostFromPodAnnotations(pa.metadata.annotations), getDeletionCostFromPodAnnotations(pb.metadata.annotations)];
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(pa) && isPodReady(pb)) {
    const [ra, rb] = [readyTime(pa), readyTime(pb)];
    if (instant(ra) !== instant(rb)) return newerFirst(pa, pb, ra, rb, now);
  }
  if (maxRestarts(pa) !== maxRestarts(pb)) return maxRestarts(pa) > maxRestarts(pb);
  const [ta, tb] = [pa.metadata.creationTimestamp, pb.metadata.creationTimestamp];
  if (instant(ta) !== instant(tb)) return newerFirst(pa, pb, ta, tb, now);
  return false;
}
// #endregion less

/**
 * Upstream getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of *active*
 * pods in `relatedPods` on the same node (unscheduled pods share the node `""`).
 */
export function getPodsRankedByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const onNode: Record<string, number> = {};
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode[node] = (onNode[node] ?? 0) + 1;
  }
  return podsToRank.map((pod) => ({ pod, rank: onNode[pod.spec?.nodeName ?? ''] ?? 0 }));
}

/**
 * Upstream getPodsToDelete: the first `diff` pods once ranked and sorted; when `diff` covers
 * every pod nothing is sorted and they are returned as given. The sort is stable, so pods
 * `Less` cannot tell apart keep their order (upstream's sort.Sort makes no such promise).
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now: string): Pod[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const ranked = getPodsRankedByRelatedPodsOnSameNode(filteredPods, relatedPods);
  ranked.sort((a, b) => (activePodsWithRanksLess(a, b, now) ? -1 : activePodsWithRanksLess(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
