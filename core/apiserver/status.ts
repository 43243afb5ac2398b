/**
 * The failures admission answers with, worded as kube-apiserver words them, and the small
 * small functions plugins share to word them: which resource and name a request is about, and how
 * several errors read as one.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/admission/errors.go (NewForbidden,
 * extractResourceName), staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (NewForbidden,
 * NewNotFound), staging/src/k8s.io/apimachinery/pkg/util/errors/errors.go (aggregate.Error).
 */
import { kindInfo, qualifiedResource } from '../api/kinds';
import type { Status } from '../api/meta';
import { statusNotFound } from '../api/store-errors';
import type { AdmissionRequest } from './types';

/** A field-level reason attached to a Status (`metav1.StatusCause`, without its `type`). */
export type StatusCause = { field: string; message: string };

/** The resource a request is about as errors spell it: `pods`, `deployments.apps`. */
export function requestResource(request: Pick<AdmissionRequest, 'kind'>): string {
  const info = kindInfo(request.kind);
  return info ? qualifiedResource(info) : request.kind.toLowerCase();
}

/**
 * Upstream extractResourceName: the request's name, else the object's name, else its
 * `generateName` (names are generated after admission), else `Unknown`.
 */
export function requestName(request: Pick<AdmissionRequest, 'name' | 'object'>): string {
  if (request.name !== '') return request.name;
  const meta = request.object?.metadata;
  if (meta?.name) return meta.name;
  if (meta?.generateName) return meta.generateName;
  return 'Unknown';
}

/** 403: `pods "web" is forbidden: <why>` (upstream apierrors.NewForbidden). */
export function statusForbidden(resource: string, name: string, why: string, causes?: StatusCause[]): Status {
  const group = resource.includes('.') ? resource.slice(resource.indexOf('.') + 1) : '';
  const plural = resource.includes('.') ? resource.slice(0, resource.indexOf('.')) : resource;
  const message = name === '' ? `${resource} is forbidden: ${why}` : `${resource} ${JSON.stringify(name)} is forbidden: ${why}`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    reason: 'Forbidden',
    code: 403,
    details: { name, group, kind: plural, ...(causes && causes.length > 0 ? { causes } : {}) },
  };
}

/** Upstream admission.NewForbidden: a 403 naming the request's resource and name. */
export function admissionForbidden(request: AdmissionRequest, why: string, causes?: StatusCause[]): Status {
  return statusForbidden(requestResource(request), requestName(request), why, causes);
}

/** 404: `namespaces "team-a" not found`, what a request into a missing namespace gets. */
export function namespaceNotFound(name: string): Status {
  return statusNotFound(kindInfo('Namespace')!, name);
}

/**
 * Several messages as one, as utilerrors.NewAggregate prints them: duplicates dropped, one
 * message as it is, several as `[first, second]`; `undefined` when there are none.
 */
export function aggregateMessages(messages: readonly string[]): string | undefined {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
