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
import type { Node, NodeSelectorTerm, Pod } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { PreFilterOutcome, PreScoreOutcome } from '../../core/scheduler/framework';
import type { ParsedNodeSelectorTerm, RequiredNodeAffinity, Status, WeightedNodeSelectorTerm } from '../../core/scheduler/types';

// TODO(kata): parse each term once per pod (chapter 02's newRequirement validates label
// requirements: `@kata/02-labels-selectors/requirement`), then match terms against a node's
// labels and name; write PreFilter, Filter, PreScore, Score and NormalizeScore as upstream does.

/** Upstream isEmptyNodeSelectorTerm: neither `matchExpressions` nor `matchFields` has an entry. */
export function isEmptyNodeSelectorTerm(term: NodeSelectorTerm): boolean {
  return notImplemented('06-node-affinity');
}

/**
 * Upstream newNodeSelectorTerm: label requirements built with chapter 02's `newRequirement`
 * (so their validation and messages are the same), field requirements with one value each.
 * `path` prefixes the messages, as `[0]` for the first preferred term.
 */
export function parseNodeSelectorTerm(term: NodeSelectorTerm, path = ''): ParsedNodeSelectorTerm {
  return notImplemented('06-node-affinity');
}

/**
 * Upstream nodeSelectorTerm.match: a term that failed to parse never matches; otherwise every
 * label requirement and every field requirement must hold. Field requirements are ignored for
 * a node without a name, which has no fields.
 */
export function nodeSelectorTermMatches(term: ParsedNodeSelectorTerm, node: Node): boolean {
  return notImplemented('06-node-affinity');
}

/** Upstream GetRequiredNodeAffinity: `spec.nodeSelector` and the parsed required terms (empty terms dropped). */
export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  return notImplemented('06-node-affinity');
}

/** Upstream RequiredNodeAffinity.Match: every nodeSelector pair, and at least one term when there are terms. */
export function requiredNodeAffinityMatches(required: RequiredNodeAffinity, node: Node): boolean {
  return notImplemented('06-node-affinity');
}

/**
 * Upstream NodeAffinity.PreFilter: `skip` when the pod has neither a nodeSelector nor required
 * affinity; the node names when every term pins `metadata.name` with `In`; a rejection with
 * `pod affinity terms conflict` when those names cancel out.
 */
export function nodeAffinityPreFilter(pod: Pod): PreFilterOutcome<RequiredNodeAffinity> {
  return notImplemented('06-node-affinity');
}

/** Upstream NodeAffinity.Filter: `node(s) didn't match Pod's node affinity/selector` when the node does not match. */
export function nodeAffinityFilter(required: RequiredNodeAffinity, node: Node): Status {
  return notImplemented('06-node-affinity');
}

/**
 * Upstream NodeAffinity.PreScore: the parsed preferred terms (weight 0 and empty terms
 * dropped); `skip` when the pod has none; an error naming the first broken term otherwise.
 */
export function nodeAffinityPreScore(pod: Pod): PreScoreOutcome<WeightedNodeSelectorTerm[]> {
  return notImplemented('06-node-affinity');
}

/** Upstream PreferredSchedulingTerms.Score: the sum of the weights of the terms the node matches. */
export function nodeAffinityScore(terms: readonly WeightedNodeSelectorTerm[], node: Node): number {
  return notImplemented('06-node-affinity');
}

/** Upstream NodeAffinity.NormalizeScore: `DefaultNormalizeScore(100, reverse = false)`. */
export function nodeAffinityNormalizeScore(scores: readonly number[]): number[] {
  return notImplemented('06-node-affinity');
}
