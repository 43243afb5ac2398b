/**
 * Rule files (`chapters/NN-slug/rules/*.rules.yaml`) rendered for readers: a summary table of
 * the rules, then each rule's conditions as a nested list and its event. The file format is
 * json-rules-engine's rule format wrapped in `{ name, description?, rules: [...] }`; this
 * module reads it with the yaml library and checks only what rendering needs (the full check
 * is `core/rules`' loader, which the chapters' tests run), so the docs do not depend on it.
 */
import { parse } from 'yaml';
import { renderCondition, renderParams, type Condition } from './conditions';
import { cellCode, code, table, text } from './markdown';

/** One json-rules-engine rule. */
export type Rule = {
  name: string;
  description?: string;
  priority?: number;
  conditions: Condition;
  event: { type: string; params?: Record<string, unknown> };
};

/** A rule file. */
export type RuleFile = {
  name: string;
  description?: string;
  /** The facts the rules read, each with what it holds. */
  facts?: Record<string, string>;
  rules: Rule[];
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with a condition node, each as `field path: message`. */
function checkCondition(c: unknown, at: string, top: boolean): string[] {
  if (!isObject(c)) return [`${at}: Invalid value: must be a mapping`];
  const bool = (['all', 'any', 'not'] as const).find((k) => k in c);
  if (bool === 'not') return checkCondition(c.not, `${at}.not`, false);
  if (bool) {
    const list = c[bool];
    if (!Array.isArray(list)) return [`${at}.${bool}: Invalid value: must be a list of conditions`];
    return list.flatMap((x, i) => checkCondition(x, `${at}.${bool}[${i}]`, false));
  }
  if ('condition' in c) return [`${at}.condition: Unsupported value: shared condition references are not supported; write the condition inline`];
  if (top) return [`${at}: Required value: the top level must be "all", "any" or "not"`];
  const errors: string[] = [];
  if (typeof c.fact !== 'string') errors.push(`${at}.fact: Required value`);
  if (typeof c.operator !== 'string') errors.push(`${at}.operator: Required value`);
  if (!('value' in c)) errors.push(`${at}.value: Required value`);
  if ('path' in c && typeof c.path !== 'string') errors.push(`${at}.path: Invalid value: must be a JSONPath string such as "$.spec.nodeName"`);
  if ('params' in c) errors.push(`${at}.params: Unsupported value: facts are plain data, so fact params have no effect`);
  return errors;
}

/** Checks parsed YAML; returns messages naming the file, the rule and the field path. */
export function validateRuleFile(data: unknown, file: string): string[] {
  if (!isObject(data)) return [`${file}: Invalid value: must be a mapping with name and rules`];
  const errors: string[] = [];
  if (typeof data.name !== 'string' || data.name.trim() === '') errors.push(`${file}: name: Required value`);
  if ('description' in data && typeof data.description !== 'string') errors.push(`${file}: description: Invalid value: must be a string`);
  if ('facts' in data && (!isObject(data.facts) || !Object.values(data.facts).every((v) => typeof v === 'string'))) {
    errors.push(`${file}: facts: Invalid value: must map each fact name to a description`);
  }
  if (!Array.isArray(data.rules)) return [...errors, `${file}: rules: Required value: a list of rules`];
  data.rules.forEach((rule: unknown, i) => {
    const named = isObject(rule) && typeof rule.name === 'string' ? ` (${JSON.stringify(rule.name)})` : '';
    const fail = (m: string) => errors.push(`${file}: rules[${i}]${named}: ${m}`);
    if (!isObject(rule)) return fail('Invalid value: must be a mapping');
    if (typeof rule.name !== 'string' || rule.name.trim() === '') fail('name: Required value');
    if ('description' in rule && typeof rule.description !== 'string') fail('description: Invalid value: must be a string');
    if ('priority' in rule && (!Number.isInteger(rule.priority) || (rule.priority as number) < 1)) fail(`priority: Invalid value: ${JSON.stringify(rule.priority)}: must be an integer >= 1`);
    checkCondition(rule.conditions, 'conditions', true).forEach(fail);
    if (!isObject(rule.event) || typeof rule.event.type !== 'string') fail('event.type: Required value');
    else if ('params' in rule.event && !isObject(rule.event.params)) fail('event.params: Invalid value: must be a mapping');
  });
  return errors;
}

/** Parses and checks a rule file's text; problems go to `errors`. */
export function parseRuleFile(file: string, source: string, errors: string[]): RuleFile | undefined {
  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    errors.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const problems = validateRuleFile(data, file);
  errors.push(...problems);
  return problems.length === 0 ? (data as RuleFile) : undefined;
}

/** A rule's priority; json-rules-engine's default is 1. */
const priorityOf = (r: Rule) => r.priority ?? 1;

/** The facts table (when the file declares its facts), the summary table and one section per rule, with headings at `level` (2 = `##`). */
export function renderRules(file: RuleFile, level: number): string {
  const h = '#'.repeat(level);
  const parts: string[] = [];
  if (file.facts && Object.keys(file.facts).length > 0) {
    const facts = Object.entries(file.facts).map(([name, holds]) => [cellCode(name), text(holds)]);
    parts.push(`The rules read these facts:\n\n${table(['Fact', 'What it holds'], facts)}`);
  }
  const rows = file.rules.map((r, i) => [String(i + 1), text(r.name), String(priorityOf(r)), cellCode(r.event.type)]);
  parts.push(
    table(['#', 'Rule', 'Priority', 'Event'], rows, ['right', 'left', 'right', 'left']),
    'json-rules-engine runs rules with a higher priority first; rules of equal priority run together.',
  );
  file.rules.forEach((r, i) => {
    const then = r.event.params && Object.keys(r.event.params).length > 0
      ? `Then the event ${code(r.event.type)} fires with:\n\n${renderParams(r.event.params)}`
      : `Then the event ${code(r.event.type)} fires.`;
    parts.push(`${h} ${i + 1}. ${text(r.name)}`);
    // Descriptions are prose by the rule's author, so they keep their Markdown.
    if (r.description && r.description.trim() !== '') parts.push(r.description.trim());
    parts.push(`Priority ${priorityOf(r)}. When:`, renderCondition(r.conditions), then);
  });
  return parts.join('\n\n');
}
