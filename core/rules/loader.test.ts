/**
 * Loading rule files: what a valid file becomes, and what each kind of mistake reports. Every
 * message names the file, the rule and the field path, and says what would be valid.
 */
import { describe, expect, test } from 'vitest';
import { checkRuleFile, formatIssue, isRuleFileError, loadRuleFile, parseRuleFile } from './loader';

const FILE = 'policy.rules.yaml';

/** A one-rule file whose rule body is `rule` (YAML lines, indented by four). */
const withRule = (rule: string, header = '') => `name: policy\n${header}rules:\n  - name: first\n${rule}`;
const VALID_RULE = '    conditions: { all: [{ fact: pod, path: $.spec.nodeName, operator: equal, value: "" }] }\n    event: { type: unschedulable }\n';

/** The formatted issues for `text`; fails if the text loads. */
function problems(text: string, options = {}): string[] {
  const result = checkRuleFile(text, FILE, options);
  if (result.ok) throw new Error('expected the file to be rejected, but it loaded');
  return result.issues.map(formatIssue);
}

describe('a valid file', () => {
  test('loads with json-rules-engine defaults filled in', () => {
    const file = parseRuleFile(withRule(VALID_RULE), FILE);
    expect(file).toEqual({
      fileName: FILE,
      name: 'policy',
      rules: [
        {
          name: 'first',
          priority: 1,
          conditions: { all: [{ fact: 'pod', path: '$.spec.nodeName', operator: 'equal', value: '' }] },
          event: { type: 'unschedulable', params: {} },
        },
      ],
    });
  });

  test('loads frozen, so evaluators can share its objects', () => {
    const file = parseRuleFile(withRule(VALID_RULE), FILE);
    expect(Object.isFrozen(file.rules[0]!.conditions)).toBe(true);
  });

  test('keeps descriptions, declared facts and condition names', () => {
    const text = withRule(
      '    description: why\n    conditions: { all: [{ name: c, fact: pod, operator: exists, value: true }] }\n    event: { type: e }\n',
      'description: about\nfacts: { pod: the pod }\n',
    );
    const file = parseRuleFile(text, FILE);
    expect(file.description).toBe('about');
    expect(file.facts).toEqual({ pod: 'the pod' });
    expect(file.rules[0]!.description).toBe('why');
    expect(file.rules[0]!.conditions).toEqual({ all: [{ name: 'c', fact: 'pod', operator: 'exists', value: true }] });
  });

  test('loads from disk, named by its path', () => {
    const file = loadRuleFile('core/rules/examples/admission-policy.rules.yaml');
    expect(file.fileName).toBe('core/rules/examples/admission-policy.rules.yaml');
    expect(file.rules.length).toBeGreaterThan(0);
  });
});

describe('mistakes', () => {
  test('an unknown operator lists the known ones', () => {
    const [message] = problems(withRule(VALID_RULE.replace('operator: equal', 'operator: equals')));
    expect(message).toMatch(/^policy\.rules\.yaml: rule "first": rules\[0\]\.conditions\.all\[0\]\.operator: Unsupported value: "equals": supported values: "equal", "notEqual",/);
    expect(message).toContain('"selectorMatches"');
    expect(message).toContain('"not:"');
  });

  test('a missing event is required', () => {
    expect(problems(withRule(VALID_RULE.replace('    event: { type: unschedulable }\n', '')))).toEqual([
      'policy.rules.yaml: rule "first": rules[0].event: Required value: the event {type, params} fired when the conditions hold',
    ]);
  });

  test('all must be a list', () => {
    expect(problems(withRule('    conditions: { all: { fact: pod, operator: equal, value: 1 } }\n    event: { type: e }\n'))).toEqual([
      'policy.rules.yaml: rule "first": rules[0].conditions.all: Invalid value: must be a list of conditions',
    ]);
  });

  test('not takes one condition, not a list', () => {
    expect(problems(withRule('    conditions: { not: [] }\n    event: { type: e }\n'))[0]).toContain('rules[0].conditions.not: Invalid value: must be a single condition, not a list');
  });

  test('the root must be all, any or not', () => {
    expect(problems(withRule('    conditions: { fact: pod, operator: equal, value: 1 }\n    event: { type: e }\n'))[0]).toContain(
      'rules[0].conditions: Invalid value: the root must be "all", "any" or "not"',
    );
  });

  test('an empty any is refused, since json-rules-engine would treat it as true', () => {
    expect(problems(withRule('    conditions: { any: [] }\n    event: { type: e }\n'))[0]).toContain('rules[0].conditions.any: Invalid value: []: must list at least one condition');
  });

  test('a condition may not mix all, any and not', () => {
    expect(problems(withRule('    conditions: { all: [], any: [] }\n    event: { type: e }\n'))[0]).toContain('a condition has exactly one of "all", "any", "not"');
  });

  test('an unknown top-level key names the valid ones', () => {
    expect(problems(`rulez: []\n${withRule(VALID_RULE)}`)).toEqual([
      'policy.rules.yaml: rulez: Unknown field: valid fields are "name", "description", "facts", "rules"',
    ]);
  });

  test('an unknown rule key names the valid ones', () => {
    expect(problems(withRule(`    priorty: 2\n${VALID_RULE}`))).toEqual([
      'policy.rules.yaml: rule "first": rules[0].priorty: Unknown field: valid fields are "name", "description", "priority", "conditions", "event"',
    ]);
  });

  test('a priority must be a positive integer', () => {
    expect(problems(withRule(`    priority: 0\n${VALID_RULE}`))[0]).toContain('rules[0].priority: Invalid value: 0: must be an integer greater than or equal to 1');
  });

  test('two rules may not share a name', () => {
    const text = `${withRule(VALID_RULE)}  - name: first\n${VALID_RULE}`;
    expect(problems(text)).toEqual(['policy.rules.yaml: rule "first": rules[1].name: Duplicate value: "first": rules[0] has that name']);
  });

  test('a rule without a name is named by its index', () => {
    const text = `name: policy\nrules:\n  - conditions: { all: [] }\n    event: { type: e }\n`;
    expect(problems(text)).toEqual(['policy.rules.yaml: rules[0].name: Required value: a non-empty string naming the rule']);
  });

  test('a path outside the subset says which steps are supported', () => {
    expect(problems(withRule(VALID_RULE.replace('$.spec.nodeName', '"$..nodeName"')))[0]).toContain(
      'rules[0].conditions.all[0].path: Invalid value: "$..nodeName": unsupported step at "..nodeName": use .name, [index] or [\'name.with/dots\']',
    );
  });

  test('a value the operator cannot use says what it needs', () => {
    const text = withRule('    conditions: { all: [{ fact: node, operator: selectorMatches, value: "env in (a" }] }\n    event: { type: e }\n');
    expect(problems(text)[0]).toContain('rules[0].conditions.all[0].value: Invalid value: "env in (a": selectorMatches: unable to parse requirement');
  });

  test('a quantity operator needs a quantity', () => {
    const text = withRule('    conditions: { all: [{ fact: node, operator: quantityLessThan, value: lots }] }\n    event: { type: e }\n');
    expect(problems(text)[0]).toContain('must be a Kubernetes quantity such as "500m", "2" or "1Gi", got "lots"');
  });

  test('equal refuses a list, which === never matches', () => {
    const text = withRule('    conditions: { all: [{ fact: pod, operator: equal, value: [a] }] }\n    event: { type: e }\n');
    expect(problems(text)[0]).toContain('equal compares with ===, so a list or map never matches');
  });

  test('a fact the file does not declare is refused', () => {
    const text = withRule(VALID_RULE.replace('fact: pod', 'fact: pdo'), 'facts: { pod: the pod, node: the node }\n');
    expect(problems(text)).toEqual(['policy.rules.yaml: rule "first": rules[0].conditions.all[0].fact: Unsupported value: "pdo": supported values: "pod", "node"']);
  });

  test('a fact the caller does not pass is refused', () => {
    expect(problems(withRule(VALID_RULE), { facts: ['object'] })[0]).toContain('fact: Unsupported value: "pod": supported values: "object"');
  });

  test('a fact name inherited by every object is refused', () => {
    expect(problems(withRule(VALID_RULE.replace('fact: pod', 'fact: constructor')))[0]).toContain('a fact name is a letter or "_"');
  });

  test('fact params are refused, since facts here are plain values', () => {
    const text = withRule('    conditions: { all: [{ fact: pod, params: { id: 1 }, operator: equal, value: 1 }] }\n    event: { type: e }\n');
    expect(problems(text)[0]).toContain('rules[0].conditions.all[0].params: Unsupported value: facts are plain data');
  });

  test('shared condition references are refused', () => {
    expect(problems(withRule('    conditions: { all: [{ condition: shared }] }\n    event: { type: e }\n'))[0]).toContain('shared condition references are not supported');
  });

  test('a YAML syntax error gives its line and column', () => {
    expect(problems('name: policy\nrules: [\n')[0]).toMatch(/^policy\.rules\.yaml: YAML: .* at line \d+, column \d+/);
  });

  test('a key written twice is an error, not a silent overwrite', () => {
    expect(problems(`name: a\nname: b\nrules: []\n`)[0]).toContain('Map keys must be unique');
  });

  test('every problem in the file is reported at once', () => {
    const text = withRule('    conditions: { all: [{ fact: pod, operator: nope, value: 1 }, { fact: 1, operator: equal }] }\n    event: {}\n');
    const fields = problems(text).map((m) => m.split(': ')[2]);
    expect(fields).toEqual(['rules[0].conditions.all[0].operator', 'rules[0].conditions.all[1].fact', 'rules[0].conditions.all[1].value', 'rules[0].event.type']);
  });
});

describe('errors', () => {
  test('parseRuleFile throws a RuleFileError listing the issues', () => {
    let caught: unknown;
    try {
      parseRuleFile(withRule(VALID_RULE.replace('equal', 'equals')), FILE);
    } catch (error) {
      caught = error;
    }
    expect(isRuleFileError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^policy\.rules\.yaml: rule "first": /);
  });

  test('a file that cannot be read is a RuleFileError naming it', () => {
    expect(() => loadRuleFile('core/rules/examples/missing.rules.yaml')).toThrow(/^core\/rules\/examples\/missing\.rules\.yaml: cannot read the file/);
  });
});
