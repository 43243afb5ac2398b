/**
 * One spelling per value, for the two questions the Deployment controller asks of pod
 * templates: "are these two templates the same?" and "what is this template's hash?".
 *
 * Upstream compares templates with `apiequality.Semantic.DeepEqual` (where a nil map or
 * slice equals an empty one) and hashes the Go struct itself (`DeepHashObject` prints it with
 * spew, then FNV-32a). A Go struct cannot be printed here, so the hash input is this
 * canonical JSON instead: keys sorted, and `undefined`, `null`, `{}` and `[]` left out, so a
 * template written with `labels: {}` and one written without labels are the same template,
 * as upstream's semantic equality says. Zero values such as `0`, `false` and `""` are kept:
 * without the Go types there is no telling a pointer field from a plain one.
 *
 * The consequence: the same template gets a different pod-template-hash here than on a real
 * cluster, but the same template always gets the same hash, and different templates
 * different ones, which is all the controller relies on.
 *
 * Upstream: pkg/util/hash/hash.go (DeepHashObject), staging/src/k8s.io/apimachinery/pkg/api/
 * equality/semantic.go, third_party/forked/golang/reflect/deep_equal.go (empty equals nil).
 */

/** The value with sorted keys and without empty members; `undefined` if nothing is left. */
function prune(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => prune(item) ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = prune((value as Record<string, unknown>)[key]);
    if (member !== undefined) out[key] = member;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The canonical JSON text of a value: sorted keys, no empty members. An empty value is `{}`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(prune(value) ?? {});
}

/** Upstream `apiequality.Semantic.DeepEqual` on JSON data: equal canonical forms. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
