/**
 * Kata 03-namespace-controller: what empties a namespace being deleted. For a namespace with a
 * `deletionTimestamp` it makes sure the phase says Terminating, deletes everything inside
 * (honouring each object's finalizers and each pod's grace period: it only asks, the store
 * decides when things go), records why it is still waiting as five status conditions, and once
 * nothing is left removes its `kubernetes` finalizer, after which the namespace goes away.
 *
 * Upstream: pkg/controller/namespace/deletion/namespaced_resources_deleter.go (Delete,
 * deleteAllContent, deleteAllContentForGroupVersionResource, estimateGracefulTermination,
 * updateNamespaceStatusFunc, finalizeNamespace), status_condition_utils.go (conditionTypes,
 * okMessages, okReasons, ProcessContentTotals, updateConditions),
 * pkg/controller/namespace/namespace_controller.go (syncNamespaceFromKey, AddAfter(estimate)).
 */
import type { KubeObject } from '../../core/api/meta';
import type { NamespaceCondition, Pod } from '../../core/api/types';
import type { ContentTotals } from '../../core/apiserver/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Intent, View } from '../../core/runtime/types';

// TODO(kata): the namespace deleter as a level-triggered reconciler.
//  1. deletionConditions: the five condition types (DiscoveryFailure, GroupVersionParsingFailure,
//     ContentFailure, ContentRemaining, FinalizersRemaining), each False with upstream's "ok"
//     reason and message unless content or finalizers remain.
//  2. updateConditions: merge, appending new types and touching lastTransitionTime only when a
//     status flips; undefined when nothing changed.
//  3. estimateGracefulTermination: the longest grace period of running pods (30 s by default),
//     0 once that long has passed since the namespace's deletion.
//  4. namespaceKeysFor, then syncNamespace in numbered steps: load; finalized already?; delete
//     every object of NAMESPACED_KINDS (core/apiserver/discovery) not being deleted yet;
//     updateStatus when phase or conditions change; finalize (finalizeNamespace from kata
//     03-namespace-lifecycle) when nothing is left, else requeueAfter the estimate.

/**
 * Upstream ProcessContentTotals over the successful defaults: the five conditions for these
 * totals, without transition times. Content left is `pods. has 2 resource instances` (resource,
 * a dot, the group, empty for the core group); finalizers left are `<name> in <n> resource instances`.
 */
export function deletionConditions(totals: ContentTotals): NamespaceCondition[] {
  return notImplemented('03-namespace-controller');
}

/**
 * Upstream updateConditions: `computed` merged into `existing`. A new type is appended with
 * transition time `now`; a changed one is updated in place, its transition time moving only
 * when its status changes; other types are left alone. `undefined` when nothing changed.
 */
export function updateConditions(existing: readonly NamespaceCondition[], computed: readonly NamespaceCondition[], now: string): NamespaceCondition[] | undefined {
  return notImplemented('03-namespace-controller');
}

/**
 * Upstream estimateGracefulTermination for pods: the longest grace period of the pods still
 * running (not Succeeded or Failed), or 0 once that long has passed since the namespace's deletion.
 */
export function estimateGracefulTermination(pods: readonly Pod[], deletedAt: string, now: string): number {
  return notImplemented('03-namespace-controller');
}

/** The namespace a change concerns: a namespace itself, or the namespace of content when that namespace is being deleted. */
export function namespaceKeysFor(object: KubeObject, view: View): string[] {
  return notImplemented('03-namespace-controller');
}

/** Upstream namespacedResourcesDeleter.Delete for the namespace named `key`, as intents. */
export function syncNamespace(view: View, key: string): Intent[] {
  return notImplemented('03-namespace-controller');
}
