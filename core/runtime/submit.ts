/**
 * The API server side of the runtime: turns a component's intents into store requests. It
 * fills in what the server fills in (generated names, create-time status, the binding
 * subresource's effect, event aggregation) and reports failures, which components handle the
 * level-triggered way: by being asked again later.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create with
 * generateName), pkg/registry/core/pod/storage/storage.go (BindingREST: nodeName + PodScheduled),
 * staging/src/k8s.io/client-go/tools/record/events_cache.go (aggregation by object, reason and message).
 */
import { match } from 'ts-pattern';
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject, Status } from '../api/meta';
import { createObject, deleteObject, updateObject, type Written } from '../cluster/api-requests';
import { createRequest, submit, type ClusterState } from '../cluster/state';
import { nameSuffix } from './rng';
import type { Intent } from './types';

/** The outcome of one intent: the new state, and the failure when the server refused it. */
export type Submitted = { state: ClusterState; failure?: Status };

/** Submits one intent on behalf of `component`; `draw` is the run's random stream. */
export function submitIntent(state: ClusterState, intent: Exclude<Intent, { type: 'requeueAfter' }>, component: string, draw: () => number, events: EventIndex): Submitted {
  return match(intent)
    .with({ type: 'create' }, ({ object }) => create(state, object, draw))
    .with({ type: 'update' }, ({ object }) => update(state, object))
    .with({ type: 'updateStatus' }, ({ object }) => update(state, object, 'status'))
    .with({ type: 'delete' }, (d) => written(state, deleteObject(state, { ...d, now: state.now }, getObject(state.store, d.kind, d.namespace, d.name))))
    .with({ type: 'bind' }, (b) => bind(state, b))
    .with({ type: 'event' }, (e) => recordEvent(state, e, component, events))
    .exhaustive();
}

function outcome([state, result]: ReturnType<typeof submit>): Submitted {
  return result.ok ? { state } : { state, failure: result.status };
}

function written(state: ClusterState, result: Written): Submitted {
  return result.ok ? { state: result.state } : { state, failure: result.status };
}

/** An update or status update; a missing object is NotFound, as the store would answer. */
function update(state: ClusterState, object: KubeObject, subresource?: 'status'): Submitted {
  const existing = getObject(state.store, object.kind, object.metadata.namespace ?? '', object.metadata.name);
  if (!existing) return outcome(submit(state, { type: subresource === 'status' ? 'updateStatus' : 'update', object, now: state.now }));
  return written(state, updateObject(state, object, existing, subresource));
}

function create(state: ClusterState, object: KubeObject, draw: () => number): Submitted {
  const generate = !object.metadata.name && object.metadata.generateName;
  // A generated name can collide; the server draws again rather than failing (ShouldRetryCreate).
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = generate ? `${object.metadata.generateName}${nameSuffix(draw)}` : object.metadata.name;
    const named = { ...object, metadata: { ...object.metadata, name } };
    const result = createObject(state, named);
    if (result.ok) return { state: result.state };
    if (!generate || result.status.reason !== 'AlreadyExists') return { state, failure: result.status };
  }
  return { state, failure: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409, message: `could not generate a unique name from "${object.metadata.generateName}"` } };
}

function bind(state: ClusterState, b: Extract<Intent, { type: 'bind' }>): Submitted {
  const pod = getObject(state.store, 'Pod', b.namespace, b.name);
  const fail = (reason: Status['reason'], code: number, message: string): Submitted => ({ state, failure: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code, message } });
  if (!pod || (b.uid && pod.metadata.uid !== b.uid)) return fail('NotFound', 404, `pods "${b.name}" not found`);
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (spec.nodeName) return fail('Conflict', 409, `Operation cannot be fulfilled on pods/binding "${b.name}": pod ${b.name} is already assigned to node "${spec.nodeName}"`);
  const bound = { ...pod, spec: { ...spec, nodeName: b.nodeName } };
  let next = submit(state, { type: 'update', object: bound, now: state.now });
  if (!next[1].ok) return outcome(next);
  const status = (next[1].object.status ?? {}) as { conditions?: { type: string }[] };
  const conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: state.now }];
  next = submit(next[0], { type: 'updateStatus', object: { ...next[1].object, status: { ...status, conditions } }, now: state.now });
  return outcome(next);
}

/** Aggregation key (object, reason, message, source) → the Event object's name, kept by the runtime. */
export type EventIndex = Record<string, string>;

type StoredEvent = KubeObject & { involvedObject?: { kind?: string; name?: string; uid?: string }; reason?: string; message?: string; source?: { component?: string } };

const aggregationKey = (namespace: string, kind = '', name = '', uid = '', reason = '', message = '', source = '') =>
  JSON.stringify([namespace, kind, name, uid, reason, message, source]);

/** Builds the aggregation index from the Events already stored (at start-up). */
export function indexEvents(state: ClusterState): EventIndex {
  const index: EventIndex = {};
  for (const stored of listObjects(state.store, 'Event').items as StoredEvent[]) {
    const o = stored.involvedObject ?? {};
    index[aggregationKey(stored.metadata.namespace ?? '', o.kind, o.name, o.uid, stored.reason, stored.message, stored.source?.component)] = stored.metadata.name;
  }
  return index;
}

function recordEvent(state: ClusterState, e: Extract<Intent, { type: 'event' }>, component: string, events: EventIndex): Submitted {
  const namespace = e.involvedObject.namespace || 'default';
  const source = e.source || component;
  const key = aggregationKey(namespace, e.involvedObject.kind, e.involvedObject.name, e.involvedObject.uid, e.reason, e.message, source);
  const existingName = events[key];
  const same = existingName === undefined ? undefined : getObject(state.store, 'Event', namespace, existingName);
  if (same) {
    const count = ((same as { count?: number }).count ?? 1) + 1;
    return outcome(submit(state, { type: 'update', object: { ...same, count, lastTimestamp: state.now }, now: state.now }));
  }
  // Upstream names events `<object>.<unix nanos in hex>`; the revision keeps simultaneous events apart.
  const nanos = BigInt(Date.parse(state.now)) * 1_000_000n + BigInt(state.uidsIssued);
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${e.involvedObject.name}.${nanos.toString(16)}`, namespace },
    involvedObject: e.involvedObject,
    reason: e.reason,
    message: e.message,
    type: e.eventType,
    source: { component: source },
    firstTimestamp: state.now,
    lastTimestamp: state.now,
    count: 1,
  };
  const created = outcome(submit(state, createRequest(state, event)));
  if (!created.failure) events[key] = event.metadata.name;
  return created;
}
