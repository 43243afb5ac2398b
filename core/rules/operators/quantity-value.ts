/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1.5e3`) parsed into exact values, for the
 * quantity operators. Self-contained on purpose: chapter 01 has the learner write a quantity
 * parser as a kata, and the rules engine must work whatever state that kata is in.
 *
 * The value is what `resource.ParseQuantity` computes: the number times its suffix, then
 * rounded *away from zero* to a whole number of nano-units (0.1n becomes 1n), then, for
 * binary suffixes only, capped at 2^63-1 in magnitude. Which strings parse follows upstream's
 * scanner exactly, quirks included (`"."` and `"Ti"` are 0; `"Pi"` and `"e-10"` are errors).
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (parseQuantityString,
 * ParseQuantity), suffix.go (interpret).
 */

/** An exact quantity: `sign × digits × 10^exponent`, with `exponent >= -9`. */
export type QuantityValue = {
  readonly sign: -1 | 0 | 1;
  /** The magnitude's digits, without sign; `0n` exactly when `sign` is 0. */
  readonly digits: bigint;
  readonly exponent: number;
  /** The value in nano-units, when small enough to keep as one bigint (the fast path). */
  readonly nanos: bigint | undefined;
};

type Suffix = { base: 2 | 10; exponent: number; binary: boolean };

const SUFFIXES: Record<string, Suffix> = {
  '': { base: 10, exponent: 0, binary: false },
  n: { base: 10, exponent: -9, binary: false },
  u: { base: 10, exponent: -6, binary: false },
  m: { base: 10, exponent: -3, binary: false },
  k: { base: 10, exponent: 3, binary: false },
  M: { base: 10, exponent: 6, binary: false },
  G: { base: 10, exponent: 9, binary: false },
  T: { base: 10, exponent: 12, binary: false },
  P: { base: 10, exponent: 15, binary: false },
  E: { base: 10, exponent: 18, binary: false },
  Ki: { base: 2, exponent: 10, binary: true },
  Mi: { base: 2, exponent: 20, binary: true },
  Gi: { base: 2, exponent: 30, binary: true },
  Ti: { base: 2, exponent: 40, binary: true },
  Pi: { base: 2, exponent: 50, binary: true },
  Ei: { base: 2, exponent: 60, binary: true },
};

const INT64_MAX = 2n ** 63n - 1n;
/** Upstream keeps exponents in an int32; past this bound it silently truncates them. */
const EXPONENT_LIMIT = 1_000_000_000;

/** `<sign><digits>[.<digits>]<suffix>`, the pieces parseQuantityString finds. */
const SHAPE = /^([+-]?)(0*)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*(?:[+-]?[0-9]+)?)$/;

function interpret(suffix: string): Suffix | undefined {
  const known = SUFFIXES[suffix];
  if (known !== undefined) return known;
  // `e3`, `E-6`: Go's strconv.ParseInt on the rest (a sign, then digits).
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    return Math.abs(exponent) <= EXPONENT_LIMIT ? { base: 10, exponent, binary: false } : undefined;
  }
  return undefined;
}

/** The exact value of a quantity string, or `undefined` where ParseQuantity returns an error. */
export function parseQuantity(text: string): QuantityValue | undefined {
  if (text === '') return undefined;
  const shape = SHAPE.exec(text);
  if (shape === null) return undefined;
  const [, sign = '', zeros = '', integer = '', fraction, suffixText = ''] = shape;
  const suffix = interpret(suffixText);
  if (suffix === undefined) return undefined;
  const num = integer === '' ? '0' : integer;
  const denom = fraction ?? '';
  // Upstream's fast path reads only the digits; its slow path hands the number to inf.Dec,
  // which rejects a number with no digit at all ("." or "-").
  if (!fastPath(num, denom, suffix) && zeros === '' && integer === '' && denom === '') return undefined;
  let digits = BigInt(num + denom);
  let exponent = -denom.length;
  if (suffix.base === 10) exponent += suffix.exponent;
  else digits <<= BigInt(suffix.exponent);
  return build(sign === '-' ? -1 : 1, digits, exponent, suffix.binary);
}

/** Whether ParseQuantity would take its int64 fast path (the precision and scale tests). */
function fastPath(num: string, denom: string, suffix: Suffix): boolean {
  if (suffix.binary) {
    if (denom !== '') return false;
    const precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    return precision >= 0 && (BigInt(num) << BigInt(suffix.exponent)) <= INT64_MAX;
  }
  const precision = 18 - (num.length + denom.length);
  return precision >= 0 && suffix.exponent - denom.length >= -9;
}

/** Rounds the magnitude up to nano-units, applies the binary cap, and keeps a nano form when small. */
function build(sign: -1 | 1, magnitude: bigint, exponent: number, binary: boolean): QuantityValue {
  if (magnitude === 0n) return { sign: 0, digits: 0n, exponent: 0, nanos: 0n };
  if (exponent < -9) {
    const drop = -9 - exponent;
    const length = magnitude.toString().length;
    // A magnitude with no more digits than we drop is below one nano-unit: it rounds up to 1.
    magnitude = length <= drop ? 1n : ceilDiv(magnitude, 10n ** BigInt(drop));
    exponent = -9;
  }
  // Binary quantities have at most 9 fractional digits and no decimal exponent: small here.
  if (binary && magnitude * 10n ** BigInt(exponent + 9) > INT64_MAX * NANO) {
    magnitude = INT64_MAX;
    exponent = 0;
  }
  const order = magnitude.toString().length + exponent;
  const nanos = order <= 60 ? BigInt(sign) * magnitude * 10n ** BigInt(exponent + 9) : undefined;
  return { sign, digits: magnitude, exponent, nanos };
}

const NANO = 1_000_000_000n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (upstream Quantity.Cmp). */
export function compareQuantities(a: QuantityValue, b: QuantityValue): -1 | 0 | 1 {
  if (a.nanos !== undefined && b.nanos !== undefined) return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return a.sign < 0 ? ((0 - magnitude) as -1 | 0 | 1) : magnitude; // 0 - 0 is 0, where -0 would not be
}

function compareMagnitudes(a: QuantityValue, b: QuantityValue): -1 | 0 | 1 {
  // Orders of magnitude first, so a huge exponent never turns into a huge bigint.
  const orderA = a.digits.toString().length + a.exponent;
  const orderB = b.digits.toString().length + b.exponent;
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  const [x, y] =
    a.exponent >= b.exponent
      ? [a.digits * 10n ** BigInt(a.exponent - b.exponent), b.digits]
      : [a.digits, b.digits * 10n ** BigInt(b.exponent - a.exponent)];
  return x < y ? -1 : x > y ? 1 : 0;
}
