/**
 * What one sync of a Deployment decides, gathered as plain data before anything is sent.
 *
 * Upstream's syncDeployment calls the API as it goes: it updates a ReplicaSet's annotations,
 * then scales the same ReplicaSet, then writes the Deployment's status, each call returning
 * the object's next resourceVersion. A reconciler here returns intents instead, all based on
 * one cached view, so two writes to one object would carry the same resourceVersion and the
 * second would be refused. The plan therefore keeps every ReplicaSet as this sync will leave
 * it and writes each one once, and writes the Deployment once at the end. The state reached
 * is the one upstream reaches; only the number of requests differs.
 *
 * One more difference, from the API server: upstream writes the Deployment's revision
 * annotation together with its status (the deployment status strategy keeps annotation
 * changes), while this cluster's status subresource keeps only `status`. So when both changed,
 * the status goes first and the annotation follows in a later sync, once the status is
 * settled.
 *
 * Upstream: pkg/controller/deployment/sync.go, rolling.go, recreate.go, progress.go (the calls
 * to the clientset and the event recorder, here collected as intents).
 */
import type { Deployment, ReplicaSet } from '../api/types';
import { jsonEqual } from '../data/json-equal';
import type { Intent, ObjectReference } from '../runtime/types';
import { DEPLOYMENT_CONTROLLER_NAME } from './deployment-constants';

/** A request to run upstream's scaleReplicaSet: size `replicaSet` to `newScale` and refresh its size annotations. */
export type ReplicaSetScale = { replicaSet: ReplicaSet; newScale: number };

/** The decisions of one sync so far. Build with {@link startPlan}, finish with {@link finishPlan}. */
export type SyncPlan = {
  /** The logical time of this sync (condition timestamps, deadlines). */
  now: string;
  /** The Deployment as this sync will leave it: defaulted, with annotations and status updated as the sync goes. */
  deployment: Deployment;
  /** The Deployment as cached, to decide at the end what changed. */
  cached: Deployment;
  /** Every ReplicaSet this sync creates or changes, by name, as it will be written. */
  replicaSets: Record<string, ReplicaSet>;
  /** Writes and events in the order decided. A ReplicaSet written twice keeps its first place. */
  intents: Intent[];
  /** Seconds after which to sync again (a progress-deadline check), if any. */
  requeueAfter?: number;
};

const nameOf = (intent: Intent) => (intent.type === 'create' || intent.type === 'update' ? `${intent.object.kind}/${intent.object.metadata.name}` : undefined);

/** A plan for syncing `deployment` (already defaulted) at `now`; `cached` is the object as read. */
export function startPlan(deployment: Deployment, cached: Deployment, now: string): SyncPlan {
  return { now, deployment, cached, replicaSets: {}, intents: [] };
}

/** A ReplicaSet as this sync leaves it: the planned version if there is one, else `rs` itself. */
export function planned(plan: SyncPlan, rs: ReplicaSet): ReplicaSet {
  return plan.replicaSets[rs.metadata.name] ?? rs;
}

/** The plan with `rs` written: an `update` (or the pending `create` of a new one, amended). */
export function writeReplicaSet(plan: SyncPlan, rs: ReplicaSet): SyncPlan {
  const key = `ReplicaSet/${rs.metadata.name}`;
  const at = plan.intents.findIndex((i) => nameOf(i) === key);
  const intents = [...plan.intents];
  if (at < 0) intents.push({ type: 'update', object: rs });
  else intents[at] = { ...(intents[at] as Extract<Intent, { type: 'create' | 'update' }>), object: rs };
  return { ...plan, intents, replicaSets: { ...plan.replicaSets, [rs.metadata.name]: rs } };
}

/** The plan with `rs` created. */
export function createReplicaSet(plan: SyncPlan, rs: ReplicaSet): SyncPlan {
  return { ...plan, intents: [...plan.intents, { type: 'create', object: rs }], replicaSets: { ...plan.replicaSets, [rs.metadata.name]: rs } };
}

/** The plan with `rs` deleted (only if it is still the object this sync saw: the UID is a precondition). */
export function deleteReplicaSet(plan: SyncPlan, rs: ReplicaSet): SyncPlan {
  const { namespace = '', name, uid } = rs.metadata;
  return { ...plan, intents: [...plan.intents, { type: 'delete', kind: 'ReplicaSet', namespace, name, ...(uid && { preconditions: { uid } }) }] };
}

/** The plan with an event about the Deployment recorded. */
export function recordEvent(plan: SyncPlan, eventType: 'Normal' | 'Warning', reason: string, message: string): SyncPlan {
  const d = plan.deployment;
  const involvedObject: ObjectReference = { kind: 'Deployment', apiVersion: 'apps/v1', namespace: d.metadata.namespace ?? '', name: d.metadata.name, ...(d.metadata.uid && { uid: d.metadata.uid }) };
  return { ...plan, intents: [...plan.intents, { type: 'event', involvedObject, eventType, reason, message, source: DEPLOYMENT_CONTROLLER_NAME }] };
}

/** The plan with the Deployment's status replaced. */
export function withStatus(plan: SyncPlan, status: NonNullable<Deployment['status']>): SyncPlan {
  return { ...plan, deployment: { ...plan.deployment, status } };
}

/** The plan with the Deployment's annotations replaced. */
export function withAnnotations(plan: SyncPlan, annotations: Record<string, string>): SyncPlan {
  return { ...plan, deployment: { ...plan.deployment, metadata: { ...plan.deployment.metadata, annotations } } };
}

/** The plan asking to be synced again after `seconds` (the earliest request wins). */
export function requeueAfter(plan: SyncPlan, seconds: number): SyncPlan {
  return { ...plan, requeueAfter: plan.requeueAfter === undefined ? seconds : Math.min(plan.requeueAfter, seconds) };
}

/**
 * The intents of a finished plan: the ReplicaSet writes and events in order, then at most one
 * write of the Deployment (its status if that changed, otherwise its annotations if those
 * changed), then the requeue. Both Deployment writes start from the cached object, so a
 * Deployment changed meanwhile (say, scaled by a user) is not overwritten: the write is
 * refused and the next sync starts over.
 */
export function finishPlan(plan: SyncPlan): Intent[] {
  const intents = [...plan.intents];
  const { cached, deployment } = plan;
  const key = `${cached.metadata.namespace ?? ''}/${cached.metadata.name}`;
  if (!jsonEqual(deployment.status, cached.status)) {
    intents.push({ type: 'updateStatus', object: { ...cached, metadata: { ...cached.metadata, annotations: deployment.metadata.annotations }, status: deployment.status } });
  } else if (!jsonEqual(deployment.metadata.annotations ?? {}, cached.metadata.annotations ?? {})) {
    intents.push({ type: 'update', object: { ...cached, metadata: { ...cached.metadata, annotations: deployment.metadata.annotations } } });
  }
  if (plan.requeueAfter !== undefined) intents.push({ type: 'requeueAfter', key, seconds: plan.requeueAfter });
  return intents;
}
