/**
 * The normalisation most score plugins share: scale raw scores so the best node gets
 * `maxPriority`, with integer division, optionally reversed so that the *lowest* raw score
 * wins (TaintToleration counts bad taints, so fewer is better).
 *
 * Upstream: pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore).
 */

/**
 * Upstream DefaultNormalizeScore, returning a new list: `score × maxPriority / max` (integer
 * division), then `maxPriority − score` when `reverse`. When every raw score is 0, the list is
 * all 0, or all `maxPriority` when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: readonly number[]): number[] {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) return scores.map((s) => (reverse ? maxPriority : s));
  return scores.map((s) => {
    // Go's int64 division truncates toward zero; raw scores are never negative here.
    const scaled = Math.trunc((maxPriority * s) / maxCount);
    return reverse ? maxPriority - scaled : scaled;
  });
}
