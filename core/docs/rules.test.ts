import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { countNodes, renderCondition, type Condition } from './conditions';
import { parseRuleFile, renderRules, validateRuleFile, type RuleFile } from './rules';

const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'admission.rules.yaml'), 'utf8');
const file = 'chapters/01-demo/rules/admission.rules.yaml';

function load(source: string): { rules?: RuleFile; errors: string[] } {
  const errors: string[] = [];
  const rules = parseRuleFile(file, source, errors);
  return rules ? { rules, errors } : { errors };
}

describe('rendering a rule file', () => {
  const { rules, errors } = load(fixture);
  const out = renderRules(rules as RuleFile, 2);

  test('the fixture is a valid rule file', () => {
    expect(errors).toEqual([]);
  });

  test('lists every rule in a table with its priority and event', () => {
    expect(out).toContain('| # | Rule | Priority | Event |');
    expect(out).toContain('| 1 | unbound pods wait in the queue | 10 | `queue` |');
  });

  test('shows json-rules-engine\'s default priority of 1 when a rule has none', () => {
    expect(out).toContain('| 2 | bound pods are admitted | 1 | `admit` |');
  });

  test('writes a fact test as the fact path, the operator and the value', () => {
    expect(out).toContain('- `pod.spec.nodeName` equal `""`');
  });

  test('shows all/any/not nesting by indentation', () => {
    expect(out).toContain(
      ['- **all** of:', '  - `pod.spec.nodeName` equal `""`', '  - **any** of: *(serving tier or not urgent)*', '    - `pod.metadata.labels.tier` in `["frontend","backend"]`', '    - **not**:', '      - `pod.spec.priority` greaterThan `1000`'].join('\n'),
    );
  });

  test('names a value that comes from another fact', () => {
    expect(out).toContain('- `pod.spec.nodeName` equal the fact `node.metadata.name`');
  });

  test('lists the facts the file declares, with what each holds', () => {
    expect(out).toContain('| Fact | What it holds |\n| --- | --- |\n| `pod` | The pod being admitted. |');
  });

  test('shows a rule\'s description under its heading', () => {
    expect(out).toContain('## 1. unbound pods wait in the queue\n\nA pod without a node waits for the scheduler.\n\nPriority 10. When:');
  });

  test('lists the event params', () => {
    expect(out).toContain('Then the event `queue` fires with:\n\n- `reason`: `"Unschedulable"`\n- `backoffSeconds`: `10`');
  });

  test('puts each rule under a heading at the level asked for', () => {
    expect(out).toContain('\n## 1. unbound pods wait in the queue\n');
    expect(renderRules(rules as RuleFile, 4)).toContain('\n#### 2. bound pods are admitted\n');
  });
});

describe('checking a rule file', () => {
  test('names the file, the rule and the field of each problem', () => {
    const data = { name: 'x', rules: [{ name: 'bad', conditions: { all: [{ fact: 'pod', value: 1 }] }, event: {} }] };
    expect(validateRuleFile(data, file)).toEqual([
      `${file}: rules[0] ("bad"): conditions.all[0].operator: Required value`,
      `${file}: rules[0] ("bad"): event.type: Required value`,
    ]);
  });

  test('requires all, any or not at the top of a rule', () => {
    const data = { name: 'x', rules: [{ name: 'flat', conditions: { fact: 'pod', operator: 'equal', value: 1 }, event: { type: 'e' } }] };
    expect(validateRuleFile(data, file)).toEqual([`${file}: rules[0] ("flat"): conditions: Required value: the top level must be "all", "any" or "not"`]);
  });

  test('refuses shared condition references, which core/rules does not support', () => {
    const data = { name: 'x', rules: [{ name: 'ref', conditions: { all: [{ condition: 'shared' }] }, event: { type: 'e' } }] };
    expect(validateRuleFile(data, file)[0]).toContain('conditions.all[0].condition: Unsupported value');
  });

  test('reports a list where "not" expects one condition', () => {
    const data = { name: 'x', rules: [{ name: 'n', conditions: { not: [] }, event: { type: 'e' } }] };
    expect(validateRuleFile(data, file)).toEqual([`${file}: rules[0] ("n"): conditions.not: Invalid value: must be a mapping`]);
  });

  test('reports YAML syntax errors with the file name', () => {
    expect(load('name: [unclosed').errors[0]).toMatch(/^chapters\/01-demo\/rules\/admission\.rules\.yaml: /);
  });
});

// Condition trees of the valid shape, with arbitrary strings and JSON values at the leaves.
// Half the strings are made of the characters that break Markdown, so those cases come up often.
const markdownSpecial = fc.constantFrom('|', '\\', '`', '\n', '\r', '\u2028', '*', '_', '<', '#', '-', ' ', 'a');
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: markdownSpecial, maxLength: 8 }));
const { tree } = fc.letrec<{ tree: Condition; leaf: Condition; all: Condition; any: Condition; not: Condition }>((tie) => ({
  tree: fc.oneof({ maxDepth: 4, depthSize: 'small' }, tie('leaf'), tie('all'), tie('any'), tie('not')),
  leaf: fc.record(
    { name: anyString, fact: anyString, operator: anyString, value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ fact: anyString, path: anyString })), path: anyString },
    { requiredKeys: ['fact', 'operator', 'value'] },
  ),
  all: fc.record({ all: fc.array(tie('tree'), { maxLength: 4 }), name: anyString }, { requiredKeys: ['all'] }),
  any: fc.record({ any: fc.array(tie('tree'), { maxLength: 4 }), name: anyString }, { requiredKeys: ['any'] }),
  not: fc.record({ not: tie('tree') }),
}));
const topLevel = fc.oneof(
  fc.record({ all: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ any: fc.array(tree, { maxLength: 4 }) }),
  fc.record({ not: tree }),
) as fc.Arbitrary<Condition>;

/** Cell separators a GFM table sees: pipes not taken by a backslash escape. */
function columns(row: string): number {
  let pipes = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') pipes++;
  }
  return pipes - 1;
}

describe('properties', () => {
  test('rendering a condition tree never throws and gives one list item per node, one line each', () => {
    fc.assert(
      fc.property(tree, (c) => {
        const lines = renderCondition(c).split('\n');
        expect(lines).toHaveLength(countNodes(c));
        for (const line of lines) expect(line).toMatch(/^(  )*- \S/);
      }),
      runs(200),
    );
  });

  test('every rule file of the valid shape passes the check and renders a table with four columns per row', () => {
    const rule = fc.record(
      { name: anyString.filter((s) => s.trim() !== ''), description: fc.string({ unit: fc.constantFrom('a', ' ', '`', '*', '.') }), priority: fc.integer({ min: 1, max: 100 }), conditions: topLevel, event: fc.record({ type: anyString, params: fc.dictionary(anyString, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: ['type'] }) },
      { requiredKeys: ['name', 'conditions', 'event'] },
    );
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), (rules) => {
        const ruleFile = { name: 'generated', facts: { '|a\\|': 'holds | pipes' }, rules } as RuleFile;
        expect(validateRuleFile(ruleFile, file)).toEqual([]);
        const rows = renderRules(ruleFile, 2).split('\n').filter((l) => l.startsWith('|'));
        const [facts, summary] = [rows.slice(0, 3), rows.slice(3)];
        for (const row of facts) expect(columns(row), row).toBe(2);
        expect(summary).toHaveLength(rules.length + 2);
        for (const row of summary) expect(columns(row), row).toBe(4);
      }),
      runs(200),
    );
  });
});
