/**
 * Label operators: `selectorMatches` (a label map against a selector string or a
 * `LabelSelector`) and `hasLabels` (a label map against a plain map, as `spec.nodeSelector` and
 * a Service's `spec.selector` are used). A small self-contained matcher, because chapter 02
 * has the learner write the real one as a kata and core must not depend on kata code.
 *
 * Facts: a missing or `null` label map has no labels (so `!canary` holds); any other value
 * that is not a map makes the operator false. A value that is not a valid selector never
 * matches (and is rejected at load time when written in the rule file).
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches,
 * SelectorFromSet), staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
 * (LabelSelectorAsSelector: nil matches nothing, empty matches everything).
 */
import { defineOperator, show, type OperatorDefinition } from './definition';
import { parseInt64 } from './label-syntax';
import { newRequirement, parseSelector, type Requirement, type RequirementOperator } from './selector-parse';

/** Requirements that must all hold, or `nothing` (a nil selector, or one that failed to parse). */
export type Selector = readonly Requirement[] | 'nothing';

const EXPRESSION_OPERATORS: Record<string, RequirementOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `LabelSelector` (`matchLabels`, `matchExpressions`) as requirements, or why it is invalid. */
export function labelSelectorRequirements(selector: unknown): Requirement[] | { error: string } {
  if (!isMap(selector)) return { error: 'must be a selector string or a LabelSelector with matchLabels and matchExpressions' };
  const unknown = Object.keys(selector).filter((k) => k !== 'matchLabels' && k !== 'matchExpressions');
  if (unknown.length > 0) return { error: `unknown field "${unknown[0]}": a LabelSelector has matchLabels and matchExpressions` };
  const { matchLabels = {}, matchExpressions = [] } = selector;
  if (!isMap(matchLabels)) return { error: 'matchLabels: must be a map of label keys to values' };
  if (!Array.isArray(matchExpressions)) return { error: 'matchExpressions: must be a list' };
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(matchLabels)) {
    if (typeof value !== 'string') return { error: `matchLabels.${key}: must be a string` };
    const requirement = newRequirement(key, '=', [value]);
    if ('error' in requirement) return { error: `matchLabels: ${requirement.error}` };
    requirements.push(requirement);
  }
  for (const [i, expression] of matchExpressions.entries()) {
    const at = `matchExpressions[${i}]`;
    if (!isMap(expression) || typeof expression.key !== 'string') return { error: `${at}.key: Required value` };
    const name = String(expression.operator);
    const operator = Object.hasOwn(EXPRESSION_OPERATORS, name) ? EXPRESSION_OPERATORS[name] : undefined;
    if (operator === undefined) return { error: `${at}.operator: Unsupported value: ${show(expression.operator)}: supported values: "In", "NotIn", "Exists", "DoesNotExist"` };
    const values = expression.values ?? [];
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return { error: `${at}.values: must be a list of strings` };
    const requirement = newRequirement(expression.key, operator, values as string[]);
    if ('error' in requirement) return { error: `${at}: ${requirement.error}` };
    requirements.push(requirement);
  }
  return requirements;
}

/** A selector string or LabelSelector as requirements, or why it is invalid (`null` is not written in files). */
function selectorProblemOrRequirements(value: unknown): Requirement[] | { error: string } {
  return typeof value === 'string' ? parseSelector(value) : labelSelectorRequirements(value);
}

/** The selector a value denotes; `null` matches nothing, as a nil `*LabelSelector` does. */
export function toSelector(value: unknown): Selector {
  if (value === null) return 'nothing';
  const requirements = selectorProblemOrRequirements(value);
  return Array.isArray(requirements) ? requirements : 'nothing';
}

/** Upstream's Requirement.Matches on one label map. */
function requirementMatches(r: Requirement, labels: Record<string, unknown>): boolean {
  const value = labels[r.key];
  // One load answers "present?" for string values: nothing a map inherits is a string.
  const has = value !== undefined && (typeof value === 'string' || Object.hasOwn(labels, r.key));
  switch (r.operator) {
    case 'in': case '=': case '==':
      return has && r.values.includes(value as string);
    case 'notin': case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt': case 'lt': {
      if (!has || typeof value !== 'string') return false;
      const actual = parseInt64(value);
      const bound = parseInt64(r.values[0]!);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const NO_LABELS: Record<string, unknown> = Object.freeze({});
/** A label fact as a map: missing or `null` is no labels; anything else that is not a map is `undefined`. */
const labelsOf = (fact: unknown) => (fact === undefined || fact === null ? NO_LABELS : isMap(fact) ? fact : undefined);

/** Whether a label map satisfies a selector. */
export function selectorMatches(labels: unknown, selector: Selector): boolean {
  const map = labelsOf(labels);
  if (map === undefined || selector === 'nothing') return false;
  for (let i = 0; i < selector.length; i++) if (!requirementMatches(selector[i]!, map)) return false;
  return true;
}

/** `selectorMatches` and `hasLabels`. */
export const SELECTOR_OPERATORS: readonly OperatorDefinition[] = [
  defineOperator<Selector>({
    name: 'selectorMatches',
    summary: 'the fact (a label map) satisfies the selector',
    fact: 'a label map (missing means no labels)',
    value: 'a selector string such as "env in (prod,qa),!canary", or a LabelSelector {matchLabels, matchExpressions}',
    origin: 'core',
    checkValue: (v) => {
      const parsed = v === null ? { error: 'null matches nothing; write "" or {} to match everything' } : selectorProblemOrRequirements(v);
      return Array.isArray(parsed) ? undefined : parsed.error;
    },
    prepare: toSelector,
    test: selectorMatches,
    canThrow: () => false,
  }),
  defineOperator<Record<string, unknown> | 'nothing'>({
    name: 'hasLabels',
    summary: 'the fact (a label map) has every key and value of the value (a map), like spec.nodeSelector',
    fact: 'a label map (missing means no labels)',
    value: 'a map of label keys to values (missing or null matches everything)',
    origin: 'core',
    checkValue: (v) => {
      if (!isMap(v)) return `must be a map of label keys to values, got ${show(v)}`;
      const requirements = labelSelectorRequirements({ matchLabels: v });
      return Array.isArray(requirements) ? undefined : requirements.error;
    },
    // SelectorFromSet: every pair must be among the labels; a nil or empty map is Everything.
    prepare: (v) => {
      if (v === undefined || v === null) return NO_LABELS;
      if (!isMap(v)) return 'nothing';
      for (const key in v) if (typeof v[key] !== 'string') return 'nothing';
      return v;
    },
    test: (labels, set) => {
      const map = labelsOf(labels);
      if (map === undefined || set === 'nothing') return false;
      for (const key in set) if (!Object.hasOwn(map, key) || map[key] !== set[key]) return false;
      return true;
    },
    canThrow: () => false,
  }),
];
