/**
 * Go's `time.Duration.String()` for whole seconds, as kubelet messages print delays:
 * `10s`, `1m20s`, `5m0s`, `1h0m0s`.
 *
 * Upstream: Go src/time/time.go (Duration.String).
 */

/** `seconds` (a whole number) the way Go prints a Duration. */
export function formatGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  let s = Math.abs(Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}
