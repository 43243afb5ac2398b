/**
 * The names and numbers the DaemonSet controller works with: the well-known taint keys it
 * tolerates on every daemon pod, the labels it stamps on the pods it creates, its event
 * reasons, its burst limit and back-off, and the shapes its katas pass to each other.
 * They are API or upstream constants, so they are spelled exactly as upstream spells them.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/well_known_taints.go (TaintNode*),
 * staging/src/k8s.io/api/apps/v1/types.go (DefaultDaemonSetUniqueLabelKey,
 * DeprecatedTemplateGeneration), staging/src/k8s.io/api/extensions/v1beta1/types.go
 * (DaemonSetTemplateGenerationKey), pkg/controller/daemon/daemon_controller.go (BurstReplicas,
 * the event reasons), cmd/kube-controller-manager/app/apps.go (the failed-pods back-off).
 */
import type { Pod } from '../api/types';
import type { BackOff } from '../kubelet/backoff';
import type { Runnable } from '../runtime/simulation';
import type { Agent, Intent } from '../runtime/types';

/** The controller's name: the source of its events and its name in the runtime. */
export const DAEMONSET_CONTROLLER_NAME = 'daemonset-controller';

/** What the controller writes into the controller reference of the pods it creates. */
export const DAEMONSET_KIND = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const;

/** The label that carries the hash of the template a daemon pod was made from. */
export const DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY = 'controller-revision-hash';

/** The older label: the template generation a daemon pod was made from. */
export const DAEMONSET_TEMPLATE_GENERATION_KEY = 'pod-template-generation';

/** The DaemonSet annotation that held its template generation, from the days before hashes. */
export const DEPRECATED_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** Set by the node lifecycle controller (NoExecute) while a node's Ready condition is False. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** Set by the node lifecycle controller (NoExecute) while a node's Ready condition is Unknown. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Set (NoSchedule) while a node reports DiskPressure. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** Set (NoSchedule) while a node reports MemoryPressure. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** Set (NoSchedule) while a node reports PIDPressure. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** Set (NoSchedule) on a cordoned node (`spec.unschedulable: true`). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** Set (NoSchedule) while a node's network is not configured. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** Upstream BurstReplicas: the most pods one sync creates, and the most it deletes. */
export const BURST_REPLICAS = 250;

/** The failed-pods back-off starts at 1 s ... */
export const FAILED_PODS_BACKOFF_INITIAL_SECONDS = 1;
/** ... and doubles up to 15 minutes. */
export const FAILED_PODS_BACKOFF_MAX_SECONDS = 15 * 60;

/** Event reason: a daemon pod failed and is being deleted. */
export const FAILED_DAEMON_POD_REASON = 'FailedDaemonPod';
/** Event reason: a daemon pod succeeded (exited 0) and is being deleted. */
export const SUCCEEDED_DAEMON_POD_REASON = 'SucceededDaemonPod';
/** Event reason: the DaemonSet's selector is empty and would select every pod. */
export const SELECTING_ALL_REASON = 'SelectingAll';

/** Upstream NodeShouldRunDaemonPod's two answers. */
export type NodeShouldRun = {
  /** A daemon pod should be created here if there is none. */
  shouldRun: boolean;
  /** A daemon pod already here may stay. */
  shouldContinueRunning: boolean;
};

/** A DaemonSet's pods grouped by the node they target (upstream's `nodeToDaemonPods`). */
export type NodeToDaemonPods = Record<string, Pod[]>;

/** The pods that target `nodeName` (an own property only: a node may well be called "constructor"). */
export function podsTargeting(nodeToDaemonPods: NodeToDaemonPods, nodeName: string): Pod[] | undefined {
  return Object.hasOwn(nodeToDaemonPods, nodeName) ? nodeToDaemonPods[nodeName] : undefined;
}

/** Where a daemon pod belongs (upstream GetTargetNodeName), or why that cannot be told. */
export type TargetNodeName = { nodeName: string } | { error: string };

/** What a sync wants done: a new daemon pod on each of these nodes, and these pods (by name) deleted. */
export type PodChanges = { nodesNeedingDaemonPods: string[]; podsToDelete: string[] };

/** What the per-node loop (upstream manage / podsShouldBeOnNode) decided, with the back-off it leaves behind. */
export type ManagePlan = PodChanges & {
  failedPodsBackoff: BackOff;
  /** FailedDaemonPod / SucceededDaemonPod events about the DaemonSet. */
  events: Intent[];
  /** Set when a failed pod waits out its back-off: sync again after this many seconds. */
  requeueAfterSeconds?: number;
};

/** The new and the old pod on a node (upstream findUpdatedPodsOnNode), or `ok: false` when there are several of either. */
export type UpdatedPodsOnNode = { ok: true; newPod?: Pod; oldPod?: Pod } | { ok: false };

/** A rollout's numbers (upstream updatedDesiredNodeCounts), and the node map with an entry for every node that should run a pod. */
export type DesiredNodeCounts = { maxSurge: number; maxUnavailable: number; desiredNumberScheduled: number; nodeToDaemonPods: NodeToDaemonPods };

/**
 * What the controller keeps outside the API: the failed-pods back-off, keyed
 * `<ds uid>/<observedGeneration>/<node>`. Upstream keeps it in the controller's memory, so
 * it is plain data here that the runtime hands back to every reconcile.
 */
export type DaemonSetControllerState = { failedPodsBackoff: BackOff };

/** A freshly started controller: no back-off entries yet (upstream `flowcontrol.NewBackOff(1s, 15m)`). */
export const INITIAL_DAEMONSET_CONTROLLER_STATE: DaemonSetControllerState = Object.freeze({
  failedPodsBackoff: Object.freeze({
    defaultDurationSeconds: FAILED_PODS_BACKOFF_INITIAL_SECONDS,
    maxDurationSeconds: FAILED_PODS_BACKOFF_MAX_SECONDS,
    perItemBackoff: Object.freeze({}) as BackOff['perItemBackoff'],
  }),
});

/** The runtime entry for the DaemonSet controller: an agent whose local state starts empty. */
export function daemonSetRunnable(agent: Agent<DaemonSetControllerState>): Runnable {
  return { type: 'agent', agent: agent as unknown as Agent<unknown>, initial: INITIAL_DAEMONSET_CONTROLLER_STATE };
}
