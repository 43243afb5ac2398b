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
import { match } from 'ts-pattern';
import type { Requirement, Selector } from '../../core/labels/types';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Upstream Requirement.String: `x=a`, `x==a`, `x!=a`, `x in (a,b)`, `x notin (a)`, `x`, `!x`, `x>1`, `x<1`. */
export function requirementToString(r: Requirement): string {
  // Sort a copy: printing must not reorder the caller's data.
  const values = [...r.values].sort(byString).join(',');
  return match(r.operator)
    .with('=', '==', '!=', () => `${r.key}${r.operator}${values}`)
    .with('in', 'notin', () => `${r.key} ${r.operator} (${values})`)
    .with('gt', () => `${r.key}>${values}`)
    .with('lt', () => `${r.key}<${values}`)
    .with('exists', () => r.key)
    .with('!', () => `!${r.key}`)
    .exhaustive();
}

/**
 * Upstream Selector.String: requirements joined by `,` with no spaces, in key order. Both
 * `Everything()` and `Nothing()` print as `""`.
 */
export function selectorToString(selector: Selector): string {
  if (selector.type === 'nothing') return '';
  // A stable sort by key leaves an already sorted selector (what parse produces) untouched.
  return [...selector.requirements]
    .sort((a, b) => byString(a.key, b.key))
    .map(requirementToString)
    .join(',');
}
