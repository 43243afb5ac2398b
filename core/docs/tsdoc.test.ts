import { describe, expect, test } from 'vitest';
import { exportDocs, renderDoc } from './tsdoc';

const source = `
import type { X } from './x';

/** A helper nobody outside sees. */
function hidden(): void {}

/**
 * Parses a quantity such as \`500m\` or \`1Gi\`.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity).
 * @param input - the text to parse
 * @returns the quantity, or an error naming the field
 */
export function parseQuantity<T extends string>(
  input: T,
  field = 'spec',
): Quantity {
  return hidden() as never;
}

/** Compares two quantities; see {@link parseQuantity}. */
export const compare = (a: Quantity, b: Quantity): number => 0;

export const LIMIT: number = 10;

/** A quantity. */
export type Quantity = { value: bigint };

/** Overloaded: the doc sits on the first signature. */
export function pick(a: string): string;
export function pick(a: number): number;
export function pick(a: unknown): unknown {
  return a;
}

export { hidden as visible };
`;

describe('exportDocs', () => {
  const docs = exportDocs('q.ts', source);

  test('lists exports in source order, skipping what is not exported', () => {
    expect(docs.map((d) => d.name)).toEqual(['parseQuantity', 'compare', 'LIMIT', 'Quantity', 'pick', 'visible']);
  });

  test('writes a function signature on one line', () => {
    expect(docs[0]?.signature).toBe("parseQuantity<T extends string>(input: T, field = 'spec'): Quantity");
  });

  test('writes the signature of an arrow function const like a function', () => {
    expect(docs[1]?.signature).toBe('compare(a: Quantity, b: Quantity): number');
  });

  test('writes a typed const with its type and a type alias by name', () => {
    expect(docs[2]?.signature).toBe('LIMIT: number');
    expect(docs[3]?.signature).toBe('type Quantity');
  });

  test('renders the description, params and returns of the doc comment', () => {
    expect(docs[0]?.doc).toBe(
      [
        'Parses a quantity such as `500m` or `1Gi`.',
        '',
        'Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity).',
        '',
        '- `input`: the text to parse',
        '- Returns the quantity, or an error naming the field',
      ].join('\n'),
    );
  });

  test('keeps one entry per overloaded function', () => {
    expect(docs.filter((d) => d.name === 'pick')).toHaveLength(1);
    expect(docs[4]?.doc).toBe('Overloaded: the doc sits on the first signature.');
  });

  test('gives an export without a doc comment an empty doc', () => {
    expect(docs[2]?.doc).toBe('');
  });
});

describe('renderDoc', () => {
  test('turns {@link X} into code and {@link X | label} into the label', () => {
    expect(renderDoc('See {@link parseQuantity} and {@link compare | the comparison}.')).toBe('See `parseQuantity` and the comparison.');
  });

  test('keeps other tags visible', () => {
    expect(renderDoc('Old.\n@deprecated use the new one')).toBe('Old.\n\n- *deprecated* use the new one');
  });
});
