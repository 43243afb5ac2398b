/**
 * Fuzzing the loader: whatever it is given, it either loads a file or reports issues that
 * name the file. It never crashes, and what it accepts always compiles.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { runs } from '../testing/runs';
import { compileRules } from './compile';
import { checkRuleFile, isRuleFileError, parseRuleFile, validateRuleFile } from './loader';
import { ruleFileDataArbitrary } from './testing/arbitraries';

const FILE = 'fuzz.rules.yaml';

/** Loads or fails with a RuleFileError; anything else is a crash. */
function loadsOrExplains(text: string): void {
  try {
    const file = parseRuleFile(text, FILE);
    compileRules(file.rules);
  } catch (error) {
    if (!isRuleFileError(error)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.file).toBe(FILE);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

type Json = unknown;
type Step = string | number;

/** Every path to a value inside `data`, the root included. */
function pathsOf(data: Json, at: Step[] = []): Step[][] {
  const here = [at];
  if (Array.isArray(data)) return here.concat(...data.map((v, i) => pathsOf(v, [...at, i])));
  if (typeof data === 'object' && data !== null) return here.concat(...Object.entries(data).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

type Mutation = { kind: 'delete' } | { kind: 'replace'; value: Json } | { kind: 'rename'; key: string };

/** `data` with the value at `path` deleted, replaced or renamed (on a copy). */
function mutate(data: Json, path: Step[], mutation: Mutation): Json {
  if (path.length === 0) return mutation.kind === 'replace' ? mutation.value : null;
  const copy = structuredClone(data) as Record<Step, Json>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<Step, Json>;
  const last = path[path.length - 1]!;
  if (mutation.kind === 'replace') parent[last] = mutation.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else {
    const value = parent[last];
    delete parent[last];
    if (mutation.kind === 'rename') parent[mutation.key] = value;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.jsonValue({ maxDepth: 2 }).map((value): Mutation => ({ kind: 'replace', value })),
  fc.constantFrom<Json>('', 'x', 0, -1, 1.5, true, null, [], {}, ['a'], { all: [] }, { fact: 'pod' }, '$..x', 'not:equal').map((value): Mutation => ({ kind: 'replace', value })),
  fc.constantFrom('all', 'any', 'not', 'fact', 'path', 'value', 'operator', 'params', 'condition', 'priority', 'event', 'rules', 'zzz').map((key): Mutation => ({ kind: 'rename', key })),
);

describe('the loader under fuzzing', () => {
  test('any text loads or is explained', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), loadsOrExplains), runs(500));
  });

  test('any JSON data written as YAML loads or is explained', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (data) => loadsOrExplains(stringify(data))), runs(500));
  });

  test('YAML-looking text loads or is explained', () => {
    const token = fc.constantFrom('name: x\n', 'rules:\n', '  - ', 'conditions: ', '{ all: [', ']', '}', 'fact: pod, ', 'operator: equal, ', 'value: 1', '\n', '    ', '&a ', '*a ', '!!binary ', '? ', ': ', '---\n', '"', "'", '#');
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (tokens) => loadsOrExplains(tokens.join(''))), runs(500));
  });

  test('a valid file with one part deleted, replaced or renamed loads or is explained', () => {
    const mutated = ruleFileDataArbitrary.chain((data) => {
      const paths = pathsOf(data);
      return fc.tuple(fc.constant(data), fc.constantFrom(...paths), mutation);
    });
    fc.assert(
      fc.property(mutated, ([data, path, change]) => {
        const result = validateRuleFile(mutate(data, path, change), FILE);
        if (result.ok) return void compileRules(result.ruleFile.rules);
        for (const issue of result.issues) {
          expect(issue.file).toBe(FILE);
          if (issue.rule !== undefined) expect(issue.field.startsWith(`rules[${issue.rule.index}]`), issue.field).toBe(true);
        }
      }),
      runs(1000),
    );
  });

  test('alias bombs are refused instead of expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`)].join('\n');
    const result = checkRuleFile(bomb, FILE);
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^YAML: Excessive alias count/)]);
  });
});
