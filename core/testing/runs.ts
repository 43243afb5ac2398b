/**
 * How many cases a property test tries, and from which seed. `npm test` keeps runs modest and
 * the seed fixed, so a run is reproducible and a green CI stays green; `KATA_SEED=<n>` picks
 * another seed. `KATA_DEEP=1` (used by `npm run test:deep`) multiplies the runs and draws a
 * fresh random seed each time, to keep exploring. A failure always prints its seed and path,
 * which fast-check's `seed` and `path` parameters replay.
 */

/** The seed `npm test` uses unless `KATA_SEED` says otherwise. */
export const DEFAULT_SEED = 20_250_101;

/** fast-check parameters for a property that tries `base` cases normally. */
export function runs(base: number): { numRuns: number; seed?: number } {
  if (process.env.KATA_DEEP === '1') return { numRuns: base * 50 };
  const chosen = process.env.KATA_SEED;
  return { numRuns: base, seed: chosen === undefined || chosen === '' ? DEFAULT_SEED : Number(chosen) };
}
