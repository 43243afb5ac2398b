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
import { finalizeNamespace } from '@kata/03-namespaces/namespace-lifecycle';
import type { KubeObject } from '../../core/api/meta';
import type { Namespace, NamespaceCondition, Pod } from '../../core/api/types';
import { NAMESPACED_KINDS } from '../../core/apiserver/discovery';
import type { ContentTotals } from '../../core/apiserver/types';
import type { Intent, View } from '../../core/runtime/types';

/** Upstream finalizerEstimateSeconds: how long to wait for finalizers before looking again. */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** The API default for `terminationGracePeriodSeconds` (DefaultTerminationGracePeriodSeconds). */
const DEFAULT_GRACE_SECONDS = 30;

type Kept = Pick<NamespaceCondition, 'type' | 'status' | 'reason' | 'message'>;

// The condition types the deleter maintains, in upstream's order, with their "all is well" form.
const SUCCESS: readonly Kept[] = [
  { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
  { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
];

const sortedParts = (counts: Record<string, number>, word: string) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${word} ${n} resource instances`)
    .sort();

/**
 * Upstream ProcessContentTotals over the successful defaults: the five conditions for these
 * totals, without transition times. Content left is `pods. has 2 resource instances` (resource,
 * a dot, the group, empty for the core group); finalizers left are `<name> in <n> resource instances`.
 */
export function deletionConditions(totals: ContentTotals): NamespaceCondition[] {
  const remaining = sortedParts(totals.remaining, 'has');
  const finalizers = sortedParts(totals.finalizers, 'in');
  return SUCCESS.map((ok) => {
    if (ok.type === 'NamespaceContentRemaining' && remaining.length > 0) {
      return { type: ok.type, status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` };
    }
    if (ok.type === 'NamespaceFinalizersRemaining' && finalizers.length > 0) {
      return { type: ok.type, status: 'True', reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${finalizers.join(', ')}` };
    }
    return { ...ok };
  });
}

/**
 * Upstream updateConditions: `computed` merged into `existing`. A new type is appended with
 * transition time `now`; a changed one is updated in place, its transition time moving only
 * when its status changes; other types are left alone. `undefined` when nothing changed.
 */
export function updateConditions(existing: readonly NamespaceCondition[], computed: readonly NamespaceCondition[], now: string): NamespaceCondition[] | undefined {
  const out = [...existing];
  let changed = false;
  for (const next of computed) {
    const index = out.findIndex((c) => c.type === next.type);
    const old = index < 0 ? undefined : out[index]!;
    if (!old) {
      out.push({ ...next, lastTransitionTime: now });
      changed = true;
    } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
      out[index] = { ...next, lastTransitionTime: old.status !== next.status ? now : old.lastTransitionTime };
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/**
 * Upstream estimateGracefulTermination for pods: the longest grace period of the pods still
 * running (not Succeeded or Failed), or 0 once that long has passed since the namespace's deletion.
 */
export function estimateGracefulTermination(pods: readonly Pod[], deletedAt: string, now: string): number {
  let estimate = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS);
  }
  return Date.parse(now) - Date.parse(deletedAt) >= estimate * 1000 ? 0 : estimate;
}

/** The namespace a change concerns: a namespace itself, or the namespace of content when that namespace is being deleted. */
export function namespaceKeysFor(object: KubeObject, view: View): string[] {
  if (object.kind === 'Namespace') return [object.metadata.name];
  const name = object.metadata.namespace;
  if (!name) return [];
  return view.get('Namespace', '', name)?.metadata.deletionTimestamp !== undefined ? [name] : [];
}

// #region sync
/** Upstream namespacedResourcesDeleter.Delete for the namespace named `key`, as intents. */
export function syncNamespace(view: View, key: string): Intent[] {
  // 1. Only a namespace whose deletion started has anything to do.
  const namespace = view.get('Namespace', '', key) as Namespace | undefined;
  const deletedAt = namespace?.metadata.deletionTimestamp;
  if (!namespace || deletedAt === undefined) return [];
  const status = namespace.status ?? {};
  const phaseIsRight = status.phase === 'Terminating';

  // 2. Already finalized: just make sure the phase says Terminating.
  if ((namespace.spec?.finalizers ?? []).length === 0) {
    return phaseIsRight ? [] : [{ type: 'updateStatus', object: { ...namespace, status: { ...status, phase: 'Terminating' } } }];
  }

  // 3. Delete what is not being deleted yet, and count what is there, by resource and by finalizer.
  const deletes: Intent[] = [];
  const totals: ContentTotals = { remaining: {}, finalizers: {} };
  const pods: Pod[] = [];
  for (const info of NAMESPACED_KINDS) {
    const items = view.list(info.kind, key);
    if (items.length === 0) continue;
    totals.remaining[`${info.resource}.${info.group}`] = items.length;
    for (const item of items) {
      for (const finalizer of item.metadata.finalizers ?? []) totals.finalizers[finalizer] = (totals.finalizers[finalizer] ?? 0) + 1;
      if (item.metadata.deletionTimestamp === undefined) deletes.push({ type: 'delete', kind: info.kind, namespace: key, name: item.metadata.name });
    }
    if (info.kind === 'Pod') pods.push(...(items as Pod[]));
  }

  // 4. Phase and conditions, written only when they change.
  const intents: Intent[] = [];
  const conditions = updateConditions(status.conditions ?? [], deletionConditions(totals), view.now);
  if (!phaseIsRight || conditions) {
    intents.push({ type: 'updateStatus', object: { ...namespace, status: { ...status, phase: 'Terminating', ...(conditions && { conditions }) } } });
  }
  intents.push(...deletes);

  // 5. Empty: remove our finalizer. Sent without a resourceVersion, so the status write above
  //    cannot make it conflict (upstream retries the finalize on conflict instead).
  if (Object.keys(totals.remaining).length === 0) {
    const { resourceVersion: _rv, ...metadata } = namespace.metadata;
    intents.push({ type: 'update', object: { ...finalizeNamespace(namespace), metadata } });
    return intents;
  }

  // 6. Not empty: look again once the longest grace period (or a finalizer's turn) is over.
  const finalizerWait = Object.keys(totals.finalizers).length > 0 ? FINALIZER_ESTIMATE_SECONDS : 0;
  const estimate = Math.max(estimateGracefulTermination(pods, deletedAt, view.now), finalizerWait);
  if (estimate > 0) intents.push({ type: 'requeueAfter', key, seconds: estimate });
  return intents;
}
// #endregion sync
