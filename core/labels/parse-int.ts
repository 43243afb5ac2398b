/**
 * Go's `strconv.ParseInt(s, 10, 64)`, which decides whether a `gt`/`lt` operand or a label
 * value "is an integer": an optional sign, then decimal digits only (no spaces, no
 * underscores, no `0x`), within the int64 range.
 *
 * Upstream: go/src/strconv/atoi.go (ParseInt), as used by Requirement.Matches and
 * NewRequirement in staging/src/k8s.io/apimachinery/pkg/labels/selector.go.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The integer `s` spells, or `undefined` where Go's ParseInt would return an error. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}
