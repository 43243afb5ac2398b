/**
 * A copy of a JSON value with every object's keys in alphabetical order. The API server
 * serialises objects from Go maps this way, so `-o yaml`, `-o json` and kubectl's
 * last-applied annotation all list fields alphabetically.
 */

/** Deep copy of `value` with object keys sorted; arrays keep their order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted as T;
}
