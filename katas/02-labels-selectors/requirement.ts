/**
 * Kata 02-label-validation (second file): build a requirement only if it is valid.
 *
 * Both ways of making a selector, parsing a string and converting an API LabelSelector, go
 * through this one constructor, so the rules and the messages are the same for both.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement,
 * validateLabelKey, validateLabelValue).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Operator, Requirement } from '../../core/labels/types';

// TODO(kata): check the key (isQualifiedName), the number of values the operator takes, that
// `gt`/`lt` values are integers (core/labels/parse-int), and every value (isValidLabelValue).
// Collect every problem as a field error (core/labels/field-errors: fieldInvalid,
// fieldNotSupported) at paths `key`, `values`, `values[i]`, `values[i][<key>]`, `operator`,
// then throw one Error with their aggregate; otherwise return the requirement.

/**
 * Upstream NewRequirement. Returns `{key, operator, values}` (values copied, order kept) or
 * throws an Error whose message lists every problem in apimachinery's field-error wording:
 *
 *     values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  return notImplemented('02-label-validation');
}
