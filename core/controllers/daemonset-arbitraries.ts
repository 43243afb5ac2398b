/**
 * fast-check generators for the DaemonSet chapter: nodes whose labels and taints come from
 * small pools (so that DaemonSets match some nodes and not others, tolerate some taints and
 * not others), DaemonSets over the same pools with every update strategy, and a deliberately
 * plain oracle of which nodes should run a daemon pod, written from the kubernetes.io
 * DaemonSet and taint pages rather than from the controller's code.
 */
import fc from 'fast-check';
import type { DaemonSet, DaemonSetUpdateStrategy, Node, Taint, Toleration } from '../api/types';
import type { NodeShouldRun } from './daemonset-api';
import { newDaemonSet, newNode } from './daemonset-fixtures';

/** Taints nodes may carry: custom ones, and the well-known ones every daemon pod tolerates. */
export const TAINT_POOL: readonly Taint[] = Object.freeze([
  { key: 'gpu', value: 'true', effect: 'NoSchedule' },
  { key: 'maintenance', effect: 'NoExecute' },
  { key: 'dedicated', value: 'infra', effect: 'NoSchedule' },
  { key: 'spot', effect: 'PreferNoSchedule' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
]);

/** Tolerations a DaemonSet template may carry. */
export const TOLERATION_POOL: readonly Toleration[] = Object.freeze([
  { key: 'gpu', operator: 'Exists' },
  { key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' },
  { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
]);

/** Labels and taints of one node. */
export type NodeLook = { labels: Record<string, string>; taints: Taint[] };

/** A node's labels (`disk`, `zone`) and taints, each from its pool. */
export function nodeLook(): fc.Arbitrary<NodeLook> {
  return fc.record({
    labels: fc.record({ disk: fc.constantFrom('ssd', 'hdd'), zone: fc.constantFrom('a', 'b') }, { requiredKeys: [] }),
    taints: fc.subarray([...TAINT_POOL], { maxLength: 3 }),
  });
}

/** A node named `name` with the given look. */
export function nodeWithLook(name: string, look: NodeLook): Node {
  return newNode(name, look.labels, look.taints.length > 0 ? look.taints : undefined);
}

/** 0 to `max` nodes named `node-0`, `node-1`, ... */
export function nodes(max = 6): fc.Arbitrary<Node[]> {
  return fc.array(nodeLook(), { maxLength: max }).map((looks) => looks.map((look, i) => nodeWithLook(`node-${i}`, look)));
}

/** Every kind of update strategy: OnDelete, maxUnavailable only, maxSurge only. */
export function updateStrategy(): fc.Arbitrary<DaemonSetUpdateStrategy> {
  return fc.oneof(
    fc.constant<DaemonSetUpdateStrategy>({ type: 'OnDelete' }),
    fc.constantFrom<DaemonSetUpdateStrategy['rollingUpdate']>({ maxUnavailable: 1, maxSurge: 0 }, { maxUnavailable: 2, maxSurge: 0 }, { maxUnavailable: '50%', maxSurge: 0 }).map((rollingUpdate) => ({ type: 'RollingUpdate' as const, rollingUpdate })),
    fc.constantFrom<DaemonSetUpdateStrategy['rollingUpdate']>({ maxUnavailable: 0, maxSurge: 1 }, { maxUnavailable: 0, maxSurge: '50%' }).map((rollingUpdate) => ({ type: 'RollingUpdate' as const, rollingUpdate })),
  );
}

/** How a generated DaemonSet picks and tolerates nodes. */
export type DaemonSetLook = {
  nodeSelector: boolean;
  zoneAffinity: boolean;
  tolerations: Toleration[];
  hostNetwork: boolean;
};

/** A DaemonSet's node selection: `disk: ssd` selector, `zone In [a]` affinity, tolerations. */
export function daemonSetLook(): fc.Arbitrary<DaemonSetLook> {
  return fc.record({ nodeSelector: fc.boolean(), zoneAffinity: fc.boolean(), tolerations: fc.subarray([...TOLERATION_POOL]), hostNetwork: fc.boolean() });
}

/** The DaemonSet `default/<name>` with a look, a strategy and minReadySeconds. */
export function daemonSetWithLook(name: string, look: DaemonSetLook, updateStrategy: DaemonSetUpdateStrategy = { type: 'OnDelete' }, minReadySeconds = 0): DaemonSet {
  return newDaemonSet(
    name,
    {
      ...(look.nodeSelector && { nodeSelector: { disk: 'ssd' } }),
      ...(look.zoneAffinity && { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } }),
      ...(look.tolerations.length > 0 && { tolerations: look.tolerations }),
      ...(look.hostNetwork && { hostNetwork: true }),
    },
    { updateStrategy, ...(minReadySeconds > 0 && { minReadySeconds }) },
  );
}

/** Taints every daemon pod tolerates, by key (kubernetes.io "DaemonSet", "Taints and tolerations"). */
const DAEMON_TOLERATED: Record<string, Taint['effect']> = {
  'node.kubernetes.io/not-ready': 'NoExecute',
  'node.kubernetes.io/unreachable': 'NoExecute',
  'node.kubernetes.io/disk-pressure': 'NoSchedule',
  'node.kubernetes.io/memory-pressure': 'NoSchedule',
  'node.kubernetes.io/pid-pressure': 'NoSchedule',
  'node.kubernetes.io/unschedulable': 'NoSchedule',
};

function tolerated(taint: Taint, tolerations: readonly Toleration[], hostNetwork: boolean): boolean {
  if (DAEMON_TOLERATED[taint.key] === taint.effect) return true;
  if (hostNetwork && taint.key === 'node.kubernetes.io/network-unavailable' && taint.effect === 'NoSchedule') return true;
  return tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === taint.effect) &&
      (t.key === undefined || t.key === taint.key) &&
      (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '')),
  );
}

/**
 * The oracle: the node must carry `disk: ssd` if the look asks for it and `zone: a` if the
 * look has the affinity; then a pod may start unless an untolerated NoSchedule or NoExecute
 * taint is there, and may stay unless an untolerated NoExecute taint is there.
 */
export function expectedShouldRun(node: Node, look: DaemonSetLook): NodeShouldRun {
  const labels = node.metadata.labels ?? {};
  if ((look.nodeSelector && labels.disk !== 'ssd') || (look.zoneAffinity && labels.zone !== 'a')) return { shouldRun: false, shouldContinueRunning: false };
  const untolerated = (node.spec?.taints ?? []).filter((t) => !tolerated(t, look.tolerations, look.hostNetwork));
  return {
    shouldRun: !untolerated.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute'),
  };
}
