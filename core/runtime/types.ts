/**
 * The contract between the simulation runtime and everything it runs (controllers, the
 * scheduler, kubelets): what a component may read (a {@link View} of its informer caches) and
 * what it may ask for ({@link Intent}s, plain data the runtime turns into API requests).
 * Components never call the store themselves, never read a clock and never draw random
 * numbers: `now` and a seeded random stream come in through the view.
 *
 * Upstream: sigs.k8s.io/controller-runtime pkg/reconcile/reconcile.go (a reconcile request
 * carries only a key), k8s.io/client-go tools/record (events), pods/binding subresource.
 */
import type { KubeObject } from '../api/meta';

/** Identifies an object in intents and events, like `corev1.ObjectReference`. */
export type ObjectReference = {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  fieldPath?: string;
};

/** Something a component wants done; the runtime submits it as an API request. */
export type Intent =
  | { type: 'create'; object: KubeObject }
  | { type: 'update'; object: KubeObject }
  | { type: 'updateStatus'; object: KubeObject }
  | {
      type: 'delete';
      kind: string;
      namespace: string;
      name: string;
      gracePeriodSeconds?: number;
      preconditions?: { uid?: string; resourceVersion?: string };
    }
  /** The pods/binding subresource: set `spec.nodeName` of an unbound pod. */
  | { type: 'bind'; namespace: string; name: string; uid?: string; nodeName: string }
  /** An Event about `involvedObject`, aggregated by (object, reason, message) as the recorder does. */
  | { type: 'event'; involvedObject: ObjectReference; eventType: 'Normal' | 'Warning'; reason: string; message: string; source: string }
  /** Run this component's reconcile for `key` again after `seconds` of simulated time. A `periodic` requeue (a heartbeat) does not keep the cluster from counting as stable. */
  | { type: 'requeueAfter'; key: string; seconds: number; periodic?: boolean };

/** A component's read-only window on the cluster: its informer caches plus the clock. */
export type View = {
  /** The logical time of this reconcile (RFC 3339). */
  now: string;
  /** A number in [0, 1) from the run's seeded stream; each call advances it. */
  random: () => number;
  get: (kind: string, namespace: string, name: string) => KubeObject | undefined;
  /** All cached objects of a kind, sorted by namespace then name; `namespace` narrows. */
  list: (kind: string, namespace?: string) => KubeObject[];
  /** Cached objects of a kind carrying label `key=value`. */
  byLabel: (kind: string, key: string, value: string) => KubeObject[];
  /** Pods bound to a node (`spec.nodeName`). */
  podsOnNode: (nodeName: string) => KubeObject[];
  /** Objects of a kind whose ownerReferences name this owner UID. */
  ownedBy: (kind: string, ownerUid: string) => KubeObject[];
};

/** A level-triggered component: it watches kinds, maps changes to keys, reconciles one key at a time. */
export type Controller = {
  name: string;
  /** Kinds whose watch events feed this component's caches. */
  watches: string[];
  /** Keys (usually `namespace/name`) to enqueue for one changed object. */
  keysFor: (object: KubeObject, view: View) => string[];
  /** Everything that should happen for `key`, computed from the view alone; idempotent. */
  reconcile: (view: View, key: string) => Intent[];
};

/**
 * A component with state of its own outside the API, such as a kubelet and the containers its
 * runtime is running. Its local state is plain data that the runtime stores and passes back in.
 */
export type Agent<Local> = {
  name: string;
  watches: string[];
  keysFor: (object: KubeObject, view: View) => string[];
  reconcile: (view: View, key: string, local: Local) => { intents: Intent[]; local: Local };
};
