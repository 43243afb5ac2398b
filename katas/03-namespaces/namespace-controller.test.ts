/**
 * Kata 03-namespace-controller.
 *
 * Examples: pkg/controller/namespace/deletion/status_condition_utils_test.go (TestUpdateConditions,
 * TestProcessContentTotals: the exact reasons and messages), namespaced_resources_deleter_test.go
 * (testSyncNamespaceThatIsTerminating: every resource deleted, then the namespace finalized;
 * TestRetryOnConflictError), and an eventually-stable scenario in the simulation runtime: a
 * namespace is deleted while things keep trying to live in it; everything inside goes, nothing
 * new appears, and the namespace is removed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  deletionConditions,
  estimateGracefulTermination,
  namespaceKeysFor,
  syncNamespace,
  updateConditions,
} from '@kata/03-namespaces/namespace-controller';
import { namespaceLifecycleAdmission } from '@kata/03-namespaces/namespace-lifecycle';
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../../core/api/meta';
import type { Namespace, NamespaceCondition, Pod } from '../../core/api/types';
import { namespaceController } from '../../core/apiserver/controllers';
import { NAMESPACED_KINDS } from '../../core/apiserver/discovery';
import { admissionCreate } from '../../core/apiserver/requests';
import { NOW, container, namespace, object, pod, staticView } from '../../core/apiserver/testing';
import { submit, type ClusterState } from '../../core/cluster/state';
import { applyIntents, freshView } from '../../core/controllers/testing';
import { addSeconds } from '../../core/data/rfc3339';
import { faultScheduleArbitrary, type Fault } from '../../core/runtime/faults';
import { formatTrace, seedCluster, simulate } from '../../core/runtime/harness';
import type { Controller, Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';

const OK = {
  discovery: { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  parsing: { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  content: { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  remaining: { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
  finalizers: { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
} as const satisfies Record<string, NamespaceCondition>;

const ALL_OK: NamespaceCondition[] = [OK.discovery, OK.parsing, OK.content, OK.remaining, OK.finalizers];
const withTime = (c: NamespaceCondition, lastTransitionTime: string): NamespaceCondition => ({ ...c, lastTransitionTime });

describe('deletionConditions (TestProcessContentTotals)', () => {
  test('with nothing left, the five conditions are False with upstream\'s "ok" reasons and messages, in order', () => {
    expect(deletionConditions({ remaining: {}, finalizers: {} })).toEqual(ALL_OK);
  });

  test('remaining content reads "Some resources are remaining: daemonsets.apps.k8s.io has 5 resource instances, ..." (sorted)', () => {
    const conditions = deletionConditions({ remaining: { 'deployments.apps.k8s.io': 5, 'daemonsets.apps.k8s.io': 5 }, finalizers: {} });
    expect(conditions[3]).toEqual({
      type: 'NamespaceContentRemaining',
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: daemonsets.apps.k8s.io has 5 resource instances, deployments.apps.k8s.io has 5 resource instances',
    });
    expect(conditions[4], 'no finalizers: that condition stays ok').toEqual(OK.finalizers);
  });

  test('remaining finalizers read "Some finalizers are remaining: kubedb in 5 resource instances, service-catalog in 6 resource instances"', () => {
    const conditions = deletionConditions({ remaining: {}, finalizers: { 'service-catalog': 6, kubedb: 5 } });
    expect(conditions[4]).toEqual({
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      reason: 'SomeFinalizerRemain',
      message: 'Some finalizers are remaining: kubedb in 5 resource instances, service-catalog in 6 resource instances',
    });
  });
});

describe('updateConditions (TestUpdateConditions)', () => {
  const before = '2025-01-01T11:00:00Z';

  test('"leave unknown": a condition of another type stays where it is, the five are appended with now', () => {
    const unknown: NamespaceCondition = { type: 'unknown', status: 'True' };
    expect(updateConditions([unknown], ALL_OK, NOW)).toEqual([unknown, ...ALL_OK.map((c) => withTime(c, NOW))]);
  });

  test('"replace with success": a failing condition turns into its ok form in place, and its transition time moves', () => {
    const failing = withTime({ type: 'NamespaceDeletionDiscoveryFailure', status: 'True', reason: 'DiscoveryFailed', message: 'boom' }, before);
    const merged = updateConditions([failing], ALL_OK, NOW);
    expect(merged?.[0]).toEqual(withTime(OK.discovery, NOW));
    expect(merged).toHaveLength(5);
  });

  test('"leave different order": existing conditions keep their order', () => {
    const existing = [withTime({ ...OK.parsing, status: 'True' }, before), withTime({ ...OK.discovery, status: 'True' }, before)];
    expect(updateConditions(existing, ALL_OK, NOW)?.map((c) => c.type).slice(0, 2)).toEqual(['NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionDiscoveryFailure']);
  });

  test('a new message with the same status keeps the transition time', () => {
    const existing = ALL_OK.map((c) => withTime(c, before));
    const remaining = deletionConditions({ remaining: { 'pods.': 2 }, finalizers: {} });
    const shrunk = deletionConditions({ remaining: { 'pods.': 1 }, finalizers: {} });
    const first = updateConditions(existing, remaining, NOW)!;
    expect(first[3]?.lastTransitionTime, 'False -> True moves the time').toBe(NOW);
    const later = addSeconds(NOW, 30);
    expect(updateConditions(first, shrunk, later)?.[3]).toMatchObject({ message: 'Some resources are remaining: pods. has 1 resource instances', lastTransitionTime: NOW });
  });

  test('nothing changed gives undefined, so no status write is made', () => {
    expect(updateConditions(ALL_OK.map((c) => withTime(c, before)), ALL_OK, NOW)).toBeUndefined();
  });
});

describe('estimateGracefulTermination', () => {
  const running = (grace?: number, phase = 'Running') => pod('p', 'team-a', [container('app')], { ...(grace !== undefined && { terminationGracePeriodSeconds: grace }), phase });

  test('the longest grace period of the pods still running, 30 s when a pod does not say', () => {
    expect(estimateGracefulTermination([running(10), running(45)], NOW, NOW)).toBe(45);
    expect(estimateGracefulTermination([running()], NOW, NOW)).toBe(30);
  });

  test('finished pods do not count', () => {
    expect(estimateGracefulTermination([running(60, 'Succeeded'), running(60, 'Failed')], NOW, NOW)).toBe(0);
  });

  test('once that long has passed since the namespace was deleted, nothing is left to wait for', () => {
    expect(estimateGracefulTermination([running(45)], NOW, addSeconds(NOW, 44))).toBe(45);
    expect(estimateGracefulTermination([running(45)], NOW, addSeconds(NOW, 45))).toBe(0);
  });
});

const deletes = (intents: Intent[]) => intents.flatMap((i) => (i.type === 'delete' ? [`${i.kind} ${i.namespace}/${i.name}`] : []));
const statusOf = (intents: Intent[]) => intents.flatMap((i) => (i.type === 'updateStatus' ? [i.object as Namespace] : []))[0]?.status;

describe('syncNamespace (namespaced_resources_deleter.go Delete)', () => {
  test('an Active namespace, or one that does not exist, is left alone', () => {
    const view = staticView([namespace('team-a'), pod('web', 'team-a')]);
    expect(syncNamespace(view, 'team-a')).toEqual([]);
    expect(syncNamespace(view, 'gone')).toEqual([]);
  });

  test('a namespace being deleted is marked Terminating and everything in it is deleted, nothing elsewhere', () => {
    const deleting: Namespace = { ...namespace('team-a', { terminating: NOW }), status: { phase: 'Active' } };
    const view = staticView([deleting, pod('web', 'team-a'), object('ConfigMap', 'settings', 'team-a'), object('Secret', 'token', 'team-a'), pod('other', 'default')]);
    const intents = syncNamespace(view, 'team-a');
    expect(statusOf(intents)?.phase).toBe('Terminating');
    expect(deletes(intents).sort()).toEqual(['ConfigMap team-a/settings', 'Pod team-a/web', 'Secret team-a/token']);
  });

  test('objects already being deleted are not deleted again: finalizers and grace periods are theirs to finish', () => {
    const held = { ...object('ConfigMap', 'held', 'team-a'), metadata: { name: 'held', namespace: 'team-a', deletionTimestamp: NOW, finalizers: ['example.com/keep'] } };
    const view = staticView([namespace('team-a', { terminating: NOW }), held]);
    expect(deletes(syncNamespace(view, 'team-a'))).toEqual([]);
  });

  test('the conditions say what remains, in upstream\'s words: "pods. has 2 resource instances", "example.com/keep in 1 resource instances"', () => {
    const held = { ...object('ConfigMap', 'held', 'team-a'), metadata: { name: 'held', namespace: 'team-a', finalizers: ['example.com/keep'] } };
    const view = staticView([namespace('team-a', { terminating: NOW }), pod('a', 'team-a'), pod('b', 'team-a'), held]);
    const conditions = statusOf(syncNamespace(view, 'team-a'))?.conditions ?? [];
    expect(conditions.find((c) => c.type === 'NamespaceContentRemaining')?.message).toBe(
      'Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances',
    );
    expect(conditions.find((c) => c.type === 'NamespaceFinalizersRemaining')?.message).toBe('Some finalizers are remaining: example.com/keep in 1 resource instances');
  });

  test('once nothing is left the kubernetes finalizer is removed, other spec finalizers stay', () => {
    const empty = namespace('team-a', { terminating: NOW, finalizers: ['kubernetes', 'example.com/x'] });
    const view = staticView([{ ...empty, status: { phase: 'Terminating', conditions: ALL_OK.map((c) => withTime(c, NOW)) } }]);
    const intents = syncNamespace(view, 'team-a');
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ type: 'update', object: { kind: 'Namespace', spec: { finalizers: ['example.com/x'] } } });
  });

  test('a namespace already finalized only gets its phase put right', () => {
    const finalized: Namespace = { ...namespace('team-a', { terminating: NOW, finalizers: [] }), status: { phase: 'Active' } };
    expect(statusOf(syncNamespace(staticView([finalized, pod('left', 'team-a')]), 'team-a'))?.phase).toBe('Terminating');
    expect(syncNamespace(staticView([namespace('team-a', { terminating: NOW, finalizers: [] })]), 'team-a')).toEqual([]);
  });

  test('with pods still terminating it looks again when the longest grace period is over', () => {
    const p = { ...pod('web', 'team-a', [container('app')], { nodeName: 'node-1', terminationGracePeriodSeconds: 45 }), metadata: { name: 'web', namespace: 'team-a', deletionTimestamp: addSeconds(NOW, 45) } };
    const intents = syncNamespace(staticView([namespace('team-a', { terminating: NOW }), p], addSeconds(NOW, 5)), 'team-a');
    expect(intents).toContainEqual({ type: 'requeueAfter', key: 'team-a', seconds: 45 });
  });
});

describe('namespaceKeysFor', () => {
  test('a namespace wakes itself; content wakes its namespace only while that namespace is being deleted', () => {
    const view = staticView([namespace('team-a', { terminating: NOW }), namespace('team-b')]);
    expect(namespaceKeysFor(namespace('team-b'), view)).toEqual(['team-b']);
    expect(namespaceKeysFor(pod('web', 'team-a'), view)).toEqual(['team-a']);
    expect(namespaceKeysFor(pod('web', 'team-b'), view)).toEqual([]);
    expect(namespaceKeysFor({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }, view)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// In a store. The kata 01 store removes an object on delete unless metadata.finalizers hold it,
// so these namespaces carry a metadata finalizer of an "audit" controller, which lets go once
// the namespace controller has finalized.
// ---------------------------------------------------------------------------------------------

const AUDIT = 'example.com/audit';
const contentKinds = NAMESPACED_KINDS.map((k) => k.kind);

/** A cluster holding team-a (held by the audit finalizer) and `content`, with team-a deleted. */
function deletedNamespaceWith(content: KubeObject[]): ClusterState {
  const held = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', finalizers: [AUDIT] } };
  const cluster = seedCluster([held, ...content]);
  const [after, result] = submit(cluster, { type: 'delete', kind: 'Namespace', namespace: '', name: 'team-a', now: cluster.now });
  if (!result.ok) throw new Error(result.status.message);
  return after;
}

const contentArbitrary = fc.array(
  fc.record({
    kind: fc.constantFrom('Pod', 'ConfigMap', 'Secret', 'Service'),
    scheduled: fc.boolean(),
    finalizer: fc.boolean(),
  }),
  { maxLength: 8 },
).map((shapes) =>
  shapes.map((s, i): KubeObject => {
    const metadata = { name: `obj-${i}`, namespace: 'team-a', ...(s.finalizer && { finalizers: ['example.com/keep'] }) };
    if (s.kind === 'Pod') return { ...pod(`obj-${i}`, 'team-a', [container('app')], s.scheduled ? { nodeName: 'node-1' } : {}), metadata };
    return { ...object(s.kind, `obj-${i}`, 'team-a'), metadata };
  }),
);

test('reconciling on the state its own intents produced never deletes anything twice, and settles within three rounds', () => {
  fc.assert(
    fc.property(contentArbitrary, (content) => {
      let cluster = deletedNamespaceWith(content);
      const asked = new Set<string>();
      let rounds = 0;
      for (;;) {
        const intents = syncNamespace(freshView(cluster, ['Namespace', ...contentKinds]), 'team-a');
        for (const d of deletes(intents)) {
          expect(asked.has(d), `${d} was asked to be deleted twice`).toBe(false);
          asked.add(d);
        }
        if (intents.every((i) => i.type === 'requeueAfter')) break;
        expect(++rounds, 'still writing after three rounds').toBeLessThanOrEqual(3);
        cluster = applyIntents(cluster, intents);
      }
    }),
    runs(60),
  );
});

// ---------------------------------------------------------------------------------------------
// Eventually stable reconciliation: the whole deletion in the simulation runtime.
// ---------------------------------------------------------------------------------------------

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Deletes team-a once, as `kubectl delete namespace team-a` would. */
const user: Controller = {
  name: 'user',
  watches: ['Namespace'],
  keysFor: (o) => (o.metadata.name === 'team-a' ? ['team-a'] : []),
  reconcile: (view) => {
    const ns = view.get('Namespace', '', 'team-a');
    return ns && ns.metadata.deletionTimestamp === undefined ? [{ type: 'delete', kind: 'Namespace', namespace: '', name: 'team-a' }] : [];
  },
};

/** Lets go of the namespace once the namespace controller has finalized it. */
const audit: Controller = {
  name: 'audit',
  watches: ['Namespace'],
  keysFor: (o) => [o.metadata.name],
  reconcile: (view, key) => {
    const ns = view.get('Namespace', '', key);
    if (!ns?.metadata.deletionTimestamp || !(ns.metadata.finalizers ?? []).includes(AUDIT)) return [];
    if (((ns.spec as Namespace['spec'])?.finalizers ?? []).length > 0) return [];
    return [{ type: 'update', object: { ...ns, metadata: { ...ns.metadata, finalizers: (ns.metadata.finalizers ?? []).filter((f) => f !== AUDIT) } } }];
  },
};

/** Releases `example.com/keep` from config maps being deleted (the owner of that finalizer). */
const keeper: Controller = {
  name: 'keeper',
  watches: ['ConfigMap'],
  keysFor: (o) => [keyOf(o)],
  reconcile: (view, key) => {
    const [ns = '', name = ''] = key.split('/');
    const cm = view.get('ConfigMap', ns, name);
    if (!cm?.metadata.deletionTimestamp || !(cm.metadata.finalizers ?? []).includes('example.com/keep')) return [];
    return [{ type: 'update', object: { ...cm, metadata: { ...cm.metadata, finalizers: [] } } }];
  },
};

/** Stands in for the kubelets: a pod being deleted is removed once its grace period is over. */
const kubelet: Controller = {
  name: 'kubelet',
  watches: ['Pod'],
  keysFor: (o) => [keyOf(o)],
  reconcile: (view, key) => {
    const [ns = '', name = ''] = key.split('/');
    const p = view.get('Pod', ns, name);
    const until = p?.metadata.deletionTimestamp;
    if (!p || until === undefined) return [];
    const wait = Math.ceil((Date.parse(until) - Date.parse(view.now)) / 1000);
    return wait > 0 ? [{ type: 'requeueAfter', key, seconds: wait }] : [{ type: 'delete', kind: 'Pod', namespace: ns, name, gracePeriodSeconds: 0 }];
  },
};

/**
 * Keeps wanting a config map `late` in team-a. Its creates go through NamespaceLifecycle
 * against its own view, standing in for the API server's admission.
 */
const creator: Controller = {
  name: 'creator',
  watches: ['Namespace', 'ConfigMap'],
  keysFor: () => ['team-a'],
  reconcile: (view) => {
    if (view.get('ConfigMap', 'team-a', 'late')) return [];
    const cm = object('ConfigMap', 'late', 'team-a', { data: { at: view.now } });
    const ns = view.get('Namespace', '', 'team-a') as Namespace | undefined;
    return namespaceLifecycleAdmission(admissionCreate(cm), ns) ? [] : [{ type: 'create', object: cm }];
  },
};

const scheduledPod = (name: string, grace: number): Pod => pod(name, 'team-a', [container('app')], { nodeName: 'node-1', terminationGracePeriodSeconds: grace });

function deletionScenario(faults: Fault[], seed: number, withCreator: boolean) {
  const held = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', finalizers: [AUDIT] } };
  const content: KubeObject[] = [
    scheduledPod('web-1', 20),
    pod('pending', 'team-a'),
    { ...object('ConfigMap', 'settings', 'team-a'), metadata: { name: 'settings', namespace: 'team-a', finalizers: ['example.com/keep'] } },
    object('Secret', 'token', 'team-a'),
    object('ConfigMap', 'neighbour', 'default'),
  ];
  let snapshot: Set<string> | undefined;
  const inTeamA = (cluster: ClusterState) =>
    contentKinds.flatMap((kind) => listObjects(cluster.store, kind, 'team-a').items.map((o) => `${kind} ${o.metadata.name}`));
  const result = simulate({
    objects: [held, ...content],
    runnables: [namespaceController, user, audit, keeper, kubelet, ...(withCreator ? [creator] : [])].map((controller) => ({ type: 'controller' as const, controller })),
    faults,
    seed,
    invariants: {
      'nothing new appears in team-a once it is Terminating': (cluster) => {
        const ns = getObject(cluster.store, 'Namespace', '', 'team-a') as Namespace | undefined;
        if (ns?.status?.phase !== 'Terminating') return true;
        snapshot ??= new Set(inTeamA(cluster));
        return inTeamA(cluster).every((k) => snapshot!.has(k));
      },
      'the neighbour in default is never touched': (cluster) => getObject(cluster.store, 'ConfigMap', 'default', 'neighbour') !== undefined,
    },
  });
  return { result, left: inTeamA(result.cluster) };
}

describe('deleting a namespace in the simulation runtime (eventually stable reconciliation)', () => {
  test('everything inside goes away, nothing new appears meanwhile, and the namespace is removed', () => {
    const { result, left } = deletionScenario([], 1, true);
    const trace = formatTrace(result);
    expect(result.violations, trace).toEqual([]);
    expect(left, trace).toEqual([]);
    expect(getObject(result.cluster.store, 'Namespace', '', 'team-a'), `team-a should be gone\n${trace}`).toBeUndefined();
    expect(result.stable, trace).toBe(true);
    expect(result.writesAfterStable, `a restart on the converged cluster still wrote\n${trace}`).toBe(0);
  });

  test('under any fault schedule the namespace still empties, goes away, and the cluster stays stable', () => {
    fc.assert(
      fc.property(faultScheduleArbitrary(40, 6), fc.nat(1000), (faults, seed) => {
        const { result, left } = deletionScenario(faults, seed + 1, false);
        const trace = formatTrace(result);
        expect(result.violations, trace).toEqual([]);
        expect(left, trace).toEqual([]);
        expect(getObject(result.cluster.store, 'Namespace', '', 'team-a'), trace).toBeUndefined();
        expect(result.stable, trace).toBe(true);
        expect(result.writesAfterStable, trace).toBe(0);
      }),
      runs(25),
    );
  });
});
