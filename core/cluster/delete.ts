/**
 * `kubectl delete`: one request per object; each is independent, so one missing object does
 * not stop the others (kubectl reports it and exits non-zero at the end).
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go.
 */
import { kindInfo } from '../api/kinds';
import { describeFailure, quotedRef } from './names';
import { submit, type ClusterState } from './state';

/** Which object to delete. */
export type DeleteTarget = { kind: string; namespace: string; name: string };

/** The state after the deletes, and one line per target: `... deleted` or the server's error. */
export function deleteObjects(state: ClusterState, targets: DeleteTarget[]): { state: ClusterState; lines: string[]; failed: boolean } {
  let next = state;
  const lines: string[] = [];
  let failed = false;
  for (const target of targets) {
    const namespace = kindInfo(target.kind)?.namespaced ? target.namespace : '';
    const [after, result] = submit(next, { type: 'delete', kind: target.kind, namespace, name: target.name, now: next.now });
    if (!result.ok) {
      failed = true;
      lines.push(describeFailure(result.status));
      continue;
    }
    next = after;
    lines.push(`${quotedRef(target.kind, target.name)} deleted`);
  }
  return { state: next, lines, failed };
}
