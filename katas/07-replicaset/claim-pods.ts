/**
 * Kata 07-claim-pods: which pods does a controller own? A ReplicaSet keeps no list of its
 * pods. Each sync it looks at the pods around it and *claims* them: it keeps the ones it
 * controls that still match its selector, releases the ones it controls that no longer match,
 * adopts matching orphans, and leaves everyone else's pods alone.
 *
 * Upstream: pkg/controller/controller_ref_manager.go (BaseControllerRefManager.ClaimObject,
 * PodControllerRefManager.ClaimPods, AdoptPod, ReleasePod).
 */
import type { KubeObject } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import type { ClaimResult } from '../../core/controllers/types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Selector } from '../../core/labels/types';

// TODO(kata): walk the pods in order. Find each pod's controller reference with getControllerOf
// (core/controllers/owner-references). Match labels with selectorMatches
// (@kata/02-labels-selectors/selector-matches). Adopt = an `update` intent of the pod with
// newControllerRef(owner) merged into ownerReferences (replacing an entry with the same uid);
// release = an `update` intent of the pod without the owner's reference. Keep the pod's
// resourceVersion in both, so a stale decision is refused.

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
  return notImplemented('07-claim-pods');
}
