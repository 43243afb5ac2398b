/**
 * Checks parsed rule-file data and builds typed, frozen rules from it. Every problem becomes
 * an issue naming the file, the rule (index and name) and the field path, worded like
 * kube-apiserver's field errors and saying what would be valid. One issue means nothing loads.
 *
 * What is checked mirrors what json-rules-engine itself requires (rule.js `setConditions`,
 * `setPriority`, `setEvent`; condition.js constructor), plus what the compiled evaluator needs:
 * known operators, values the operator can use, the JSONPath subset, declared facts.
 */
import { parsePath } from './json-path';
import { checkOperatorValue, decoratorNames, operatorNames, resolveOperator } from './operators/registry';
import type { JsonValue } from './types';

/** One problem in a rule file. */
export type RuleFileIssue = {
  readonly file: string;
  /** The rule the problem is in, when it is in one. */
  readonly rule?: { readonly index: number; readonly name?: string };
  /** The field path from the top of the file, such as `rules[2].conditions.all[0].operator`. */
  readonly field: string;
  readonly message: string;
};

/** What the caller knows about the facts it will pass. */
export type RuleFileOptions = {
  /** The facts the caller passes to evaluations; a condition naming another fact is an error. */
  readonly facts?: readonly string[];
};

/** Parsed YAML or JSON, not yet checked. */
export type Data = Record<string, unknown>;
type Report = (field: string, message: string) => void;

const has = (data: Data, key: string) => Object.hasOwn(data, key);
/** Whether a parsed value is a map (not a list, not null). */
export const isMap = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoteAll = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');
const FACT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// The compiled evaluator reads `facts[name]`, so a name inherited by every object is refused.
const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

function unknownFields(data: Data, at: string, allowed: readonly string[], report: Report): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) report(join(at, key), `Unknown field: valid fields are ${quoteAll(allowed)}`);
  }
}

const join = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

/** The value as JSON data, or a message: finite numbers, strings, booleans, null, lists, maps. */
function jsonProblem(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `Invalid value: ${value}: numbers must be finite`;
  if (Array.isArray(value)) return value.map(jsonProblem).find((p) => p !== undefined);
  if (isMap(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.values(value).map(jsonProblem).find((p) => p !== undefined);
  }
  return `Invalid value: must be JSON data (strings, finite numbers, booleans, null, lists, maps)`;
}

const positiveInteger = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;

/** Checks the fields every condition and fact reference share: `fact` and `path`. */
function checkFactAndPath(data: Data, at: string, facts: readonly string[] | undefined, report: Report): void {
  const fact = data.fact;
  if (typeof fact !== 'string' || fact === '') report(join(at, 'fact'), 'Required value: the name of a fact');
  else if (!FACT_NAME.test(fact) || RESERVED.has(fact)) {
    report(join(at, 'fact'), `Invalid value: ${JSON.stringify(fact)}: a fact name is a letter or "_", then letters, digits, "_" or "-"`);
  } else if (facts !== undefined && !facts.includes(fact)) {
    report(join(at, 'fact'), `Unsupported value: ${JSON.stringify(fact)}: supported values: ${quoteAll(facts)}`);
  }
  if (data.path === undefined) return;
  if (typeof data.path !== 'string') return report(join(at, 'path'), 'Invalid value: must be a JSONPath string such as "$.spec.nodeName"');
  const parsed = parsePath(data.path);
  if ('error' in parsed) report(join(at, 'path'), `Invalid value: ${JSON.stringify(data.path)}: ${parsed.error}`);
}

function checkCondition(data: unknown, at: string, facts: readonly string[] | undefined, report: Report): void {
  if (!isMap(data)) return report(at, 'Invalid value: a condition must be a map with "all", "any", "not", or "fact", "operator" and "value"');
  if (has(data, 'condition')) return report(join(at, 'condition'), 'Unsupported value: shared condition references are not supported; write the condition inline');
  if (data.priority !== undefined && !positiveInteger(data.priority)) {
    report(join(at, 'priority'), `Invalid value: ${JSON.stringify(data.priority)}: must be an integer greater than or equal to 1`);
  }
  if (data.name !== undefined && typeof data.name !== 'string') report(join(at, 'name'), 'Invalid value: must be a string');
  const booleans = (['all', 'any', 'not'] as const).filter((k) => has(data, k));
  if (booleans.length > 1) return report(at, `Invalid value: has ${quoteAll(booleans)}: a condition has exactly one of "all", "any", "not"`);
  const kind = booleans[0];
  if (kind === 'not') {
    unknownFields(data, at, ['not', 'name', 'priority'], report);
    if (Array.isArray(data.not)) return report(join(at, 'not'), 'Invalid value: must be a single condition, not a list (wrap a list in "all" or "any")');
    return checkCondition(data.not, join(at, 'not'), facts, report);
  }
  if (kind !== undefined) {
    unknownFields(data, at, [kind, 'name', 'priority'], report);
    const list = data[kind];
    if (!Array.isArray(list)) return report(join(at, kind), 'Invalid value: must be a list of conditions');
    if (kind === 'any' && list.length === 0) {
      return report(join(at, kind), 'Invalid value: []: must list at least one condition (json-rules-engine treats an empty "any" as true)');
    }
    return list.forEach((c, i) => checkCondition(c, `${at}.${kind}[${i}]`, facts, report));
  }
  checkFactCondition(data, at, facts, report);
}

function checkFactCondition(data: Data, at: string, facts: readonly string[] | undefined, report: Report): void {
  if (has(data, 'params')) return report(join(at, 'params'), 'Unsupported value: facts are plain data passed at evaluation time, so fact params have no effect');
  unknownFields(data, at, ['fact', 'path', 'operator', 'value', 'name', 'priority'], report);
  checkFactAndPath(data, at, facts, report);
  if (!has(data, 'value')) report(join(at, 'value'), 'Required value: the value to compare the fact with, or {fact, path} for another fact');
  const name = data.operator;
  if (typeof name !== 'string') return report(join(at, 'operator'), `Required value: supported values: ${quoteAll(operatorNames())}`);
  const operator = resolveOperator(name);
  if (operator === undefined) {
    return report(
      join(at, 'operator'),
      `Unsupported value: ${JSON.stringify(name)}: supported values: ${quoteAll(operatorNames())}, ` +
        `optionally prefixed by decorators such as "not:" (${quoteAll(decoratorNames().map((d) => `${d}:`))})`,
    );
  }
  if (!has(data, 'value')) return;
  const value = data.value;
  if (isMap(value) && Object.hasOwn(value, 'fact')) {
    unknownFields(value, join(at, 'value'), ['fact', 'path'], report);
    return checkFactAndPath(value, join(at, 'value'), facts, report);
  }
  const notJson = jsonProblem(value);
  if (notJson !== undefined) return report(join(at, 'value'), notJson);
  const problem = checkOperatorValue(operator, value as JsonValue);
  if (problem !== undefined) report(join(at, 'value'), `Invalid value: ${JSON.stringify(value)}: ${name}: ${problem}`);
}

/** Checks one rule; reports problems relative to `rules[index]`. */
function checkRule(data: unknown, at: string, facts: readonly string[] | undefined, report: Report): void {
  if (!isMap(data)) return report(at, 'Invalid value: a rule must be a map with name, conditions and event');
  unknownFields(data, at, ['name', 'description', 'priority', 'conditions', 'event'], report);
  if (typeof data.name !== 'string' || data.name.trim() === '') report(join(at, 'name'), 'Required value: a non-empty string naming the rule');
  if (data.description !== undefined && typeof data.description !== 'string') report(join(at, 'description'), 'Invalid value: must be a string');
  if (data.priority !== undefined && !positiveInteger(data.priority)) {
    report(join(at, 'priority'), `Invalid value: ${JSON.stringify(data.priority)}: must be an integer greater than or equal to 1`);
  }
  const conditions = data.conditions;
  if (conditions === undefined) report(join(at, 'conditions'), 'Required value: "all", "any" or "not" at the root');
  else if (isMap(conditions) && !['all', 'any', 'not'].some((k) => has(conditions, k)) && !has(conditions, 'condition')) {
    report(join(at, 'conditions'), 'Invalid value: the root must be "all", "any" or "not" (a single fact test goes inside "all")');
  } else checkCondition(conditions, join(at, 'conditions'), facts, report);
  const event = data.event;
  if (event === undefined) return report(join(at, 'event'), 'Required value: the event {type, params} fired when the conditions hold');
  if (!isMap(event)) return report(join(at, 'event'), 'Invalid value: must be a map with type and optional params');
  unknownFields(event, join(at, 'event'), ['type', 'params'], report);
  if (typeof event.type !== 'string' || event.type === '') report(join(at, 'event.type'), 'Required value: a non-empty string');
  if (event.params !== undefined) {
    if (!isMap(event.params)) report(join(at, 'event.params'), 'Invalid value: must be a map');
    else {
      const problem = jsonProblem(event.params);
      if (problem !== undefined) report(join(at, 'event.params'), problem);
    }
  }
}

/** Checks the data of a whole file; `issues` is empty exactly when `build` may run. */
export function checkRuleFileData(data: unknown, file: string, options: RuleFileOptions = {}): RuleFileIssue[] {
  const issues: RuleFileIssue[] = [];
  const top: Report = (field, message) => issues.push({ file, field, message });
  if (!isMap(data)) {
    top('', 'Invalid value: a rule file is a map with name, description, facts and rules');
    return issues;
  }
  unknownFields(data, '', ['name', 'description', 'facts', 'rules'], top);
  if (typeof data.name !== 'string' || data.name.trim() === '') top('name', 'Required value: a non-empty string naming the rule file');
  if (data.description !== undefined && typeof data.description !== 'string') top('description', 'Invalid value: must be a string');
  let facts = options.facts;
  if (data.facts !== undefined) {
    if (!isMap(data.facts)) top('facts', 'Invalid value: must be a map of fact names to descriptions');
    else {
      for (const [name, description] of Object.entries(data.facts)) {
        if (typeof description !== 'string') top(`facts.${name}`, 'Invalid value: must be a string describing the fact');
        if (!FACT_NAME.test(name) || RESERVED.has(name)) top(`facts.${name}`, 'Invalid value: a fact name is a letter or "_", then letters, digits, "_" or "-"');
        else if (options.facts !== undefined && !options.facts.includes(name)) {
          top(`facts.${name}`, `Unsupported value: ${JSON.stringify(name)}: supported values: ${quoteAll(options.facts)}`);
        }
      }
      facts = Object.keys(data.facts).filter((f) => options.facts === undefined || options.facts.includes(f));
    }
  }
  if (!Array.isArray(data.rules)) {
    top('rules', 'Required value: a list of rules');
    return issues;
  }
  const seen = new Map<string, number>();
  data.rules.forEach((rule: unknown, index) => {
    const name = isMap(rule) && typeof rule.name === 'string' ? rule.name : undefined;
    const report: Report = (field, message) => issues.push({ file, rule: name === undefined ? { index } : { index, name }, field, message });
    checkRule(rule, `rules[${index}]`, facts, report);
    if (name !== undefined && seen.has(name)) report(`rules[${index}].name`, `Duplicate value: ${JSON.stringify(name)}: rules[${seen.get(name)}] has that name`);
    if (name !== undefined && !seen.has(name)) seen.set(name, index);
  });
  return issues;
}
