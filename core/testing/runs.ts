/**
 * How many cases a property test tries. `npm test` keeps runs modest so the whole suite stays
 * within minutes on a small machine; `KATA_DEEP=1` (used by `npm run test:deep`) multiplies
 * them for a thorough search.
 */

/** fast-check parameters for a property that tries `base` cases normally. */
export function runs(base: number): { numRuns: number } {
  const deep = process.env.KATA_DEEP === '1';
  return { numRuns: deep ? base * 50 : base };
}
