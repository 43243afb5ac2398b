/**
 * The API server's write path, shared by the command line and the runtime: admission first
 * (NamespaceLifecycle, LimitRanger, ResourceQuota; chapter 03), then the create-time strategy,
 * then the store. A refused request changes nothing and comes back as a Status.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go, update.go,
 * delete.go (admission, then the registry store).
 */
import type { KubeObject, Status } from '../api/meta';
import { admissionCreate, admissionDelete, admissionUpdate, admit, storeContext } from '../apiserver';
import type { StoreRequest } from '../api/store-types';
import { createRequest, submit, type ClusterState } from './state';
import { prepareForCreate } from './strategy';

/** The new state and the stored object, or the refusal. */
export type Written = { ok: true; state: ClusterState; object: KubeObject } | { ok: false; status: Status };

/** Runs admission; on success writes the quota usage it charged, then hands the admitted object to `write`. */
function admitted(state: ClusterState, request: Parameters<typeof admit>[0], write: (state: ClusterState, object: KubeObject | undefined) => Written): Written {
  const verdict = admit(request, storeContext(state.store, state.now));
  if (!verdict.allowed) return { ok: false, status: verdict.status };
  let next = state;
  for (const quota of verdict.quotas) {
    const [after, result] = submit(next, { type: 'updateStatus', object: quota, now: next.now });
    if (!result.ok) return { ok: false, status: result.status };
    next = after;
  }
  return write(next, verdict.object);
}

function store(state: ClusterState, request: StoreRequest): Written {
  const [next, result] = submit(state, request);
  return result.ok ? { ok: true, state: next, object: result.object } : { ok: false, status: result.status };
}

/** POST: admission, the create strategy, then the store. */
export function createObject(state: ClusterState, object: KubeObject, subresource?: string): Written {
  return admitted(state, admissionCreate(object, subresource), (next, admittedObject) => store(next, createRequest(next, prepareForCreate(admittedObject ?? object))));
}

/** PUT (or PUT of /status when `subresource` is 'status'). */
export function updateObject(state: ClusterState, object: KubeObject, existing: KubeObject, subresource?: 'status'): Written {
  return admitted(state, admissionUpdate(object, existing, subresource), (next, admittedObject) =>
    store(next, { type: subresource === 'status' ? 'updateStatus' : 'update', object: admittedObject ?? object, now: next.now }),
  );
}

/** DELETE. */
export function deleteObject(state: ClusterState, request: Extract<StoreRequest, { type: 'delete' }>, existing: KubeObject | undefined): Written {
  return admitted(state, admissionDelete(request.kind, request.namespace, request.name, existing), (next) => store(next, { ...request, now: next.now }));
}
