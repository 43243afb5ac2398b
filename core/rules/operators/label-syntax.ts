/**
 * Label key and value syntax, for checking selectors in rule files. Self-contained (chapter
 * 02 has the learner write label validation as a kata; core must not depend on it).
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
 * (IsQualifiedName, IsDNS1123Subdomain, IsValidLabelValue); website:
 * concepts/overview/working-with-objects/labels.md "Syntax and character set".
 */

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What is wrong with a label key, or `undefined` when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a qualified name must consist of an optional DNS subdomain prefix and "/", then a name';
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') return 'prefix part must be non-empty';
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) {
      return 'prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters';
    }
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** What is wrong with a label value, or `undefined` when it is valid (the empty string is). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** Go's `strconv.ParseInt(s, 10, 64)`: the integer `s` spells, or `undefined`. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < -(2n ** 63n) || n > 2n ** 63n - 1n ? undefined : n;
}
