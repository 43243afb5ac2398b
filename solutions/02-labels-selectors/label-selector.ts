/**
 * Kata 02-label-selector: from the API's structured selector (`spec.selector` of a ReplicaSet,
 * a Deployment, a pod affinity term) to a Selector that can match labels.
 *
 * The one subtle rule: an absent selector and an empty one mean opposite things. Absent (nil)
 * selects nothing; empty (`{}`) selects everything.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
 * (LabelSelectorAsSelector), staging/src/k8s.io/apimachinery/pkg/labels/selector.go
 * (SelectorFromSet, SelectorFromValidatedSet).
 */
import { goQuote } from '../../core/labels/field-errors';
import {
  everything,
  nothing,
  type LabelSelector,
  type Labels,
  type Operator,
  type Requirement,
  type Selector,
} from '../../core/labels/types';
import { newRequirement } from '@kata/02-labels-selectors/requirement';

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The API operators and the selector operator each becomes. */
const FROM_API: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * Upstream LabelSelectorAsSelector. `null`/`undefined` → nothing; no matchLabels and no
 * matchExpressions → everything; otherwise one `=` requirement per matchLabels entry and one
 * requirement per expression, sorted by key. Throws on an unknown operator
 * (`"Foo" is not a valid label selector operator`) or on values newRequirement rejects.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return nothing();
  const labels = Object.entries(ls.matchLabels ?? {});
  const expressions = ls.matchExpressions ?? [];
  if (labels.length + expressions.length === 0) return everything();

  const requirements: Requirement[] = [];
  // Go walks the map in random order; key order makes the first reported error deterministic.
  for (const [key, value] of labels.sort(([a], [b]) => byKey({ key: a }, { key: b }))) {
    requirements.push(newRequirement(key, '=', [value]));
  }
  for (const expr of expressions) {
    const operator = Object.hasOwn(FROM_API, expr.operator) ? FROM_API[expr.operator] : undefined;
    // A missing operator is Go's zero value, the empty string.
    if (operator === undefined) throw new Error(`${goQuote(expr.operator ?? '')} is not a valid label selector operator`);
    requirements.push(newRequirement(expr.key, operator, expr.values ?? []));
  }
  return { type: 'requirements', requirements: requirements.sort(byKey) };
}

/**
 * Upstream SelectorFromSet: one `=` requirement per entry, sorted by key, without validation.
 * A plain map selector (a ReplicationController's or a Service's `spec.selector`) has no nil
 * case of its own: `null`, `undefined` and `{}` all give the selector that matches everything.
 */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  const requirements = Object.entries(set ?? {})
    .map(([key, value]): Requirement => ({ key, operator: '=', values: [value] }))
    .sort(byKey);
  return { type: 'requirements', requirements };
}
