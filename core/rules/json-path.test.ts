/**
 * The JSONPath subset: which paths the loader accepts, and that reading them gives what
 * json-rules-engine's Almanac (jsonpath-plus underneath) gives, on any JSON value.
 */
import fc from 'fast-check';
import { Almanac } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { compileCondition } from './compile';
import { parsePath, resolveFactPath } from './json-path';

describe('parsePath', () => {
  test.each([
    ['$', []],
    ['$.spec.nodeName', ['spec', 'nodeName']],
    ['$.spec.containers[0].resources', ['spec', 'containers', '0', 'resources']],
    ["$.metadata.labels['kubernetes.io/os']", ['metadata', 'labels', 'kubernetes.io/os']],
    ["$['ephemeral-storage']", ['ephemeral-storage']],
    ['$.a-b._c', ['a-b', '_c']],
  ])('%s has the steps %j', (path, segments) => {
    expect(parsePath(path)).toEqual(segments);
  });

  test.each(['spec.nodeName', '$..name', '$.*', '$[*]', '$.a[?(@.x)]', '$[-1]', '$[01]', "$['a,b']", '$["a"]', '$.a[0:2]', '$.', '$.1a', "$['']"])(
    '%s is outside the subset',
    (path) => {
      expect(parsePath(path)).toHaveProperty('error');
    },
  );
});

// Keys and values chosen so generated paths often find something.
const KEYS = ['a', 'b', 'spec', 'length', '0', '1', 'kubernetes.io/os', 'x-y'] as const;
const leaf = fc.constantFrom<unknown>('', 'abc', 0, 1, false, true, null, 'x');
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const step = fc.oneof(
  fc.constantFrom('.a', '.b', '.spec', '.length', '.x-y', '.constructor', '.map', '.toString'),
  fc.constantFrom('[0]', '[1]', '[2]'),
  fc.constantFrom("['kubernetes.io/os']", "['a']", "['0']"),
);
const path = fc.array(step, { maxLength: 4 }).map((steps) => `$${steps.join('')}`);

describe('resolveFactPath', () => {
  test('reads what json-rules-engine reads for any fact value and path', async () => {
    await fc.assert(
      fc.asyncProperty(json, path, async (value, p) => {
        const segments = parsePath(p);
        if ('error' in segments) throw new Error(`generated path ${p} is outside the subset: ${segments.error}`);
        const almanac = new Almanac({ allowUndefinedFacts: true });
        almanac.addFact('f', value);
        expect(resolveFactPath(value, segments), `path ${p} on ${JSON.stringify(value)}`).toEqual(await almanac.factValue('f', {}, p));
      }),
      runs(1000),
    );
  });

  test('the compiled evaluator reads what resolveFactPath reads', () => {
    fc.assert(
      fc.property(json, path, (value, p) => {
        const segments = parsePath(p) as string[];
        // `equal` is ===: it holds for the very value (or object) the path should find.
        const read = compileCondition({ all: [{ fact: 'f', path: p, operator: 'equal', value: { fact: 'expected' } }] });
        expect(read({ f: value, expected: resolveFactPath(value, segments) }), `path ${p} on ${JSON.stringify(value)}`).toBe(true);
      }),
      runs(1000),
    );
  });

  test('ignores the path when the fact is not an object, as json-rules-engine does', () => {
    expect(resolveFactPath('abc', ['length'])).toBe('abc');
    expect(resolveFactPath(null, ['a'])).toBe(null);
  });

  test('finds characters and the length of a string inside an object', () => {
    expect(resolveFactPath({ s: 'abc' }, ['s', '0'])).toBe('a');
    expect(resolveFactPath({ s: 'abc' }, ['s', 'length'])).toBe(3);
  });

  test('finds nothing below an empty string, zero or false', () => {
    expect(resolveFactPath({ s: '' }, ['s', 'length'])).toBeUndefined();
    expect(resolveFactPath({ n: 0 }, ['n', 'x'])).toBeUndefined();
  });

  test('does not read inherited properties', () => {
    expect(resolveFactPath({}, ['constructor'])).toBeUndefined();
  });
});
