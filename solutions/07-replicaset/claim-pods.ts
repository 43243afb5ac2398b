/**
 * Kata 07-claim-pods: which pods does a controller own? A ReplicaSet keeps no list of its
 * pods. Each sync it looks at the pods around it and *claims* them: it keeps the ones it
 * controls that still match its selector, releases the ones it controls that no longer match,
 * adopts matching orphans, and leaves everyone else's pods alone.
 *
 * Upstream: pkg/controller/controller_ref_manager.go (BaseControllerRefManager.ClaimObject,
 * PodControllerRefManager.ClaimPods, AdoptPod, ReleasePod).
 */
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import type { KubeObject, OwnerReference } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import { getControllerOf, newControllerRef } from '../../core/controllers/owner-references';
import type { ClaimResult } from '../../core/controllers/types';
import type { Selector } from '../../core/labels/types';
import type { Intent } from '../../core/runtime/types';

/**
 * Upstream ClaimPods. For each pod, in order:
 * - controlled by another owner (by UID): ignored;
 * - controlled by `owner` and matched by `selector`: claimed (even while `owner` is being deleted);
 * - controlled by `owner`, not matched: released, unless `owner` is being deleted;
 * - an orphan (no controller reference): adopted and claimed when the selector matches, the
 *   pod is not being deleted, `owner` is not being deleted, and both sit in the same namespace
 *   (an owner without a namespace, a cluster-scoped one, may adopt from any namespace).
 *
 * `owner` carries the `apiVersion` and `kind` to write into the controller reference.
 */
export function claimPods(owner: KubeObject, selector: Selector, pods: readonly Pod[]): ClaimResult {
  const result: ClaimResult = { claimed: [], adopt: [], release: [] };
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined;
  for (const pod of pods) {
    const matches = selectorMatches(selector, pod.metadata.labels ?? {});
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) result.claimed.push(pod);
      else if (!ownerDeleting) result.release.push(releaseIntent(owner, pod));
      continue;
    }
    if (ownerDeleting || !matches || pod.metadata.deletionTimestamp !== undefined) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== pod.metadata.namespace) continue;
    result.adopt.push(adoptIntent(owner, pod));
    result.claimed.push(pod);
  }
  return result;
}

// #region patches
/**
 * Upstream AdoptPod sends a strategic merge patch that merges a controller reference into
 * `ownerReferences` (by UID). Here it is an update of the cached pod: its `resourceVersion`
 * makes it conditional, so a decision taken on a stale cache is refused with 409 Conflict.
 */
function adoptIntent(owner: KubeObject, pod: Pod): Intent {
  const ref = newControllerRef(owner);
  const refs = pod.metadata.ownerReferences ?? [];
  const merged: OwnerReference[] = refs.some((r) => r.uid === ref.uid) ? refs.map((r) => (r.uid === ref.uid ? ref : r)) : [...refs, ref];
  return { type: 'update', object: { ...pod, metadata: { ...pod.metadata, ownerReferences: merged } } };
}

/** Upstream ReleasePod: the patch deletes the owner's reference (by UID) and nothing else. */
function releaseIntent(owner: KubeObject, pod: Pod): Intent {
  const { ownerReferences, ...metadata } = pod.metadata;
  const kept = (ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  return { type: 'update', object: { ...pod, metadata: kept.length > 0 ? { ...metadata, ownerReferences: kept } : metadata } };
}
// #endregion patches
