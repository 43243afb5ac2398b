/**
 * Kata 02-selector-matches: does a label map satisfy a selector?
 *
 * This is the question every controller asks about every object: is this pod one of mine
 * (ReplicaSet), one of my backends (Service), on a node I may use (node affinity)?
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches,
 * internalSelector.Matches, nothingSelector.Matches).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Labels, Requirement, Selector } from '../../core/labels/types';

// TODO(kata): decide one requirement against a label map, operator by operator, then a
// selector as the AND of its requirements. Mind absent keys (`!=` and `notin` match them),
// keys such as `constructor` that every JS object seems to have, and integer parsing for
// `gt`/`lt` (core/labels/parse-int).

/**
 * Upstream Requirement.Matches. `!=` and `notin` also match when the key is absent; `gt` and
 * `lt` need the label to be present and both sides to parse as int64.
 */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  return notImplemented('02-selector-matches');
}

/**
 * Upstream Selector.Matches: true when every requirement matches, so the selector with no
 * requirements matches everything; `Nothing()` matches no label map at all.
 */
export function selectorMatches(selector: Selector, labels: Labels): boolean {
  return notImplemented('02-selector-matches');
}
