/**
 * Safety invariants of the garbage collection chapter, checked after every write of a
 * simulation (core/runtime/harness.ts). Each is built for one scenario, since what must
 * survive depends on what the scenario deletes, and the foreground check remembers which
 * owners it has seen waiting for their dependents.
 */
import type { Pod } from '../api/types';
import type { ClusterState } from '../cluster/state';
import { isDeletingDependents } from './garbage-collection';
import { storedGraph } from './gc-testing';

/** A named check of the cluster after a write. */
export type Invariant = (cluster: ClusterState) => boolean;

/** Nothing outside the deleted tree is ever deleted: every object whose UID is in `survivors` is still stored. */
export function survivorsNeverDeleted(survivors: Iterable<string>): Invariant {
  const wanted = [...survivors];
  return (cluster) => {
    const present = new Set(storedGraph(cluster).map((o) => o.metadata.uid));
    return wanted.every((uid) => present.has(uid));
  };
}

/**
 * An owner deleted in the foreground goes only after its blocking dependents: when an object
 * that was seen with a deletionTimestamp and the `foregroundDeletion` finalizer disappears, no
 * stored object holds a reference to it with `blockOwnerDeletion: true`.
 */
export function foregroundOwnersOutliveBlockingDependents(): Invariant {
  const waiting = new Set<string>();
  return (cluster) => {
    const graph = storedGraph(cluster);
    const present = new Set(graph.map((o) => o.metadata.uid));
    for (const o of graph) if (isDeletingDependents(o) && o.metadata.uid) waiting.add(o.metadata.uid);
    for (const uid of waiting) {
      if (present.has(uid)) continue;
      if (graph.some((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true))) return false;
      waiting.delete(uid);
    }
    return true;
  };
}

/** The pod garbage collector never deletes a pod that runs: every pod named in `protectedPods` (namespace `default`) is still stored. */
export function protectedPodsNeverDeleted(protectedPods: string[]): Invariant {
  return (cluster) => {
    const stored = new Set(storedGraph(cluster).filter((o): o is Pod => o.kind === 'Pod' && o.metadata.namespace === 'default').map((p) => p.metadata.name));
    return protectedPods.every((name) => stored.has(name));
  };
}
