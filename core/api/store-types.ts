/**
 * The store's requests, answers and watch events: the given types of kata 01-store and
 * 01-watch. The store itself (a reducer) is the kata; these types are its contract with the
 * API server, the CLI and every controller.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/interfaces.go (Interface: Create,
 * GuaranteedUpdate, Delete, Watch), staging/src/k8s.io/apimachinery/pkg/watch/watch.go (Event).
 */
import type { KubeObject, Status } from './meta';

/** A write the store is asked to make. `now` (RFC 3339) and `uid` come from the caller: the store reads no clock and draws no random numbers. */
export type StoreRequest =
  | { type: 'create'; object: KubeObject; now: string; uid: string }
  /** Replaces spec and metadata; `metadata.resourceVersion` non-empty means "only if unchanged". Status changes are ignored, as with a status subresource. */
  | { type: 'update'; object: KubeObject; now: string }
  /** Replaces status only (the `/status` subresource); spec and metadata changes are ignored. */
  | { type: 'updateStatus'; object: KubeObject; now: string }
  | {
      type: 'delete';
      kind: string;
      namespace: string;
      name: string;
      now: string;
      gracePeriodSeconds?: number;
      preconditions?: { uid?: string; resourceVersion?: string };
    };

/** The store's answer: the object as stored after the write, or a Status naming the failure. */
export type StoreResult = { ok: true; object: KubeObject } | { ok: false; status: Status };

/** One change, as a watch delivers it; `object.metadata.resourceVersion` is the change's revision. */
export type WatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
};
