/**
 * Field paths as kube-apiserver prints them: `spec.template.spec.containers[0].image`,
 * with map keys in brackets (`resources.limits[cpu]`). Paths are plain strings; the root is
 * the empty string.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/path.go
 */

/** `path.Child(name, ...)`: descend into struct fields. */
export function child(path: string, ...names: string[]): string {
  return names.reduce((at, name) => (at === '' ? name : `${at}.${name}`), path);
}

/** `path.Index(i)`: an element of a list. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** `path.Key(k)`: an entry of a map. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
