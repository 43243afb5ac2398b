/**
 * What a rule file means, shown on small examples and checked on both evaluators: the
 * reference (json-rules-engine) and the compiled one. Each expectation restates
 * json-rules-engine's documented behaviour (docs/rules.md, docs/engine.md) or its source
 * (rule.js, almanac.js, engine-default-operators.js).
 */
import { describe, expect, test } from 'vitest';
import { compileRules } from './compile';
import { parseRuleFile } from './loader';
import { evaluateReference, referenceEvaluator } from './reference';
import type { Facts, FiredEvent } from './types';

/** Rules from YAML lines under `rules:`. */
const rules = (yaml: string) => parseRuleFile(`name: test\nrules:\n${yaml}`, 'test.rules.yaml').rules;

/** The events both evaluators fire; fails if they disagree. */
async function fired(yaml: string, facts: Facts): Promise<FiredEvent[]> {
  const loaded = rules(yaml);
  const reference = await evaluateReference(loaded, facts);
  expect(compileRules(loaded)(facts), 'the compiled evaluator fires what json-rules-engine fires').toEqual(reference);
  return reference;
}
const names = (events: FiredEvent[]) => events.map((e) => e.rule);

describe('both evaluators', () => {
  test('fire higher-priority rules first, then rules in file order', async () => {
    const yaml = ['a', 'b', 'c', 'd']
      .map((name, i) => `  - { name: ${name}, priority: ${[1, 5, 1, 5][i]}, conditions: { all: [] }, event: { type: e } }`)
      .join('\n');
    expect(names(await fired(yaml, {}))).toEqual(['b', 'd', 'a', 'c']);
  });

  test('an empty all always holds', async () => {
    expect(names(await fired('  - { name: r, conditions: { all: [] }, event: { type: e } }', {}))).toEqual(['r']);
  });

  test('a fact that was not passed is undefined: equal fails and notEqual holds', async () => {
    const yaml = [
      '  - { name: eq, conditions: { all: [{ fact: missing, operator: equal, value: x }] }, event: { type: e } }',
      '  - { name: ne, conditions: { all: [{ fact: missing, operator: notEqual, value: x }] }, event: { type: e } }',
    ].join('\n');
    expect(names(await fired(yaml, {}))).toEqual(['ne']);
  });

  test('a path that finds nothing is undefined', async () => {
    const yaml = '  - { name: r, conditions: { all: [{ fact: pod, path: $.spec.nodeName, operator: exists, value: false }] }, event: { type: e } }';
    expect(names(await fired(yaml, { pod: { spec: {} } }))).toEqual(['r']);
  });

  test('a path is ignored when the fact is not an object', async () => {
    const yaml = '  - { name: r, conditions: { all: [{ fact: n, path: $.a.b, operator: equal, value: 5 }] }, event: { type: e } }';
    expect(names(await fired(yaml, { n: 5 }))).toEqual(['r']);
  });

  test('numeric operators compare numeric strings with JavaScript semantics', async () => {
    const yaml = '  - { name: r, conditions: { all: [{ fact: n, operator: greaterThan, value: 9 }] }, event: { type: e } }';
    expect(names(await fired(yaml, { n: '10' }))).toEqual(['r']);
    expect(names(await fired(yaml, { n: 'ten' }))).toEqual([]);
  });

  test('any holds when one condition holds, not negates', async () => {
    const yaml = [
      '  - name: r',
      '    conditions:',
      '      any:',
      '        - { fact: n, operator: equal, value: 1 }',
      '        - not: { fact: n, operator: lessThan, value: 5 }',
      '    event: { type: e }',
    ].join('\n');
    expect(names(await fired(yaml, { n: 7 }))).toEqual(['r']);
    expect(names(await fired(yaml, { n: 3 }))).toEqual([]);
  });

  test('a fact can be compared with another fact', async () => {
    const yaml = '  - { name: r, conditions: { all: [{ fact: a, operator: quantityGreaterThan, value: { fact: b, path: $.cpu } }] }, event: { type: e } }';
    expect(names(await fired(yaml, { a: '1500m', b: { cpu: '1' } }))).toEqual(['r']);
  });

  test('decorators apply the operator to the elements of a list fact', async () => {
    const yaml = '  - { name: r, conditions: { all: [{ fact: tags, operator: "someFact:in", value: [gpu, ssd] }] }, event: { type: e } }';
    expect(names(await fired(yaml, { tags: ['fast', 'ssd'] }))).toEqual(['r']);
    expect(names(await fired(yaml, { tags: 'ssd' }))).toEqual([]);
  });

  test('event params are returned as written, with an empty map when there are none', async () => {
    const yaml = [
      '  - { name: a, conditions: { all: [] }, event: { type: deny, params: { reason: no, weight: 3 } } }',
      '  - { name: b, conditions: { all: [] }, event: { type: warn } }',
    ].join('\n');
    expect(await fired(yaml, {})).toEqual([
      { rule: 'a', type: 'deny', params: { reason: 'no', weight: 3 } },
      { rule: 'b', type: 'warn', params: {} },
    ]);
  });
});

describe('errors json-rules-engine raises', () => {
  const yaml = '  - { name: r, conditions: { all: [{ fact: n, operator: in, value: { fact: list } }] }, event: { type: e } }';

  test('in against a fact that is not a list makes json-rules-engine reject', async () => {
    await expect(evaluateReference(rules(yaml), { n: 1, list: 5 })).rejects.toThrow(TypeError);
  });

  test('in against a fact that is not a list makes the compiled evaluator throw', () => {
    expect(() => compileRules(rules(yaml))({ n: 1, list: 5 })).toThrow(TypeError);
  });

  test('an error surfaces even when a sibling of the same priority already failed', () => {
    const sibling = [
      '  - name: r',
      '    conditions:',
      '      all:',
      '        - { fact: n, operator: equal, value: 2 }',
      '        - { fact: n, operator: in, value: { fact: list } }',
      '    event: { type: e }',
    ].join('\n');
    expect(() => compileRules(rules(sibling))({ n: 1, list: 5 })).toThrow(TypeError);
  });

  test('a higher-priority false condition stops the evaluation before a throwing one', async () => {
    const stopped = [
      '  - name: r',
      '    conditions:',
      '      all:',
      '        - { fact: n, operator: equal, value: 2, priority: 2 }',
      '        - { fact: n, operator: in, value: { fact: list } }',
      '    event: { type: e }',
    ].join('\n');
    expect(await fired(stopped, { n: 1, list: 5 })).toEqual([]);
  });
});

describe('the evaluators themselves', () => {
  test('compiled events are frozen and shared between evaluations', () => {
    const evaluate = compileRules(rules('  - { name: r, conditions: { all: [] }, event: { type: e } }'));
    const [first] = evaluate({});
    expect(Object.isFrozen(first)).toBe(true);
    expect(evaluate({})[0]).toBe(first);
  });

  test('a prepared reference evaluator answers overlapping calls as separate runs', async () => {
    const evaluate = referenceEvaluator(rules('  - { name: r, conditions: { all: [{ fact: n, operator: equal, value: 1 }] }, event: { type: e } }'));
    const results = await Promise.all([1, 2, 1, 2].map((n) => evaluate({ n })));
    expect(results.map(names)).toEqual([['r'], [], ['r'], []]);
  });
});

describe('the compiled source', () => {
  test('shows one statement per rule, highest priority first', () => {
    const compiled = compileRules(rules('  - { name: a, conditions: { all: [] }, event: { type: e } }\n  - { name: b, priority: 2, conditions: { all: [] }, event: { type: e } }'));
    expect(compiled.source).toContain('if (true) fired.push(K[0]); // rules[1]');
    expect(compiled.source).toContain('if (true) fired.push(K[1]); // rules[0]');
  });

  test('keeps rule data out of the code, whatever it contains', () => {
    const name = '"); throw new Error("injected"); //\u2028throw 1';
    const loaded = parseRuleFile(`name: x\nrules:\n  - { name: ${JSON.stringify(name)}, conditions: { all: [{ fact: f, operator: equal, value: ${JSON.stringify(name)} }] }, event: { type: ${JSON.stringify(name)} } }\n`, 'x.rules.yaml').rules;
    expect(compileRules(loaded)({ f: name })).toEqual([{ rule: name, type: name, params: {} }]);
  });
});
