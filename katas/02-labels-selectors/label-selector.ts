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
import { notImplemented } from '../../core/kata/not-implemented';
import type { LabelSelector, Labels, Selector } from '../../core/labels/types';

// TODO(kata): handle nil and empty first (core/labels/types: nothing(), everything()), then
// turn each matchLabels entry into an `=` requirement and each expression's In/NotIn/Exists/
// DoesNotExist into in/notin/exists/!, building every requirement with newRequirement
// (@kata/02-labels-selectors/requirement). Sort the requirements by key.

/**
 * Upstream LabelSelectorAsSelector. `null`/`undefined` → nothing; no matchLabels and no
 * matchExpressions → everything; otherwise one `=` requirement per matchLabels entry and one
 * requirement per expression, sorted by key. Throws on an unknown operator
 * (`"Foo" is not a valid label selector operator`) or on values newRequirement rejects.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  return notImplemented('02-label-selector');
}

/**
 * Upstream SelectorFromSet: one `=` requirement per entry, sorted by key, without validation.
 * A plain map selector (a ReplicationController's or a Service's `spec.selector`) has no nil
 * case of its own: `null`, `undefined` and `{}` all give the selector that matches everything.
 */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  return notImplemented('02-label-selector');
}
