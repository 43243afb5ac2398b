/**
 * Kata 10-node-should-run: should this DaemonSet have a pod on this node?
 *
 * The controller answers the way the scheduler would, without asking it: it builds the pod it
 * would create (the template, bound to the node, with the tolerations every daemon pod gets)
 * and runs the scheduler's node-name, node-affinity and taint checks on it. Resources are not
 * checked; the scheduler does that when it binds the pod. The answer has two halves: may a new
 * pod start here (`shouldRun`), and may a pod already here stay (`shouldContinueRunning`).
 * They differ on one point: a `NoSchedule` taint keeps new pods away but does not evict a
 * running one; a `NoExecute` taint does both.
 *
 * Upstream: pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod, predicates,
 * NewPod), pkg/controller/daemon/util/daemonset_util.go (AddOrUpdateDaemonPodTolerations),
 * pkg/apis/core/v1/helper/helpers.go (AddOrUpdateTolerationInPodSpec),
 * staging/src/k8s.io/api/core/v1/toleration.go (MatchToleration).
 */
import { requiredNodeAffinity, requiredNodeAffinityMatches } from '@kata/06-scheduler/node-affinity';
import { findMatchingUntoleratedTaint } from '@kata/06-scheduler/taint-toleration';
import type { DaemonSet, Node, Pod, PodSpec, Taint, Toleration } from '../../core/api/types';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  type NodeShouldRun,
} from '../../core/controllers/daemonset-api';
import { jsonEqual } from '../../core/data/json-equal';
import type { RequiredNodeAffinity } from '../../core/scheduler/types';

/** Upstream Toleration.MatchToleration: same key, effect, operator and value (an absent field is ""). */
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/**
 * Upstream AddOrUpdateTolerationInPodSpec: a toleration that matches `toleration` (see
 * MatchToleration) is replaced by it in place, unless it is already equal, in which case the
 * spec comes back unchanged; with no match, `toleration` is appended.
 */
export function addOrUpdateTolerationInPodSpec(spec: PodSpec, toleration: Toleration): PodSpec {
  const existing = spec.tolerations ?? [];
  const next: Toleration[] = [];
  let updated = false;
  for (const t of existing) {
    if (matchToleration(toleration, t)) {
      if (jsonEqual(toleration, t)) return spec;
      next.push(toleration);
      updated = true;
    } else next.push(t);
  }
  if (!updated) next.push(toleration);
  return { ...spec, tolerations: next };
}

const exists = (key: string, effect: Taint['effect']): Toleration => ({ key, operator: 'Exists', effect });

// #region daemon-tolerations
/**
 * Upstream AddOrUpdateDaemonPodTolerations: a daemon pod is never evicted from a node that
 * turns not-ready or unreachable (no `tolerationSeconds`), and lands on nodes under pressure
 * or cordoned; with `hostNetwork` it also ignores an unconfigured pod network.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): PodSpec {
  let next = spec;
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_NOT_READY, 'NoExecute'));
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_UNREACHABLE, 'NoExecute'));
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_DISK_PRESSURE, 'NoSchedule'));
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule'));
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_PID_PRESSURE, 'NoSchedule'));
  next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule'));
  if (spec.hostNetwork) next = addOrUpdateTolerationInPodSpec(next, exists(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule'));
  return next;
}
// #endregion daemon-tolerations

/**
 * Upstream NewPod: the pod the controller simulates on `nodeName`: the template's metadata
 * and spec in the DaemonSet's namespace, `spec.nodeName` set, the daemon tolerations added.
 */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  const template = ds.spec?.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...template?.metadata, name: template?.metadata?.name ?? '', namespace: ds.metadata.namespace },
    spec: addOrUpdateDaemonPodTolerations({ ...(template?.spec ?? { containers: [] }), nodeName }),
  };
}

/**
 * The parts of the simulated pod that do not depend on the node: its parsed required affinity
 * and its tolerations. They are the same for every node, so they are worked out once per
 * template object (a cache, not state: the answer is what newPod would give every time).
 */
const simulatedByTemplate = new WeakMap<object, { required: RequiredNodeAffinity; tolerations: Toleration[] | undefined }>();
function simulated(ds: DaemonSet): { required: RequiredNodeAffinity; tolerations: Toleration[] | undefined } {
  const key = ds.spec?.template ?? ds;
  let found = simulatedByTemplate.get(key);
  if (found === undefined) {
    const pod = newPod(ds, '');
    found = { required: requiredNodeAffinity(pod), tolerations: pod.spec?.tolerations };
    simulatedByTemplate.set(key, found);
  }
  return found;
}

const noScheduleOrNoExecute = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const noExecute = (t: Taint) => t.effect === 'NoExecute';

// #region should-run
/**
 * Upstream NodeShouldRunDaemonPod:
 * - the template names another node, or the node fails the nodeSelector or required node
 *   affinity: neither run nor continue;
 * - an untolerated NoSchedule or NoExecute taint: do not start a pod, and keep a running one
 *   only if no untolerated NoExecute taint is among them;
 * - otherwise run, and continue running.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeShouldRun {
  const name = node.metadata.name;
  const templateNodeName = ds.spec?.template?.spec?.nodeName ?? '';
  if (templateNodeName !== '' && templateNodeName !== name) return { shouldRun: false, shouldContinueRunning: false };

  const { required, tolerations } = simulated(ds);
  // Upstream ignores the affinity's parse errors here: a term that does not parse matches nothing.
  if (!requiredNodeAffinityMatches(required, node)) return { shouldRun: false, shouldContinueRunning: false };

  const taints = node.spec?.taints;
  if (findMatchingUntoleratedTaint(taints, tolerations, noScheduleOrNoExecute) === undefined) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: findMatchingUntoleratedTaint(taints, tolerations, noExecute) === undefined };
}
// #endregion should-run
