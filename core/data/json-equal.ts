/**
 * Structural equality of JSON values: the question "did the spec change?" that decides
 * whether `metadata.generation` moves, and "did this update change anything?" that decides
 * whether the store writes at all.
 *
 * Upstream: apiequality.Semantic.DeepEqual (staging/src/k8s.io/apimachinery/pkg/api/equality),
 * used by every registry strategy's PrepareForUpdate to compare old and new spec.
 */

/**
 * Whether two JSON values are equal: same primitives, same array elements in order, same
 * object keys with equal values (key order ignored). A key whose value is `undefined`
 * counts as absent, as it does once the value is serialised.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const leftKeys = keys(left);
  if (leftKeys.length !== keys(right).length) return false;
  return leftKeys.every((k) => Object.hasOwn(right, k) && jsonEqual(left[k], right[k]));
}
