/**
 * Resource quantities, parsed exactly: `500m` CPU, `128Mi` memory, `1e3`, `1.5Gi`.
 * A quantity is kept as a count of nano-units in a bigint, so no value is ever rounded by
 * floating point; only amounts finer than one nano-unit are rounded, up, as upstream does.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity,
 * CanonicalizeBytes, Value, MilliValue, Cmp, Add, Sub), suffix.go and amount.go.
 */
import type { Quantity } from '../../core/api/types/quantity';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): build exact quantities on bigint nano-units.
//  1. parseQuantity: split the text into sign, digits, fraction and suffix the way upstream's
//     scanner does (`.`, `1.` and `-` are numbers; anything after the suffix is an error),
//     map the suffix (n u m "" k M G T P E, Ki..Ei, e<exp>/E<exp>) to a base and exponent,
//     then count nano-units exactly. Round anything below 1n up, cap BinarySI at 2^63-1,
//     and throw the messages from core/api/types/quantity.
//  2. quantityToString: the canonical form (largest suffix without losing precision).
//  3. compare, add, subtract, value and milliValue (both round away from zero).

/**
 * Parses a quantity, or throws upstream's error text. Amounts below one nano-unit round up
 * (away from zero) to 1n; BinarySI amounts are capped at 2⁶³−1 and, when below 1, printed
 * as DecimalSI.
 */
export function parseQuantity(text: string): Quantity {
  return notImplemented('01-quantity');
}

/**
 * Upstream `Quantity.String()`: the canonical form, with the largest suffix that loses no
 * precision. `1.5Gi` prints as `1536Mi`, `0.5` as `500m`, `1000M` as `1G`. BinarySI amounts
 * below 1024 or with a fraction print as DecimalSI.
 */
export function quantityToString(q: Quantity): string {
  return notImplemented('01-quantity');
}

/** Upstream `Cmp`: -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return notImplemented('01-quantity');
}

/** Upstream `Add`: the sum, in `a`'s format unless `a` is zero (then `b`'s). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return notImplemented('01-quantity');
}

/** Upstream `Sub`: the difference, in `a`'s format unless `a` is zero (then `b`'s). */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return notImplemented('01-quantity');
}

/** Upstream `Value`: whole units, rounded away from zero (`1500m` is 2, `-1500m` is -2). */
export function value(q: Quantity): bigint {
  return notImplemented('01-quantity');
}

/** Upstream `MilliValue`: thousandths, rounded away from zero (CPU millicores). */
export function milliValue(q: Quantity): bigint {
  return notImplemented('01-quantity');
}
