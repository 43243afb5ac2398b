/**
 * The failures the store answers with, worded exactly as kube-apiserver words them, so a
 * learner's error messages match what `kubectl` prints against a real cluster.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (NewNotFound,
 * NewAlreadyExists, NewConflict, NewInvalid, NewBadRequest),
 * staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (OptimisticLockErrorMsg).
 */
import { qualifiedResource, type KindInfo } from './kinds';
import type { Status, StatusReason } from './meta';

/** The reason a Conflict gives when an update carries a stale resourceVersion. */
export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

/** A field error as a Status cause: `metadata.name` and `Required value: ...`. */
export type FieldCause = { field: string; message: string };

const failure = (code: number, reason: StatusReason, message: string, details?: Status['details']): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message,
  reason,
  code,
  ...(details === undefined ? {} : { details }),
});

/** `schema.GroupKind.String()`: `Pod`, `Deployment.apps`. Invalid errors name objects this way. */
export function qualifiedKind(info: KindInfo): string {
  return info.group === '' ? info.kind : `${info.kind}.${info.group}`;
}

/** 404: `pods "web" not found`. */
export function statusNotFound(info: KindInfo, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, { group: info.group, kind: info.resource, name });
}

/** 404 for a kind this cluster does not serve, as the API server answers an unknown path. */
export function statusUnknownKind(kind: string): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource', { kind });
}

/** 409: `deployments.apps "web" already exists`. */
export function statusAlreadyExists(info: KindInfo, name: string): Status {
  return failure(409, 'AlreadyExists', `${qualifiedResource(info)} "${name}" already exists`, { group: info.group, kind: info.resource, name });
}

/**
 * 409: `Operation cannot be fulfilled on pods "web": <why>`. Delete preconditions name the
 * object by kind instead (`on Pod "web"`), because rest.BeforeDelete builds its GroupResource
 * from the object's kind; pass `by: 'kind'` for those.
 */
export function statusConflict(info: KindInfo, name: string, why: string, by: 'resource' | 'kind' = 'resource'): Status {
  const what = by === 'resource' ? qualifiedResource(info) : qualifiedKind(info);
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${what} "${name}": ${why}`, {
    group: info.group,
    kind: by === 'resource' ? info.resource : info.kind,
    name,
  });
}

/**
 * 422: `Pod "web" is invalid: metadata.finalizers: Forbidden: ...`; several causes are listed
 * in brackets, comma-separated, as utilerrors.Aggregate prints them.
 */
export function statusInvalid(info: KindInfo, name: string, causes: FieldCause[]): Status {
  const each = causes.map((c) => `${c.field}: ${c.message}`);
  const all = each.length === 1 ? each[0] : `[${each.join(', ')}]`;
  return failure(422, 'Invalid', `${qualifiedKind(info)} "${name}" is invalid: ${all}`, { group: info.group, kind: info.kind, name, causes });
}

/** 400 with a free-form message. */
export function statusBadRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

/** 500 for an error the server did not classify, such as a create that carries a resourceVersion (storage.ErrResourceVersionSetOnCreate). */
export function statusInternalError(message: string): Status {
  return failure(500, 'InternalError', message);
}

/** 410 Expired: the requested history is no longer retained (upstream NewResourceExpired). */
export function statusGone(message: string): Status {
  return failure(410, 'Expired', message);
}
