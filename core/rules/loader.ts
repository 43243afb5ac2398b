/**
 * Loads rule files: YAML text in, typed frozen rules out, or an error listing every problem.
 * A file with one problem loads nothing.
 *
 *     name: scheduler-filters
 *     rules:
 *       - name: insufficient-cpu
 *         conditions:
 *           all:
 *             - { fact: podRequest, path: $.cpu, operator: quantityGreaterThan, value: { fact: nodeFree, path: $.cpu } }
 *         event: { type: unschedulable, params: { reason: Insufficient cpu } }
 *
 * See README.md in this folder for the whole format.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { buildRuleFile } from './build';
import { checkRuleFileData, type RuleFileIssue, type RuleFileOptions } from './validate';
import type { RuleFile } from './types';

export type { RuleFileIssue, RuleFileOptions } from './validate';

/** The outcome of checking a rule file without throwing. */
export type RuleFileResult = { readonly ok: true; readonly ruleFile: RuleFile } | { readonly ok: false; readonly issues: readonly RuleFileIssue[] };

/** The error `parseRuleFile` and `loadRuleFile` throw: its message lists every issue, one a line. */
export type RuleFileError = Error & { readonly name: 'RuleFileError'; readonly issues: readonly RuleFileIssue[] };

/** One issue on one line: `file: rule "name": rules[2].conditions.all[0].operator: Unsupported value: ...`. */
export function formatIssue(issue: RuleFileIssue): string {
  const rule = issue.rule?.name !== undefined ? `rule ${JSON.stringify(issue.rule.name)}: ` : '';
  const field = issue.field === '' ? '' : `${issue.field}: `;
  return `${issue.file}: ${rule}${field}${issue.message}`;
}

/** Whether `error` is a `RuleFileError`. */
export function isRuleFileError(error: unknown): error is RuleFileError {
  return error instanceof Error && error.name === 'RuleFileError' && Array.isArray((error as { issues?: unknown }).issues);
}

function ruleFileError(issues: readonly RuleFileIssue[]): RuleFileError {
  return Object.assign(new Error(issues.map(formatIssue).join('\n')), { name: 'RuleFileError' as const, issues });
}

/** Checks already-parsed data (from YAML or JSON) as a rule file. */
export function validateRuleFile(data: unknown, fileName: string, options: RuleFileOptions = {}): RuleFileResult {
  const issues = checkRuleFileData(data, fileName, options);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ruleFile: buildRuleFile(data as Record<string, unknown>, fileName) };
}

/** Checks the YAML text of a rule file without throwing. */
export function checkRuleFile(text: string, fileName: string, options: RuleFileOptions = {}): RuleFileResult {
  // Unique keys: a rule written twice must not silently lose its first half.
  const document = parseDocument(text, { uniqueKeys: true, logLevel: 'error' });
  const [first] = document.errors;
  if (first !== undefined) {
    // Later syntax errors are mostly echoes of the first one.
    const more = document.errors.length > 1 ? ` (and ${document.errors.length - 1} more YAML errors after it)` : '';
    return { ok: false, issues: [{ file: fileName, field: '', message: `YAML: ${first.message.split('\n')[0]!.replace(/:$/, '')}${more}` }] };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, issues: [{ file: fileName, field: '', message: `YAML: ${(error as Error).message}` }] };
  }
  return validateRuleFile(data, fileName, options);
}

/** Parses and checks the YAML text of a rule file; throws a `RuleFileError` naming every problem. */
export function parseRuleFile(text: string, fileName: string, options: RuleFileOptions = {}): RuleFile {
  const result = checkRuleFile(text, fileName, options);
  if (!result.ok) throw ruleFileError(result.issues);
  return result.ruleFile;
}

/** Reads, parses and checks a rule file; the path as given names the file in messages. */
export function loadRuleFile(path: string, options: RuleFileOptions = {}): RuleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw ruleFileError([{ file: path, field: '', message: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parseRuleFile(text, path, options);
}
