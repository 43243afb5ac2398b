/**
 * Kata 01-store. Expected messages are kube-apiserver's own; each test names where upstream
 * produces them. Paths are in kubernetes/kubernetes.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getObject, initialStore, listObjects, reduceStore } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../../core/api/meta';
import { HISTORY_CAPACITY, objectLifecycle, type StoreRequest, type StoreResult, type StoreState } from '../../core/api/store-types';
import { logSlice } from '../../core/data/chunked-log';
import { runs } from '../../core/testing/runs';

const NOW = '2025-01-01T00:00:00Z';
const LATER = '2025-01-01T00:01:00Z';

type Meta = Partial<KubeObject['metadata']>;

const pod = (name: string, meta: Meta = {}, spec: Record<string, unknown> = { nodeName: 'node-1' }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...meta },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});
const deployment = (name: string, meta: Meta = {}, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', ...meta },
  spec: { replicas, selector: { matchLabels: { app: name } } },
});
const configMap = (name: string, data: Record<string, string> = {}, meta: Meta = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...meta },
  data,
});

const create = (object: KubeObject, uid = `uid-${object.metadata.name}`, now = NOW): StoreRequest => ({ type: 'create', object, now, uid });
const update = (object: KubeObject, now = NOW): StoreRequest => ({ type: 'update', object, now });
const updateStatus = (object: KubeObject, now = NOW): StoreRequest => ({ type: 'updateStatus', object, now });
const del = (kind: string, name: string, extra: Partial<Extract<StoreRequest, { type: 'delete' }>> = {}): StoreRequest => ({
  type: 'delete',
  kind,
  namespace: 'default',
  name,
  now: NOW,
  ...extra,
});

/** Runs requests in order; every one must succeed. Returns the state and the last object. */
function run(...requests: StoreRequest[]): [StoreState, KubeObject] {
  let state = initialStore();
  let last: KubeObject | undefined;
  for (const request of requests) {
    const [next, result] = reduceStore(state, request);
    if (!result.ok) throw new Error(`expected ${request.type} to succeed, got: ${result.status.message}`);
    state = next;
    last = result.object;
  }
  return [state, last as KubeObject];
}

function failure(result: StoreResult) {
  if (result.ok) throw new Error(`expected a failure, got the object ${JSON.stringify(result.object.metadata)}`);
  return result.status;
}

const history = (state: StoreState) => logSlice(state.history.log).map((e) => `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`);
const stored = (state: StoreState, kind: string, name: string) => getObject(state, kind, 'default', name);

describe('create', () => {
  test('a created object gets its uid from the request, creationTimestamp from now and resourceVersion "1"', () => {
    const [state, created] = run(create(pod('web'), 'uid-7'));
    expect(created.metadata).toMatchObject({ name: 'web', namespace: 'default', uid: 'uid-7', creationTimestamp: NOW, resourceVersion: '1' });
    expect(stored(state, 'Pod', 'web')).toEqual(created);
  });

  test('every successful write takes the next value of one global revision counter', () => {
    const [state] = run(create(pod('a')), create(deployment('b')), create(configMap('c')));
    expect(['Pod', 'Deployment', 'ConfigMap'].map((kind, i) => stored(state, kind, 'abc'[i] as string)?.metadata.resourceVersion)).toEqual(['1', '2', '3']);
  });

  test('generation starts at 1 for kinds that track it and is absent for the others', () => {
    // pkg/registry/apps/deployment/strategy.go PrepareForCreate sets Generation = 1; ConfigMap has none.
    const [state] = run(create(deployment('web')), create(configMap('cfg')));
    expect(stored(state, 'Deployment', 'web')?.metadata.generation).toBe(1);
    expect(stored(state, 'ConfigMap', 'cfg')?.metadata.generation).toBeUndefined();
  });

  test('the server owns generation, deletionTimestamp and deletionGracePeriodSeconds on create', () => {
    const [, created] = run(create(deployment('web', { generation: 9, deletionTimestamp: NOW, deletionGracePeriodSeconds: 5 })));
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.deletionTimestamp).toBeUndefined();
    expect(created.metadata.deletionGracePeriodSeconds).toBeUndefined();
  });

  test('creating a name that is taken answers 409 AlreadyExists: pods "web" already exists', () => {
    // staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go NewAlreadyExists
    const [state] = run(create(pod('web')));
    const [after, result] = reduceStore(state, create(pod('web'), 'uid-other'));
    expect(failure(result)).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'pods "web" already exists' });
    expect(after).toBe(state);
  });

  test('errors name resources of a named group with the group: deployments.apps "web" already exists', () => {
    const [state] = run(create(deployment('web')));
    expect(failure(reduceStore(state, create(deployment('web')))[1]).message).toBe('deployments.apps "web" already exists');
  });

  test('creating over an object that is still being deleted says so', () => {
    // store.go create: "object is being deleted: " is prefixed when the existing object has a deletionTimestamp.
    const [state] = run(create(configMap('cfg', {}, { finalizers: ['example.com/hold'] })), del('ConfigMap', 'cfg'));
    expect(failure(reduceStore(state, create(configMap('cfg')))[1]).message).toBe('object is being deleted: configmaps "cfg" already exists');
  });

  test('a create that carries a resourceVersion is refused', () => {
    // staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go Create
    const [state, result] = reduceStore(initialStore(), create(pod('web', { resourceVersion: '5' })));
    expect(failure(result).message).toBe('resourceVersion should not be set on objects to be created');
    expect(listObjects(state, 'Pod').items).toEqual([]);
  });

  test('a namespaced kind without a namespace is invalid: Pod "web" is invalid: metadata.namespace: Required value', () => {
    // staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go: field.Required(metadata.namespace, "")
    const object = pod('web');
    delete object.metadata.namespace;
    expect(failure(reduceStore(initialStore(), create(object))[1])).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Pod "web" is invalid: metadata.namespace: Required value',
    });
  });

  test('an object without a name is invalid: metadata.name: Required value: name or generateName is required', () => {
    expect(failure(reduceStore(initialStore(), create(configMap('')))[1]).message).toBe(
      'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });

  test('a cluster-scoped object is stored without a namespace and found whatever namespace is asked', () => {
    // rest.EnsureObjectNamespaceMatchesRequestNamespace clears the namespace of cluster-scoped objects.
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', namespace: 'default' } };
    const [state, created] = run(create(node));
    expect(created.metadata.namespace).toBeUndefined();
    expect(getObject(state, 'Node', '', 'node-1')).toEqual(created);
    expect(getObject(state, 'Node', 'default', 'node-1')).toEqual(created);
  });

  test('a kind the cluster does not serve answers 404', () => {
    const object: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } };
    expect(failure(reduceStore(initialStore(), create(object))[1])).toMatchObject({ code: 404, reason: 'NotFound' });
  });
});

describe('update', () => {
  test('an update carrying the current resourceVersion succeeds and takes the next revision', () => {
    const [state, created] = run(create(deployment('web')));
    const [, result] = reduceStore(state, update(deployment('web', { resourceVersion: created.metadata.resourceVersion }, 3)));
    expect(result.ok && result.object.metadata.resourceVersion).toBe('2');
  });

  test('an update carrying a stale resourceVersion answers 409 Conflict', () => {
    // store.go Update: NewConflict(qualifiedResource, name, OptimisticLockErrorMsg)
    const [state] = run(create(deployment('web')), update(deployment('web', {}, 2)));
    const [after, result] = reduceStore(state, update(deployment('web', { resourceVersion: '1' }, 3)));
    expect(failure(result)).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(after).toBe(state);
  });

  test('an update without a resourceVersion is unconditional', () => {
    const [state] = run(create(deployment('web')), update(deployment('web', {}, 2)), update(deployment('web', {}, 5)));
    expect((stored(state, 'Deployment', 'web')?.spec as { replicas: number }).replicas).toBe(5);
  });

  test('an update of a missing object answers 404 NotFound: pods "ghost" not found', () => {
    // errors.go NewNotFound
    expect(failure(reduceStore(initialStore(), update(pod('ghost')))[1])).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "ghost" not found' });
  });

  test('an update never changes uid, creationTimestamp or deletionTimestamp', () => {
    // rest.BeforeUpdate copies them from the stored object.
    const [state, created] = run(create(configMap('cfg', {}, { finalizers: ['example.com/hold'] })), del('ConfigMap', 'cfg'));
    const deleting = stored(state, 'ConfigMap', 'cfg') as KubeObject;
    const [, result] = reduceStore(
      state,
      update(configMap('cfg', { a: 'b' }, { finalizers: ['example.com/hold'], creationTimestamp: LATER, deletionTimestamp: LATER }), LATER),
    );
    expect(result.ok && result.object.metadata).toMatchObject({
      uid: created.metadata.uid,
      creationTimestamp: NOW,
      deletionTimestamp: deleting.metadata.deletionTimestamp,
    });
  });

  test('an update whose uid differs from the stored one is refused with 409: the object was replaced', () => {
    // store.go Update: objInfo.Preconditions() carries the uid; storage.Preconditions.Check fails.
    const [state] = run(create(pod('web'), 'uid-1'));
    const status = failure(reduceStore(state, update(pod('web', { uid: 'uid-2' })))[1]);
    expect(status).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(status.message).toContain('Precondition failed: UID in precondition: uid-2, UID in object meta: uid-1');
  });

  test('generation is bumped when spec changes', () => {
    const [state] = run(create(deployment('web')), update(deployment('web', {}, 4)));
    expect(stored(state, 'Deployment', 'web')?.metadata.generation).toBe(2);
  });

  test('generation stays when only metadata changes, and the client cannot set it', () => {
    const [state] = run(create(deployment('web')), update(deployment('web', { labels: { tier: 'front' }, generation: 7 })));
    expect(stored(state, 'Deployment', 'web')?.metadata).toMatchObject({ generation: 1, labels: { tier: 'front' } });
  });

  test('update keeps the stored status: status is written through updateStatus', () => {
    const [state] = run(create(deployment('web')), updateStatus({ ...deployment('web'), status: { replicas: 1 } }), update({ ...deployment('web', {}, 2), status: { replicas: 99 } }));
    expect(stored(state, 'Deployment', 'web')?.status).toEqual({ replicas: 1 });
  });

  test('updateStatus changes status only, keeping spec, labels and generation', () => {
    const [state] = run(create(deployment('web', { labels: { a: 'b' } })), updateStatus({ ...deployment('web', { labels: {} }, 9), status: { observedGeneration: 1 } }));
    const object = stored(state, 'Deployment', 'web') as KubeObject;
    expect(object.status).toEqual({ observedGeneration: 1 });
    expect(object.spec).toEqual(deployment('web').spec);
    expect(object.metadata).toMatchObject({ labels: { a: 'b' }, generation: 1, resourceVersion: '2' });
  });

  test('updateStatus with a stale resourceVersion answers 409 Conflict', () => {
    const [state] = run(create(deployment('web')), update(deployment('web', {}, 2)));
    expect(failure(reduceStore(state, updateStatus({ ...deployment('web', { resourceVersion: '1' }), status: {} }))[1]).reason).toBe('Conflict');
  });

  test('an update that changes nothing writes nothing: same state, same resourceVersion, no event', () => {
    // etcd3 store.go GuaranteedUpdate returns without writing when the new data equals the stored data.
    const [state, created] = run(create(deployment('web')));
    const [after, result] = reduceStore(state, update(deployment('web', { resourceVersion: '1' })));
    expect(result.ok && result.object).toEqual(created);
    expect(after.revision).toBe(state.revision);
    expect(history(after)).toEqual(['ADDED web@1']);
  });
});

describe('delete and finalizers', () => {
  test('deleting an object without finalizers removes it with a DELETED event at a new revision', () => {
    const [state, deleted] = run(create(configMap('cfg')), del('ConfigMap', 'cfg'));
    expect(stored(state, 'ConfigMap', 'cfg')).toBeUndefined();
    expect(deleted.metadata.resourceVersion).toBe('2');
    expect(history(state)).toEqual(['ADDED cfg@1', 'DELETED cfg@2']);
  });

  test('deleting an object with finalizers only marks it: deletionTimestamp now, grace 0, MODIFIED', () => {
    // store.go markAsDeleting
    const [state, marked] = run(create(configMap('cfg', {}, { finalizers: ['example.com/hold'] })), del('ConfigMap', 'cfg'));
    expect(marked.metadata).toMatchObject({ deletionTimestamp: NOW, deletionGracePeriodSeconds: 0, resourceVersion: '2' });
    expect(stored(state, 'ConfigMap', 'cfg')).toEqual(marked);
    expect(history(state)).toEqual(['ADDED cfg@1', 'MODIFIED cfg@2']);
  });

  test('the start of deletion bumps generation, so controllers see that something changed', () => {
    // store.go markAsDeleting: "This handles Generation bump for resources that don't support graceful deletion"
    const [, marked] = run(create(deployment('web', { finalizers: ['example.com/hold'] })), del('Deployment', 'web'));
    expect(marked.metadata.generation).toBe(2);
  });

  test('a second delete of an object waiting for its finalizers changes nothing', () => {
    const [state] = run(create(configMap('cfg', {}, { finalizers: ['example.com/hold'] })), del('ConfigMap', 'cfg'));
    const [after, result] = reduceStore(state, del('ConfigMap', 'cfg', { now: LATER }));
    expect(result.ok).toBe(true);
    expect(after.revision).toBe(state.revision);
  });

  test('no finalizer can be added once deletion started', () => {
    // staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateNoNewFinalizers
    const [state] = run(create(deployment('web', { finalizers: ['a'] })), del('Deployment', 'web'));
    const status = failure(reduceStore(state, update(deployment('web', { finalizers: ['a', 'b'] })))[1]);
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        'Deployment.apps "web" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b"}',
    });
  });

  test('removing the last finalizer of an object being deleted removes the object', () => {
    // store.go ShouldDeleteDuringUpdate
    const [state] = run(create(configMap('cfg', {}, { finalizers: ['a', 'b'] })), del('ConfigMap', 'cfg'), update(configMap('cfg', {}, { finalizers: ['b'] })));
    expect(stored(state, 'ConfigMap', 'cfg')?.metadata.finalizers).toEqual(['b']);
    const [after] = run(create(configMap('cfg', {}, { finalizers: ['a'] })), del('ConfigMap', 'cfg'), update(configMap('cfg', {}, { finalizers: [] })));
    expect(stored(after, 'ConfigMap', 'cfg')).toBeUndefined();
    expect(history(after)).toEqual(['ADDED cfg@1', 'MODIFIED cfg@2', 'DELETED cfg@3']);
  });

  test('removing finalizers from an object nobody deleted keeps it', () => {
    const [state] = run(create(configMap('cfg', {}, { finalizers: ['a'] })), update(configMap('cfg', {}, { finalizers: [] })));
    expect(stored(state, 'ConfigMap', 'cfg')).toBeDefined();
  });

  test('deleting a missing object answers 404', () => {
    expect(failure(reduceStore(initialStore(), del('Pod', 'ghost'))[1]).message).toBe('pods "ghost" not found');
  });

  test('a delete whose uid precondition does not match answers 409 naming the object by kind', () => {
    // staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete
    const [state] = run(create(pod('web'), 'uid-1'));
    expect(failure(reduceStore(state, del('Pod', 'web', { preconditions: { uid: 'uid-0' } }))[1])).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on Pod "web": the UID in the precondition (uid-0) does not match the UID in record (uid-1). The object might have been deleted and then recreated',
    });
  });

  test('a delete whose resourceVersion precondition does not match answers 409', () => {
    const [state] = run(create(deployment('web')), update(deployment('web', {}, 2)));
    expect(failure(reduceStore(state, del('Deployment', 'web', { preconditions: { resourceVersion: '1' } }))[1]).message).toBe(
      'Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (2). The object might have been modified',
    );
  });

  test('a delete whose preconditions hold goes ahead', () => {
    const [state] = run(create(configMap('cfg'), 'uid-1'), del('ConfigMap', 'cfg', { preconditions: { uid: 'uid-1', resourceVersion: '1' } }));
    expect(stored(state, 'ConfigMap', 'cfg')).toBeUndefined();
  });
});

describe('graceful deletion of pods', () => {
  // pkg/registry/core/pod/strategy.go CheckGracefulDelete and rest/delete.go BeforeDelete.
  test('deleting a scheduled pod sets deletionTimestamp to now plus its grace period and keeps it', () => {
    const [state, marked] = run(create(pod('web', {}, { nodeName: 'node-1', terminationGracePeriodSeconds: 45 })), del('Pod', 'web'));
    expect(marked.metadata).toMatchObject({ deletionTimestamp: '2025-01-01T00:00:45Z', deletionGracePeriodSeconds: 45, generation: 2 });
    expect(stored(state, 'Pod', 'web')).toEqual(marked);
  });

  test('a pod without terminationGracePeriodSeconds gets the API default of 30 seconds', () => {
    const [, marked] = run(create(pod('web')), del('Pod', 'web'));
    expect(marked.metadata).toMatchObject({ deletionTimestamp: '2025-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
  });

  test("the request's gracePeriodSeconds overrides the pod's", () => {
    const [, marked] = run(create(pod('web')), del('Pod', 'web', { gracePeriodSeconds: 5 }));
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(5);
  });

  test('a negative grace period counts as 1 second', () => {
    const [, marked] = run(create(pod('web')), del('Pod', 'web', { gracePeriodSeconds: -3 }));
    expect(marked.metadata).toMatchObject({ deletionTimestamp: '2025-01-01T00:00:01Z', deletionGracePeriodSeconds: 1 });
  });

  test('a pod not yet scheduled is deleted at once: MODIFIED with the deletion, then DELETED', () => {
    const [state] = run(create(pod('web', {}, { nodeName: undefined })), del('Pod', 'web'));
    expect(stored(state, 'Pod', 'web')).toBeUndefined();
    expect(history(state)).toEqual(['ADDED web@1', 'MODIFIED web@2', 'DELETED web@3']);
  });

  test('a pod that has finished (Succeeded or Failed) is deleted at once', () => {
    for (const phase of ['Succeeded', 'Failed']) {
      const [state] = run(create(pod('web')), updateStatus({ ...pod('web'), status: { phase } }), del('Pod', 'web'));
      expect(stored(state, 'Pod', 'web'), phase).toBeUndefined();
    }
  });

  test('a second delete with a shorter grace period moves deletionTimestamp earlier', () => {
    const [, marked] = run(create(pod('web')), del('Pod', 'web', { gracePeriodSeconds: 30 }), del('Pod', 'web', { gracePeriodSeconds: 10, now: LATER }));
    // The new deadline counts from when deletion started, not from the second request.
    expect(marked.metadata).toMatchObject({ deletionTimestamp: '2025-01-01T00:00:10Z', deletionGracePeriodSeconds: 10, generation: 2 });
  });

  test('a second delete with a longer grace period changes nothing', () => {
    const [state] = run(create(pod('web')), del('Pod', 'web', { gracePeriodSeconds: 10 }));
    const [after] = reduceStore(state, del('Pod', 'web', { gracePeriodSeconds: 60 }));
    expect(after).toEqual(state);
  });

  test('a second delete with grace period 0 removes the pod', () => {
    const [state] = run(create(pod('web')), del('Pod', 'web'), del('Pod', 'web', { gracePeriodSeconds: 0 }));
    expect(stored(state, 'Pod', 'web')).toBeUndefined();
    expect(history(state)).toEqual(['ADDED web@1', 'MODIFIED web@2', 'MODIFIED web@3', 'DELETED web@4']);
  });

  test('a pod in its grace period stays when its last finalizer goes; it goes when the grace period is cut to 0', () => {
    const [state] = run(create(pod('web', { finalizers: ['a'] })), del('Pod', 'web'), update(pod('web', { finalizers: [] })));
    expect(stored(state, 'Pod', 'web')).toBeDefined();
    const [after] = reduceStore(state, del('Pod', 'web', { gracePeriodSeconds: 0 }));
    expect(stored(after, 'Pod', 'web')).toBeUndefined();
  });
});

describe('history', () => {
  test('every write appends exactly one event, carrying the object as written', () => {
    const [state] = run(create(pod('web')), updateStatus({ ...pod('web'), status: { phase: 'Running' } }), del('Pod', 'web', { gracePeriodSeconds: 0 }));
    expect(history(state)).toEqual(['ADDED web@1', 'MODIFIED web@2', 'MODIFIED web@3', 'DELETED web@4']);
    expect(logSlice(state.history.log)[1]?.object.status).toEqual({ phase: 'Running' });
  });

  test('events older than five minutes of logical time are forgotten, and the newest forgotten revision is kept', () => {
    const [state] = run(create(configMap('a'), 'u1', '2025-01-01T00:00:00Z'), create(configMap('b'), 'u2', '2025-01-01T00:02:00Z'), create(configMap('c'), 'u3', '2025-01-01T00:06:00Z'));
    expect(history(state)).toEqual(['ADDED b@2', 'ADDED c@3']);
    expect(state.history.compactedRevision).toBe(1);
  });

  test('an event exactly five minutes old is still kept', () => {
    const [state] = run(create(configMap('a'), 'u1', '2025-01-01T00:00:00Z'), create(configMap('b'), 'u2', '2025-01-01T00:05:00Z'));
    expect(history(state)).toEqual(['ADDED a@1', 'ADDED b@2']);
    expect(state.history.compactedRevision).toBe(0);
  });

  test(`a new store keeps up to ${HISTORY_CAPACITY} events`, () => {
    expect(initialStore().history.capacity).toBe(HISTORY_CAPACITY);
  });

  test('the history never holds more events than its capacity, however recent', () => {
    const small: StoreState = { ...initialStore(), history: { ...initialStore().history, capacity: 3 } };
    let state = small;
    for (const name of ['a', 'b', 'c', 'd', 'e']) [state] = reduceStore(state, create(configMap(name)));
    expect(history(state)).toEqual(['ADDED c@3', 'ADDED d@4', 'ADDED e@5']);
    expect(state.history.compactedRevision).toBe(2);
  });
});

describe('get and list', () => {
  test('listObjects sorts by namespace, then name, and reports the store revision', () => {
    const [state] = run(
      create(configMap('b', {}, { namespace: 'a' })),
      create(configMap('a', {}, { namespace: 'a-b' })),
      create(configMap('a', {}, { namespace: 'a' })),
      create(pod('p')),
    );
    const list = listObjects(state, 'ConfigMap');
    expect(list.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/a', 'a/b', 'a-b/a']);
    expect(list.resourceVersion).toBe('4');
  });

  test('listObjects with a namespace lists only that namespace', () => {
    const [state] = run(create(configMap('x', {}, { namespace: 'one' })), create(configMap('y', {}, { namespace: 'two' })));
    expect(listObjects(state, 'ConfigMap', 'two').items.map((o) => o.metadata.name)).toEqual(['y']);
  });

  test('getObject and listObjects find nothing for unknown names and kinds', () => {
    const [state] = run(create(pod('web')));
    expect(getObject(state, 'Pod', 'default', 'nope')).toBeUndefined();
    expect(getObject(state, 'Pod', 'other', 'web')).toBeUndefined();
    expect(getObject(state, 'Widget', 'default', 'web')).toBeUndefined();
    expect(listObjects(state, 'Widget')).toEqual({ items: [], resourceVersion: '1' });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random request sequences. An intent is turned into a request against the
// current state, so that resourceVersions are sometimes current, sometimes stale, sometimes empty.
// ---------------------------------------------------------------------------------------------

type Intent =
  | { op: 'create'; name: string; replicas: number; finalizers: string[] }
  | { op: 'update'; name: string; replicas: number; label: string; finalizers: string[]; rv: 'current' | 'stale' | 'none' }
  | { op: 'status'; name: string; ready: number }
  | { op: 'delete'; name: string; rvPrecondition: boolean };

const nameArb = fc.constantFrom('a', 'b');
const finalizersArb = fc.subarray(['x', 'y']);
const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name: nameArb, replicas: fc.nat(2), finalizers: finalizersArb }),
  fc.record({ op: fc.constant('update' as const), name: nameArb, replicas: fc.nat(2), label: fc.constantFrom('p', 'q'), finalizers: finalizersArb, rv: fc.constantFrom('current' as const, 'stale' as const, 'none' as const) }),
  fc.record({ op: fc.constant('status' as const), name: nameArb, ready: fc.nat(2) }),
  fc.record({ op: fc.constant('delete' as const), name: nameArb, rvPrecondition: fc.boolean() }),
);

function requestFor(state: StoreState, intent: Intent, i: number): StoreRequest {
  const now = `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`;
  const current = stored(state, 'Deployment', intent.name);
  const rv = current?.metadata.resourceVersion;
  switch (intent.op) {
    case 'create':
      return create(deployment(intent.name, { finalizers: intent.finalizers }, intent.replicas), `uid-${i}`, now);
    case 'update': {
      const version = intent.rv === 'current' ? rv : intent.rv === 'stale' && rv ? String(Number(rv) - 1) : undefined;
      return update(deployment(intent.name, { resourceVersion: version, labels: { l: intent.label }, finalizers: intent.finalizers }, intent.replicas), now);
    }
    case 'status':
      return updateStatus({ ...deployment(intent.name, { resourceVersion: rv }), status: { readyReplicas: intent.ready } }, now);
    case 'delete':
      return del('Deployment', intent.name, { now, preconditions: intent.rvPrecondition ? { resourceVersion: rv ?? '0' } : undefined });
  }
}

describe('properties', () => {
  test('resourceVersion strictly increases across the writes that change the store', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { maxLength: 30 }), (intents) => {
        let state = initialStore();
        intents.forEach((intent, i) => {
          const [next, result] = reduceStore(state, requestFor(state, intent, i));
          if (next !== state && next.revision !== state.revision) {
            expect(result.ok && Number(result.object.metadata.resourceVersion), 'the written object carries the newest revision').toBe(next.revision);
            expect(next.revision, 'the revision only grows').toBeGreaterThan(state.revision);
          } else {
            expect(next.revision).toBe(state.revision);
          }
          state = next;
        });
      }),
      runs(200),
    );
  });

  test('generation changes exactly when spec changed or deletion started, and then by one', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { maxLength: 30 }), (intents) => {
        let state = initialStore();
        intents.forEach((intent, i) => {
          const before = stored(state, 'Deployment', intent.name);
          const [next, result] = reduceStore(state, requestFor(state, intent, i));
          const after = stored(next, 'Deployment', intent.name);
          if (result.ok && before && after) {
            const specChanged = JSON.stringify(before.spec) !== JSON.stringify(after.spec);
            const deletionStarted = before.metadata.deletionTimestamp === undefined && after.metadata.deletionTimestamp !== undefined;
            const expected = (before.metadata.generation ?? 0) + (specChanged || deletionStarted ? 1 : 0);
            expect(after.metadata.generation, `${intent.op}: spec changed ${specChanged}, deletion started ${deletionStarted}`).toBe(expected);
          }
          state = next;
        });
      }),
      runs(200),
    );
  });

  test('every change in an object\'s life is one the lifecycle table lists', () => {
    const allowed = new Set(objectLifecycle.map((t) => `${t.from} -> ${t.to}`));
    const phase = (object: KubeObject | undefined) => (object === undefined ? '[*]' : object.metadata.deletionTimestamp === undefined ? 'Live' : 'Terminating');
    fc.assert(
      fc.property(fc.array(intentArb, { maxLength: 30 }), (intents) => {
        let state = initialStore();
        intents.forEach((intent, i) => {
          const before = phase(stored(state, 'Deployment', intent.name));
          const [next, result] = reduceStore(state, requestFor(state, intent, i));
          const after = phase(stored(next, 'Deployment', intent.name));
          if (result.ok) expect(allowed.has(`${before} -> ${after}`), `${intent.op}: ${before} -> ${after}`).toBe(true);
          state = next;
        });
      }),
      runs(200),
    );
  });

  test('a failed request returns the very same state', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { maxLength: 30 }), (intents) => {
        let state = initialStore();
        intents.forEach((intent, i) => {
          const snapshot = JSON.stringify(state);
          const [next, result] = reduceStore(state, requestFor(state, intent, i));
          if (!result.ok) expect(next, `${intent.op} failed with "${result.status.message}" but changed the state`).toBe(state);
          expect(JSON.stringify(state), 'the input state is never mutated').toBe(snapshot);
          state = next;
        });
      }),
      runs(200),
    );
  });

  test('a state saved as JSON and loaded again answers every request the same way', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { maxLength: 20 }), fc.array(intentArb, { maxLength: 10 }), (first, second) => {
        let state = initialStore();
        first.forEach((intent, i) => ([state] = reduceStore(state, requestFor(state, intent, i))));
        let copy = JSON.parse(JSON.stringify(state)) as StoreState;
        second.forEach((intent, i) => {
          const [a, ra] = reduceStore(state, requestFor(state, intent, 100 + i));
          const [b, rb] = reduceStore(copy, requestFor(copy, intent, 100 + i));
          expect(rb).toEqual(ra);
          [state, copy] = [a, b];
        });
        expect(listObjects(copy, 'Deployment')).toEqual(listObjects(state, 'Deployment'));
      }),
      runs(100),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based: a deliberately simple model (name -> counter, resourceVersion, finalizers,
// deleting) run against the store, with writers that read, then write back what they read.
// ---------------------------------------------------------------------------------------------

type ModelEntry = { counter: number; rv: string; finalizers: string[]; deleting: boolean };
type Model = { objects: Map<string, ModelEntry>; reads: Map<number, { name: string; counter: number; rv: string; finalizers: string[] }>; increments: number };
type Real = { state: StoreState };

const counterDeployment = (name: string, counter: number, meta: Meta = {}): KubeObject => ({
  ...deployment(name, meta),
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { annotations: { counter: String(counter) } } } },
});
const counterOf = (object: KubeObject | undefined) => Number((object?.spec as { template: { metadata: { annotations: { counter: string } } } } | undefined)?.template.metadata.annotations.counter);

function submit(real: Real, request: StoreRequest): StoreResult {
  const [next, result] = reduceStore(real.state, request);
  real.state = next;
  return result;
}

function agreeWithModel(model: Model, real: Real) {
  const names = listObjects(real.state, 'Deployment').items.map((o) => o.metadata.name);
  expect(names, 'the objects in the store').toEqual([...model.objects.keys()].sort());
  for (const [name, entry] of model.objects) {
    const object = stored(real.state, 'Deployment', name);
    expect(counterOf(object), `${name}: counter (a lost update shows here)`).toBe(entry.counter);
    expect(object?.metadata.resourceVersion, `${name}: resourceVersion`).toBe(entry.rv);
    expect(object?.metadata.finalizers ?? [], `${name}: finalizers`).toEqual(entry.finalizers);
    expect(object?.metadata.deletionTimestamp !== undefined, `${name}: being deleted`).toBe(entry.deleting);
  }
}

const command = (label: string, body: (model: Model, real: Real) => void): fc.Command<Model, Real> => ({
  check: () => true,
  run: (model, real) => {
    body(model, real);
    agreeWithModel(model, real);
  },
  toString: () => label,
});

const createCmd = (name: string, finalizers: string[]) =>
  command(`create(${name}, finalizers=[${finalizers}])`, (model, real) => {
    const result = submit(real, create(counterDeployment(name, 0, { finalizers })));
    if (model.objects.has(name)) return expect(failure(result).reason).toBe('AlreadyExists');
    expect(result.ok).toBe(true);
    model.objects.set(name, { counter: 0, rv: String(real.state.revision), finalizers, deleting: false });
  });

const deleteCmd = (name: string) =>
  command(`delete(${name})`, (model, real) => {
    const result = submit(real, del('Deployment', name));
    const entry = model.objects.get(name);
    if (!entry) return expect(failure(result).reason).toBe('NotFound');
    expect(result.ok).toBe(true);
    if (entry.finalizers.length === 0) model.objects.delete(name);
    else if (!entry.deleting) Object.assign(entry, { deleting: true, rv: String(real.state.revision) });
  });

const dropFinalizerCmd = (name: string) =>
  command(`dropFinalizer(${name})`, (model, real) => {
    const entry = model.objects.get(name);
    const result = submit(real, update(counterDeployment(name, entry?.counter ?? 0, { finalizers: entry?.finalizers.slice(1) ?? [] })));
    if (!entry) return expect(failure(result).reason).toBe('NotFound');
    expect(result.ok).toBe(true);
    if (entry.finalizers.length === 0) return;
    entry.finalizers = entry.finalizers.slice(1);
    if (entry.deleting && entry.finalizers.length === 0) model.objects.delete(name);
    else entry.rv = String(real.state.revision);
  });

const readCmd = (writer: number, name: string) =>
  command(`writer${writer}.read(${name})`, (model, real) => {
    const object = stored(real.state, 'Deployment', name);
    if (!object) return void model.reads.delete(writer);
    model.reads.set(writer, { name, counter: counterOf(object), rv: object.metadata.resourceVersion as string, finalizers: object.metadata.finalizers ?? [] });
  });

const writeCmd = (writer: number) =>
  command(`writer${writer}.writeBack(counter+1)`, (model, real) => {
    const read = model.reads.get(writer);
    if (!read) return;
    model.reads.delete(writer);
    const result = submit(real, update(counterDeployment(read.name, read.counter + 1, { resourceVersion: read.rv, finalizers: read.finalizers })));
    const entry = model.objects.get(read.name);
    if (!entry) return expect(failure(result).reason).toBe('NotFound');
    if (entry.rv !== read.rv) return expect(failure(result).reason, 'a write based on a stale read must conflict').toBe('Conflict');
    expect(result.ok, 'a write based on the latest read succeeds').toBe(true);
    Object.assign(entry, { counter: entry.counter + 1, rv: String(real.state.revision) });
    model.increments++;
  });

describe('model', () => {
  test('the store agrees with a simple model, and racing writers never lose an update', () => {
    const name = fc.constantFrom('a', 'b');
    const writer = fc.constantFrom(1, 2, 3);
    const commands = [
      fc.tuple(name, finalizersArb).map(([n, f]) => createCmd(n, f)),
      name.map(deleteCmd),
      name.map(dropFinalizerCmd),
      fc.tuple(writer, name).map(([w, n]) => readCmd(w, n)),
      writer.map(writeCmd),
      writer.map(writeCmd),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        fc.modelRun(() => ({ model: { objects: new Map(), reads: new Map(), increments: 0 }, real: { state: initialStore() } }), cmds);
      }),
      runs(150),
    );
  });

  test('writers that retry on Conflict all get their increments in, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }), async (s, writers, increments) => {
        let state = run(create(counterDeployment('web', 0)))[0];
        let conflicts = 0;
        const writerLoop = async () => {
          for (let k = 0; k < increments; k++) {
            for (;;) {
              const read = await s.schedule(Promise.resolve(stored(state, 'Deployment', 'web') as KubeObject), 'read');
              await s.schedule(Promise.resolve(), 'think');
              const [next, result] = reduceStore(state, update(counterDeployment('web', counterOf(read) + 1, { resourceVersion: read.metadata.resourceVersion })));
              if (result.ok) {
                state = next;
                break;
              }
              expect(result.status.reason).toBe('Conflict');
              conflicts++;
            }
          }
        };
        const all = Promise.all(Array.from({ length: writers }, writerLoop));
        await s.waitAll();
        await all;
        expect(counterOf(stored(state, 'Deployment', 'web')), `${writers} writers x ${increments} increments, ${conflicts} conflicts retried`).toBe(writers * increments);
      }),
      runs(100),
    );
  });
});

// Upstream: pkg/registry/core/namespace/storage/storage.go (Delete keeps a namespace whose
// spec.finalizers is not empty, marking it Terminating; the finalize update that empties them
// removes it) and its storage_test.go (TestDeleteNamespaceWithIncompleteFinalizers,
// TestDeleteNamespaceWithCompleteFinalizers).
describe('namespaces', () => {
  const namespace = (finalizers: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers }, status: { phase: 'Active' } });
  const delNamespace: StoreRequest = { type: 'delete', kind: 'Namespace', namespace: '', name: 'team-a', now: LATER };

  test('deleting a namespace with spec.finalizers keeps it, Terminating, with a deletionTimestamp', () => {
    const [state, result] = (([s]) => reduceStore(s, delNamespace))(run(create(namespace(['kubernetes']))));
    expect(result.ok).toBe(true);
    const stored = getObject(state, 'Namespace', '', 'team-a');
    expect(stored?.metadata.deletionTimestamp).toBe(LATER);
    expect((stored?.status as { phase?: string }).phase).toBe('Terminating');
  });

  test('a status update of a terminating namespace does not remove it while spec.finalizers remain', () => {
    const [state] = run(create(namespace(['kubernetes'])), delNamespace);
    const stored = getObject(state, 'Namespace', '', 'team-a')!;
    const [after, result] = reduceStore(state, updateStatus({ ...stored, status: { phase: 'Terminating', conditions: [] } }, LATER));
    expect(result.ok).toBe(true);
    expect(getObject(after, 'Namespace', '', 'team-a')).toBeDefined();
  });

  test('the finalize update that empties spec.finalizers removes a terminating namespace', () => {
    const [state] = run(create(namespace(['kubernetes'])), delNamespace);
    const stored = getObject(state, 'Namespace', '', 'team-a')!;
    const [after, result] = reduceStore(state, update({ ...stored, spec: { finalizers: [] } }, LATER));
    expect(result.ok).toBe(true);
    expect(getObject(after, 'Namespace', '', 'team-a')).toBeUndefined();
  });

  test('a namespace without spec.finalizers is removed at once', () => {
    const [state] = run(create(namespace([])), delNamespace);
    expect(getObject(state, 'Namespace', '', 'team-a')).toBeUndefined();
  });
});
