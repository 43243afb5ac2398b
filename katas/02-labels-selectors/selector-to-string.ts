/**
 * Kata 02-selector-to-string: print a selector the way kubectl and the API print it.
 *
 * The printed form is canonical: requirements in key order, values in sorted order, one
 * spelling per operator. So two selectors that mean the same print the same, and the text
 * parses back to the same selector.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement.String,
 * internalSelector.String, safeSort, nothingSelector.String).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Requirement, Selector } from '../../core/labels/types';

// TODO(kata): print one requirement per operator spelling, then join a selector's
// requirements with "," in key order. Sort copies, never the caller's arrays.

/** Upstream Requirement.String: `x=a`, `x==a`, `x!=a`, `x in (a,b)`, `x notin (a)`, `x`, `!x`, `x>1`, `x<1`. */
export function requirementToString(r: Requirement): string {
  return notImplemented('02-selector-to-string');
}

/**
 * Upstream Selector.String: requirements joined by `,` with no spaces, in key order. Both
 * `Everything()` and `Nothing()` print as `""`.
 */
export function selectorToString(selector: Selector): string {
  return notImplemented('02-selector-to-string');
}
