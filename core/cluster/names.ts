/**
 * How kubectl names objects and failures in its output: `deployment.apps/web`,
 * `Error from server (NotFound): pods "x" not found`.
 */
import { kindInfo } from '../api/kinds';
import type { KubeObject, Status } from '../api/meta';

/** `kind.group/name` in lower case, as kubectl prints after apply and delete. */
export function objectRef(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const info = kindInfo(object.kind);
  const group = info && info.group !== '' ? `.${info.group}` : '';
  return `${object.kind.toLowerCase()}${group}/${object.metadata.name}`;
}

/** `kind.group "name"`, as kubectl prints after delete. */
export function quotedRef(kind: string, name: string): string {
  const slash = objectRef({ kind, metadata: { name } });
  return `${slash.slice(0, slash.lastIndexOf('/'))} "${name}"`;
}

/** A store failure the way kubectl reports a server error. */
export function describeFailure(status: Status): string {
  return `Error from server (${status.reason}): ${status.message}`;
}
