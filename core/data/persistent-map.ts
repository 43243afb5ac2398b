/**
 * A persistent (immutable) string-keyed map made of plain arrays, so it survives
 * `JSON.stringify`/`JSON.parse` unchanged and can live inside reducer state.
 *
 * Why: the store holds 150,000 pods. A reducer that copied the whole collection on every
 * write would spend minutes creating them. Here a write copies only the path to the changed
 * key: the 64-slot root, one 64-slot branch and one small sorted leaf. Everything else is
 * shared between the old and the new map, so old states stay valid (time travel, failed
 * requests returning the previous state) at no extra cost.
 *
 * Shape: a two-level hashed trie. The key's 32-bit FNV-1a hash picks a branch (low 6 bits)
 * and a leaf (next 6 bits); a leaf is an array of `[key, value]` pairs sorted by key. Empty
 * slots are `null`. Because leaves are sorted and empty nodes are pruned, two maps with the
 * same entries have the same structure, whatever order the entries arrived in. With 4,096
 * leaves a map of 150,000 keys has about 37 entries per leaf; it stays fast up to a few
 * million keys.
 *
 * Upstream: the apiserver's watch cache makes cheap snapshots the same way, with a
 * copy-on-write B-tree (staging/src/k8s.io/apiserver/pkg/storage/cacher/store_btree.go).
 */

const BITS = 6;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** A leaf: `[key, value]` pairs sorted by key. */
export type PMapLeaf<V> = [string, V][];
/** A branch: `WIDTH` slots, each a leaf or `null`. */
export type PMapBranch<V> = (PMapLeaf<V> | null)[];
/** The map itself: its entry count and `WIDTH` root slots, each a branch or `null`. */
export type PMap<V> = { size: number; root: (PMapBranch<V> | null)[] };

/** The empty map. */
export function pmapEmpty<V>(): PMap<V> {
  return { size: 0, root: new Array<PMapBranch<V> | null>(WIDTH).fill(null) };
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

function slots(key: string): [number, number] {
  const h = hash(key);
  return [h & MASK, (h >>> BITS) & MASK];
}

function leafOf<V>(map: PMap<V>, key: string): PMapLeaf<V> | null {
  const [b, l] = slots(key);
  return map.root[b]?.[l] ?? null;
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
  const leaf = leafOf(map, key);
  if (leaf === null) return undefined;
  const i = search(leaf, key);
  return i >= 0 ? leaf[i]![1] : undefined;
}

/** Whether `key` has an entry (also when its value is `undefined` or `null`). */
export function pmapHas<V>(map: PMap<V>, key: string): boolean {
  const leaf = leafOf(map, key);
  return leaf !== null && search(leaf, key) >= 0;
}

// Rebuilds the path to one leaf; `leaf === null` prunes it (and its branch when emptied).
function withLeaf<V>(map: PMap<V>, key: string, leaf: PMapLeaf<V> | null, size: number): PMap<V> {
  const [b, l] = slots(key);
  const oldBranch = map.root[b] ?? null;
  let branch: PMapBranch<V> | null = oldBranch === null ? new Array<PMapLeaf<V> | null>(WIDTH).fill(null) : oldBranch.slice();
  branch[l] = leaf;
  if (leaf === null && branch.every((slot) => slot === null)) branch = null;
  const root = map.root.slice();
  root[b] = branch;
  return { size, root };
}

/** A map with `key` set to `value`; the input map is unchanged. Returns `map` itself when nothing changes. */
export function pmapSet<V>(map: PMap<V>, key: string, value: V): PMap<V> {
  const leaf = leafOf(map, key) ?? [];
  const i = search(leaf, key);
  if (i >= 0) {
    if (leaf[i]![1] === value) return map;
    const next = leaf.slice();
    next[i] = [key, value];
    return withLeaf(map, key, next, map.size);
  }
  const at = -i - 1;
  const next = [...leaf.slice(0, at), [key, value] as [string, V], ...leaf.slice(at)];
  return withLeaf(map, key, next, map.size + 1);
}

/** A map without `key`; the input map is unchanged. Returns `map` itself when `key` is absent. */
export function pmapDelete<V>(map: PMap<V>, key: string): PMap<V> {
  const leaf = leafOf(map, key);
  if (leaf === null) return map;
  const i = search(leaf, key);
  if (i < 0) return map;
  const next = leaf.length === 1 ? null : [...leaf.slice(0, i), ...leaf.slice(i + 1)];
  return withLeaf(map, key, next, map.size - 1);
}

/** Every `[key, value]` pair, in an order that depends only on the keys (not on insertion). */
export function pmapEntries<V>(map: PMap<V>): [string, V][] {
  const out: [string, V][] = [];
  for (const branch of map.root) {
    if (branch == null) continue;
    for (const leaf of branch) {
      if (leaf == null) continue;
      for (const entry of leaf) out.push(entry);
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
    if (branch == null) continue;
    for (const leaf of branch) {
      if (leaf == null) continue;
      for (const entry of leaf) out.push(entry[1]);
    }
  }
  return out;
}

/** The number of entries, in constant time. */
export function pmapSize<V>(map: PMap<V>): number {
  return map.size;
}
