/**
 * Kata 07-replication-controller.
 *
 * Defaults: SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go). The nginx RC is
 * the example of kubernetes.io "ReplicationController" (controllers/replication.yaml). The
 * scenarios are the seed notes' description of a Replication Controller: it keeps the set
 * number of pods; if a pod that stopped responding comes back, one pod is terminated; raising
 * the count to 5 starts 2 new pods at once.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rcToReplicaSet, replicaSetStatusToRC, replicationControllerController, replicationControllerKind } from '@kata/07-replicaset/replication-controller';
import { replicaSetController } from '@kata/07-replicaset/replicaset-controller';
import type { KubeObject } from '../../core/api/meta';
import type { Pod } from '../../core/api/types';
import { submit } from '../../core/cluster/state';
import { webReplicaSet } from '../../core/controllers/arbitraries';
import { getControllerOf } from '../../core/controllers/owner-references';
import { isPodActive } from '../../core/controllers/pod-status';
import type { ReplicationController } from '../../core/controllers/replication-controller-types';
import { activeOwnedPods, allPods, fakeKubelet, firstSeededUid, freshView, storedObject, withoutServerFields } from '../../core/controllers/testing';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Runnable, type Simulation } from '../../core/runtime/simulation';
import { runs } from '../../core/testing/runs';

/** kubernetes.io's nginx ReplicationController. */
function nginx(replicas = 3, extra: Partial<ReplicationController['spec']> = {}): ReplicationController {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: {
      replicas,
      selector: { app: 'nginx' },
      template: { metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
      ...extra,
    },
  };
}

const withoutSelector = (rc: ReplicationController): ReplicationController => {
  const { selector: _s, ...spec } = rc.spec ?? {};
  return { ...rc, spec };
};

const plus = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');
const settle = (sim: Simulation) => runSimulation(sim, { until: plus(sim.cluster.now, 600), untilStable: true });
const running = (): Runnable[] => [
  { type: 'controller', controller: replicationControllerController },
  { type: 'controller', controller: fakeKubelet },
];
const storedRc = (sim: Simulation) => storedObject(sim.cluster, 'ReplicationController', 'default', 'nginx') as ReplicationController;

function userWrite(sim: Simulation, request: Parameters<typeof submit>[1]): void {
  const [cluster, result] = submit(sim.cluster, request);
  if (!result.ok) throw new Error(result.status.message);
  sim.cluster = cluster;
}

describe('rcToReplicaSet', () => {
  test('the map selector becomes matchLabels', () => {
    expect(rcToReplicaSet(nginx()).spec?.selector).toEqual({ matchLabels: { app: 'nginx' } });
  });

  test('a missing selector defaults to the template\'s labels', () => {
    expect(rcToReplicaSet(withoutSelector(nginx())).spec?.selector).toEqual({ matchLabels: { app: 'nginx' } });
  });

  test('an empty selector also defaults to the template\'s labels', () => {
    expect(rcToReplicaSet(nginx(3, { selector: {} })).spec?.selector).toEqual({ matchLabels: { app: 'nginx' } });
  });

  test('empty metadata.labels default to the template\'s labels, given ones are kept', () => {
    expect(rcToReplicaSet(nginx()).metadata.labels).toEqual({ app: 'nginx' });
    const labelled = { ...nginx(), metadata: { ...nginx().metadata, labels: { team: 'a' } } };
    expect(rcToReplicaSet(labelled).metadata.labels).toEqual({ team: 'a' });
  });

  test('spec.replicas defaults to 1', () => {
    const { replicas: _r, ...spec } = nginx().spec ?? {};
    expect(rcToReplicaSet({ ...nginx(), spec }).spec?.replicas).toBe(1);
  });

  test('without a selector or template labels the ReplicaSet has no selector, so it selects nothing', () => {
    const rc = withoutSelector(nginx(3, { template: { spec: { containers: [] } } }));
    expect(rcToReplicaSet(rc).spec?.selector).toBeUndefined();
  });

  test('minReadySeconds, template, metadata and status are carried over', () => {
    const rc = { ...nginx(2, { minReadySeconds: 10 }), metadata: { name: 'nginx', namespace: 'default', uid: 'u1', generation: 3 }, status: { replicas: 2, readyReplicas: 1 } };
    const rs = rcToReplicaSet(rc);
    expect(rs.spec?.minReadySeconds).toBe(10);
    expect(rs.spec?.template).toEqual(rc.spec?.template);
    expect(rs.metadata).toMatchObject({ name: 'nginx', namespace: 'default', uid: 'u1', generation: 3 });
    expect(rs.status).toEqual({ replicas: 2, readyReplicas: 1 });
  });
});

describe('replicaSetStatusToRC', () => {
  test('every field an RC status has is kept', () => {
    const status = { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4, conditions: [{ type: 'ReplicaFailure', status: 'True' as const }] };
    expect(replicaSetStatusToRC(status)).toEqual(status);
  });

  test('terminatingReplicas, which an RC does not have, is dropped', () => {
    expect(replicaSetStatusToRC({ replicas: 1, terminatingReplicas: 2 })).toEqual({ replicas: 1 });
  });
});

describe('the ReplicationController controller', () => {
  test('it watches ReplicationControllers and Pods, under its own name', () => {
    expect(replicationControllerController.name).toBe('replication-controller');
    expect(replicationControllerController.watches).toEqual(['ReplicationController', 'Pod']);
    const cluster = seedCluster([nginx()]);
    expect(replicationControllerController.reconcile(freshView(cluster, replicationControllerController.watches), 'default/nginx')).toHaveLength(4);
  });

  test('its pods name the RC (v1 ReplicationController) as controller and take its name as prefix', () => {
    const cluster = seedCluster([nginx()]);
    const uid = (storedObject(cluster, 'ReplicationController', 'default', 'nginx') as KubeObject).metadata.uid;
    const intents = replicationControllerController.reconcile(freshView(cluster, ['ReplicationController', 'Pod']), 'default/nginx');
    const creates = intents.flatMap((i) => (i.type === 'create' ? [i.object] : []));
    expect(creates).toHaveLength(3);
    for (const pod of creates) {
      expect(pod.metadata.generateName).toBe('nginx-');
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid, controller: true, blockOwnerDeletion: true }]);
    }
  });

  test('it writes the status back onto the RC', () => {
    const sim = startSimulation(seedCluster([nginx()]), running());
    settle(sim);
    const rc = storedRc(sim);
    expect(rc.kind).toBe('ReplicationController');
    expect(rc.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  test('the adapter reads through rcToReplicaSet and writes through replicaSetStatusToRC', () => {
    expect(replicationControllerKind.read(nginx())).toEqual(rcToReplicaSet(nginx()));
    expect(replicationControllerKind.writeStatus(nginx(), { replicas: 2, terminatingReplicas: 1 }).status).toEqual({ replicas: 2 });
  });
});

describe('the seed notes\' Replication Controller', () => {
  test('it keeps 3 pods; when a pod that stopped answering comes back, one pod is terminated to keep 3', () => {
    const sim = startSimulation(seedCluster([nginx()]), running());
    settle(sim);
    const uid = storedRc(sim).metadata.uid ?? '';
    const [lost] = activeOwnedPods(sim.cluster, uid);
    if (!lost) throw new Error('the RC should have created 3 pods');
    // The pod drops out of the RC's sight (its label is gone), so the RC replaces it ...
    userWrite(sim, { type: 'update', object: { ...lost, metadata: { ...lost.metadata, labels: { app: 'unreachable' } } }, now: sim.cluster.now });
    settle(sim);
    expect(activeOwnedPods(sim.cluster, uid), 'replaced: 3 again').toHaveLength(3);
    // ... then comes back: 4 matching pods, one too many.
    const back = storedObject(sim.cluster, 'Pod', 'default', lost.metadata.name) as Pod;
    userWrite(sim, { type: 'update', object: { ...back, metadata: { ...back.metadata, labels: { app: 'nginx' } } }, now: sim.cluster.now });
    settle(sim);
    expect(activeOwnedPods(sim.cluster, uid), 'one terminated: 3').toHaveLength(3);
    expect(allPods(sim.cluster).filter((p) => isPodActive(p) && p.metadata.labels?.app === 'nginx')).toHaveLength(3);
  });

  test('raising the count to 5 starts the 2 new pods at once, in one sync', () => {
    const sim = startSimulation(seedCluster([nginx()]), running());
    settle(sim);
    const rc = storedRc(sim);
    userWrite(sim, { type: 'update', object: { ...rc, spec: { ...rc.spec, replicas: 5 } }, now: sim.cluster.now });
    const intents = replicationControllerController.reconcile(freshView(sim.cluster, ['ReplicationController', 'Pod']), 'default/nginx');
    expect(intents.filter((i) => i.type === 'create')).toHaveLength(2);
    settle(sim);
    expect(activeOwnedPods(sim.cluster, rc.metadata.uid ?? '')).toHaveLength(5);
  });
});

describe('properties', () => {
  test('an RC and a ReplicaSet with the same selector never take each other\'s pods: each keeps its own count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.nat(100), (rcReplicas, rsReplicas, seed) => {
        const rs = webReplicaSet(rsReplicas);
        const rc = { ...nginx(rcReplicas), spec: { ...nginx(rcReplicas).spec, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } } };
        const sim = startSimulation(seedCluster([withoutServerFields(rs), rc], seed + 1), [
          { type: 'controller', controller: replicaSetController },
          { type: 'controller', controller: replicationControllerController },
          { type: 'controller', controller: fakeKubelet },
        ]);
        settle(sim);
        const rsUid = (storedObject(sim.cluster, 'ReplicaSet', 'default', 'web') as KubeObject).metadata.uid ?? '';
        const rcUid = storedRc(sim).metadata.uid ?? '';
        // Each adopts nothing the other controls; which one adopts a pod first does not matter.
        expect(activeOwnedPods(sim.cluster, rsUid)).toHaveLength(rsReplicas);
        expect(activeOwnedPods(sim.cluster, rcUid)).toHaveLength(rcReplicas);
        for (const pod of allPods(sim.cluster).filter(isPodActive)) expect([rsUid, rcUid]).toContain(getControllerOf(pod)?.uid);
      }),
      runs(30),
    );
  });

  test('under any fault schedule the RC converges to `replicas` pods and stays there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), faultScheduleArbitrary(40, 6), (replicas, faults) => {
        const rc = nginx(replicas);
        const uid = firstSeededUid(rc);
        const result = simulate({ objects: [rc], runnables: running(), faults });
        const trace = formatTrace(result);
        expect(result.stable, trace).toBe(true);
        expect(result.writesAfterStable, trace).toBe(0);
        expect(activeOwnedPods(result.cluster, uid), trace).toHaveLength(replicas);
      }),
      runs(25),
    );
  });
});
