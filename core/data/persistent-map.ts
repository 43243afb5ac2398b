/**
 * A persistent (immutable) string-keyed map made of plain objects and arrays, so it survives
 * `JSON.stringify`/`JSON.parse` unchanged and can live inside reducer state.
 *
 * Why: the store holds 150,000 pods. A reducer that copied the whole collection on every
 * write would spend minutes creating them. Here a write copies only the path to the changed
 * key, a few 32-slot arrays and one small leaf; everything else is shared between the old and
 * the new map, so old states stay valid (a failed request simply returns the previous state).
 *
 * Shape: a hashed trie. The key's 32-bit FNV-1a hash is read 5 bits per level. A node is
 * either a leaf, at most {@link LEAF_MAX} `[key, value]` pairs sorted by key, or a branch of 32
 * slots (each a node or `null`) that knows how many entries lie below it. A node is a leaf
 * exactly when it holds at most LEAF_MAX entries (or sits at the deepest level), so a small map
 * is one short array, a map of 150,000 keys is three branch levels deep, and two maps with the
 * same entries have the same structure whatever order the entries arrived in.
 *
 * Upstream: the apiserver's watch cache makes cheap snapshots the same way, with a
 * copy-on-write B-tree (staging/src/k8s.io/apiserver/pkg/storage/cacher/store_btree.go).
 */

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** The deepest level: 6 levels of 5 bits use 30 bits of the hash; below that, leaves just grow. */
const MAX_DEPTH = 6;
/** A node with more entries than this (above the deepest level) is split into a branch. */
export const LEAF_MAX = 16;

/** Up to {@link LEAF_MAX} entries, sorted by key. */
export type PMapLeaf<V> = { entries: [string, V][] };
/** 32 slots, one per 5-bit hash digit at this level, and the number of entries below. */
export type PMapBranch<V> = { size: number; slots: (PMapNode<V> | null)[] };
/** A leaf or a branch. */
export type PMapNode<V> = PMapLeaf<V> | PMapBranch<V>;
/** The map: its entry count and its root node. */
export type PMap<V> = { size: number; root: PMapNode<V> };

// FNV-1a over UTF-16 code units: cheap, deterministic, and well spread for short keys.
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const digit = (h: number, depth: number) => (h >>> (depth * BITS)) & MASK;
const isLeaf = <V>(node: PMapNode<V>): node is PMapLeaf<V> => 'entries' in node;
const sizeOf = <V>(node: PMapNode<V> | null) => (node === null ? 0 : isLeaf(node) ? node.entries.length : node.size);
const byKey = <V>([a]: [string, V], [b]: [string, V]) => (a < b ? -1 : a > b ? 1 : 0);

/** Index of `key` in a leaf, or `-(insertion point) - 1` when absent. */
function search<V>(entries: [string, V][], key: string): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = entries[mid]![0];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/** The one node shape that holds `entries` (distinct keys) at `depth`. */
function build<V>(entries: [string, V][], depth: number): PMapNode<V> {
  if (entries.length <= LEAF_MAX || depth === MAX_DEPTH) return { entries: entries.slice().sort(byKey) };
  const groups: [string, V][][] = Array.from({ length: WIDTH }, () => []);
  for (const entry of entries) groups[digit(hash(entry[0]), depth)]!.push(entry);
  return { size: entries.length, slots: groups.map((g) => (g.length === 0 ? null : build(g, depth + 1))) };
}

function collect<V>(node: PMapNode<V> | null, out: [string, V][]): [string, V][] {
  if (node === null) return out;
  if (isLeaf(node)) out.push(...node.entries);
  else for (const slot of node.slots) collect(slot, out);
  return out;
}

/** The empty map. */
export function pmapEmpty<V>(): PMap<V> {
  return { size: 0, root: { entries: [] } };
}

/** The value stored under `key`, or `undefined`. */
export function pmapGet<V>(map: PMap<V>, key: string): V | undefined {
  const h = hash(key);
  let node: PMapNode<V> | null = map.root;
  for (let depth = 0; node !== null && !isLeaf(node); depth++) node = node.slots[digit(h, depth)] ?? null;
  if (node === null) return undefined;
  const i = search(node.entries, key);
  return i >= 0 ? node.entries[i]![1] : undefined;
}

/** Whether `key` has an entry (also when its value is `undefined` or `null`). */
export function pmapHas<V>(map: PMap<V>, key: string): boolean {
  const h = hash(key);
  let node: PMapNode<V> | null = map.root;
  for (let depth = 0; node !== null && !isLeaf(node); depth++) node = node.slots[digit(h, depth)] ?? null;
  return node !== null && search(node.entries, key) >= 0;
}

function setIn<V>(node: PMapNode<V> | null, depth: number, h: number, key: string, value: V): PMapNode<V> {
  if (node === null) return { entries: [[key, value]] };
  if (isLeaf(node)) {
    const i = search(node.entries, key);
    if (i >= 0) {
      if (node.entries[i]![1] === value) return node;
      const entries = node.entries.slice();
      entries[i] = [key, value];
      return { entries };
    }
    const entries = node.entries.slice();
    entries.splice(-i - 1, 0, [key, value]);
    return entries.length > LEAF_MAX && depth < MAX_DEPTH ? build(entries, depth) : { entries };
  }
  const d = digit(h, depth);
  const child = node.slots[d] ?? null;
  const next = setIn(child, depth + 1, h, key, value);
  if (next === child) return node;
  const slots = node.slots.slice();
  slots[d] = next;
  return { size: node.size - sizeOf(child) + sizeOf(next), slots };
}

function deleteIn<V>(node: PMapNode<V>, depth: number, h: number, key: string): PMapNode<V> | null {
  if (isLeaf(node)) {
    const i = search(node.entries, key);
    if (i < 0) return node;
    return node.entries.length === 1 ? null : { entries: node.entries.filter((_, j) => j !== i) };
  }
  const d = digit(h, depth);
  const child = node.slots[d] ?? null;
  const next = child === null ? null : deleteIn(child, depth + 1, h, key);
  if (next === child) return node;
  // A branch that shrinks to a leaf's worth of entries becomes a leaf again.
  if (node.size - 1 <= LEAF_MAX) return { entries: collect(node, []).filter(([k]) => k !== key).sort(byKey) };
  const slots = node.slots.slice();
  slots[d] = next;
  return { size: node.size - 1, slots };
}

/** A map with `key` set to `value`; the input map is unchanged. Returns `map` itself when nothing changes. */
export function pmapSet<V>(map: PMap<V>, key: string, value: V): PMap<V> {
  const root = setIn(map.root, 0, hash(key), key, value);
  return root === map.root ? map : { size: sizeOf(root), root };
}

/** A map without `key`; the input map is unchanged. Returns `map` itself when `key` is absent. */
export function pmapDelete<V>(map: PMap<V>, key: string): PMap<V> {
  const root = deleteIn(map.root, 0, hash(key), key);
  if (root === map.root) return map;
  return root === null ? pmapEmpty() : { size: sizeOf(root), root };
}

/**
 * A map holding `entries` (a later duplicate key wins), built in one pass: much faster than
 * setting the entries one by one, and the same map as that would give.
 */
export function pmapFromEntries<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
  const unique = new Map<string, V>();
  for (const [key, value] of entries) unique.set(key, value);
  const root = build([...unique], 0);
  return { size: unique.size, root };
}

/** Every `[key, value]` pair, in an order that depends only on the keys (not on insertion). */
export function pmapEntries<V>(map: PMap<V>): [string, V][] {
  return collect(map.root, []);
}

/** Every key, in the order of {@link pmapEntries}. */
export function pmapKeys<V>(map: PMap<V>): string[] {
  return pmapEntries(map).map(([key]) => key);
}

/** Every value, in the order of {@link pmapEntries}. */
export function pmapValues<V>(map: PMap<V>): V[] {
  return pmapEntries(map).map(([, value]) => value);
}

/** The number of entries, in constant time. */
export function pmapSize<V>(map: PMap<V>): number {
  return map.size;
}
