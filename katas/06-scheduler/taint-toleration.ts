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
import { notImplemented } from '../../core/kata/not-implemented';
import type { Status } from '../../core/scheduler/types';

// TODO(kata): match one toleration against one taint (absent fields are ""), find the first
// hard taint nobody tolerates and word the Filter's reason exactly as upstream, then count the
// intolerable PreferNoSchedule taints and normalise in reverse (core/scheduler/normalize-score).

/**
 * Upstream Toleration.ToleratesTaint: effects match (or the toleration has none), keys match
 * (or the toleration has none), and for `Equal` (the default operator) the values match.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  return notImplemented('06-taint-toleration');
}

/** Upstream TolerationsTolerateTaint: some toleration in the list tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return notImplemented('06-taint-toleration');
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
  return notImplemented('06-taint-toleration');
}

/** Upstream DoNotScheduleTaintsFilterFunc: the taints the Filter enforces, `NoSchedule` and `NoExecute`. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return notImplemented('06-taint-toleration');
}

/**
 * Upstream TaintToleration.Filter: `UnschedulableAndUnresolvable` with
 * `node(s) had untolerated taint {key: value}` for the first hard taint not tolerated.
 */
export function taintTolerationFilter(pod: Pod, node: Node): Status {
  return notImplemented('06-taint-toleration');
}

/** Upstream getAllTolerationPreferNoSchedule: the tolerations that can tolerate a `PreferNoSchedule` taint. */
export function getAllTolerationPreferNoSchedule(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return notImplemented('06-taint-toleration');
}

/** Upstream countIntolerableTaintsPreferNoSchedule: `PreferNoSchedule` taints none of the tolerations tolerates. */
export function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[]): number {
  return notImplemented('06-taint-toleration');
}

/**
 * Upstream TaintToleration.Score: the raw score of a node is its count of intolerable
 * `PreferNoSchedule` taints, given the pod's tolerations from `getAllTolerationPreferNoSchedule`.
 */
export function taintTolerationScore(tolerationsPreferNoSchedule: readonly Toleration[], node: Node): number {
  return notImplemented('06-taint-toleration');
}

/** Upstream TaintToleration.NormalizeScore: `DefaultNormalizeScore(100, reverse = true)`, so fewer bad taints score higher. */
export function taintTolerationNormalizeScore(scores: readonly number[]): number[] {
  return notImplemented('06-taint-toleration');
}
