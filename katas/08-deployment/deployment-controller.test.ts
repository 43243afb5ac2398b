/**
 * Kata 08-deployment-controller: the whole controller.
 *
 * Examples: TestSyncDeploymentCreatesReplicaSet, TestSyncDeploymentDontDoAnythingDuringDeletion,
 * TestDontSyncDeploymentsWithEmptyPodSelector, TestGetReplicaSetsForDeployment,
 * TestGetReplicaSetsForDeploymentAdoptRelease, TestPodDeletionEnqueuesRecreateDeployment,
 * TestPodDeletionDoesntEnqueueRecreateDeployment and the ReplicaSet handlers of
 * pkg/controller/deployment/deployment_controller_test.go.
 *
 * Properties, run with this controller, the ReplicaSet controller of chapter 07 and a paced
 * stand-in kubelet (pods ready a few seconds after creation, gone a few seconds after deletion):
 * - the promise of kubernetes.io "Deployments" > Rolling Update Deployment, checked after
 *   every write of a rollout: at most replicas + maxSurge pods, at least replicas −
 *   maxUnavailable available;
 * - eventually stable reconciliation under fault schedules: once the faults stop, the
 *   Deployment converges and a restart of every component writes nothing;
 * - with the world held still, reconciling what its own writes produced reaches a fixed point;
 * - a model-based run of `kubectl set image`, `scale`, `rollout pause` and `resume`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeManifest } from '@kata/01-api-machinery/decode';
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import { selectorFromSet } from '@kata/02-labels-selectors/label-selector';
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import { rollbackTemplate } from '@kata/08-deployment/history';
import { replicaSetController } from '@kata/07-replicaset/replicaset-controller';
import { deploymentController, keysForObject, syncDeployment } from '@kata/08-deployment/deployment-controller';
import type { KubeObject } from '../../core/api/meta';
import type { Deployment, Pod, ReplicaSet } from '../../core/api/types';
import type { ClusterState } from '../../core/cluster/state';
import { deploymentRef } from '../../core/controllers/deployment-fixtures';
import { repoRoot } from '../../core/kata/target';
import { submit } from '../../core/cluster/state';
import { addObjects, deploymentManifest, editDeployment, pacedKubelet, replicaSetsOf, setImage, type DeploymentShape } from '../../core/controllers/deployment-testing';
import { activePodsAtMost, availablePodsAtLeast, deploymentNotConverged } from '../../core/controllers/deployment.invariants';
import { applyIntents, firstSeededUid, freshView } from '../../core/controllers/testing';
import { faultScheduleArbitrary } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import { runSimulation, startSimulation, type Runnable, type Simulation } from '../../core/runtime/simulation';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const KINDS = ['Deployment', 'ReplicaSet', 'Pod'];
const runnables = (readySeconds = 3): Runnable[] => [
  { type: 'controller', controller: deploymentController },
  { type: 'controller', controller: replicaSetController },
  { type: 'controller', controller: pacedKubelet({ readySeconds, stopSeconds: 2 }) },
];
const stored = (cluster: ClusterState, name = 'web') => getObject(cluster.store, 'Deployment', 'default', name) as Deployment;
const reconcile = (cluster: ClusterState, name = 'web') => syncDeployment(freshView(cluster, KINDS), `default/${name}`);
const describeIntent = (i: Intent) =>
  i.type === 'create' || i.type === 'update' || i.type === 'updateStatus' ? `${i.type} ${i.object.kind} ${i.object.metadata.name}` : i.type === 'event' ? `event ${i.reason}` : i.type === 'delete' ? `delete ${i.kind} ${i.name}` : i.type;
const later = (now: string, seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** A ReplicaSet of `d` (by its stored UID) running `image`, sized `replicas`, as an earlier rollout left it. */
function oldReplicaSet(d: Deployment, image: string, replicas: number, owned = true): ReplicaSet {
  const labels = { app: d.metadata.name, 'pod-template-hash': `old-${image.replace(/[^a-z0-9]/g, '')}` };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${labels['pod-template-hash']}`, namespace: 'default', labels, ...(owned && { ownerReferences: [deploymentRef(d)] }), annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } } },
  };
}

describe('syncDeployment: upstream examples', () => {
  // TestSyncDeploymentCreatesReplicaSet
  test('a new Deployment gets its ReplicaSet created and its status written', () => {
    const cluster = seedCluster([deploymentManifest({ replicas: 1 })]);
    expect(reconcile(cluster).map(describeIntent)).toEqual([expect.stringMatching(/^create ReplicaSet web-/), 'event ScalingReplicaSet', 'updateStatus Deployment web']);
  });

  // TestSyncDeploymentDontDoAnythingDuringDeletion
  test('a Deployment being deleted only gets its status written', () => {
    let cluster = seedCluster([{ ...deploymentManifest({ replicas: 1 }), metadata: { name: 'web', namespace: 'default', finalizers: ['example.com/hold'] } }]);
    cluster = applyIntents(cluster, [{ type: 'delete', kind: 'Deployment', namespace: 'default', name: 'web' }]);
    expect(stored(cluster).metadata.deletionTimestamp, 'the finalizer keeps it around').toBeDefined();
    expect(reconcile(cluster).map(describeIntent)).toEqual(['updateStatus Deployment web']);
  });

  // TestDontSyncDeploymentsWithEmptyPodSelector
  test('a Deployment selecting everything gets only a SelectingAll warning and its observedGeneration', () => {
    const everything = { ...deploymentManifest({ replicas: 1 }), spec: { ...deploymentManifest({ replicas: 1 }).spec!, selector: {} } };
    const intents = reconcile(seedCluster([everything]));
    expect(intents.map(describeIntent)).toEqual(['event SelectingAll', 'updateStatus Deployment web']);
    const event = intents[0] as Extract<Intent, { type: 'event' }>;
    expect([event.eventType, event.message]).toEqual(['Warning', 'This deployment is selecting all pods. A non-empty selector is required.']);
    expect((intents[1] as Extract<Intent, { type: 'updateStatus' }>).object.status).toMatchObject({ observedGeneration: 1 });
  });

  // TestGetReplicaSetsForDeployment: two Deployments with the same labels, each owning one ReplicaSet.
  test("a Deployment leaves another Deployment's ReplicaSet alone even when it matches", () => {
    const foo = { ...deploymentManifest({ name: 'foo', replicas: 1 }), spec: { ...deploymentManifest({ name: 'foo', replicas: 1 }).spec!, selector: { matchLabels: { app: 'web' } } } };
    const bar = { ...deploymentManifest({ name: 'bar', replicas: 1 }), spec: { ...deploymentManifest({ name: 'bar', replicas: 1 }).spec!, selector: { matchLabels: { app: 'web' } } } };
    let cluster = seedCluster([foo, bar]);
    const rsOfBar = { ...oldReplicaSet(stored(cluster, 'bar'), 'nginx:1.14.2', 1), metadata: { ...oldReplicaSet(stored(cluster, 'bar'), 'nginx:1.14.2', 1).metadata, name: 'rs-bar', labels: { app: 'web' } } };
    cluster = addObjects(cluster, [rsOfBar]);
    expect(reconcile(cluster, 'foo').map(describeIntent).filter((s) => s.includes('rs-bar'))).toEqual([]);
  });

  // TestGetReplicaSetsForDeploymentAdoptRelease
  test('an orphan ReplicaSet that matches is adopted, and an owned one that no longer matches is released', () => {
    let cluster = seedCluster([deploymentManifest({ replicas: 1 })]);
    const d = stored(cluster);
    const adopt = { ...oldReplicaSet(d, 'nginx:1.14.2', 1, false), metadata: { ...oldReplicaSet(d, 'nginx:1.14.2', 1, false).metadata, name: 'rs-adopt' } };
    const releaseBase = oldReplicaSet(d, 'nginx:1.14.2', 1);
    const release = { ...releaseBase, metadata: { ...releaseBase.metadata, name: 'rs-release', labels: { app: 'notweb' } } };
    cluster = addObjects(cluster, [adopt, release]);
    const intents = reconcile(cluster);
    const written = (name: string) => intents.find((i): i is Extract<Intent, { type: 'update' }> => i.type === 'update' && i.object.metadata.name === name);
    expect(written('rs-adopt')?.object.metadata.ownerReferences, 'adopted').toEqual([deploymentRef(d)]);
    expect(written('rs-release')?.object.metadata.ownerReferences ?? [], 'released').toEqual([]);
  });

  test('a size change in the middle of a rollout is spread in proportion, before any rollout step (the docs example)', () => {
    let cluster = seedCluster([deploymentManifest({ replicas: 15, maxSurge: 3, maxUnavailable: 2, image: 'nginx:1.16.1' })]);
    const d = stored(cluster);
    const sized = (rs: ReplicaSet, revision: string, available: number): KubeObject => ({
      ...rs,
      metadata: { ...rs.metadata, annotations: { 'deployment.kubernetes.io/revision': revision, 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' } },
      status: { replicas: rs.spec!.replicas!, readyReplicas: available, availableReplicas: available },
    });
    cluster = addObjects(cluster, [sized(oldReplicaSet(d, 'nginx:1.14.2', 8), '1', 8), sized(oldReplicaSet(d, 'nginx:1.16.1', 5), '2', 0)]);
    const scaled = Object.fromEntries(
      reconcile(cluster).flatMap((i) => (i.type === 'update' && i.object.kind === 'ReplicaSet' ? [[(i.object as ReplicaSet).spec!.template!.spec!.containers[0]!.image, (i.object as ReplicaSet).spec!.replicas]] : [])),
    );
    expect(scaled).toEqual({ 'nginx:1.14.2': 11, 'nginx:1.16.1': 7 });
  });

  test('a paused Deployment records the pause and does not roll out a new template', () => {
    let cluster = seedCluster([deploymentManifest({ replicas: 2 })]);
    cluster = addObjects(cluster, [oldReplicaSet(stored(cluster), 'nginx:1.13', 2)]);
    cluster = editDeployment(cluster, 'default', 'web', (spec) => ({ ...spec, paused: true }));
    const intents = reconcile(cluster);
    expect(intents.filter((i) => i.type === 'create')).toEqual([]);
    const status = intents.find((i): i is Extract<Intent, { type: 'updateStatus' }> => i.type === 'updateStatus')?.object.status as Deployment['status'];
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
  });
});

describe('keysForObject', () => {
  const base = () => {
    const cluster = seedCluster([deploymentManifest({ replicas: 1, strategy: 'Recreate' }), deploymentManifest({ name: 'api', replicas: 1 })]);
    const rs = oldReplicaSet(stored(cluster), 'nginx:1.13', 1);
    const withRS = addObjects(cluster, [rs]);
    const rsStored = getObject(withRS.store, 'ReplicaSet', 'default', rs.metadata.name) as ReplicaSet;
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-pod', namespace: 'default', uid: 'uid-pod', labels: rs.spec!.template!.metadata!.labels!, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsStored.metadata.name, uid: rsStored.metadata.uid!, controller: true }] } };
    return { cluster: withRS, rs: rsStored, pod };
  };

  test('a Deployment wakes itself', () => {
    const { cluster } = base();
    expect(keysForObject(stored(cluster), freshView(cluster, KINDS))).toEqual(['default/web']);
  });

  test('a ReplicaSet wakes the Deployment that controls it', () => {
    const { cluster, rs } = base();
    expect(keysForObject(rs, freshView(cluster, KINDS))).toEqual(['default/web']);
  });

  test('an orphan ReplicaSet wakes every Deployment whose selector matches it', () => {
    const { cluster, rs } = base();
    const orphan = { ...rs, metadata: { ...rs.metadata, ownerReferences: [] } };
    expect(keysForObject(orphan, freshView(cluster, KINDS))).toEqual(['default/web']);
  });

  // TestPodDeletionEnqueuesRecreateDeployment
  test('a deleted pod wakes the Recreate Deployment of its ReplicaSet', () => {
    const { cluster, pod } = base();
    expect(keysForObject(pod, freshView(cluster, KINDS))).toEqual(['default/web']);
  });

  // TestPodDeletionDoesntEnqueueRecreateDeployment: a pod still there wakes nobody.
  test('a pod that is still there wakes no Deployment', () => {
    const { cluster, pod } = base();
    const withPod = addObjects(cluster, [pod]);
    const present = getObject(withPod.store, 'Pod', 'default', 'web-pod') as Pod;
    expect(keysForObject(present, freshView(withPod, KINDS))).toEqual([]);
  });
});

/** Fenceposts computed here, independently: surge rounds up, unavailability down, never both 0. */
function bounds(replicas: number, maxSurge: number | string, maxUnavailable: number | string) {
  const scaled = (v: number | string, up: boolean) => (typeof v === 'number' ? v : (up ? Math.ceil : Math.floor)((Number(v.slice(0, -1)) * replicas) / 100));
  const surge = scaled(maxSurge, true);
  const unavailable = scaled(maxUnavailable, false);
  return { surge, unavailable: Math.min(surge === 0 && unavailable === 0 ? 1 : unavailable, replicas) };
}

const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%', '100%'));
const rollout = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  maxSurge: intOrPercent,
  maxUnavailable: intOrPercent,
  minReadySeconds: fc.constantFrom(0, 0, 4),
  readySeconds: fc.integer({ min: 1, max: 6 }),
});

/** Runs components until nothing is left to do (at most `seconds`). */
const settle = (sim: Simulation, seconds = 1200) => runSimulation(sim, { until: later(sim.cluster.now, seconds), untilStable: true });

describe('rolling updates in the simulation', () => {
  test('at every step of a rolling update, total pods <= desired + maxSurge and available >= desired - maxUnavailable', () => {
    fc.assert(
      fc.property(rollout, ({ replicas, maxSurge, maxUnavailable, minReadySeconds, readySeconds }) => {
        const shape: DeploymentShape = { replicas, maxSurge, maxUnavailable, minReadySeconds };
        const sim = startSimulation(seedCluster([deploymentManifest(shape)]), runnables(readySeconds));
        sim.trace = [];
        settle(sim);
        expect(deploymentNotConverged(sim.cluster, 'default', 'web'), 'the first version rolls out').toBeUndefined();
        // kubectl set image: from here on, every write must keep both promises.
        sim.cluster = editDeployment(sim.cluster, 'default', 'web', (spec) => setImage(spec, 'nginx:1.16.1'));
        const { surge, unavailable } = bounds(replicas, maxSurge, maxUnavailable);
        const atMost = activePodsAtMost('default', { app: 'web' }, replicas + surge);
        const atLeast = availablePodsAtLeast('default', { app: 'web' }, replicas - unavailable, minReadySeconds);
        const broken: string[] = [];
        sim.onWrite = (cluster) => {
          if (!atMost(cluster)) broken.push(`more than ${replicas + surge} pods after: ${sim.trace?.at(-1)}`);
          if (!atLeast(cluster)) broken.push(`fewer than ${replicas - unavailable} available after: ${sim.trace?.at(-1)}`);
        };
        settle(sim);
        expect(broken.slice(0, 3), formatTrace({ trace: sim.trace ?? [] }, 60)).toEqual([]);
        expect(deploymentNotConverged(sim.cluster, 'default', 'web'), formatTrace({ trace: sim.trace ?? [] }, 60)).toBeUndefined();
      }),
      runs(12),
    );
  });

  test('Recreate never runs old and new pods together', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (replicas) => {
        const sim = startSimulation(seedCluster([deploymentManifest({ replicas, strategy: 'Recreate' })]), runnables());
        sim.trace = [];
        settle(sim);
        sim.cluster = editDeployment(sim.cluster, 'default', 'web', (spec) => setImage(spec, 'nginx:1.16.1'));
        const images = (cluster: ClusterState) =>
          new Set((listObjects(cluster.store, 'Pod', 'default').items as Pod[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').map((p) => p.spec?.containers[0]?.image));
        let mixed = '';
        sim.onWrite = (cluster) => {
          if (!mixed && images(cluster).size > 1) mixed = sim.trace?.at(-1) ?? '';
        };
        settle(sim);
        expect(mixed, 'old and new pods ran together after this step').toBe('');
        expect(deploymentNotConverged(sim.cluster, 'default', 'web'), formatTrace({ trace: sim.trace ?? [] }, 60)).toBeUndefined();
      }),
      runs(5),
    );
  });
});

describe('eventually stable reconciliation', () => {
  const scenario = fc.record({
    replicas: fc.integer({ min: 1, max: 4 }),
    oldReplicas: fc.integer({ min: 0, max: 4 }),
    strategy: fc.constantFrom<'RollingUpdate' | 'Recreate'>('RollingUpdate', 'Recreate'),
    maxSurge: intOrPercent,
    maxUnavailable: intOrPercent,
    adopt: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  test('after the faults stop, the Deployment converges on its new template and a restart writes nothing', () => {
    fc.assert(
      fc.property(scenario, faultScheduleArbitrary(60, 6), ({ replicas, oldReplicas, strategy, maxSurge, maxUnavailable, adopt, seed }, faults) => {
        const d = deploymentManifest({ replicas, strategy, maxSurge, maxUnavailable, image: 'nginx:1.16.1' });
        const uid = firstSeededUid(d);
        // An earlier version's ReplicaSet, owned (or an orphan to adopt), sized oldReplicas.
        const old = oldReplicaSet({ ...d, metadata: { ...d.metadata, uid } }, 'nginx:1.14.2', oldReplicas, !adopt);
        const result = simulate({ objects: [d, old], runnables: runnables(), faults, seed, phaseSeconds: 1500 });
        const trace = `faults: ${JSON.stringify(faults)}\n${formatTrace(result, 60)}`;
        expect(deploymentNotConverged(result.cluster, 'default', 'web'), trace).toBeUndefined();
        expect(result.stable, trace).toBe(true);
        expect(result.writesAfterStable, trace).toBe(0);
      }),
      runs(15),
    );
  });
});

describe('idempotence', () => {
  test('with the pods held still, reconciling what its own writes produced reaches a fixed point', () => {
    const world = fc.record({
      replicas: fc.integer({ min: 0, max: 5 }),
      maxSurge: intOrPercent,
      maxUnavailable: intOrPercent,
      old: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 5 }), available: fc.integer({ min: 0, max: 5 }) }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(world, ({ replicas, maxSurge, maxUnavailable, old }) => {
        let cluster = seedCluster([deploymentManifest({ replicas, maxSurge, maxUnavailable, image: 'v9' })]);
        const d = stored(cluster);
        const olds: KubeObject[] = old.map((o, i) => {
          const made = oldReplicaSet(d, `v${i}`, o.replicas);
          return { ...made, status: { replicas: o.replicas, readyReplicas: Math.min(o.available, o.replicas), availableReplicas: Math.min(o.available, o.replicas) } };
        });
        cluster = addObjects(cluster, olds);
        const rounds: string[] = [];
        for (let round = 0; round < 12; round++) {
          const writes = reconcile(cluster).filter((i) => i.type !== 'requeueAfter');
          if (writes.length === 0) return;
          rounds.push(writes.map(describeIntent).join(', '));
          cluster = applyIntents(cluster, writes);
        }
        expect.fail(`still writing after 12 rounds:\n${rounds.join('\n')}`);
      }),
      runs(40),
    );
  });
});

describe('kubectl against the controller, model-based', () => {
  type Model = { replicas: number; image: string; paused: boolean; rolledOut: string[] };
  type Real = { sim: Simulation };
  const LIMIT = 2;
  const edit = (real: Real, change: Parameters<typeof editDeployment>[3]) => {
    real.sim.cluster = editDeployment(real.sim.cluster, 'default', 'web', change);
  };

  class SetImage implements fc.Command<Model, Real> {
    constructor(readonly image: string) {}
    check = () => true;
    run(model: Model, real: Real) {
      edit(real, (spec) => setImage(spec, this.image));
      model.image = this.image;
    }
    toString = () => `kubectl set image deployment/web web=${this.image}`;
  }
  class Scale implements fc.Command<Model, Real> {
    constructor(readonly replicas: number) {}
    check = () => true;
    run(model: Model, real: Real) {
      edit(real, (spec) => ({ ...spec, replicas: this.replicas }));
      model.replicas = this.replicas;
    }
    toString = () => `kubectl scale deployment/web --replicas=${this.replicas}`;
  }
  class Pause implements fc.Command<Model, Real> {
    check = (model: Readonly<Model>) => !model.paused;
    run(model: Model, real: Real) {
      edit(real, (spec) => ({ ...spec, paused: true }));
      model.paused = true;
    }
    toString = () => 'kubectl rollout pause deployment/web';
  }
  class Resume implements fc.Command<Model, Real> {
    check = (model: Readonly<Model>) => model.paused;
    run(model: Model, real: Real) {
      edit(real, (spec) => ({ ...spec, paused: false }));
      model.paused = false;
    }
    toString = () => 'kubectl rollout resume deployment/web';
  }
  class Settle implements fc.Command<Model, Real> {
    check = () => true;
    run(model: Model, real: Real) {
      real.sim.trace = [];
      settle(real.sim);
      const cluster = real.sim.cluster;
      const d = stored(cluster);
      const owned = replicaSetsOf(cluster, d);
      const images = owned.map((rs) => rs.spec?.template?.spec?.containers[0]?.image ?? '');
      if (!model.paused) {
        expect(deploymentNotConverged(cluster, 'default', 'web'), formatTrace({ trace: real.sim.trace ?? [] }, 40)).toBeUndefined();
        if (!model.rolledOut.includes(model.image)) model.rolledOut.push(model.image);
        expect(owned.length, `at most ${LIMIT} old ReplicaSets are kept`).toBeLessThanOrEqual(LIMIT + 1);
      } else {
        if (!model.rolledOut.includes(model.image)) expect(images, 'a paused Deployment creates no ReplicaSet for a new template').not.toContain(model.image);
        const wanted = owned.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0);
        expect(wanted, 'a paused Deployment still follows its size').toBeLessThanOrEqual(model.replicas + bounds(model.replicas, '25%', '25%').surge);
      }
    }
    toString = () => 'wait until the cluster settles';
  }

  test('set image, scale, pause and resume in any order: settled, it runs what was asked for', () => {
    const commands = [
      fc.constantFrom('nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.25').map((image) => new SetImage(image)),
      fc.integer({ min: 0, max: 4 }).map((n) => new Scale(n)),
      fc.constant(new Pause()),
      fc.constant(new Resume()),
      fc.constant(new Settle()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 8 }), (cmds) => {
        const sim = startSimulation(seedCluster([deploymentManifest({ replicas: 2, revisionHistoryLimit: LIMIT })]), runnables(2));
        settle(sim);
        const model: Model = { replicas: 2, image: 'nginx:1.14.2', paused: false, rolledOut: ['nginx:1.14.2'] };
        // Whatever happened, a final resume and settle must leave the last image rolled out.
        fc.modelRun(() => ({ model, real: { sim } }), [...cmds, new Resume(), new Settle()]);
      }),
      runs(8),
    );
  });
});

describe("the chapter's examples", () => {
  const EXAMPLES = path.join(repoRoot, 'chapters', '08-deployment', 'examples');
  /** The objects of an example file (which must decode without an error or a warning), in `default` as `kubectl apply` would put them. */
  const load = (file: string): KubeObject[] => {
    const result = decodeManifest(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
    expect([...result.errors, ...result.warnings], `${file} decodes cleanly`).toEqual([]);
    return result.objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'default' } }));
  };
  const revisionOf = (cluster: ClusterState, d: Deployment, image: string) =>
    replicaSetsOf(cluster, d).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === image)?.metadata.annotations ?? {};

  test('nginx-deployment rolls out, version 2 rolls over it, and rollout undo brings version 1 back as revision 3', () => {
    const sim = startSimulation(seedCluster(load('nginx-deployment.yaml')), runnables());
    settle(sim);
    expect(deploymentNotConverged(sim.cluster, 'default', 'nginx-deployment'), 'version 1').toBeUndefined();
    // kubectl apply -f nginx-deployment-v2.yaml
    const v2 = load('nginx-deployment-v2.yaml')[0] as Deployment;
    sim.cluster = editDeployment(sim.cluster, 'default', 'nginx-deployment', () => v2.spec!);
    settle(sim);
    expect(deploymentNotConverged(sim.cluster, 'default', 'nginx-deployment'), 'version 2').toBeUndefined();
    expect(revisionOf(sim.cluster, stored(sim.cluster, 'nginx-deployment'), 'nginx:1.16.1')['deployment.kubernetes.io/revision']).toBe('2');
    // kubectl rollout undo deployment/nginx-deployment
    const d = stored(sim.cluster, 'nginx-deployment');
    const undo = rollbackTemplate(d, listObjects(sim.cluster.store, 'ReplicaSet', 'default').items as ReplicaSet[], 0);
    expect(undo.type).toBe('rolledBack');
    if (undo.type !== 'rolledBack') return;
    const [next, written] = submit(sim.cluster, { type: 'update', object: undo.deployment, now: sim.cluster.now });
    expect(written.ok, 'the rollback is accepted').toBe(true);
    sim.cluster = next;
    settle(sim);
    expect(deploymentNotConverged(sim.cluster, 'default', 'nginx-deployment'), 'back on version 1').toBeUndefined();
    expect(revisionOf(sim.cluster, d, 'nginx:1.14.2')).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(stored(sim.cluster, 'nginx-deployment').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  test('the Recreate example rolls out', () => {
    const sim = startSimulation(seedCluster(load('recreate-deployment.yaml')), runnables());
    settle(sim);
    expect(deploymentNotConverged(sim.cluster, 'default', 'queue-worker')).toBeUndefined();
  });

  test('blue-green: both versions run side by side, and switching the Service selects only the green pods', () => {
    const sim = startSimulation(seedCluster(load('blue-green.yaml')), runnables());
    settle(sim);
    for (const name of ['web-blue', 'web-green']) expect(deploymentNotConverged(sim.cluster, 'default', name), name).toBeUndefined();
    const selected = (service: KubeObject) => {
      const selector = selectorFromSet((service.spec as { selector?: Record<string, string> }).selector);
      return (listObjects(sim.cluster.store, 'Pod', 'default').items as Pod[]).filter((p) => selectorMatches(selector, p.metadata.labels ?? {})).map((p) => p.spec?.containers[0]?.image);
    };
    const blue = load('blue-green.yaml').find((o) => o.kind === 'Service')!;
    const green = load('blue-green-switch.yaml')[0]!;
    expect(selected(blue)).toEqual(['nginx:1.14.2', 'nginx:1.14.2', 'nginx:1.14.2']);
    expect(selected(green)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
  });
});
