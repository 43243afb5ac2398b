/**
 * Kata 02-label-validation: what makes a label key and a label value valid, with upstream's
 * exact messages. An empty list means valid; each string says one thing that is wrong.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go (IsLabelKey,
 * IsLabelValue), content/dns.go (IsDNS1123Subdomain), content/errors.go (MaxLenError,
 * RegexError); re-exported by pkg/util/validation/validation.go as IsQualifiedName and
 * IsValidLabelValue.
 */

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Upstream MaxLenError. Lengths are counted in UTF-8 bytes, as Go's `len` does. */
const maxLenError = (length: number) => `must be no more than ${length} bytes`;
const emptyError = () => 'must be non-empty';

/** Upstream RegexError; note the two spaces before each "or", kept from upstream. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const listed = examples.map((e, i) => (i > 0 ? ' or ' : '') + `'${e}', `).join('');
  return `${msg} (e.g. ${listed}regex used for validation is '${fmt}')`;
}

const LABEL_KEY_NAME = new RegExp(`^${LABEL_KEY_FMT}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** Upstream IsDNS1123Subdomain: lower-case alphanumerics, '-' and '.', at most 253 bytes. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** Upstream IsQualifiedName (IsLabelKey): an optional DNS-1123 subdomain and '/', then a name. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      'a valid label key ' +
        regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errs.push('prefix part ' + emptyError());
    else errs.push(...isDNS1123Subdomain(prefix).map((msg) => 'prefix part ' + msg));
  }
  if (name === '') errs.push('name part ' + emptyError());
  else if (byteLength(name) > 63) errs.push('name part ' + maxLenError(63));
  if (!LABEL_KEY_NAME.test(name)) errs.push('name part ' + regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** Upstream IsValidLabelValue (IsLabelValue): empty, or a name-like string of at most 63 bytes. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (value !== '' && !LABEL_KEY_NAME.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}
