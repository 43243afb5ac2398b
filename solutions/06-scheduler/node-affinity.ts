/**
 * Kata 06-node-affinity: which nodes a pod asks for by label.
 *
 * `spec.nodeSelector` is the simple form: every pair must be a label of the node. Required
 * node affinity is the general one: a list of terms, of which at least one must hold; inside a
 * term every `matchExpressions` requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt) and every
 * `matchFields` requirement (only `metadata.name`) must hold. A term with no requirements
 * matches nothing, and so does a term that fails to parse. Preferred terms do not filter: each
 * matching term adds its weight to the node's score, and the best node is scaled to 100.
 *
 * Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
 * (newNodeSelectorTerm, nodeSelectorRequirementsAsSelector,
 * nodeSelectorRequirementsAsFieldSelector, LazyErrorNodeSelector.Match, GetRequiredNodeAffinity,
 * NewPreferredSchedulingTerms, PreferredSchedulingTerms.Score),
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (PreFilter, Filter, PreScore,
 * Score, NormalizeScore).
 */
import type { Node, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../core/api/types';
import { fieldInvalid, fieldNotSupported } from '../../core/labels/field-errors';
import { parseInt64 } from '../../core/labels/parse-int';
import type { Operator, Requirement } from '../../core/labels/types';
import type { PreFilterOutcome, PreScoreOutcome } from '../../core/scheduler/framework';
import { defaultNormalizeScore } from '../../core/scheduler/normalize-score';
import {
  MAX_NODE_SCORE,
  newStatus,
  SUCCESS,
  type FieldRequirement,
  type ParsedNodeSelectorTerm,
  type RequiredNodeAffinity,
  type Status,
  type WeightedNodeSelectorTerm,
} from '../../core/scheduler/types';
import { newRequirement } from '@kata/02-labels-selectors/requirement';

const LABEL_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** Upstream isEmptyNodeSelectorTerm: neither `matchExpressions` nor `matchFields` has an entry. */
export function isEmptyNodeSelectorTerm(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0;
}

function labelRequirements(list: readonly NodeSelectorRequirement[], path: string, errors: string[]): Requirement[] {
  const out: Requirement[] = [];
  list.forEach((expr, i) => {
    const at = `${path}[${i}]`;
    const operator = Object.hasOwn(LABEL_OPERATORS, expr.operator) ? LABEL_OPERATORS[expr.operator] : undefined;
    if (operator === undefined) {
      errors.push(fieldNotSupported(`${at}.operator`, expr.operator, []));
      return;
    }
    try {
      out.push(newRequirement(expr.key, operator, expr.values ?? []));
    } catch (error) {
      errors.push(`${at}.${(error as Error).message}`);
    }
  });
  return out;
}

function fieldRequirements(list: readonly NodeSelectorRequirement[], path: string, errors: string[]): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  list.forEach((expr, i) => {
    const at = `${path}[${i}]`;
    const op: NodeSelectorOperator = expr.operator;
    if (op !== 'In' && op !== 'NotIn') {
      errors.push(fieldNotSupported(`${at}.operator`, op, ['In', 'NotIn']));
    } else if ((expr.values ?? []).length !== 1) {
      errors.push(fieldInvalid(`${at}.values`, expr.values ?? [], 'must have one element'));
    } else {
      out.push({ key: expr.key, operator: op, value: expr.values![0]! });
    }
  });
  return out;
}

/**
 * Upstream newNodeSelectorTerm: label requirements built with chapter 02's `newRequirement`
 * (so their validation and messages are the same), field requirements with one value each.
 * `path` prefixes the messages, as `[0]` for the first preferred term.
 */
export function parseNodeSelectorTerm(term: NodeSelectorTerm, path = ''): ParsedNodeSelectorTerm {
  const parseErrors: string[] = [];
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  const matchLabels = expressions.length > 0 ? labelRequirements(expressions, `${path}.matchExpressions`, parseErrors) : undefined;
  const matchFields = fields.length > 0 ? fieldRequirements(fields, `${path}.matchFields`, parseErrors) : undefined;
  return { matchLabels, matchFields, parseErrors };
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  // Label values are strings; anything else (`labels.toString`) is inherited, not a label.
  const found: unknown = labels[r.key];
  const present = typeof found === 'string';
  const value = present ? found : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt': {
      if (value === undefined) return false;
      const have = parseInt64(value);
      const bound = parseInt64(r.values[0] ?? '');
      if (have === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? have > bound : have < bound;
    }
  }
}

const NO_LABELS: Record<string, string> = Object.freeze({});

// #region term-matches
/**
 * Upstream nodeSelectorTerm.match: a term that failed to parse never matches; otherwise every
 * label requirement and every field requirement must hold. Field requirements are ignored for
 * a node without a name, which has no fields.
 */
export function nodeSelectorTermMatches(term: ParsedNodeSelectorTerm, node: Node): boolean {
  if (term.parseErrors.length > 0) return false;
  const labels = node.metadata.labels ?? NO_LABELS;
  if (term.matchLabels !== undefined) {
    for (const r of term.matchLabels) if (!requirementMatches(r, labels)) return false;
  }
  const name = node.metadata.name;
  if (term.matchFields !== undefined && name !== '') {
    for (const f of term.matchFields) {
      const actual = f.key === 'metadata.name' ? name : '';
      if (f.operator === 'In' ? actual !== f.value : actual === f.value) return false;
    }
  }
  return true;
}
// #endregion term-matches

/** Upstream GetRequiredNodeAffinity: `spec.nodeSelector` and the parsed required terms (empty terms dropped). */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    nodeSelector: selector !== undefined && Object.keys(selector).length > 0 ? selector : undefined,
    terms:
      required === undefined
        ? undefined
        : required.nodeSelectorTerms.flatMap((t, i) => (isEmptyNodeSelectorTerm(t) ? [] : [parseNodeSelectorTerm(t, `nodeSelectorTerms[${i}]`)])),
  };
}

/** Upstream RequiredNodeAffinity.Match: every nodeSelector pair, and at least one term when there are terms. */
export function requiredNodeAffinityMatches(required: RequiredNodeAffinity, node: Node): boolean {
  const selector = required.nodeSelector;
  if (selector !== undefined) {
    const labels = node.metadata.labels ?? NO_LABELS;
    for (const key in selector) {
      // Equal to a selector value (a string) only when it is the node's own label.
      if (labels[key] !== selector[key]) return false;
    }
  }
  if (required.terms === undefined) return true;
  for (const term of required.terms) if (nodeSelectorTermMatches(term, node)) return true;
  return false;
}

/**
 * Upstream NodeAffinity.PreFilter: `skip` when the pod has neither a nodeSelector nor required
 * affinity; the node names when every term pins `metadata.name` with `In`; a rejection with
 * `pod affinity terms conflict` when those names cancel out.
 */
export function nodeAffinityPreFilter(pod: Pod): PreFilterOutcome<RequiredNodeAffinity> {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined && pod.spec?.nodeSelector === undefined) return { type: 'skip' };
  const state = requiredNodeAffinity(pod);
  if (required === undefined || required.nodeSelectorTerms.length === 0) return { type: 'ok', state };

  let nodeNames: Set<string> | undefined;
  for (const term of required.nodeSelectorTerms) {
    let termNames: Set<string> | undefined;
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      // Requirements in a term are ANDed: intersect.
      const values = new Set(r.values ?? []);
      termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)));
    }
    // A term without a name requirement admits every node, and terms are ORed.
    if (termNames === undefined) return { type: 'ok', state };
    nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
  }
  if (nodeNames !== undefined && nodeNames.size === 0) {
    return { type: 'reject', status: newStatus('UnschedulableAndUnresolvable', 'pod affinity terms conflict') };
  }
  return nodeNames === undefined ? { type: 'ok', state } : { type: 'ok', state, nodeNames: [...nodeNames].sort() };
}

/** Upstream NodeAffinity.Filter: `node(s) didn't match Pod's node affinity/selector` when the node does not match. */
export function nodeAffinityFilter(required: RequiredNodeAffinity, node: Node): Status {
  return requiredNodeAffinityMatches(required, node) ? SUCCESS : NO_MATCH;
}

const NO_MATCH: Status = Object.freeze(newStatus('UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector"));

/**
 * Upstream NodeAffinity.PreScore: the parsed preferred terms (weight 0 and empty terms
 * dropped); `skip` when the pod has none; an error naming the first broken term otherwise.
 */
export function nodeAffinityPreScore(pod: Pod): PreScoreOutcome<WeightedNodeSelectorTerm[]> {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred === undefined) return { type: 'skip' };
  const terms: WeightedNodeSelectorTerm[] = [];
  const errors: string[] = [];
  preferred.forEach((p, i) => {
    if (p.weight === 0 || isEmptyNodeSelectorTerm(p.preference)) return;
    const term = parseNodeSelectorTerm(p.preference, `[${i}]`);
    if (term.parseErrors.length > 0) errors.push(...term.parseErrors);
    else terms.push({ weight: p.weight, term });
  });
  if (errors.length > 0) return { type: 'error', message: errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]` };
  return { type: 'ok', state: terms };
}

/** Upstream PreferredSchedulingTerms.Score: the sum of the weights of the terms the node matches. */
export function nodeAffinityScore(terms: readonly WeightedNodeSelectorTerm[], node: Node): number {
  let score = 0;
  for (const t of terms) if (nodeSelectorTermMatches(t.term, node)) score += t.weight;
  return score;
}

/** Upstream NodeAffinity.NormalizeScore: `DefaultNormalizeScore(100, reverse = false)`. */
export function nodeAffinityNormalizeScore(scores: readonly number[]): number[] {
  return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
}
