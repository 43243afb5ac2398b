/**
 * A persistent (immutable) string-keyed map made of plain arrays, so it survives
 * `JSON.stringify`/`JSON.parse` unchanged and can live inside reducer state.
 *
 * Why: the store holds 150,000 pods. A reducer that copied the whole collection on every
 * write would spend minutes creating them. Here a write copies only the path to the changed
 * key: the root, one branch, one twig (32 slots each) and one small sorted leaf. Everything else is
 * shared between the old and the new map, so old states stay valid (time travel, failed
 * requests returning the previous state) at no extra cost.
 *
 * Shape: a three-level hashed trie of 32-slot arrays. The key's 32-bit FNV-1a hash picks a
 * branch (bits 0-4), a twig (bits 5-9) and a leaf (bits 10-14); a leaf is an array of
 * `[key, value]` pairs sorted by key. Empty slots are `null`. Because leaves are sorted and
 * empty nodes are pruned, two maps with the same entries have the same structure, whatever
 * order the entries arrived in. With 32,768 leaves a map of 150,000 keys has about 5 entries
 * per leaf, and a write copies about 100 array slots; it stays fast up to a few million keys.
 *
 * Upstream: the apiserver's watch cache makes cheap snapshots the same way, with a
 * copy-on-write B-tree (staging/src/k8s.io/apiserver/pkg/storage/cacher/store_btree.go).
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** A leaf: `[key, value]` pairs sorted by key. */
export type PMapLeaf<V> = [string, V][];
/** A node holding leaves: `WIDTH` slots, each a leaf or `null`. */
export type PMapTwig<V> = (PMapLeaf<V> | null)[];
/** A node holding twigs: `WIDTH` slots, each a twig or `null`. */
export type PMapBranch<V> = (PMapTwig<V> | null)[];
/** The map itself: its entry count and `WIDTH` root slots, each a branch or `null`. */
export type PMap<V> = { size: number; root: (PMapBranch<V> | null)[] };

const emptyNode = <T>(): (T | null)[] => new Array<T | null>(WIDTH).fill(null);

/** The empty map. */
export function pmapEmpty<V>(): PMap<V> {
  return { size: 0, root: emptyNode() };
}

// FNV-1a over UTF-16 code units: cheap, deterministic, and well spread for short keys.
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function leafOf<V>(map: PMap<V>, h: number): PMapLeaf<V> | null {
  return map.root[h & MASK]?.[(h >>> BITS) & MASK]?.[(h >>> (2 * BITS)) & MASK] ?? null;
}

/** Index of `key` in a sorted leaf, or `-(insertion point) - 1` when absent. */
function search<V>(leaf: PMapLeaf<V>, key: string): number {
  let lo = 0;
  let hi = leaf.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = leaf[mid]![0];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/** The value stored under `key`, or `undefined`. */
export function pmapGet<V>(map: PMap<V>, key: string): V | undefined {
  const leaf = leafOf(map, hash(key));
  if (leaf === null) return undefined;
  const i = search(leaf, key);
  return i >= 0 ? leaf[i]![1] : undefined;
}

/** Whether `key` has an entry (also when its value is `undefined` or `null`). */
export function pmapHas<V>(map: PMap<V>, key: string): boolean {
  const leaf = leafOf(map, hash(key));
  return leaf !== null && search(leaf, key) >= 0;
}

// Rebuilds the path to one leaf; `leaf === null` prunes it, and any node it leaves empty.
function withLeaf<V>(map: PMap<V>, h: number, leaf: PMapLeaf<V> | null, size: number): PMap<V> {
  const [b, t, l] = [h & MASK, (h >>> BITS) & MASK, (h >>> (2 * BITS)) & MASK];
  const branch = map.root[b] ?? null;
  const twig = branch?.[t] ?? null;
  const nextTwig = replace(twig, l, leaf);
  const nextBranch = replace(branch, t, nextTwig);
  return { size, root: replace(map.root, b, nextBranch) ?? emptyNode() };
}

// A copy of `node` with one slot replaced; `null` when the copy would be all empty.
function replace<T>(node: (T | null)[] | null, slot: number, value: T | null): (T | null)[] | null {
  const next = node === null ? emptyNode<T>() : node.slice();
  next[slot] = value;
  return value === null && next.every((s) => s === null) ? null : next;
}

/** A map with `key` set to `value`; the input map is unchanged. Returns `map` itself when nothing changes. */
export function pmapSet<V>(map: PMap<V>, key: string, value: V): PMap<V> {
  const h = hash(key);
  const leaf = leafOf(map, h) ?? [];
  const i = search(leaf, key);
  if (i >= 0) {
    if (leaf[i]![1] === value) return map;
    const next = leaf.slice();
    next[i] = [key, value];
    return withLeaf(map, h, next, map.size);
  }
  const at = -i - 1;
  const next = [...leaf.slice(0, at), [key, value] as [string, V], ...leaf.slice(at)];
  return withLeaf(map, h, next, map.size + 1);
}

/** A map without `key`; the input map is unchanged. Returns `map` itself when `key` is absent. */
export function pmapDelete<V>(map: PMap<V>, key: string): PMap<V> {
  const h = hash(key);
  const leaf = leafOf(map, h);
  if (leaf === null) return map;
  const i = search(leaf, key);
  if (i < 0) return map;
  const next = leaf.length === 1 ? null : [...leaf.slice(0, i), ...leaf.slice(i + 1)];
  return withLeaf(map, h, next, map.size - 1);
}

/**
 * A map holding `entries` (a later duplicate key wins), built in one pass: much faster than
 * setting the entries one by one, and the same map as that would give.
 */
export function pmapFromEntries<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
  const leaves = new Map<number, Map<string, V>>();
  for (const [key, value] of entries) {
    const slot = hash(key) & ((1 << (3 * BITS)) - 1);
    let leaf = leaves.get(slot);
    if (leaf === undefined) leaves.set(slot, (leaf = new Map()));
    leaf.set(key, value);
  }
  const root = emptyNode<PMapBranch<V>>();
  let size = 0;
  for (const [slot, leaf] of leaves) {
    const branch = (root[slot & MASK] ??= emptyNode<PMapTwig<V>>());
    const twig = (branch[(slot >>> BITS) & MASK] ??= emptyNode<PMapLeaf<V>>());
    twig[(slot >>> (2 * BITS)) & MASK] = [...leaf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    size += leaf.size;
  }
  return { size, root };
}

/** Every `[key, value]` pair, in an order that depends only on the keys (not on insertion). */
export function pmapEntries<V>(map: PMap<V>): [string, V][] {
  const out: [string, V][] = [];
  for (const branch of map.root) {
    for (const twig of branch ?? []) {
      for (const leaf of twig ?? []) {
        for (const entry of leaf ?? []) out.push(entry);
      }
    }
  }
  return out;
}

/** Every key, in the order of {@link pmapEntries}. */
export function pmapKeys<V>(map: PMap<V>): string[] {
  return pmapEntries(map).map(([key]) => key);
}

/** Every value, in the order of {@link pmapEntries}. */
export function pmapValues<V>(map: PMap<V>): V[] {
  const out: V[] = [];
  for (const branch of map.root) {
    for (const twig of branch ?? []) {
      for (const leaf of twig ?? []) {
        for (const entry of leaf ?? []) out.push(entry[1]);
      }
    }
  }
  return out;
}

/** The number of entries, in constant time. */
export function pmapSize<V>(map: PMap<V>): number {
  return map.size;
}
