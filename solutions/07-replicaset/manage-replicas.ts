/**
 * Kata 07-manage-replicas: closing the gap between the pods a ReplicaSet has and the pods it
 * wants. Too few: create pods from the template, at most 500 per sync, in slow-start batches.
 * Too many: delete the pods that hurt least, as the ranking of kata 07-pod-ranking orders them.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (BurstReplicas, manageReplicas,
 * slowStartBatch), pkg/controller/controller_utils.go (SlowStartInitialBatchSize,
 * GetPodFromTemplate, getPodsPrefix).
 */
import { getPodsToDelete } from '@kata/07-replicaset/pod-ranking';
import type { KubeObject } from '../../core/api/meta';
import type { Pod, PodTemplateSpec, ReplicaSet } from '../../core/api/types';
import { newControllerRef } from '../../core/controllers/owner-references';
import { replicasOf, type ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import type { Intent } from '../../core/runtime/types';

/** Upstream BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;

/** Upstream SlowStartInitialBatchSize: the first batch of creations. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * Upstream slowStartBatch: call `fn` up to `count` times in batches of `initialBatchSize`,
 * then twice the previous batch (never more than what remains). A batch with a failure is
 * finished, and no further batch starts. Returns how many calls succeeded and whether one
 * failed. A quota that admits 10 pods thus costs 15 requests for 100 wanted, not 100.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): { successes: number; failed: boolean } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failures = 0;
    for (let i = 0; i < batch; i++) if (!fn()) failures++;
    successes += batch - failures;
    if (failures > 0) return { successes, failed: true };
    remaining -= batch;
  }
  return { successes, failed: false };
}

/** Upstream getPodsPrefix: `<name>-`, unless that is too long to be a name prefix (253). */
function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return prefix.length > 253 ? controllerName : prefix;
}

/**
 * Upstream GetPodFromTemplate (and createPods, which sets the namespace): a pod with the
 * template's labels, annotations, finalizers and spec, `generateName` `<owner>-` (the API
 * server appends a random suffix), and a controller reference to `owner`.
 */
export function podFromTemplate(owner: KubeObject, template: PodTemplateSpec | undefined): Pod {
  const meta = template?.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: podsPrefix(owner.metadata.name),
      namespace: owner.metadata.namespace,
      labels: { ...meta.labels },
      ...(meta.annotations && { annotations: { ...meta.annotations } }),
      ...(meta.finalizers && { finalizers: [...meta.finalizers] }),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: structuredClone(template?.spec ?? { containers: [] }),
  };
}

/**
 * Upstream manageReplicas, as intents. `diff = claimed - spec.replicas`:
 * - below zero: `min(-diff, 500)` `create` intents, from the template, in slow-start order;
 * - above zero: `min(diff, 500)` `delete` intents for the pods getPodsToDelete ranks first,
 *   ranking by `related` pods (this ReplicaSet's and its siblings') on the same node;
 * - zero: nothing.
 * `kind` says which kind the pods' controller reference names (ReplicaSet or RC).
 */
export function manageReplicas(rs: ReplicaSet, claimed: readonly Pod[], related: readonly Pod[], now: string, kind: Pick<ReplicaSetKind, 'apiVersion' | 'kind'>): Intent[] {
  const diff = claimed.length - replicasOf(rs);
  const owner: KubeObject = { ...rs, apiVersion: kind.apiVersion, kind: kind.kind };
  if (diff < 0) {
    const intents: Intent[] = [];
    // Every create is handed to the API server; here nothing fails before it is submitted.
    slowStartBatch(Math.min(-diff, BURST_REPLICAS), SLOW_START_INITIAL_BATCH_SIZE, () => {
      intents.push({ type: 'create', object: podFromTemplate(owner, rs.spec?.template) });
      return true;
    });
    return intents;
  }
  if (diff > 0) {
    const victims = getPodsToDelete(claimed, related, Math.min(diff, BURST_REPLICAS), now);
    return victims.map((pod): Intent => ({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name }));
  }
  return [];
}
