/**
 * json-rules-engine condition trees as nested Markdown lists: one list item per node, `all`,
 * `any` and `not` as headings of their nested lists, and each fact test as readable text such
 * as `pod.spec.nodeName` equal `""`.
 */
import { code, indent, text } from './markdown';

/** A fact test: `fact` (at `path`) compared with `value` by `operator`. */
export type FactCondition = {
  name?: string;
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
};

/**
 * Any node of a condition tree, in the subset `core/rules` supports (see core/rules/types.ts):
 * no shared `condition` references and no fact `params`.
 */
export type Condition =
  | { all: Condition[]; name?: string }
  | { any: Condition[]; name?: string }
  | { not: Condition; name?: string }
  | FactCondition;

/** A JSON value printed on one line (`""`, `3`, `["a","b"]`). */
function json(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `fact` joined with a JSONPath such as `$.spec.nodeName` into `fact.spec.nodeName`. */
export function factPath(fact: string, path?: string): string {
  if (path === undefined || path === '' || path === '$') return fact;
  if (path.startsWith('$.') || path.startsWith('$[')) return fact + path.slice(1);
  return `${fact} at ${path}`;
}

/** One fact test as a line of Markdown. */
function describeFact(c: FactCondition): string {
  const value = c.value;
  const shown =
    typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string'
      ? `the fact ${code(factPath((value as { fact: string }).fact, (value as { path?: string }).path))}`
      : code(json(value));
  return `${code(factPath(c.fact, c.path))} ${text(c.operator)} ${shown}`;
}

function emptyNote(list: Condition[]): string {
  return list.length === 0 ? ' *(empty list: json-rules-engine treats it as true)*' : '';
}

/** A node's optional `name`, shown after it. */
function nameOf(c: Condition): string {
  const name = (c as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? ` *(${text(name)})*` : '';
}

/** The tree as a nested list; every node is one list item. */
export function renderCondition(c: Condition): string {
  const n = nameOf(c);
  if ('all' in c) return [`- **all** of:${n}${emptyNote(c.all)}`, ...c.all.map((x) => indent(renderCondition(x)))].join('\n');
  if ('any' in c) return [`- **any** of:${n}${emptyNote(c.any)}`, ...c.any.map((x) => indent(renderCondition(x)))].join('\n');
  if ('not' in c) return [`- **not**:${n}`, indent(renderCondition(c.not))].join('\n');
  return `- ${describeFact(c)}${n}`;
}

/** Counts the nodes of a tree (used by tests: one list item per node). */
export function countNodes(c: Condition): number {
  if ('all' in c) return 1 + c.all.reduce((n, x) => n + countNodes(x), 0);
  if ('any' in c) return 1 + c.any.reduce((n, x) => n + countNodes(x), 0);
  if ('not' in c) return 1 + countNodes(c.not);
  return 1;
}

/** Event params as a list of `key: value` lines, keys in file order. */
export function renderParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `- ${code(k)}: ${code(json(v))}`)
    .join('\n');
}
