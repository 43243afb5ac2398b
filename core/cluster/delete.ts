/**
 * `kubectl delete`: one request per object; each is independent, so one missing object does
 * not stop the others (kubectl reports it and exits non-zero at the end).
 *
 * `--cascade` chooses what happens to dependents, as DELETE's propagationPolicy does: the API
 * server marks a Foreground delete with the `foregroundDeletion` finalizer and an Orphan
 * delete with the `orphan` finalizer, and the garbage collector finishes the job.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go;
 * staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (deletion finalizers).
 */
import { getObject } from '@kata/01-api-machinery/store';
import { kindInfo } from '../api/kinds';
import { deleteObject } from './api-requests';
import { describeFailure, quotedRef } from './names';
import { submit, type ClusterState } from './state';

/** Which object to delete. */
export type DeleteTarget = { kind: string; namespace: string; name: string };

/** DELETE's propagationPolicy (kubectl's `--cascade=background|foreground|orphan`). */
export type Propagation = 'Background' | 'Foreground' | 'Orphan';

const FINALIZER: Record<Propagation, string | undefined> = { Background: undefined, Foreground: 'foregroundDeletion', Orphan: 'orphan' };

/** The state after the deletes, and one line per target: `... deleted` or the server's error. */
export function deleteObjects(state: ClusterState, targets: DeleteTarget[], propagation: Propagation = 'Background'): { state: ClusterState; lines: string[]; failed: boolean } {
  let next = state;
  const lines: string[] = [];
  let failed = false;
  for (const target of targets) {
    const namespace = kindInfo(target.kind)?.namespaced ? target.namespace : '';
    const finalizer = FINALIZER[propagation];
    const existing = getObject(next.store, target.kind, namespace, target.name);
    if (finalizer && existing && !existing.metadata.deletionTimestamp && !existing.metadata.finalizers?.includes(finalizer)) {
      const marked = { ...existing, metadata: { ...existing.metadata, finalizers: [...(existing.metadata.finalizers ?? []), finalizer] } };
      const [after, result] = submit(next, { type: 'update', object: marked, now: next.now });
      if (result.ok) next = after;
    }
    const result = deleteObject(next, { type: 'delete', kind: target.kind, namespace, name: target.name, now: next.now }, existing);
    if (!result.ok) {
      failed = true;
      lines.push(describeFailure(result.status));
      continue;
    }
    next = result.state;
    lines.push(`${quotedRef(target.kind, target.name)} deleted`);
  }
  return { state: next, lines, failed };
}
