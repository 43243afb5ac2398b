/**
 * Quantity comparison operators: `quantityLessThan` and friends compare two Kubernetes
 * quantities exactly (`"1Gi"` is greater than `"1G"`, `"0.5"` equals `"500m"`), the way the
 * scheduler and quota code compare `resource.Quantity` values with `Cmp`. A side that is not a
 * quantity (missing, a map, `"lots"`) makes the operator false.
 *
 * Quantities may be strings (`"500m"`) or finite numbers (`2`, as YAML writes `cpu: 2`); a
 * number is read through its shortest decimal spelling.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, Cmp).
 */
import { compareQuantities, parseQuantity, type QuantityValue } from './quantity-value';
import { defineOperator, show, type OperatorDefinition } from './definition';

// Facts repeat the same few quantities ("100m", "1Gi"), so parsing is remembered. The cache
// is bounded and emptied when full: it trades a little memory for most of the parse cost.
const CACHE_LIMIT = 10_000;
const cache = new Map<string, QuantityValue | null>();

/** The quantity a fact or value spells, or `undefined` when it is not one. */
export function quantityOf(value: unknown): QuantityValue | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  const cached = cache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseQuantity(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed ?? null);
  return parsed;
}

const checkQuantity = (v: unknown) =>
  quantityOf(v) !== undefined ? undefined : `must be a Kubernetes quantity such as "500m", "2" or "1Gi", got ${show(v)}`;

function quantityOperator(name: string, relation: string, holds: (order: -1 | 0 | 1) => boolean): OperatorDefinition {
  return defineOperator<QuantityValue | undefined>({
    name,
    summary: `the fact is a quantity ${relation} the value`,
    fact: 'a quantity',
    value: 'a quantity',
    origin: 'core',
    checkValue: checkQuantity,
    prepare: quantityOf,
    test: (factValue, value) => {
      if (value === undefined) return false;
      const fact = quantityOf(factValue);
      return fact !== undefined && holds(compareQuantities(fact, value));
    },
    canThrow: () => false,
  });
}

/** The quantity operators. */
export const QUANTITY_OPERATORS: readonly OperatorDefinition[] = [
  quantityOperator('quantityEqual', 'equal to', (o) => o === 0),
  quantityOperator('quantityLessThan', 'less than', (o) => o < 0),
  quantityOperator('quantityLessThanInclusive', 'less than or equal to', (o) => o <= 0),
  quantityOperator('quantityGreaterThan', 'greater than', (o) => o > 0),
  quantityOperator('quantityGreaterThanInclusive', 'greater than or equal to', (o) => o >= 0),
];
