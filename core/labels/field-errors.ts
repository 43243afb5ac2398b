/**
 * The wording of apimachinery's field errors, so that a bad selector fails here with the very
 * message kube-apiserver or kubectl prints:
 *
 *     values[0][tier]: Invalid value: "-web": a valid label must be ...
 *
 * Only what labels and selectors need: `Invalid`, `NotSupported`, an aggregate of several
 * errors, and Go's quoting of the bad value.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error,
 * ErrorBody, Invalid, NotSupported, ToAggregate), field/path.go (Path.String: a nil path prints
 * as `<nil>`), pkg/util/errors/errors.go (aggregate.Error).
 */

/**
 * Go's `strconv.Quote`: double quotes, backslash escapes for quotes, backslashes and control
 * characters, `\xNN` for other ASCII controls, `\uNNNN` for non-printable runes.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd'; // a lone surrogate is not UTF-8; Go sees U+FFFD
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch))
      out += cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

const NAMED_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/**
 * How a field error shows its bad value: a string as `%q`, a string list as Go's `%#v`
 * (`[]string{"a", "b"}`). An empty list prints as `[]string(nil)`, which is what upstream
 * shows for missing values (it copies them with `append([]string(nil), values...)`).
 */
export function goValue(value: string | readonly string[]): string {
  if (typeof value === 'string') return goQuote(value);
  if (value.length === 0) return '[]string(nil)';
  return `[]string{${value.map(goQuote).join(', ')}}`;
}

/** A field path as `field.Path.String()` prints it; `null` is Go's nil path. */
export type FieldPath = string | null;

/** `field.Invalid(path, value, detail).Error()`. */
export function fieldInvalid(path: FieldPath, value: string | readonly string[], detail: string): string {
  return `${path ?? '<nil>'}: Invalid value: ${goValue(value)}${detail === '' ? '' : `: ${detail}`}`;
}

/** `field.NotSupported(path, value, validValues).Error()`. */
export function fieldNotSupported(path: FieldPath, value: string, validValues: readonly string[]): string {
  const detail = validValues.length === 0 ? '' : `: supported values: ${validValues.map(goQuote).join(', ')}`;
  return `${path ?? '<nil>'}: Unsupported value: ${goQuote(value)}${detail}`;
}

/**
 * `ErrorList.ToAggregate().Error()`: duplicates dropped, one message as it is, several as
 * `[first, second]`. `undefined` when there is nothing to report.
 */
export function aggregate(messages: readonly string[]): string | undefined {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return undefined;
  if (unique.length === 1) return unique[0];
  return `[${unique.join(', ')}]`;
}
