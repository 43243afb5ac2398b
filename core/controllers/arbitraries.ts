/**
 * fast-check generators for the workload chapters: pods in every state a controller has to
 * rank or claim (scheduled or not, any phase, ready for a while or not at all, owned by this
 * ReplicaSet, by another one, or by nobody) and ReplicaSets to own them.
 *
 * Labels, nodes and owners come from small pools so that generated pods collide: share nodes,
 * match the same selector, tie on every ranking rule but the last.
 */
import fc from 'fast-check';
import type { OwnerReference } from '../api/meta';
import type { Pod, PodPhase, ReplicaSet } from '../api/types';

/** The instant properties use as `now`. */
export const NOW = '2025-01-01T12:00:00Z';

/** `NOW` moved back by `seconds`. */
export function secondsBefore(seconds: number, now = NOW): string {
  return new Date(Date.parse(now) - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** The ReplicaSet most properties claim for: `web` in `default`, selecting `app=web`. */
export const WEB_UID = 'uid-web';

/** A controller reference to the `web` ReplicaSet. */
export const webRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: WEB_UID, controller: true, blockOwnerDeletion: true };

/** A controller reference to some other ReplicaSet. */
export const otherRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'uid-other', controller: true, blockOwnerDeletion: true };

/** A reference to `web` that does not claim control (`controller` unset). */
export const webNonControllerRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: WEB_UID };

/** Labels over a small pool, so that `app=web` matches often. */
export function podLabels(): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db', 'frontend'), { maxKeys: 2, noNullPrototype: true });
}

/** Everything a generated pod may vary in; `fc.option` fields are absent about half the time. */
export type PodShape = {
  labels: Record<string, string>;
  owner: 'none' | 'web' | 'other' | 'web-not-controller';
  namespace: string;
  nodeName: string;
  phase: PodPhase | undefined;
  ready: 'none' | 'False' | 'True';
  /** Seconds before NOW the pod became ready; `undefined` leaves lastTransitionTime unset. */
  readyFor: number | undefined;
  restarts: number;
  /** Seconds before NOW the pod was created; `undefined` leaves creationTimestamp unset. */
  age: number | undefined;
  deletionCost: string | undefined;
  deleting: boolean;
};

const OWNERS: Record<PodShape['owner'], OwnerReference[] | undefined> = {
  none: undefined,
  web: [webRef],
  other: [otherRef],
  'web-not-controller': [webNonControllerRef],
};

/** The shape of one pod; `options` narrows what varies. */
export function podShape(options: { namespaces?: string[]; owners?: PodShape['owner'][]; deleting?: boolean } = {}): fc.Arbitrary<PodShape> {
  return fc.record({
    labels: podLabels(),
    owner: fc.constantFrom(...(options.owners ?? (['none', 'web', 'other', 'web-not-controller'] as const))),
    namespace: fc.constantFrom(...(options.namespaces ?? ['default'])),
    nodeName: fc.constantFrom('', 'node-a', 'node-b', 'node-c'),
    phase: fc.constantFrom<PodPhase | undefined>('Pending', 'Running', 'Unknown', undefined),
    ready: fc.constantFrom('none', 'False', 'True'),
    // Up to 40 days: spans the logarithmic buckets from seconds to weeks.
    readyFor: fc.option(fc.integer({ min: 0, max: 40 * 86400 }), { nil: undefined }),
    restarts: fc.constantFrom(0, 0, 1, 5),
    age: fc.option(fc.integer({ min: 0, max: 40 * 86400 }), { nil: undefined }),
    deletionCost: fc.constantFrom(undefined, undefined, '0', '10', '-5', '+3', 'x'),
    deleting: options.deleting === false ? fc.constant(false) : fc.boolean(),
  });
}

/** A pod built from a shape; `name` and `uid` make it unique. */
export function podFromShape(name: string, uid: string, s: PodShape): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid,
      namespace: s.namespace,
      resourceVersion: '1',
      labels: s.labels,
      ...(s.age !== undefined && { creationTimestamp: secondsBefore(s.age) }),
      ...(OWNERS[s.owner] && { ownerReferences: OWNERS[s.owner] }),
      ...(s.deletionCost !== undefined && { annotations: { 'controller.kubernetes.io/pod-deletion-cost': s.deletionCost } }),
      ...(s.deleting && { deletionTimestamp: NOW }),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(s.nodeName !== '' && { nodeName: s.nodeName }) },
    status: {
      ...(s.phase !== undefined && { phase: s.phase }),
      ...(s.ready !== 'none' && {
        conditions: [{ type: 'Ready', status: s.ready, ...(s.readyFor !== undefined && { lastTransitionTime: secondsBefore(s.readyFor) }) }],
      }),
      containerStatuses: [{ name: 'app', ready: s.ready === 'True', restartCount: s.restarts, image: 'nginx', imageID: '' }],
    },
  };
}

/** 0 to `max` pods named `pod-0`, `pod-1`, ... with distinct UIDs. */
export function pods(max = 8, options: Parameters<typeof podShape>[0] = {}): fc.Arbitrary<Pod[]> {
  return fc.array(podShape(options), { maxLength: max }).chain((shapes) =>
    // UIDs are drawn, not derived from the index, so that UID order (a ranking tie-break) is not name order.
    fc.uniqueArray(fc.nat({ max: 0xffffffff }), { minLength: shapes.length, maxLength: shapes.length }).map((uids) =>
      shapes.map((s, i) => podFromShape(`pod-${i}`, (uids[i] as number).toString(16).padStart(8, '0'), s)),
    ),
  );
}

/** The `web` ReplicaSet with `replicas` and `minReadySeconds`, selecting `app=web`. */
export function webReplicaSet(replicas: number, minReadySeconds = 0): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', uid: WEB_UID, generation: 1, resourceVersion: '1' },
    spec: {
      replicas,
      ...(minReadySeconds > 0 && { minReadySeconds }),
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'frontend' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
  };
}

/** A `web` ReplicaSet with 0 to `maxReplicas` replicas and a `minReadySeconds` of 0 to 30. */
export function replicaSet(maxReplicas = 20): fc.Arbitrary<ReplicaSet> {
  return fc.tuple(fc.integer({ min: 0, max: maxReplicas }), fc.constantFrom(0, 0, 5, 30)).map(([r, m]) => webReplicaSet(r, m));
}
