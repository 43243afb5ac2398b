/**
 * The etcd-like store: every object of the cluster, one global revision counter, and the
 * history of changes that watches resume from. `reduceStore` is the only way in, as
 * kube-apiserver is the only way into etcd.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (Create,
 * Update, Delete, updateForGracefulDeletionAndFinalizers, markAsDeleting, ShouldDeleteDuringUpdate),
 * staging/src/k8s.io/apiserver/pkg/registry/rest/{create,update,delete}.go (BeforeCreate,
 * BeforeUpdate, BeforeDelete), pkg/registry/core/pod/strategy.go (CheckGracefulDelete).
 */
import { match } from 'ts-pattern';
import { kindInfo, type KindInfo } from '../../core/api/kinds';
import type { KubeObject, ObjectMeta, Status } from '../../core/api/meta';
import {
  OPTIMISTIC_LOCK_MESSAGE,
  statusAlreadyExists,
  statusInternalError,
  statusConflict,
  statusInvalid,
  statusNotFound,
  statusUnknownKind,
} from '../../core/api/store-errors';
import {
  HISTORY_CAPACITY,
  HISTORY_CHUNK,
  HISTORY_RETENTION_SECONDS,
  tracksGeneration,
  type HistoryEntry,
  type StoreRequest,
  type StoreResult,
  type StoreState,
  type WatchEvent,
  type WatchHistory,
} from '../../core/api/store-types';
import { logAppend, logDropFront, logEmpty, logGet } from '../../core/data/chunked-log';
import { jsonEqual } from '../../core/data/json-equal';
import { pmapDelete, pmapEmpty, pmapGet, pmapSet, pmapValues } from '../../core/data/persistent-map';
import { addSeconds, toMillis } from '../../core/data/rfc3339';

type Step = [StoreState, StoreResult];

/** A store with no objects, at revision 0. */
export function initialStore(): StoreState {
  return { revision: 0, objects: {}, history: { capacity: HISTORY_CAPACITY, compactedRevision: 0, log: logEmpty(HISTORY_CHUNK) } };
}

/** `<namespace>/<name>`; cluster-scoped kinds ignore the namespace. */
const keyOf = (info: KindInfo, namespace: string | undefined, name: string) => `${info.namespaced ? (namespace ?? '') : ''}/${name}`;

const stored = (state: StoreState, info: KindInfo, key: string) => pmapGet(state.objects[info.resource] ?? pmapEmpty<KubeObject>(), key);

/** One object, or `undefined`. `namespace` is `''` (and ignored) for cluster-scoped kinds. */
export function getObject(state: StoreState, kind: string, namespace: string, name: string): KubeObject | undefined {
  const info = kindInfo(kind);
  return info ? stored(state, info, keyOf(info, namespace, name)) : undefined;
}

/** Every object of `kind` (in `namespace`, or all namespaces), sorted by namespace then name, with the store's revision. */
export function listObjects(state: StoreState, kind: string, namespace?: string): { items: KubeObject[]; resourceVersion: string } {
  const info = kindInfo(kind);
  const objects = info && state.objects[info.resource];
  const all = objects ? pmapValues(objects) : [];
  const items = namespace === undefined || !info?.namespaced ? all : all.filter((o) => o.metadata.namespace === namespace);
  return { items: sortByNamespaceThenName(items), resourceVersion: String(state.revision) };
}

// Sorts on keys pulled out first: with 150,000 pods scattered over the heap, reaching into each
// object on every comparison costs several times more than the sort itself.
function sortByNamespaceThenName(objects: KubeObject[]): KubeObject[] {
  const keyed = objects.map((o) => ({ namespace: o.metadata.namespace ?? '', name: o.metadata.name, o }));
  keyed.sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.o);
}

/** Applies one write. A failed request returns the very same state object and a Status. */
export function reduceStore(state: StoreState, request: StoreRequest): Step {
  return match(request)
    .with({ type: 'create' }, (r) => create(state, r.object, r.now, r.uid))
    .with({ type: 'update' }, (r) => update(state, r.object, r.now, 'spec'))
    .with({ type: 'updateStatus' }, (r) => update(state, r.object, r.now, 'status'))
    .with({ type: 'delete' }, (r) => remove(state, r))
    .exhaustive();
}

const fail = (state: StoreState, status: Status): Step => [state, { ok: false, status }];
const done = (state: StoreState, object: KubeObject): Step => [state, { ok: true, object }];

/**
 * `base` with `changes` applied; a change to `undefined` removes the field. Built property by
 * property rather than with spreads, which keeps V8's objects compact and fast to read when
 * the store holds 150,000 of them.
 */
function merged<T extends object>(base: T, changes: { [K in keyof T]?: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const k in base) if (!(k in changes) && base[k] !== undefined) out[k] = base[k];
  for (const k in changes) if (changes[k] !== undefined) out[k] = changes[k];
  return out as T;
}

// #region create
function create(state: StoreState, object: KubeObject, now: string, uid: string): Step {
  const info = kindInfo(object.kind);
  if (!info) return fail(state, statusUnknownKind(object.kind));
  const name = object.metadata?.name ?? '';
  // 1. rest.BeforeCreate validates the metadata first.
  if (name === '') return fail(state, statusInvalid(info, name, [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]));
  if (info.namespaced && !object.metadata.namespace) return fail(state, statusInvalid(info, name, [{ field: 'metadata.namespace', message: 'Required value' }]));
  // 2. The storage layer refuses a version the client made up ("0" parses as "unset"). Upstream
  //    this plain error reaches the client as a 500 without a reason; here it is a 400.
  const rv = object.metadata.resourceVersion ?? '';
  if (rv !== '' && rv !== '0') return fail(state, statusInternalError('resourceVersion should not be set on objects to be created'));
  // 3. The name is taken, possibly by an object still being deleted.
  const key = keyOf(info, object.metadata.namespace, name);
  const existing = stored(state, info, key);
  if (existing) {
    const status = statusAlreadyExists(info, name);
    const deleting = existing.metadata.deletionTimestamp !== undefined;
    return fail(state, deleting ? { ...status, message: `object is being deleted: ${status.message}` } : status);
  }
  // 4. The server owns uid, creationTimestamp, generation and resourceVersion.
  const metadata = merged(object.metadata, {
    namespace: info.namespaced ? object.metadata.namespace : undefined,
    uid,
    creationTimestamp: now,
    generation: tracksGeneration(info.kind) ? 1 : undefined,
    resourceVersion: String(state.revision + 1),
    deletionTimestamp: undefined,
    deletionGracePeriodSeconds: undefined,
  });
  return write(state, info, key, 'ADDED', merged(object, { metadata }), now);
}
// #endregion create

// #region update
function update(state: StoreState, object: KubeObject, now: string, part: 'spec' | 'status'): Step {
  const info = kindInfo(object.kind);
  if (!info) return fail(state, statusUnknownKind(object.kind));
  const name = object.metadata?.name ?? '';
  const key = keyOf(info, object.metadata?.namespace, name);
  const existing = stored(state, info, key);
  if (!existing) return fail(state, statusNotFound(info, name));
  // 1. A uid in the request is a precondition: the object must not have been replaced.
  const uid = object.metadata.uid;
  if (uid && uid !== existing.metadata.uid) {
    return fail(state, statusConflict(info, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata.uid}`));
  }
  // 2. Optimistic concurrency: a non-empty resourceVersion must be the current one.
  const rv = object.metadata.resourceVersion ?? '';
  if (rv !== '' && rv !== existing.metadata.resourceVersion) return fail(state, statusConflict(info, name, OPTIMISTIC_LOCK_MESSAGE));
  // 3. Keep what the client may not change through this endpoint.
  const next = part === 'spec' ? prepareForUpdate(info, object, existing) : prepareForStatusUpdate(object, existing);
  // 4. Once deletion started, finalizers can only go away.
  if (existing.metadata.deletionTimestamp !== undefined) {
    const old = new Set(existing.metadata.finalizers ?? []);
    const added = [...new Set(next.metadata.finalizers ?? [])].filter((f) => !old.has(f)).sort();
    if (added.length > 0) {
      const list = `[]string{${added.map((f) => JSON.stringify(f)).join(', ')}}`;
      const message = `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${list}`;
      return fail(state, statusInvalid(info, name, [{ field: 'metadata.finalizers', message }]));
    }
  }
  // 5. Removing the last finalizer of an object whose grace period is over removes the object.
  if (shouldDeleteDuringUpdate(next, existing)) return deleteNow(state, info, key, now);
  // 6. An update that changes nothing writes nothing: no new revision, no event.
  if (jsonEqual(next, existing)) return done(state, existing);
  return write(state, info, key, 'MODIFIED', next, now);
}

function prepareForUpdate(info: KindInfo, object: KubeObject, existing: KubeObject): KubeObject {
  const old = existing.metadata;
  const specChanged = !jsonEqual(object.spec, existing.spec);
  const metadata = merged(object.metadata, {
    namespace: old.namespace,
    uid: old.uid,
    resourceVersion: old.resourceVersion,
    creationTimestamp: old.creationTimestamp,
    deletionTimestamp: old.deletionTimestamp,
    deletionGracePeriodSeconds: old.deletionGracePeriodSeconds,
    generation: tracksGeneration(info.kind) ? (old.generation ?? 1) + (specChanged ? 1 : 0) : undefined,
  });
  // Status is written through updateStatus only, as with a status subresource.
  return merged(object, { metadata, status: existing.status });
}

function prepareForStatusUpdate(object: KubeObject, existing: KubeObject): KubeObject {
  return merged(existing, { status: object.status });
}

function shouldDeleteDuringUpdate(next: KubeObject, existing: KubeObject): boolean {
  return (
    (next.metadata.finalizers ?? []).length === 0 &&
    // A terminating namespace stays until its spec.finalizers are empty too (the finalize step).
    (next.kind !== 'Namespace' || namespaceFinalizers(next).length === 0) &&
    existing.metadata.deletionTimestamp !== undefined &&
    (existing.metadata.deletionGracePeriodSeconds ?? 0) === 0
  );
}
// #endregion update

/** A namespace's `spec.finalizers`: the components that must finish before it may go. */
function namespaceFinalizers(namespace: KubeObject): string[] {
  return (namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
}

// #region delete
type DeleteRequest = Extract<StoreRequest, { type: 'delete' }>;

/** What rest.BeforeDelete decides for one object and request. */
type DeletePlan =
  | { type: 'immediate' }
  | { type: 'pending' }
  | { type: 'graceful'; deletionTimestamp: string; grace: number; firstTime: boolean };

function remove(state: StoreState, request: DeleteRequest): Step {
  const info = kindInfo(request.kind);
  if (!info) return fail(state, statusUnknownKind(request.kind));
  const key = keyOf(info, request.namespace, request.name);
  const existing = stored(state, info, key);
  if (!existing) return fail(state, statusNotFound(info, request.name));
  // 1. Preconditions, named by kind as rest.BeforeDelete names them.
  const { uid, resourceVersion } = request.preconditions ?? {};
  if (uid !== undefined && uid !== existing.metadata.uid) {
    const why = `the UID in the precondition (${uid}) does not match the UID in record (${existing.metadata.uid ?? ''}). The object might have been deleted and then recreated`;
    return fail(state, statusConflict(info, request.name, why, 'kind'));
  }
  if (resourceVersion !== undefined && resourceVersion !== existing.metadata.resourceVersion) {
    const why = `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion ?? ''}). The object might have been modified`;
    return fail(state, statusConflict(info, request.name, why, 'kind'));
  }
  // 2. A namespace with spec.finalizers goes Terminating and waits for the namespace
  //    controller to finalize it (namespace storage's Delete).
  if (info.kind === 'Namespace' && namespaceFinalizers(existing).length > 0) {
    if (existing.metadata.deletionTimestamp !== undefined) return done(state, existing);
    const terminating = merged(markAsDeleting(existing, request.now), { status: { ...(existing.status as object), phase: 'Terminating' } });
    return write(state, info, key, 'MODIFIED', terminating, request.now);
  }
  const plan = beforeDelete(info, existing, request.gracePeriodSeconds, request.now);
  if (plan.type === 'pending') return done(state, existing);
  const hasFinalizers = (existing.metadata.finalizers ?? []).length > 0;
  if (plan.type === 'immediate' && !hasFinalizers) return deleteNow(state, info, key, request.now);
  // 2. Record the deletion on the object first (MODIFIED), as updateForGracefulDeletionAndFinalizers does.
  const marked = plan.type === 'graceful' ? withGracefulDeletion(existing, plan) : markAsDeleting(existing, request.now);
  const [next, result] = jsonEqual(marked, existing) ? done(state, existing) : write(state, info, key, 'MODIFIED', marked, request.now);
  // 3. Finalizers or a running grace period keep the object; otherwise it goes now.
  if (hasFinalizers || (plan.type === 'graceful' && plan.grace > 0)) return [next, result];
  return deleteNow(next, info, key, request.now);
}

function beforeDelete(info: KindInfo, existing: KubeObject, requested: number | undefined, now: string): DeletePlan {
  // Only pods implement graceful deletion (RESTGracefulDeleteStrategy).
  if (info.kind !== 'Pod') return { type: 'immediate' };
  const meta = existing.metadata;
  const asked = requested === undefined ? undefined : requested < 0 ? 1 : requested;
  if (meta.deletionTimestamp !== undefined) {
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (current <= 0) return { type: 'immediate' };
    // A second delete may only shorten the grace period.
    if (asked === undefined || asked >= current) return { type: 'pending' };
    return { type: 'graceful', deletionTimestamp: addSeconds(meta.deletionTimestamp, asked - current), grace: asked, firstTime: false };
  }
  const grace = podGracePeriod(existing, asked);
  return { type: 'graceful', deletionTimestamp: addSeconds(now, grace), grace, firstTime: true };
}

// pod strategy CheckGracefulDelete, with the API default of 30 s for an unset terminationGracePeriodSeconds.
function podGracePeriod(pod: KubeObject, asked: number | undefined): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = asked ?? spec.terminationGracePeriodSeconds ?? 30;
  return grace < 0 ? 1 : grace;
}

function withGracefulDeletion(existing: KubeObject, plan: Extract<DeletePlan, { type: 'graceful' }>): KubeObject {
  const generation = existing.metadata.generation;
  const metadata = merged(existing.metadata, {
    deletionTimestamp: plan.deletionTimestamp,
    deletionGracePeriodSeconds: plan.grace,
    // Controllers must notice that deletion started, so the first time bumps generation.
    generation: plan.firstTime && generation !== undefined && generation > 0 ? generation + 1 : generation,
  });
  return merged(existing, { metadata });
}

function markAsDeleting(existing: KubeObject, now: string): KubeObject {
  const meta = existing.metadata;
  const first = meta.deletionTimestamp === undefined;
  const later = !first && toMillis(meta.deletionTimestamp as string) > toMillis(now);
  const metadata = merged(meta, {
    generation: first && meta.generation !== undefined && meta.generation > 0 ? meta.generation + 1 : meta.generation,
    deletionTimestamp: first || later ? now : meta.deletionTimestamp,
    deletionGracePeriodSeconds: 0,
  });
  return merged(existing, { metadata });
}

function deleteNow(state: StoreState, info: KindInfo, key: string, now: string): Step {
  const existing = stored(state, info, key) as KubeObject;
  return write(state, info, key, 'DELETED', existing, now);
}
// #endregion delete

// #region write
/** Takes the next revision, stores (or removes) the object and records the event. */
function write(state: StoreState, info: KindInfo, key: string, type: WatchEvent['type'], object: KubeObject, now: string): Step {
  const revision = state.revision + 1;
  const version = String(revision);
  // Callers that build a fresh object already stamp it; others get a stamped copy.
  const stamped = object.metadata.resourceVersion === version ? object : merged(object, { metadata: merged(object.metadata, { resourceVersion: version }) });
  const objects = state.objects[info.resource] ?? pmapEmpty<KubeObject>();
  const nextObjects = type === 'DELETED' ? pmapDelete(objects, key) : pmapSet(objects, key, stamped);
  const history = record(state.history, { type, object: stamped, writtenAt: toMillis(now) });
  return done({ revision, objects: { ...state.objects, [info.resource]: nextObjects }, history }, stamped);
}

/** Appends an event and forgets what is older than the retention window or beyond the capacity. */
function record(history: WatchHistory, entry: HistoryEntry): WatchHistory {
  const log = logAppend(history.log, entry);
  const oldestKept = entry.writtenAt - HISTORY_RETENTION_SECONDS * 1000;
  let drop = Math.max(0, log.size - history.capacity);
  while (drop < log.size && (logGet(log, drop)?.writtenAt ?? Infinity) < oldestKept) drop++;
  if (drop === 0) return { ...history, log };
  const lastDropped = logGet(log, drop - 1) as HistoryEntry;
  return { ...history, compactedRevision: Number(lastDropped.object.metadata.resourceVersion), log: logDropFront(log, drop) };
}
// #endregion write
