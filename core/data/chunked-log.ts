/**
 * An append-only log that forgets its oldest entries, made of plain arrays so it can live in
 * JSON reducer state. Appending copies the short tail (under `chunkSize` entries) and, once
 * every `chunkSize` appends, the list of full chunks; it never copies the whole log.
 *
 * Why: the store records every write for watches to resume from, and keeps up to about a
 * hundred thousand of them. Copying that array on each write would make a burst of writes
 * quadratic.
 *
 * Layout: `chunks` are full (`chunkSize` entries each) and `tail` holds the newest, not yet
 * full chunk; `start` counts the entries of `chunks[0]` already dropped. Entry `i` of the log
 * is therefore at overall position `start + i`, which makes indexing arithmetic.
 *
 * Upstream: the watch cache keeps its recent events in a fixed ring buffer for the same
 * reason (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go, `cache []*watchCacheEvent`).
 */

/** The log. Treat it as immutable: every function returns a new log. */
export type ChunkedLog<T> = {
  chunkSize: number;
  /** Full chunks, oldest first. */
  chunks: T[][];
  /** The newest entries, fewer than `chunkSize`. */
  tail: T[];
  /** Entries of the first chunk (or of the tail, when there are no chunks) already dropped. */
  start: number;
  /** Entries still in the log. */
  size: number;
};

/** An empty log whose chunks hold `chunkSize` entries. */
export function logEmpty<T>(chunkSize: number): ChunkedLog<T> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunkSize: Invalid value: ${chunkSize}: must be a positive integer`);
  return { chunkSize, chunks: [], tail: [], start: 0, size: 0 };
}

/** The log with `entry` appended at the end. */
export function logAppend<T>(log: ChunkedLog<T>, entry: T): ChunkedLog<T> {
  const tail = [...log.tail, entry];
  if (tail.length < log.chunkSize) return { ...log, tail, size: log.size + 1 };
  return { ...log, chunks: [...log.chunks, tail], tail: [], size: log.size + 1 };
}

/** The log without its `count` oldest entries (all of them when `count >= size`). */
export function logDropFront<T>(log: ChunkedLog<T>, count: number): ChunkedLog<T> {
  if (count <= 0) return log;
  if (count >= log.size) return { ...log, chunks: [], tail: [], start: 0, size: 0 };
  const position = log.start + count;
  const whole = Math.min(Math.floor(position / log.chunkSize), log.chunks.length);
  const chunks = whole === 0 ? log.chunks : log.chunks.slice(whole);
  return { ...log, chunks, start: position - whole * log.chunkSize, size: log.size - count };
}

/** Entry `index` (0 = oldest still kept), or `undefined` outside the log. */
export function logGet<T>(log: ChunkedLog<T>, index: number): T | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= log.size) return undefined;
  const position = log.start + index;
  const chunk = Math.floor(position / log.chunkSize);
  const offset = position % log.chunkSize;
  return chunk < log.chunks.length ? log.chunks[chunk]?.[offset] : log.tail[offset];
}

/** Entries from `from` (default 0, the oldest) to the newest, in order. */
export function logSlice<T>(log: ChunkedLog<T>, from = 0): T[] {
  const out: T[] = [];
  for (let i = Math.max(0, from); i < log.size; i++) out.push(logGet(log, i) as T);
  return out;
}
