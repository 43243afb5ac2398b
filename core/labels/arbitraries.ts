/**
 * fast-check generators for valid labels, requirements and selectors, shared by every chapter
 * that selects things (ReplicaSets, Services, the scheduler).
 *
 * Every value they produce passes upstream's validation. Keys and values can be drawn from a
 * small pool (`keyPool`, `valuePool`) so that a generated selector and a generated label map
 * actually talk about the same keys; purely random keys would almost never meet.
 */
import fc from 'fast-check';
import type { Labels, Operator, Requirement, Selector } from './types';

/** The name part of a key, also the shape of a non-empty value: 1-63 chars, alphanumeric at both ends. */
export function labelName(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
}

/** A DNS-1123 subdomain for a key prefix, kept short: `example.com`, `a-1.b`. */
export function dnsSubdomain(): fc.Arbitrary<string> {
  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/);
  return fc.array(label, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
}

/** Any valid label key, with a prefix about a third of the time (`example.com/tier`). */
export function labelKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: labelName() },
    { weight: 1, arbitrary: fc.tuple(dnsSubdomain(), labelName()).map(([p, n]) => `${p}/${n}`) },
  );
}

/** Any valid label value, the empty string included. */
export function labelValue(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: labelName() });
}

/** A valid label value that also parses as an integer, as `gt`/`lt` need (`0`, `42`, `007`). */
export function integerLabelValue(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[0-9]{1,6}$/);
}

/** A few keys that collide often, among them words the selector syntax also uses. */
export function keyPool(): fc.Arbitrary<string> {
  return fc.constantFrom('app', 'tier', 'env', 'in', 'notin', 'example.com/team', 'constructor');
}

/** A few values that collide often, the empty string and some integers among them. */
export function valuePool(): fc.Arbitrary<string> {
  return fc.constantFrom('', 'web', 'db', 'prod', 'in', '0', '1', '7', '10', '007');
}

/** Options shared by the generators below; each defaults to the unrestricted generator. */
export type LabelArbOptions = {
  keys?: fc.Arbitrary<string>;
  values?: fc.Arbitrary<string>;
  operators?: readonly Operator[];
};

const ALL_OPERATORS: readonly Operator[] = ['=', '==', '!=', 'in', 'notin', 'exists', '!', 'gt', 'lt'];

/** A label map such as `metadata.labels` (0-5 entries). */
export function labels(options: LabelArbOptions = {}): fc.Arbitrary<Labels> {
  return fc.dictionary(options.keys ?? labelKey(), options.values ?? labelValue(), { maxKeys: 5, noNullPrototype: true });
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A valid requirement in the shape a parsed selector has: values sorted and unique, one value
 * for `=`/`==`/`!=`/`gt`/`lt` (an integer for the last two), 1-3 for `in`/`notin`, none for
 * `exists`/`!`.
 */
export function requirement(options: LabelArbOptions = {}): fc.Arbitrary<Requirement> {
  const keys = options.keys ?? labelKey();
  const values = options.values ?? labelValue();
  return fc.constantFrom(...(options.operators ?? ALL_OPERATORS)).chain((operator) => {
    const valueList: fc.Arbitrary<string[]> =
      operator === 'in' || operator === 'notin'
        ? fc.uniqueArray(values, { minLength: 1, maxLength: 3 }).map((vs) => [...vs].sort(byString))
        : operator === 'exists' || operator === '!'
          ? fc.constant([])
          : operator === 'gt' || operator === 'lt'
            ? integerLabelValue().map((v) => [v])
            : values.map((v) => [v]);
    return fc.record({ key: keys, operator: fc.constant(operator), values: valueList });
  });
}

/**
 * A valid selector in the canonical shape parseSelector returns: 0-4 requirements sorted by key
 * (several on one key allowed). Never `Nothing()`; build that by hand where it matters.
 */
export function selector(options: LabelArbOptions = {}): fc.Arbitrary<Selector> {
  return fc.array(requirement(options), { maxLength: 4 }).map(
    (requirements): Selector => ({
      type: 'requirements',
      requirements: [...requirements].sort((a, b) => byString(a.key, b.key)),
    }),
  );
}
