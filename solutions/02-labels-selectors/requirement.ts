/**
 * Kata 02-label-validation (second file): build a requirement only if it is valid.
 *
 * Both ways of making a selector, parsing a string and converting an API LabelSelector, go
 * through this one constructor, so the rules and the messages are the same for both.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (NewRequirement,
 * validateLabelKey, validateLabelValue).
 */
import { match } from 'ts-pattern';
import { aggregate, fieldInvalid, fieldNotSupported } from '../../core/labels/field-errors';
import { parseInt64 } from '../../core/labels/parse-int';
import { REQUIREMENT_OPERATORS, type Operator, type Requirement } from '../../core/labels/types';
import { isQualifiedName, isValidLabelValue } from '@kata/02-labels-selectors/label-validation';

/**
 * Upstream NewRequirement. Returns `{key, operator, values}` (values copied, order kept) or
 * throws an Error whose message lists every problem in apimachinery's field-error wording:
 *
 *     values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty
 */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(fieldInvalid('key', key, keyErrs.join('; ')));

  if (!REQUIREMENT_OPERATORS.includes(operator)) {
    // Only reachable from untyped data (a decoded manifest); the type allows no other operator.
    errs.push(fieldNotSupported('operator', operator, REQUIREMENT_OPERATORS));
  } else {
    errs.push(...valueCountErrors(operator, values));
  }

  values.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(fieldInvalid(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });

  const message = aggregate(errs);
  if (message !== undefined) throw new Error(message);
  return { key, operator, values: [...values] };
}

/** What NewRequirement's `switch op` reports about the number and form of the values. */
function valueCountErrors(operator: Operator, values: readonly string[]): string[] {
  return match(operator)
    .with('in', 'notin', () =>
      values.length === 0 ? [fieldInvalid('values', values, "for 'in', 'notin' operators, values set can't be empty")] : [],
    )
    .with('=', '==', '!=', () =>
      values.length !== 1 ? [fieldInvalid('values', values, 'exact-match compatibility requires one single value')] : [],
    )
    .with('exists', '!', () =>
      values.length !== 0 ? [fieldInvalid('values', values, 'values set must be empty for exists and does not exist')] : [],
    )
    .with('gt', 'lt', () => [
      ...(values.length !== 1 ? [fieldInvalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required")] : []),
      ...values.flatMap((v, i) =>
        parseInt64(v) === undefined ? [fieldInvalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")] : [],
      ),
    ])
    .exhaustive();
}
