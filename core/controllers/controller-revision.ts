/**
 * ControllerRevisions: the history of a StatefulSet's (or DaemonSet's) pod template. Each
 * revision is an immutable snapshot of the template, named `<owner>-<hash of the snapshot>`,
 * with a `revision` number that orders the history. Pods carry the name of the revision they
 * were made from in their `controller-revision-hash` label.
 *
 * The hash. Upstream takes the revision's `data` as the exact bytes the controller encoded
 * (the JSON of the patch `{"spec":{"template":{...,"$patch":"replace"}}}`, which Go writes with
 * object keys sorted, because it goes through a `map[string]interface{}`), appends the
 * collision count in decimal, hashes the bytes with 32-bit FNV-1 (not FNV-1a), prints the
 * 32-bit sum in decimal and maps every digit onto the "safe" alphabet of
 * `rand.SafeEncodeString`, so that no name spells a word. This file does exactly that over
 * this project's canonical JSON: keys sorted, compact, and `<`, `>`, `&`, U+2028, U+2029
 * escaped as Go's encoder escapes them. The one difference from a real cluster is upstream of
 * the hash: kube-apiserver fills in defaults (`imagePullPolicy`, `terminationMessagePath`, ...)
 * before the controller ever sees a template, and this cluster's API server does not, so the
 * same manifest hashes differently here. Fed the same template, it gives the same name: the
 * tests check it against the revisions in upstream's compatibility test data
 * (`test-c77f6d978`, `test-776999688b`).
 *
 * Upstream: pkg/controller/history/controller_history.go (ControllerRevisionHashLabel,
 * ControllerRevisionName, HashControllerRevision, SortControllerRevisions, EqualRevision,
 * FindEqualRevisions), staging/src/k8s.io/apimachinery/pkg/util/rand/rand.go
 * (SafeEncodeString), staging/src/k8s.io/api/apps/v1/types.go (ControllerRevision).
 */
import type { KubeObject } from '../api/meta';
import { sortKeys } from '../api/sort-keys';
import { jsonEqual } from '../data/json-equal';

/** An immutable snapshot of a controller's state (`apps/v1` ControllerRevision). */
export type ControllerRevision = KubeObject<never, never> & {
  apiVersion: 'apps/v1';
  kind: 'ControllerRevision';
  /** The snapshot. For a StatefulSet: `{ spec: { template: { ...template, $patch: 'replace' } } }`. */
  data?: unknown;
  /** The position in the owner's history; higher is newer. */
  revision: number;
};

/** The label holding a revision's hash (the name's suffix). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** `rand.SafeEncodeString`'s alphabet: no vowels, no 0, 1 or 3, so no words. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * JSON as Go's `encoding/json` writes a decoded value: object keys sorted, no spaces, and the
 * HTML-sensitive characters escaped.
 */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(sortKeys(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// #region hash
/** 32-bit FNV-1 (multiply, then xor) over bytes, as Go's `hash/fnv.New32`. */
function fnv1(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/** Upstream rand.SafeEncodeString: each character mapped onto the safe alphabet. */
export function safeEncodeString(text: string): string {
  return [...text].map((c) => SAFE_ALPHABET[(c.codePointAt(0) ?? 0) % SAFE_ALPHABET.length]).join('');
}

/**
 * Upstream HashControllerRevision: FNV-1 over the canonical JSON of `data`, followed by the
 * collision count in decimal when one is given, printed in decimal and safe-encoded.
 */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  const text = canonicalJSON(data ?? null) + (collisionCount === undefined ? '' : String(collisionCount));
  return safeEncodeString(String(fnv1(new TextEncoder().encode(text))));
}
// #endregion hash

/** Upstream ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 bytes so the name fits 253. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

const byRevision = (a: ControllerRevision, b: ControllerRevision): number => {
  if (a.revision !== b.revision) return a.revision - b.revision;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return Date.parse(ta || '1970-01-01T00:00:00Z') - Date.parse(tb || '1970-01-01T00:00:00Z');
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
};

/** Upstream SortControllerRevisions: by `revision`, then creation time, then name (a sorted copy). */
export function sortControllerRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(byRevision);
}

/**
 * Upstream EqualRevision: two revisions hold the same snapshot. (Upstream first compares the
 * hash labels, but only when they parse as decimal numbers, which safe-encoded hashes never
 * do; what decides is the data.)
 */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return jsonEqual(a.data ?? null, b.data ?? null);
}

/** Upstream FindEqualRevisions: the revisions holding the same snapshot as `needle`, in the order given. */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}
