/**
 * Validation errors as data, shaped like upstream's `field.Error`: a type, the path of the
 * field, the offending value and a detail. Checks build them with the constructors below;
 * kata 01-decode turns them into the text kube-apiserver prints
 * (`spec.replicas: Invalid value: -1: must be greater than or equal to 0`).
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go
 */

/** The machine-readable error types, as upstream spells them. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError';

/** One validation error. */
export type FieldError = {
  type: FieldErrorType;
  /** The field path, e.g. `spec.containers[0].image` (see ./path). */
  field: string;
  /** The offending value; absent for types that never print one. */
  badValue?: unknown;
  /** True when the value must not be printed (upstream's `omitValue`), e.g. secret data. */
  omitValue?: boolean;
  detail: string;
};

/** Upstream `validation.IsNegativeErrorMsg`. */
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';

/** Upstream `isNotPositiveErrorMsg` (pkg/apis/core/validation). */
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/**
 * Go's `strconv.Quote` (and `%q`) for the strings that occur here: double quotes, with
 * backslash escapes for quotes, backslashes and control characters (`\x01`).
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    const escaped = GO_ESCAPES[ch];
    if (escaped !== undefined) out += escaped;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `field.Required`: a value must be given. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

/** `field.Invalid`: the value is malformed or out of range. */
export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue, detail };
}

/** `field.Invalid` with the value left out of the message (secret data, large blobs). */
export function invalidOmitted(field: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, omitValue: true, detail };
}

/** `field.NotSupported`: the value is none of an enumeration; the valid values are listed, quoted. */
export function notSupported(field: string, badValue: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, badValue, detail };
}

/** `field.Duplicate`: the value must be unique and is not. */
export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue, detail: '' };
}

/** `field.NotFound`: the value refers to something that does not exist. */
export function notFound(field: string, badValue: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, badValue, detail: '' };
}

/** `field.Forbidden`: the value is well formed but not allowed here. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}
