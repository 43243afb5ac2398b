/**
 * The store's requests, answers, state and watch events, and the informer cache's shape: the
 * given types of katas 01-store, 01-watch and 01-informer. The reducers are the katas; these
 * types are their contract with the API server, the CLI and every controller.
 *
 * Upstream: staging/src/k8s.io/apiserver/pkg/storage/interfaces.go (Interface: Create,
 * GuaranteedUpdate, Delete, Watch), staging/src/k8s.io/apimachinery/pkg/watch/watch.go (Event).
 */
import type { ChunkedLog } from '../data/chunked-log';
import type { TransitionTable } from '../docs/transitions';
import type { PMap } from '../data/persistent-map';
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

// ---------------------------------------------------------------------------------------------
// The store's state (kata 01-store). Plain JSON, so the CLI can save it between commands.
// ---------------------------------------------------------------------------------------------

// #region store-state
/** One retained change: the watch event plus the logical time (epoch ms) it was written at. */
export type HistoryEntry = WatchEvent & { writtenAt: number };

/**
 * The recent changes a watch can resume from, oldest first, in a chunked log (appending
 * copies one small chunk, never the whole history). Like etcd after a compaction, the store
 * remembers the newest revision it has forgotten: a watch from an older revision gets 410 Gone.
 */
export type WatchHistory = {
  /** The most entries kept, however recent ({@link HISTORY_CAPACITY} in a new store). */
  capacity: number;
  /** The newest revision whose event is no longer retained (`0` while nothing was dropped). */
  compactedRevision: number;
  /** Retained entries, oldest first, chunks of {@link HISTORY_CHUNK}. */
  log: ChunkedLog<HistoryEntry>;
};

/**
 * Everything the store knows. Upstream etcd keys an object as `/registry/<resource>/<namespace>/<name>`;
 * here `objects[resource]` maps `<namespace>/<name>` (`/<name>` for cluster-scoped kinds) to the object.
 */
export type StoreState = {
  /** The last revision handed out; every successful write takes the next one. */
  revision: number;
  /** Live objects by resource (`pods`, `deployments`), then by `<namespace>/<name>`. */
  objects: Record<string, PMap<KubeObject>>;
  history: WatchHistory;
};
// #endregion store-state

/**
 * How long the history keeps an event, in seconds of logical time measured from the newest
 * write's `now`. etcd's history is compacted every 5 minutes by default
 * (kube-apiserver `--etcd-compaction-interval=5m`; kubernetes.io reference/using-api/api-concepts.md).
 */
export const HISTORY_RETENTION_SECONDS = 300;

/**
 * The most events a new store's history keeps however recent they are, so memory stays
 * bounded when thousands of writes land within five minutes. Upstream's watch cache grows to at most
 * 100 * 1024 events (defaultUpperBoundCapacity, staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go).
 */
export const HISTORY_CAPACITY = 100 * 1024;

/** Entries per history chunk: appending copies the unfinished chunk, so at most this many entries. */
export const HISTORY_CHUNK = 64;

/**
 * Kinds whose registry strategy keeps `metadata.generation`: it is set to 1 on create and
 * bumped when `spec` changes (and once when deletion starts). Other kinds (ConfigMap,
 * Service, Node, ...) have no generation.
 *
 * Upstream: `X.Generation = 1` in PrepareForCreate and `if !apiequality.Semantic.DeepEqual(new.Spec,
 * old.Spec) { new.Generation = old.Generation + 1 }` in PrepareForUpdate of pkg/registry/core/pod,
 * core/replicationcontroller, apps/{deployment,replicaset,statefulset,daemonset}, batch/{job,cronjob},
 * networking/ingress (strategy.go in each).
 */
export const KINDS_WITH_GENERATION: readonly string[] = [
  'Pod',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
];

/** Whether objects of `kind` carry `metadata.generation` (see {@link KINDS_WITH_GENERATION}). */
export function tracksGeneration(kind: string): boolean {
  return KINDS_WITH_GENERATION.includes(kind);
}

/**
 * The life of an object in the store, as the docs draw it. `Terminating` means
 * `metadata.deletionTimestamp` is set: the object is still readable and still changes (its
 * finalizers go away one by one), but it can no longer gain finalizers or lose the timestamp.
 *
 * Upstream: store.go (Delete, updateForGracefulDeletionAndFinalizers, ShouldDeleteDuringUpdate);
 * kubernetes.io concepts/overview/working-with-objects/finalizers.md.
 */
export const objectLifecycle = [
  { from: '[*]', event: 'create', to: 'Live' },
  { from: 'Live', event: 'update, updateStatus', to: 'Live' },
  { from: 'Live', event: 'delete (no finalizers, no grace period)', to: '[*]' },
  { from: 'Live', event: 'delete (finalizers, or a pod grace period)', to: 'Terminating' },
  { from: 'Terminating', event: 'update, updateStatus, delete (finalizers left or grace period running)', to: 'Terminating' },
  { from: 'Terminating', event: 'update removing the last finalizer, grace period 0', to: '[*]' },
  { from: 'Terminating', event: 'delete (grace period cut to 0, no finalizers)', to: '[*]' },
] as const satisfies TransitionTable;

// ---------------------------------------------------------------------------------------------
// Watch (kata 01-watch).
// ---------------------------------------------------------------------------------------------

/** Where a watch starts and what it sees: one kind (all when absent), one namespace (all when absent). */
export type WatchRequest = { kind?: string; namespace?: string; resourceVersion: string };

/** The changes after the requested version, or 410 Gone when they are no longer retained. */
export type WatchResult = { type: 'events'; events: WatchEvent[] } | { type: 'gone'; status: Status };

// ---------------------------------------------------------------------------------------------
// Informer cache (kata 01-informer).
// ---------------------------------------------------------------------------------------------

/**
 * A controller's local copy of one kind, fed by a list and then by watch events, with the
 * indexes controllers query. Keys are `<namespace>/<name>` (`/<name>` when cluster-scoped).
 *
 * Upstream: client-go's thread-safe store and indexer (staging/src/k8s.io/client-go/tools/cache/
 * thread_safe_store.go, index.go), fed by the Reflector (reflector.go).
 */
export type InformerCache = {
  /** The newest resourceVersion seen (from the list or an event): where a watch resumes. */
  resourceVersion: string;
  /** Every cached object by key. */
  objects: PMap<KubeObject>;
  /** For each key ever deleted and not re-added since: the revision of its DELETED event. */
  tombstones: PMap<number>;
  /** namespace → (key → key) of the cached objects in that namespace. */
  byNamespace: PMap<PMap<string>>;
  /** `labelKey=labelValue` → (key → key) of the cached objects carrying that label. */
  byLabel: PMap<PMap<string>>;
};
