/**
 * Kata 06-taint-toleration: taints keep pods away from nodes unless the pod tolerates them.
 *
 * A taint `{key, value, effect}` on a node repels pods; a toleration on a pod lets it through.
 * `NoSchedule` and `NoExecute` taints are hard: the Filter rejects a node with one the pod does
 * not tolerate. `PreferNoSchedule` is soft: the Score counts such taints and, after a reversed
 * normalisation, the node with the fewest gets 100.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint),
 * staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go (TolerationsTolerateTaint,
 * FindMatchingUntoleratedTaint), pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
 * (Filter, getAllTolerationPreferNoSchedule, countIntolerableTaintsPreferNoSchedule, Score,
 * NormalizeScore).
 */
import type { Node, Pod, Taint, Toleration } from '../../core/api/types';
import { defaultNormalizeScore } from '../../core/scheduler/normalize-score';
import { MAX_NODE_SCORE, newStatus, SUCCESS, type Status } from '../../core/scheduler/types';

// #region tolerates
/**
 * Upstream Toleration.ToleratesTaint: effects match (or the toleration has none), keys match
 * (or the toleration has none), and for `Equal` (the default operator) the values match.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  // Absent and empty mean the same here, as in Go where both are "".
  const effect: string = toleration.effect ?? '';
  const key = toleration.key ?? '';
  if (effect !== '' && effect !== taint.effect) return false;
  if (key !== '' && key !== taint.key) return false;
  const operator: string = toleration.operator ?? '';
  switch (operator) {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}
// #endregion tolerates

/** Upstream TolerationsTolerateTaint: some toleration in the list tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (tolerations === undefined) return false;
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true;
  return false;
}

/**
 * Upstream FindMatchingUntoleratedTaint: the first taint, among those `inclusionFilter`
 * accepts, that no toleration tolerates; `undefined` when there is none.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter: (taint: Taint) => boolean,
): Taint | undefined {
  if (taints === undefined) return undefined;
  for (const taint of taints) {
    if (inclusionFilter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Upstream DoNotScheduleTaintsFilterFunc: the taints the Filter enforces, `NoSchedule` and `NoExecute`. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/**
 * Upstream TaintToleration.Filter: `UnschedulableAndUnresolvable` with
 * `node(s) had untolerated taint {key: value}` for the first hard taint not tolerated.
 */
export function taintTolerationFilter(pod: Pod, node: Node): Status {
  const taint = findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint);
  if (taint === undefined) return SUCCESS;
  // The same taint object rejects many pods: its status is built once and shared.
  let status = untolerated.get(taint);
  if (status === undefined) {
    status = Object.freeze(newStatus('UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`));
    untolerated.set(taint, status);
  }
  return status;
}

const untolerated = new WeakMap<Taint, Status>();

/** Upstream getAllTolerationPreferNoSchedule: the tolerations that can tolerate a `PreferNoSchedule` taint. */
export function getAllTolerationPreferNoSchedule(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => {
    const effect: string = t.effect ?? '';
    return effect === '' || effect === 'PreferNoSchedule';
  });
}

/** Upstream countIntolerableTaintsPreferNoSchedule: `PreferNoSchedule` taints none of the tolerations tolerates. */
export function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[]): number {
  let count = 0;
  for (const taint of taints ?? []) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
  }
  return count;
}

/**
 * Upstream TaintToleration.Score: the raw score of a node is its count of intolerable
 * `PreferNoSchedule` taints, given the pod's tolerations from `getAllTolerationPreferNoSchedule`.
 */
export function taintTolerationScore(tolerationsPreferNoSchedule: readonly Toleration[], node: Node): number {
  return countIntolerableTaintsPreferNoSchedule(node.spec?.taints, tolerationsPreferNoSchedule);
}

/** Upstream TaintToleration.NormalizeScore: `DefaultNormalizeScore(100, reverse = true)`, so fewer bad taints score higher. */
export function taintTolerationNormalizeScore(scores: readonly number[]): number[] {
  return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
}
