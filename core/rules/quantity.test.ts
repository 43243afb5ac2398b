/**
 * Quantity parsing and comparison for the quantity operators. Expected values come from
 * upstream's tables in staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go
 * (TestQuantityParse, TestParseQuantityString, TestQuantityCmp), written here in nano-units.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { compareQuantities, parseQuantity, type QuantityValue } from './operators/quantity-value';
import { evaluateOperator } from './operators/definition';
import { QUANTITY_OPERATORS } from './operators/quantity';

/** `mantissa × 10^exponent` in nano-units, as upstream's decQuantity(mantissa, exponent) denotes. */
const dec = (mantissa: bigint, exponent: number) =>
  exponent + 9 >= 0 ? mantissa * 10n ** BigInt(exponent + 9) : mantissa / 10n ** BigInt(-(exponent + 9));
const nanos = (text: string) => parseQuantity(text)?.nanos;
const MAX_INT64 = 2n ** 63n - 1n;

// TestQuantityParse's table: input, decQuantity(mantissa, exponent).
const PARSE_TABLE: [string, bigint][] = [
  ['0', 0n], ['0n', 0n], ['0u', 0n], ['0m', 0n], ['0Ki', 0n], ['0k', 0n], ['0Mi', 0n], ['0M', 0n], ['0Gi', 0n], ['0G', 0n], ['0Ti', 0n], ['0T', 0n],
  ['1', dec(1n, 0)],
  ['1Ki', dec(1024n, 0)], ['8Ki', dec(8n * 1024n, 0)], ['7Mi', dec(7n * 1024n ** 2n, 0)], ['6Gi', dec(6n * 1024n ** 3n, 0)],
  ['5Ti', dec(5n * 1024n ** 4n, 0)], ['4Pi', dec(4n * 1024n ** 5n, 0)], ['3Ei', dec(3n * 1024n ** 6n, 0)],
  ['10Ti', dec(10n * 1024n ** 4n, 0)], ['100Ti', dec(100n * 1024n ** 4n, 0)],
  ['5n', dec(5n, -9)], ['4u', dec(4n, -6)], ['3m', dec(3n, -3)], ['9', dec(9n, 0)], ['8k', dec(8n, 3)], ['50k', dec(5n, 4)],
  ['7M', dec(7n, 6)], ['6G', dec(6n, 9)], ['5T', dec(5n, 12)], ['40T', dec(4n, 13)], ['300T', dec(3n, 14)], ['2P', dec(2n, 15)], ['1E', dec(1n, 18)],
  ['1E-3', dec(1n, -3)], ['1e3', dec(1n, 3)], ['1E6', dec(1n, 6)], ['1e9', dec(1n, 9)], ['1E12', dec(1n, 12)], ['1e15', dec(1n, 15)], ['1E18', dec(1n, 18)],
  ['1e14', dec(1n, 14)], ['1e13', dec(1n, 13)], ['100.035k', dec(100035n, 0)],
  ['0.001', dec(1n, -3)], ['0.0005k', dec(5n, -1)], ['0.005', dec(5n, -3)], ['0.05', dec(5n, -2)], ['0.5', dec(5n, -1)], ['0.00050k', dec(5n, -1)],
  ['0.00500', dec(5n, -3)], ['0.05000', dec(5n, -2)], ['0.50000', dec(5n, -1)], ['0.5e0', dec(5n, -1)], ['0.5e-1', dec(5n, -2)], ['0.5e-2', dec(5n, -3)],
  ['10.035M', dec(10035n, 3)], ['1.2e3', dec(12n, 2)], ['1.3E+6', dec(13n, 5)], ['1.40e9', dec(14n, 8)], ['1.53E12', dec(153n, 10)],
  ['1.6e15', dec(16n, 14)], ['1.7E18', dec(17n, 17)], ['9.01', dec(901n, -2)], ['8.1k', dec(81n, 2)], ['7.123456M', dec(7123456n, 0)],
  ['6.987654321G', dec(6987654321n, 0)], ['5.444T', dec(5444n, 9)], ['40.1T', dec(401n, 11)], ['300.2T', dec(3002n, 11)], ['2.5P', dec(25n, 14)],
  ['1.01E', dec(101n, 16)],
  ['3.001n', dec(4n, -9)], ['1.1E-9', dec(2n, -9)], ['0.0000000001', dec(1n, -9)], ['0.0000000005', dec(1n, -9)], ['0.00000000050', dec(1n, -9)],
  ['0.5e-9', dec(1n, -9)], ['0.9n', dec(1n, -9)], ['0.00000012345', dec(124n, -9)], ['0.00000012354', dec(124n, -9)],
  ['9Ei', dec(MAX_INT64, 0)], ['9223372036854775807Ki', dec(MAX_INT64, 0)], ['12E', dec(12n, 18)],
  ['100.035Ki', dec(10243584n, -2)], ['0.5Mi', dec(524288n, 0)], ['0.05Gi', dec(536870912n, -1)], ['0.025Ti', dec(274877906944n, -1)],
  ['0.000000000001Ki', dec(2n, -9)], ['.001', dec(1n, -3)], ['.0001k', dec(100n, -3)], ['1.', dec(1n, 0)], ['1.G', dec(1n, 9)],
];

// TestQuantityParse's invalid list.
const INVALID = ['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', ''];

describe('parseQuantity', () => {
  test.each(PARSE_TABLE)('%s parses to its exact value in nano-units', (input, expected) => {
    expect(nanos(input), `${input} in nano-units`).toBe(expected);
  });

  test.each(PARSE_TABLE)('-%s parses to the negated value', (input, expected) => {
    expect(nanos(`-${input}`)).toBe(-expected);
  });

  test.each(PARSE_TABLE)('+%s parses to the same value', (input, expected) => {
    expect(nanos(`+${input}`)).toBe(expected);
  });

  test.each(INVALID)('%j is not a quantity', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  // TestParseQuantityString accepts "." and "-." (no digits at all); both are zero.
  test('a lone decimal point is zero, as upstream scans it', () => {
    expect(nanos('.')).toBe(0n);
    expect(nanos('-.')).toBe(0n);
  });

  // quantity.go ParseQuantity: a number with no digits is read by the int64 fast path for
  // "Ti" (precision 1) but handed to inf.Dec for "Pi" (precision -2), which rejects it.
  test('a bare binary suffix is zero up to Ti and an error from Pi on', () => {
    expect(nanos('Ti')).toBe(0n);
    expect(parseQuantity('Pi')).toBeUndefined();
  });

  test('exponents beyond what upstream keeps in 32 bits are not quantities', () => {
    expect(parseQuantity('1e4294967296')).toBeUndefined();
  });

  test('an enormous exponent still compares exactly', () => {
    const huge = parseQuantity('1e1000')!;
    const bigger = parseQuantity('2e1000')!;
    expect(huge.nanos).toBeUndefined();
    expect(compareQuantities(huge, bigger)).toBe(-1);
    expect(compareQuantities(bigger, parseQuantity('20e999')!)).toBe(0);
    expect(compareQuantities(parseQuantity('-1e1000')!, parseQuantity('1')!)).toBe(-1);
  });

  test('a tiny exponent rounds up to one nano-unit', () => {
    expect(nanos('1e-1000000')).toBe(1n);
    expect(nanos('-1e-1000000')).toBe(-1n);
  });
});

describe('compareQuantities', () => {
  // TestQuantityCmp.
  test.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ] as const)('%s compared with %s is %d', (x, y, expected) => {
    expect(compareQuantities(parseQuantity(x)!, parseQuantity(y)!)).toBe(expected);
  });

  const quantityText = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^[0-9]{0,12}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
      fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-4', 'e12', 'e-20', 'e40'),
    )
    .map(([sign, integer, fraction, suffix]) => `${sign}${integer}${fraction === undefined ? '' : `.${fraction}`}${suffix}`)
    .filter((text) => parseQuantity(text) !== undefined);
  const quantity = quantityText.map((text) => parseQuantity(text)!);
  const withoutNanos = (q: QuantityValue): QuantityValue => ({ ...q, nanos: undefined });

  test('comparing by orders of magnitude agrees with comparing nano-units', () => {
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        fc.pre(a.nanos !== undefined && b.nanos !== undefined);
        expect(compareQuantities(withoutNanos(a), withoutNanos(b))).toBe(compareQuantities(a, b));
      }),
      runs(500),
    );
  });

  test('comparison is antisymmetric', () => {
    fc.assert(fc.property(quantity, quantity, (a, b) => void expect(compareQuantities(a, b)).toBe(-compareQuantities(b, a) || 0)), runs(300));
  });

  test('comparison is transitive', () => {
    fc.assert(
      fc.property(quantity, quantity, quantity, (a, b, c) => {
        fc.pre(compareQuantities(a, b) <= 0 && compareQuantities(b, c) <= 0);
        expect(compareQuantities(a, c)).toBeLessThanOrEqual(0);
      }),
      runs(300),
    );
  });
});

describe('quantity operators', () => {
  const op = (name: string) => QUANTITY_OPERATORS.find((o) => o.name === name)!;

  test('1Gi is greater than 1G', () => {
    expect(evaluateOperator(op('quantityGreaterThan'), '1Gi', '1G')).toBe(true);
  });

  test('500m equals 0.5', () => {
    expect(evaluateOperator(op('quantityEqual'), '500m', '0.5')).toBe(true);
  });

  test('a number fact is read as a quantity', () => {
    expect(evaluateOperator(op('quantityLessThanInclusive'), 2, '2000m')).toBe(true);
  });

  test('a fact that is not a quantity makes every quantity operator false', () => {
    for (const operator of QUANTITY_OPERATORS) {
      expect(evaluateOperator(operator, undefined, '1'), operator.name).toBe(false);
      expect(evaluateOperator(operator, 'lots', '1'), operator.name).toBe(false);
      expect(evaluateOperator(operator, { cpu: '1' }, '1'), operator.name).toBe(false);
    }
  });

  test('a value that is not a quantity makes every quantity operator false', () => {
    for (const operator of QUANTITY_OPERATORS) expect(evaluateOperator(operator, '1', null), operator.name).toBe(false);
  });
});
