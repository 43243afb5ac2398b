/**
 * Kata 02-label-validation: what makes a label key and a label value valid, with upstream's
 * exact messages. An empty list means valid; each string says one thing that is wrong.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go (IsLabelKey,
 * IsLabelValue), content/dns.go (IsDNS1123Subdomain), content/errors.go (MaxLenError,
 * RegexError); re-exported by pkg/util/validation/validation.go as IsQualifiedName and
 * IsValidLabelValue.
 */
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): implement the three checks below. Each returns a list of messages, [] when the
// input is valid. Lengths are UTF-8 bytes (Go's len), and the messages must be upstream's, word
// for word; the tests show them. Start with isDNS1123Subdomain, which isQualifiedName uses for
// the prefix.

/**
 * Upstream IsDNS1123Subdomain: lower-case alphanumerics, '-' and '.', alphanumeric at both
 * ends, at most 253 bytes. Used for the prefix of a label key.
 */
export function isDNS1123Subdomain(value: string): string[] {
  return notImplemented('02-label-validation');
}

/**
 * Upstream IsQualifiedName (IsLabelKey): an optional DNS-1123 subdomain prefix and '/', then a
 * name of 1-63 bytes: alphanumeric at both ends, `-`, `_`, `.` inside.
 */
export function isQualifiedName(value: string): string[] {
  return notImplemented('02-label-validation');
}

/** Upstream IsValidLabelValue (IsLabelValue): empty, or a name-like string of at most 63 bytes. */
export function isValidLabelValue(value: string): string[] {
  return notImplemented('02-label-validation');
}
