/**
 * Resource quantities, parsed exactly: `500m` CPU, `128Mi` memory, `1e3`, `1.5Gi`.
 * A quantity is kept as a count of nano-units in a bigint, so no value is ever rounded by
 * floating point; only amounts finer than one nano-unit are rounded, up, as upstream does.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity,
 * CanonicalizeBytes, Value, MilliValue, Cmp, Add, Sub), suffix.go and amount.go.
 */
import type { Quantity, QuantityFormat } from '../../core/api/types/quantity';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  QUANTITY_TOO_LARGE_ERROR,
} from '../../core/api/types/quantity';

const NANO = 1_000_000_000n;
/** BinarySI values are capped at 2⁶³−1 units, upstream's `maxAllowed`. */
const MAX_BINARY_NANOS = ((1n << 63n) - 1n) * NANO;
/** Upstream keeps exponents within int32 (and rejects MinInt32, whose negation overflows). */
const MAX_EXPONENT = 2_147_483_647;
/** See QUANTITY_TOO_LARGE_ERROR: integer digits this implementation is willing to expand. */
const MAX_INTEGER_DIGITS = 1000;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_LETTERS = 'eEinumkKMGTP';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const fail = (message: string): never => {
  throw new Error(message);
};

/** The pieces of a quantity string: sign, integer digits, fraction digits, suffix. */
type Scanned = { positive: boolean; num: string; denom: string; suffix: string };

/**
 * Upstream `parseQuantityString`: a forgiving scanner (`.`, `-` and `1.` are numbers) that
 * only insists the suffix is letters, then an optional signed integer.
 */
function scan(text: string): Scanned {
  let positive = true;
  let pos = 0;
  if (text[0] === '-' || text[0] === '+') {
    positive = text[0] === '+';
    pos++;
  }
  while (text[pos] === '0') pos++;
  if (pos >= text.length) return { positive, num: '0', denom: '', suffix: '' };

  let end = pos;
  while (isDigit(text[end])) end++;
  const num = text.slice(pos, end) || '0';
  pos = end;

  let denom = '';
  if (text[pos] === '.') {
    end = ++pos;
    while (isDigit(text[end])) end++;
    denom = text.slice(pos, end);
    pos = end;
  }

  const suffixStart = pos;
  while (pos < text.length && SUFFIX_LETTERS.includes(text[pos] as string)) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (isDigit(text[pos])) pos++;
  if (pos < text.length) fail(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: text.slice(suffixStart) };
}

/** Upstream `suffixer.interpret`: the base, exponent and format a suffix stands for. */
function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) <= MAX_EXPONENT) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/** ⌈n / d⌉ for positive bigints. */
const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

/**
 * Parses a quantity, or throws upstream's error text. Amounts below one nano-unit round up
 * (away from zero) to 1n; BinarySI amounts are capped at 2⁶³−1 and, when below 1, printed
 * as DecimalSI.
 */
export function parseQuantity(text: string): Quantity {
  if (text.length === 0) fail(QUANTITY_FORMAT_ERROR);
  const { positive, num, denom, suffix } = scan(text);
  const unit = interpret(suffix) ?? fail(QUANTITY_SUFFIX_ERROR);
  let format = unit.format;
  const digits = (num + denom).replace(/^0+/, '');
  if (digits === '') return { nanos: 0n, format };

  // The value is digits × 10^-len(denom) × base^exponent; count it in nano-units.
  const integerDigits = digits.length - denom.length + (unit.base === 10 ? unit.exponent : 19);
  if (integerDigits > MAX_INTEGER_DIGITS) fail(QUANTITY_TOO_LARGE_ERROR);
  let magnitude: bigint;
  if (unit.base === 2) {
    magnitude = ceilDiv(BigInt(digits) * (1n << BigInt(unit.exponent)) * NANO, 10n ** BigInt(denom.length));
  } else {
    const shift = unit.exponent - denom.length + 9;
    if (shift >= 0) magnitude = BigInt(digits) * 10n ** BigInt(shift);
    // Fewer digits than places to drop: the value is below one nano-unit and rounds up to it.
    else if (-shift > digits.length) magnitude = 1n;
    else magnitude = ceilDiv(BigInt(digits), 10n ** BigInt(-shift));
  }
  if (format === 'BinarySI' && magnitude > MAX_BINARY_NANOS) magnitude = MAX_BINARY_NANOS;
  if (format === 'BinarySI' && magnitude < NANO) format = 'DecimalSI';
  return { nanos: positive ? magnitude : -magnitude, format };
}

const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_BY_EXPONENT: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

/**
 * Upstream `AsCanonicalBytes`: move every factor of ten into the exponent, then lower the
 * exponent to a multiple of three. A suffix exists for -9..18; past that (or for binary
 * amounts past Ei) the exponent is written out (`1e21`), as upstream's newest tests ask.
 */
function decimalString(magnitude: bigint, format: QuantityFormat): string {
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  const suffix = format === 'DecimalSI' ? DECIMAL_BY_EXPONENT[exponent] : undefined;
  return `${mantissa}${suffix ?? (exponent === 0 ? '' : `e${exponent}`)}`;
}

/**
 * Upstream `Quantity.String()`: the canonical form, with the largest suffix that loses no
 * precision. `1.5Gi` prints as `1536Mi`, `0.5` as `500m`, `1000M` as `1G`. BinarySI amounts
 * below 1024 or with a fraction print as DecimalSI.
 */
export function quantityToString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  if (q.format !== 'BinarySI') return sign + decimalString(magnitude, q.format);
  if (magnitude < 1024n * NANO || magnitude % NANO !== 0n) return sign + decimalString(magnitude, 'DecimalSI');
  let units = magnitude / NANO;
  let power = 0;
  while (units % 1024n === 0n) {
    units /= 1024n;
    power++;
  }
  const suffix = BINARY_BY_POWER[power];
  return sign + (suffix === undefined ? decimalString(magnitude, 'DecimalExponent') : `${units}${suffix}`);
}

/** Upstream `Cmp`: -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Upstream `Add`: the sum, in `a`'s format unless `a` is zero (then `b`'s). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Upstream `Sub`: the difference, in `a`'s format unless `a` is zero (then `b`'s). */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** ⌈|n| / d⌉ with n's sign: upstream rounds scaled values away from zero. */
function scaleAwayFromZero(nanos: bigint, divisor: bigint): bigint {
  return nanos < 0n ? -ceilDiv(-nanos, divisor) : ceilDiv(nanos, divisor);
}

/** Upstream `Value`: whole units, rounded away from zero (`1500m` is 2, `-1500m` is -2). */
export function value(q: Quantity): bigint {
  return scaleAwayFromZero(q.nanos, NANO);
}

/** Upstream `MilliValue`: thousandths, rounded away from zero (CPU millicores). */
export function milliValue(q: Quantity): bigint {
  return scaleAwayFromZero(q.nanos, 1_000_000n);
}
