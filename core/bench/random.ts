/**
 * A small seeded random source for benchmark inputs, so every run measures the same work.
 * (mulberry32: 32 bits of state, good enough to vary test data.)
 */

/** A random source: numbers in [0, 1), plus helpers to pick and to flip coins. */
export type Random = {
  readonly next: () => number;
  readonly pick: <T>(items: readonly T[]) => T;
  readonly chance: (probability: number) => boolean;
};

/** A random source seeded with `seed`. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
  };
}
