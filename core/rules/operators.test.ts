/**
 * The operator registry: its mirror of json-rules-engine's built-in operators and decorators
 * behaves exactly like the engine's own (results and errors), and its "can this throw?"
 * answers are safe for the compiled evaluator to rely on.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { DECORATORS, OPERATORS, operatorCanThrow, operatorFunction, preparedOperator, resolveOperator } from './operators/registry';

type EngineOperator = { evaluate: (a: unknown, b: unknown) => boolean };
type OperatorMap = { get: (name: string) => EngineOperator | null; operators: Map<string, unknown>; decorators: Map<string, unknown> };
// json-rules-engine keeps its operator map on the engine; its types do not declare it.
const engineOperators = () => (new Engine() as unknown as { operators: OperatorMap }).operators;

/** Values that exercise the engine's operators: scalars, lists, maps, and objects JavaScript cannot convert. */
const value = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, 0, 1, -1, 2.5, '', '0', '10', 'abc', ' 7 ', true, false, [], [1, '1'], ['abc', 'b'], {}, { a: 1 }),
  fc.constantFrom<unknown>({ toString: 'x' }, [{ valueOf: 1, toString: 2 }]),
  fc.jsonValue({ maxDepth: 1 }),
);

function outcome(evaluate: () => boolean): boolean | 'throws' {
  try {
    return evaluate();
  } catch {
    return 'throws';
  }
}

const BUILTIN_NAMES = OPERATORS.filter((o) => o.origin === 'json-rules-engine').map((o) => o.name);
const CORE_NAMES = OPERATORS.filter((o) => o.origin === 'core').map((o) => o.name);
const decorated = fc
  .tuple(fc.array(fc.constantFrom(...DECORATORS.map((d) => d.name)), { maxLength: 2 }), fc.constantFrom(...BUILTIN_NAMES))
  .map(([decorators, base]) => [...decorators, base].join(':'));

describe('built-in operators', () => {
  test('the registry has exactly json-rules-engine default operators and decorators', () => {
    const map = engineOperators();
    expect([...map.operators.keys()].sort()).toEqual([...BUILTIN_NAMES].sort());
    expect([...map.decorators.keys()].sort()).toEqual(DECORATORS.map((d) => d.name).sort());
  });

  test('each mirrored operator, decorated or not, gives what json-rules-engine gives, errors included', () => {
    const map = engineOperators();
    fc.assert(
      fc.property(decorated, value, value, (name, a, b) => {
        const ours = operatorFunction(resolveOperator(name)!);
        expect(outcome(() => ours(a, b)), `${name}(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toBe(outcome(() => map.get(name)!.evaluate(a, b)));
      }),
      runs(2000),
    );
  });

  test('a literal value prepared once gives the same results as preparing it each time', () => {
    const names = fc.tuple(fc.array(fc.constantFrom('not', 'someFact', 'everyFact'), { maxLength: 2 }), fc.constantFrom(...BUILTIN_NAMES, ...CORE_NAMES));
    fc.assert(
      fc.property(names, value, value, ([decorators, base], a, b) => {
        const operator = resolveOperator([...decorators, base].join(':'))!;
        const prepared = preparedOperator(operator, b)!;
        expect(outcome(() => prepared(a))).toBe(outcome(() => operatorFunction(operator)(a, b)));
      }),
      runs(1000),
    );
  });
});

describe('canThrow', () => {
  const anyName = fc
    .tuple(fc.array(fc.constantFrom(...DECORATORS.map((d) => d.name)), { maxLength: 2 }), fc.constantFrom(...BUILTIN_NAMES, ...CORE_NAMES))
    .map(([decorators, base]) => [...decorators, base].join(':'));

  test('an operator that cannot throw for a literal value never throws for any fact', () => {
    fc.assert(
      fc.property(anyName, value, value, (name, literal, fact) => {
        const operator = resolveOperator(name)!;
        fc.pre(!operatorCanThrow(operator, { literal }));
        expect(outcome(() => operatorFunction(operator)(fact, literal))).not.toBe('throws');
      }),
      runs(2000),
    );
  });

  test('an operator that cannot throw for a fact reference never throws for any pair of values', () => {
    fc.assert(
      fc.property(anyName, value, value, (name, fact, other) => {
        const operator = resolveOperator(name)!;
        fc.pre(!operatorCanThrow(operator, undefined));
        expect(outcome(() => operatorFunction(operator)(fact, other))).not.toBe('throws');
      }),
      runs(2000),
    );
  });

  test('our own operators never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORE_NAMES), value, value, (name, a, b) => {
        expect(outcome(() => operatorFunction(resolveOperator(name)!)(a, b))).not.toBe('throws');
      }),
      runs(1000),
    );
  });
});

describe('resolveOperator', () => {
  test('reads decorators from the left, outermost first', () => {
    const operator = resolveOperator('someFact:not:equal')!;
    expect(operator.decorators.map((d) => d.name)).toEqual(['someFact', 'not']);
    expect(operator.base.name).toBe('equal');
    expect(operatorFunction(operator)(['a', 'b'], 'a')).toBe(true);
    expect(operatorFunction(operator)(['a'], 'a')).toBe(false);
  });

  test.each(['', 'equals', 'not:', ':equal', 'nope:equal', 'not:nope'])('%j is not an operator', (name) => {
    expect(resolveOperator(name)).toBeUndefined();
  });
});
