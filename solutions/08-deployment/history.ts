/**
 * Kata 08-deployment-controller, part two: revision history. Old ReplicaSets are kept, scaled
 * to 0, as the Deployment's history: `kubectl rollout undo` copies the template of one of them
 * back into the Deployment, and the controller then finds that ReplicaSet as the new one and
 * gives it the next revision. `revisionHistoryLimit` bounds how many are kept; with 0 there is
 * nothing to roll back to.
 *
 * Upstream: pkg/controller/deployment/sync.go (cleanupDeployment),
 * staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go (DeploymentRollbacker.Rollback,
 * deploymentRevision), pkg/controller/deployment/util/deployment_util.go (SetFromReplicaSetTemplate).
 */
import { labelSelectorAsSelector } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { equalIgnoreHash } from '@kata/08-deployment/pod-template-hash';
import type { Deployment, ReplicaSet } from '../../core/api/types';
import { ANNOTATIONS_TO_SKIP, POD_TEMPLATE_HASH_LABEL } from '../../core/controllers/deployment-constants';
import { hasRevisionHistoryLimit } from '../../core/controllers/deployment-defaults';
import type { RollbackResult } from '../../core/controllers/deployment-types';
import { isControlledBy } from '../../core/controllers/owner-references';
import { replicasOf } from '../../core/controllers/replica-set-kind';
import { byRevision, revisionOf, sortedBy } from '../../core/controllers/replica-set-lists';

// #region cleanup
/**
 * Upstream cleanupDeployment, as the ReplicaSets to delete: with a revision history limit
 * (not MaxInt32), take the old ReplicaSets not being deleted; if there are more than the
 * limit, look at the surplus with the lowest revisions (ties: the older first) and delete
 * those that want no pods, have no pods, and whose latest spec their controller has seen.
 * A skipped one is not replaced by the next: a busy old ReplicaSet simply stays.
 */
export function cleanupDeployment(oldRSs: readonly ReplicaSet[], d: Deployment): ReplicaSet[] {
  if (!hasRevisionHistoryLimit(d)) return [];
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
  if (diff <= 0) return [];
  return sortedBy(cleanable, byRevision)
    .slice(0, diff)
    .filter((rs) => (rs.status?.replicas ?? 0) === 0 && replicasOf(rs) === 0 && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0));
}
// #endregion cleanup

/** The Deployment's ReplicaSets, as kubectl lists them: its selector matches their labels and it controls them. */
function ownReplicaSets(deployment: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet[] {
  let selector: ReturnType<typeof labelSelectorAsSelector>;
  try {
    selector = labelSelectorAsSelector(deployment.spec?.selector);
  } catch {
    return [];
  }
  return replicaSets.filter(
    (rs) => (rs.metadata.namespace ?? '') === (deployment.metadata.namespace ?? '') && isControlledBy(rs, deployment) && selectorMatches(selector, rs.metadata.labels ?? {}),
  );
}

/**
 * kubectl deploymentRevision: the ReplicaSet of revision `toRevision`, or for 0 the one
 * with the second highest revision (the previous one).
 */
function replicaSetForRevision(deployment: Deployment, own: readonly ReplicaSet[], toRevision: number): ReplicaSet | string {
  let latest: { revision: number; rs?: ReplicaSet } = { revision: -1 };
  let previous: { revision: number; rs?: ReplicaSet } = { revision: -1 };
  for (const rs of own) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (latest.revision < v) [previous, latest] = [latest, { revision: v, rs }];
    else if (previous.revision < v) previous = { revision: v, rs };
  }
  if (toRevision > 0) return `unable to find specified revision ${toRevision} in history`;
  return previous.rs ?? `no rollout history found for deployment ${JSON.stringify(deployment.metadata.name)}`;
}

// #region rollback
/**
 * kubectl's DeploymentRollbacker.Rollback, without the API calls: given the Deployment and
 * the ReplicaSets of its namespace, what `kubectl rollout undo [--to-revision=N]` does.
 * 1. A negative revision, or one not in the history, is an error; 0 means the previous one.
 * 2. A paused Deployment cannot be rolled back.
 * 3. If the Deployment already runs that template: skipped.
 * 4. Otherwise the Deployment gets that ReplicaSet's template, without the pod-template-hash
 *    label, and its annotations: the Deployment keeps the ones in ANNOTATIONS_TO_SKIP (its
 *    revision, its last-applied configuration) and takes every other one from the ReplicaSet
 *    (a change cause, say). The controller does the rest.
 */
export function rollbackTemplate(deployment: Deployment, replicaSets: readonly ReplicaSet[], toRevision: number): RollbackResult {
  if (toRevision < 0) return { type: 'error', message: `unable to find specified revision ${toRevision} in history` };
  const target = replicaSetForRevision(deployment, ownReplicaSets(deployment, replicaSets), toRevision);
  if (typeof target === 'string') return { type: 'error', message: target };
  if (deployment.spec?.paused) return { type: 'error', message: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  const template = target.spec?.template ?? {};
  if (equalIgnoreHash(template, deployment.spec?.template ?? {})) {
    return { type: 'skipped', message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = template.metadata?.labels ?? {};
  const annotations: Record<string, string> = {};
  for (const key of ANNOTATIONS_TO_SKIP) {
    const value = deployment.metadata.annotations?.[key];
    if (value !== undefined) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.includes(key)) annotations[key] = value;
  const restored = structuredClone({ ...template, metadata: { ...template.metadata, labels } });
  return {
    type: 'rolledBack',
    deployment: { ...deployment, metadata: { ...deployment.metadata, annotations }, spec: { ...deployment.spec!, template: restored } },
    message: 'rolled back',
  };
}
// #endregion rollback
