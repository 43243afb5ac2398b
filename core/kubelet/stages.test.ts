import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../kata/target';
import { firstOfType, parseStages } from './stages';
import { chapterStages, STAGE_RULES_DIR } from './testing/stage-files';

const file = (rules: string) => `name: t\nrules:\n${rules}`;

describe('stage rule files', () => {
  test('every rule file of chapter 05 loads', () => {
    const files = readdirSync(path.join(repoRoot, STAGE_RULES_DIR)).filter((f) => f.endsWith('.rules.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(() => chapterStages(f), f).not.toThrow();
  });

  test('an unknown event type is refused, naming the file, the rule and the supported types', () => {
    expect(() => parseStages(file('  - name: r\n    conditions: { all: [] }\n    event: { type: explode }\n'), 'x.rules.yaml')).toThrow(
      'x.rules.yaml: rule "r": rules[0].event.type: Unsupported value: "explode": supported values: "pull", "pullFailure", "exit", "run", "stop", "nodeDown", "nodePressure", "nodeNotReady"',
    );
  });

  test('params are checked: whole seconds, exit codes from 0 to 255, no unknown params', () => {
    const bad = file('  - name: r\n    conditions: { all: [] }\n    event: { type: exit, params: { afterSeconds: 1.5, exitCode: 300, colour: red } }\n');
    let message = '';
    try {
      parseStages(bad, 'x.rules.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'x.rules.yaml: rule "r": rules[0].event.params.colour: Unsupported value: "colour": exit takes "afterSeconds", "exitCode", "reason", "message"',
      'x.rules.yaml: rule "r": rules[0].event.params.afterSeconds: Invalid value: 1.5: must be a whole number of seconds >= 0',
      'x.rules.yaml: rule "r": rules[0].event.params.exitCode: Invalid value: 300: must be an exit code, an integer from 0 to 255',
    ]);
  });

  test('a fact the stages do not provide is refused', () => {
    expect(() => parseStages(file('  - name: r\n    conditions: { all: [ { fact: weather, operator: equal, value: rain } ] }\n    event: { type: run }\n'), 'x.rules.yaml')).toThrow(/weather/);
  });

  test('events come highest priority first, and firstOfType picks the first of the asked types', () => {
    const stages = parseStages(
      file(
        '  - name: low\n    priority: 1\n    conditions: { all: [] }\n    event: { type: exit, params: { afterSeconds: 1, exitCode: 1 } }\n' +
          '  - name: high\n    priority: 5\n    conditions: { all: [] }\n    event: { type: run }\n' +
          '  - name: pulls\n    priority: 9\n    conditions: { all: [] }\n    event: { type: pull, params: { seconds: 3 } }\n',
      ),
      'x.rules.yaml',
    );
    const events = stages.evaluate({ image: 'nginx' });
    expect(events.map((e) => e.rule)).toEqual(['pulls', 'high', 'low']);
    expect(firstOfType(events, ['exit', 'run'])).toEqual({ type: 'run', rule: 'high' });
    expect(firstOfType(events, ['stop'])).toBeUndefined();
  });
});
