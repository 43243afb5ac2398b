/**
 * Arithmetic on the logical clock's timestamps. Requests carry `now` as an RFC 3339 string
 * (`2024-05-01T12:00:00Z`), the way Kubernetes writes `metav1.Time`; these helpers turn it
 * into milliseconds and back. They read no clock: the same input always gives the same
 * output.
 *
 * Upstream: metav1.Time marshals to RFC 3339 with second precision
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go).
 */

/** Milliseconds since the Unix epoch for an RFC 3339 timestamp; `NaN` when it does not parse. */
export function toMillis(timestamp: string): number {
  return Date.parse(timestamp);
}

/** The RFC 3339 form (second precision, UTC, `Z`) of a millisecond instant. */
export function fromMillis(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `timestamp` moved by `seconds` (negative moves back). */
export function addSeconds(timestamp: string, seconds: number): string {
  return fromMillis(toMillis(timestamp) + seconds * 1000);
}
