/**
 * A resource quantity (`resource.Quantity`) as plain data, and the errors parsing one can
 * raise. Objects keep quantities as strings (`cpu: 500m`); the quantity kata turns such a
 * string into this exact, integer representation so values can be compared and added
 * without floating point.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go
 */

/**
 * How a quantity was written, remembered so it can be printed the same way:
 * `DecimalSI` (`500m`, `2k`, `1G`), `BinarySI` (`128Mi`, `1Gi`), `DecimalExponent` (`1e3`).
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/**
 * An exact quantity: its value counted in nano-units (10⁻⁹), which is the finest precision
 * Kubernetes keeps, and the format to print it in. `1` is `{ nanos: 1_000_000_000n }`,
 * `500m` is `{ nanos: 500_000_000n }`, `1Ki` is `{ nanos: 1_024_000_000_000n }`.
 */
export type Quantity = {
  nanos: bigint;
  format: QuantityFormat;
};

/** The grammar quantities follow; upstream names it in its main parse error. */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** Upstream `ErrFormatWrong`: the text is not a number followed by a suffix. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX}'`;

/** Upstream `ErrNumeric`: the number part could not be read. */
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

/** Upstream `ErrSuffix`: the suffix is none of the known ones. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/**
 * Not upstream: this project stores nano-units in a bigint, so it refuses magnitudes of
 * 10¹⁰⁰⁰ and more, which upstream would keep as a decimal exponent. No real resource comes
 * near that.
 */
export const QUANTITY_TOO_LARGE_ERROR = 'quantity too large: magnitudes of 1e1000 and more are not supported';
