/**
 * Kata 10-node-should-run.
 *
 * Examples follow upstream's pkg/controller/daemon/daemon_controller_test.go
 * (TestNodeShouldRunDaemonPod's cases by predicateName, and the taint tests
 * TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod, TestNoExecuteTaintedDoesEvicitRunningIntolerantPod,
 * TestTaintedNodeDaemonDoesNotLaunchIntolerantPod, TestTaintedNodeDaemonLaunchesToleratePod,
 * TestNotReadyNodeDaemonLaunchesPod, TestUnreachableNodeDaemonLaunchesPod,
 * TestTaintPressureNodeDaemonLaunchesPod) and the toleration table of kubernetes.io
 * "DaemonSet" (Taints and tolerations). Properties compare with a plain oracle
 * (core/controllers/daemonset-arbitraries).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addOrUpdateDaemonPodTolerations, addOrUpdateTolerationInPodSpec, newPod, nodeShouldRunDaemonPod } from '@kata/10-daemonset/node-should-run';
import type { DaemonSet, Node, PodSpec, Taint, Toleration } from '../../core/api/types';
import { daemonSetLook, daemonSetWithLook, expectedShouldRun, nodeLook, nodeWithLook, TAINT_POOL } from '../../core/controllers/daemonset-arbitraries';
import { newDaemonSet, newNode, SIMPLE_DAEMONSET_LABEL, SIMPLE_DAEMONSET_LABEL2 } from '../../core/controllers/daemonset-fixtures';
import { runs } from '../../core/testing/runs';

const RUN = { shouldRun: true, shouldContinueRunning: true };
const NEITHER = { shouldRun: false, shouldContinueRunning: false };
const ONLY_CONTINUE = { shouldRun: false, shouldContinueRunning: true };

/** Upstream's test node: labelled simple-daemon, 100M of memory and 1 CPU allocatable. */
function testNode(patch: Partial<Node['spec']> = {}): Node {
  const node = newNode('test-node', { ...SIMPLE_DAEMONSET_LABEL });
  return { ...node, spec: { ...node.spec, ...patch }, status: { ...node.status, allocatable: { memory: '100M', cpu: '1', pods: '100' } } };
}

const requests = (memory: string, cpu: string): Partial<PodSpec> => ({ containers: [{ name: 'foo', image: 'foo/bar', resources: { requests: { memory, cpu } } }] });
const typeAffinity = (value: string): Partial<PodSpec> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: [value] }] }] } } },
});

describe('nodeShouldRunDaemonPod: TestNodeShouldRunDaemonPod', () => {
  test('ShouldRunDaemonPod: a node that fits runs the pod', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', requests('50M', '0.5')))).toEqual(RUN);
  });

  test('InsufficientResourceError: resources are not the controller\'s business, the scheduler checks them', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', requests('200M', '0.5')))).toEqual(RUN);
  });

  test('ErrPodNotMatchHostName: a template that names another node runs nowhere else', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', { ...requests('50M', '0.5'), nodeName: 'other-node' }))).toEqual(NEITHER);
  });

  test('a template that names this node runs here', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', { nodeName: 'test-node' }))).toEqual(RUN);
  });

  test('ErrNodeSelectorNotMatch: a nodeSelector the node does not satisfy means neither run nor continue', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', { nodeSelector: { ...SIMPLE_DAEMONSET_LABEL2 } }))).toEqual(NEITHER);
  });

  test('a nodeSelector the node satisfies runs the pod', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', { nodeSelector: { ...SIMPLE_DAEMONSET_LABEL } }))).toEqual(RUN);
  });

  test('ErrPodAffinityNotMatch: required node affinity the node does not satisfy means neither', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', typeAffinity('test')))).toEqual(NEITHER);
  });

  test('required node affinity the node satisfies runs the pod', () => {
    expect(nodeShouldRunDaemonPod(testNode(), newDaemonSet('ds', typeAffinity('production')))).toEqual(RUN);
  });

  test('ShouldRunDaemonPodOnUnschedulableNode: a cordoned node still runs daemon pods', () => {
    expect(nodeShouldRunDaemonPod(testNode({ unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), newDaemonSet('ds'))).toEqual(RUN);
  });
});

describe('nodeShouldRunDaemonPod: taints', () => {
  const dedicated = (effect: Taint['effect']): Taint[] => [{ key: 'dedicated', value: 'user1', effect }];
  const tolerateDedicated: Toleration[] = [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }];

  test('an untolerated NoSchedule taint keeps new pods away but lets a running one stay (TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod)', () => {
    expect(nodeShouldRunDaemonPod(newNode('tainted', undefined, dedicated('NoSchedule')), newDaemonSet('intolerant'))).toEqual(ONLY_CONTINUE);
  });

  test('an untolerated NoExecute taint also evicts a running pod (TestNoExecuteTaintedDoesEvicitRunningIntolerantPod)', () => {
    expect(nodeShouldRunDaemonPod(newNode('tainted', undefined, dedicated('NoExecute')), newDaemonSet('intolerant'))).toEqual(NEITHER);
  });

  test('a tolerated NoSchedule taint runs the pod (TestTaintedNodeDaemonLaunchesToleratePod)', () => {
    expect(nodeShouldRunDaemonPod(newNode('tainted', undefined, dedicated('NoSchedule')), newDaemonSet('tolerate', { tolerations: tolerateDedicated }))).toEqual(RUN);
  });

  test('a PreferNoSchedule taint never keeps a daemon pod away', () => {
    expect(nodeShouldRunDaemonPod(newNode('soft', undefined, dedicated('PreferNoSchedule')), newDaemonSet('ds'))).toEqual(RUN);
  });

  test('a not-ready node (not-ready:NoExecute) runs daemon pods (TestNotReadyNodeDaemonLaunchesPod)', () => {
    const node = newNode('tainted', undefined, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
    expect(nodeShouldRunDaemonPod({ ...node, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, newDaemonSet('simple'))).toEqual(RUN);
  });

  test('an unreachable node (unreachable:NoExecute) runs daemon pods (TestUnreachableNodeDaemonLaunchesPod)', () => {
    expect(nodeShouldRunDaemonPod(newNode('tainted', undefined, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), newDaemonSet('simple'))).toEqual(RUN);
  });

  test('memory, disk and PID pressure taints do not keep daemon pods away (TestTaintPressureNodeDaemonLaunchesPod)', () => {
    const taints: Taint[] = ['disk-pressure', 'memory-pressure', 'pid-pressure'].map((k) => ({ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' }));
    expect(nodeShouldRunDaemonPod(newNode('resources-pressure', undefined, taints), newDaemonSet('critical'))).toEqual(RUN);
  });

  test('network-unavailable keeps a daemon pod away unless it uses the host network', () => {
    const node = newNode('no-network', undefined, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(node, newDaemonSet('pod-network')), 'pod network').toEqual(ONLY_CONTINUE);
    expect(nodeShouldRunDaemonPod(node, newDaemonSet('host-network', { hostNetwork: true })), 'hostNetwork: true').toEqual(RUN);
  });

  test('a node the selector rejects gives neither, whatever it tolerates', () => {
    const node = newNode('tainted', { disk: 'hdd' }, dedicated('NoSchedule'));
    expect(nodeShouldRunDaemonPod(node, newDaemonSet('ds', { nodeSelector: { disk: 'ssd' }, tolerations: tolerateDedicated }))).toEqual(NEITHER);
  });
});

describe('addOrUpdateDaemonPodTolerations', () => {
  const DAEMON_TOLERATIONS: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];

  test('a spec without tolerations gets the six daemon tolerations, in upstream order, none with tolerationSeconds', () => {
    expect(addOrUpdateDaemonPodTolerations({ containers: [] }).tolerations).toEqual(DAEMON_TOLERATIONS);
  });

  test('a hostNetwork pod also tolerates network-unavailable:NoSchedule', () => {
    expect(addOrUpdateDaemonPodTolerations({ containers: [], hostNetwork: true }).tolerations).toEqual([
      ...DAEMON_TOLERATIONS,
      { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  test('the template\'s own tolerations come first and stay', () => {
    const own: Toleration = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };
    expect(addOrUpdateDaemonPodTolerations({ containers: [], tolerations: [own] }).tolerations).toEqual([own, ...DAEMON_TOLERATIONS]);
  });

  test('a not-ready toleration with tolerationSeconds is replaced in place: daemon pods are never evicted from not-ready nodes', () => {
    const limited: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
    const other: Toleration = { key: 'gpu', operator: 'Exists' };
    const tolerations = addOrUpdateDaemonPodTolerations({ containers: [], tolerations: [limited, other] }).tolerations;
    expect(tolerations?.[0]).toEqual(DAEMON_TOLERATIONS[0]);
    expect(tolerations?.[1]).toEqual(other);
    expect(tolerations).toHaveLength(7);
  });

  test('the template spec passed in is not changed', () => {
    const spec: PodSpec = { containers: [], tolerations: [{ key: 'gpu', operator: 'Exists' }] };
    const copy = structuredClone(spec);
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec).toEqual(copy);
  });
});

describe('addOrUpdateTolerationInPodSpec', () => {
  test('an equal toleration is not added twice', () => {
    const t: Toleration = { key: 'a', operator: 'Exists', effect: 'NoSchedule' };
    expect(addOrUpdateTolerationInPodSpec({ containers: [], tolerations: [t] }, { ...t }).tolerations).toEqual([t]);
  });

  test('a toleration with another operator, value or effect is a different toleration and is appended', () => {
    const t: Toleration = { key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' };
    const other: Toleration = { key: 'a', operator: 'Exists', effect: 'NoSchedule' };
    expect(addOrUpdateTolerationInPodSpec({ containers: [], tolerations: [t] }, other).tolerations).toEqual([t, other]);
  });
});

describe('newPod', () => {
  test('the simulated pod is the template bound to the node, in the DaemonSet\'s namespace, with the daemon tolerations', () => {
    const ds: DaemonSet = { ...newDaemonSet('ds', { nodeSelector: { a: 'b' } }), metadata: { name: 'ds', namespace: 'kube-system', uid: 'u' } };
    const pod = newPod(ds, 'node-7');
    expect(pod.metadata.namespace).toBe('kube-system');
    expect(pod.metadata.labels).toEqual(SIMPLE_DAEMONSET_LABEL);
    expect(pod.spec?.nodeName).toBe('node-7');
    expect(pod.spec?.nodeSelector).toEqual({ a: 'b' });
    expect(pod.spec?.tolerations).toHaveLength(6);
  });
});

describe('properties', () => {
  test('on generated nodes and DaemonSets the answer agrees with the documented rules', () => {
    fc.assert(
      fc.property(nodeLook(), daemonSetLook(), (n, d) => {
        const node = nodeWithLook('n', n);
        expect(nodeShouldRunDaemonPod(node, daemonSetWithLook('ds', d))).toEqual(expectedShouldRun(node, d));
      }),
      runs(300),
    );
  });

  test('shouldRun implies shouldContinueRunning', () => {
    fc.assert(
      fc.property(nodeLook(), daemonSetLook(), (n, d) => {
        const answer = nodeShouldRunDaemonPod(nodeWithLook('n', n), daemonSetWithLook('ds', d));
        expect(!answer.shouldRun || answer.shouldContinueRunning).toBe(true);
      }),
      runs(200),
    );
  });

  test('a new untolerated NoSchedule taint never evicts a running daemon pod, a NoExecute one always does', () => {
    fc.assert(
      fc.property(nodeLook(), daemonSetLook(), fc.constantFrom('NoSchedule', 'NoExecute') as fc.Arbitrary<Taint['effect']>, (n, d, effect) => {
        const ds = daemonSetWithLook('ds', d);
        const before = nodeShouldRunDaemonPod(nodeWithLook('n', n), ds);
        fc.pre(before.shouldContinueRunning);
        const after = nodeShouldRunDaemonPod(nodeWithLook('n', { ...n, taints: [...n.taints, { key: 'brand-new', effect }] }), ds);
        expect(after.shouldRun, 'no new pod may start').toBe(false);
        expect(after.shouldContinueRunning, `the running pod after a ${effect} taint`).toBe(effect === 'NoSchedule');
      }),
      runs(200),
    );
  });

  test('the taints the cluster itself sets on sick or cordoned nodes never keep a daemon pod away', () => {
    const wellKnown = TAINT_POOL.filter((t) => t.key.startsWith('node.kubernetes.io/'));
    fc.assert(
      fc.property(fc.subarray(wellKnown, { minLength: 1 }), (taints) => {
        expect(nodeShouldRunDaemonPod(newNode('sick', undefined, taints), newDaemonSet('ds'))).toEqual(RUN);
      }),
      runs(50),
    );
  });

  test('adding the daemon tolerations twice is the same as adding them once', () => {
    fc.assert(
      fc.property(fc.subarray([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 5 }, { key: 'gpu' }]), fc.boolean(), (tolerations, hostNetwork) => {
        const once = addOrUpdateDaemonPodTolerations({ containers: [], tolerations, hostNetwork });
        expect(addOrUpdateDaemonPodTolerations(once)).toEqual(once);
      }),
      runs(50),
    );
  });
});
