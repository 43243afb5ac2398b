/**
 * An append-only log that forgets its oldest entries, made of plain arrays so it can live in
 * JSON reducer state. Appending copies one chunk (at most `chunkSize` entries) and the list
 * of chunks, never the whole log; dropping from the front copies only the list of chunks.
 *
 * Why: the store records every write for watches to resume from, and keeps up to about a
 * hundred thousand of them. Copying that array on each write would make a burst of writes
 * quadratic.
 *
 * Layout: every chunk is full except the last; `start` counts the entries of the first
 * chunk that were already dropped. Entry `i` of the log is therefore at overall position
 * `start + i`, which makes indexing arithmetic.
 *
 * Upstream: the watch cache keeps its recent events in a fixed ring buffer for the same
 * reason (staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go, `cache []*watchCacheEvent`).
 */

/** The log. Treat it as immutable: every function returns a new log. */
export type ChunkedLog<T> = {
  chunkSize: number;
  chunks: T[][];
  /** Entries of `chunks[0]` already dropped. */
  start: number;
  /** Entries still in the log. */
  size: number;
};

/** An empty log whose chunks hold `chunkSize` entries. */
export function logEmpty<T>(chunkSize: number): ChunkedLog<T> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`chunkSize: Invalid value: ${chunkSize}: must be a positive integer`);
  return { chunkSize, chunks: [], start: 0, size: 0 };
}

/** The log with `entry` appended at the end. */
export function logAppend<T>(log: ChunkedLog<T>, entry: T): ChunkedLog<T> {
  const last = log.chunks[log.chunks.length - 1];
  const chunks =
    last === undefined || last.length === log.chunkSize
      ? [...log.chunks, [entry]]
      : [...log.chunks.slice(0, -1), [...last, entry]];
  return { ...log, chunks, size: log.size + 1 };
}

/** The log without its `count` oldest entries (all of them when `count >= size`). */
export function logDropFront<T>(log: ChunkedLog<T>, count: number): ChunkedLog<T> {
  if (count <= 0) return log;
  if (count >= log.size) return { ...log, chunks: [], start: 0, size: 0 };
  const position = log.start + count;
  const whole = Math.floor(position / log.chunkSize);
  return { ...log, chunks: log.chunks.slice(whole), start: position - whole * log.chunkSize, size: log.size - count };
}

/** Entry `index` (0 = oldest still kept), or `undefined` outside the log. */
export function logGet<T>(log: ChunkedLog<T>, index: number): T | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= log.size) return undefined;
  const position = log.start + index;
  return log.chunks[Math.floor(position / log.chunkSize)]?.[position % log.chunkSize];
}

/** Entries from `from` (default 0, the oldest) to the newest, in order. */
export function logSlice<T>(log: ChunkedLog<T>, from = 0): T[] {
  const out: T[] = [];
  for (let i = Math.max(0, from); i < log.size; i++) out.push(logGet(log, i) as T);
  return out;
}
