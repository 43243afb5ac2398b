/**
 * The AGE column: a duration printed with two or three significant figures, as kubectl does.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go (HumanDuration).
 */

/** Formats the time from `since` to `now` (both RFC 3339) like kubectl's AGE column. */
export function age(since: string | undefined, now: string): string {
  if (!since) return '<unknown>';
  return humanDuration(Date.parse(now) - Date.parse(since));
}

/** kubectl's HumanDuration over a number of milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // Up to two seconds in the future still reads as "now": clocks drift.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
