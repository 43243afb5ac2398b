/**
 * Kata 02-selector-matches: does a label map satisfy a selector?
 *
 * This is the question every controller asks about every object: is this pod one of mine
 * (ReplicaSet), one of my backends (Service), on a node I may use (node affinity)?
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches,
 * internalSelector.Matches, nothingSelector.Matches).
 */
import { match } from 'ts-pattern';
import { parseInt64 } from '../../core/labels/parse-int';
import type { Labels, Requirement, Selector } from '../../core/labels/types';

/**
 * Upstream Requirement.Matches. `!=` and `notin` also match when the key is absent; `gt` and
 * `lt` need the label to be present and both sides to parse as int64.
 */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  // Own properties only: `constructor` is a valid label key, and `{}` must not "have" it.
  const present = Object.hasOwn(labels, r.key);
  const value = present ? labels[r.key] : undefined;
  return match(r.operator)
    .with('=', '==', 'in', () => value !== undefined && r.values.includes(value))
    .with('!=', 'notin', () => value === undefined || !r.values.includes(value))
    .with('exists', () => present)
    .with('!', () => !present)
    .with('gt', 'lt', () => {
      if (value === undefined || r.values.length !== 1) return false;
      const have = parseInt64(value);
      const want = parseInt64(r.values[0] ?? '');
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    })
    .exhaustive();
}

/**
 * Upstream Selector.Matches: true when every requirement matches, so the selector with no
 * requirements matches everything; `Nothing()` matches no label map at all.
 */
export function selectorMatches(selector: Selector, labels: Labels): boolean {
  if (selector.type === 'nothing') return false;
  return selector.requirements.every((r) => requirementMatches(r, labels));
}
