/**
 * The assembled cluster's whole state: the store (etcd), the logical clock and the counter
 * that UIDs are drawn from. Plain data, so it can be written to disk between CLI commands and
 * a run can be replayed exactly.
 */
import { initialStore, reduceStore } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../api/meta';
import type { StoreRequest, StoreResult } from '../api/store-types';
import { uidFor } from './uid';

/** The store's state type, whatever the learner's store keeps inside it. */
export type StoreState = ReturnType<typeof initialStore>;

/** Everything the cluster remembers between commands. */
export type ClusterState = {
  /** Bumped when the layout changes, so an old data directory is refused rather than misread. */
  format: 1;
  /** The logical clock (RFC 3339); only `run` advances it. */
  now: string;
  /** How many UIDs have been handed out; the next one derives from this count. */
  uidsIssued: number;
  store: StoreState;
  /** The run's random stream (see core/runtime/rng.ts); seeded by `newCluster`. */
  rng: number;
  /** Node-local state of agents (what each simulated node's container runtime is running), by agent name. */
  agents: Record<string, unknown>;
};

/** Where every new cluster's clock starts. */
export const EPOCH = '2025-01-01T00:00:00Z';

/** Namespaces that exist in every cluster from the start (K8S-SEMANTICS §11). */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Sends one request to the store, supplying the clock and a fresh UID for creates. */
export function submit(state: ClusterState, request: StoreRequest): [ClusterState, StoreResult] {
  const [store, result] = reduceStore(state.store, request);
  const uidsIssued = request.type === 'create' && result.ok ? state.uidsIssued + 1 : state.uidsIssued;
  return [{ ...state, store, uidsIssued }, result];
}

/** A create request stamped with the cluster's clock and next UID. */
export function createRequest(state: ClusterState, object: KubeObject): StoreRequest {
  return { type: 'create', object, now: state.now, uid: uidFor(state.uidsIssued) };
}

/** A new cluster: an empty store plus the system namespaces, at the epoch. */
export function newCluster(seed = 1): ClusterState {
  let state: ClusterState = { format: 1, now: EPOCH, uidsIssued: 0, store: initialStore(), rng: seed, agents: {} };
  for (const name of SYSTEM_NAMESPACES) {
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    [state] = submit(state, createRequest(state, namespace));
  }
  return state;
}
