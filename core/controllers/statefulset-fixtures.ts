/**
 * Test material for the StatefulSet chapter: the sets upstream's tests build
 * (`newStatefulSet`: "foo", a `datadir` claim template and a `home` hostPath volume), the `web`
 * StatefulSet of kubernetes.io with its headless `nginx` Service, pods in the states the
 * controller waits for, and a small in-memory API for driving one pass of the control loop
 * the way upstream's fake object manager does (creates and deletes take effect at once).
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils_test.go (newStatefulSet,
 * newStatefulSetWithVolumes, newPVC), pkg/controller/statefulset/stateful_set_control_test.go
 * (fakeObjectManager, setPodRunning, setPodReady, setPodAvailable); website:
 * concepts/workloads/controllers/statefulset.md (the `web` example).
 */
import { match } from 'ts-pattern';
import type { KubeObject } from '../api/meta';
import type { PersistentVolumeClaim, Pod, Service, StatefulSet } from '../api/types';
import type { Intent } from '../runtime/types';

/** The clock tests start from. */
export const T0 = '2025-01-01T00:00:00Z';

/** `T0` (or `from`) moved forward by `seconds`. */
export function after(seconds: number, from = T0): string {
  return new Date(Date.parse(from) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Upstream newStatefulSet(replicas): set `foo` in `default` (UID `test`) selecting `foo=bar`,
 * one `nginx` container mounting the claim template `datadir` and the hostPath volume `home`,
 * governed by the Service `governingsvc`, RollingUpdate without `rollingUpdate`, Retain/Retain,
 * `revisionHistoryLimit: 2`.
 */
export function newStatefulSet(replicas: number, name = 'foo'): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default', uid: 'test' },
    spec: {
      selector: { matchLabels: { foo: 'bar' } },
      replicas,
      template: {
        metadata: { labels: { foo: 'bar' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx',
              volumeMounts: [
                { name: 'datadir', mountPath: '/tmp/zookeeper' },
                { name: 'home', mountPath: '/home' },
              ],
            },
          ],
          volumes: [{ name: 'home', hostPath: { path: '/tmp/home' } }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'datadir' }, spec: { resources: { requests: { storage: '1' } } } }],
      serviceName: 'governingsvc',
      updateStrategy: { type: 'RollingUpdate' },
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Retain' },
      revisionHistoryLimit: 2,
    },
  };
}

/**
 * The `web` StatefulSet of kubernetes.io "StatefulSets": three nginx pods governed by the
 * headless Service `nginx`, each with a 1Gi `www` claim mounted at /usr/share/nginx/html.
 * (The page's example also sets `minReadySeconds: 10`; pass it in `spec` to get it.)
 */
export function webStatefulSet(spec: Partial<StatefulSet['spec'] & object> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      replicas: 3,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          terminationGracePeriodSeconds: 10,
          containers: [
            {
              name: 'nginx',
              image: 'registry.k8s.io/nginx-slim:0.24',
              ports: [{ containerPort: 80, name: 'web' }],
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'my-storage-class', resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  };
}

/** The headless Service `nginx` that governs `web` (kubernetes.io "StatefulSets"). */
export function nginxService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: { app: 'nginx' } },
  };
}

/** The set with a new container image (a new revision). */
export function withImage(set: StatefulSet, image: string): StatefulSet {
  const template = set.spec!.template;
  const containers = (template.spec?.containers ?? []).map((c, i) => (i === 0 ? { ...c, image } : c));
  return { ...set, spec: { ...set.spec!, template: { ...template, spec: { ...template.spec!, containers } } } };
}

/** The pod with phase Running and a Ready=True condition that became true at `since`. */
export function runningAndReady(pod: Pod, since = T0): Pod {
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'True' as const, lastTransitionTime: since }];
  return { ...pod, status: { ...pod.status, phase: 'Running', conditions } };
}

/** The pod with the given phase (and no Ready condition). */
export function withPhase(pod: Pod, phase: NonNullable<Pod['status']>['phase']): Pod {
  return { ...pod, status: { ...pod.status, phase, conditions: (pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready') } };
}

/** The pod being deleted since `at`. */
export function terminating(pod: Pod, at = T0): Pod {
  return { ...pod, metadata: { ...pod.metadata, deletionTimestamp: at } };
}

/** Pods and claims by name: what a pass of the control loop reads and writes. */
export type FakeObjects = { pods: Record<string, Pod>; claims: Record<string, PersistentVolumeClaim> };

/** An empty namespace. */
export function emptyObjects(): FakeObjects {
  return { pods: {}, claims: {} };
}

/**
 * The objects after `intents`, applied as upstream's fake object manager applies calls: a
 * created pod gets a UID (`<name>-uid`) and phase Pending, a deleted pod is gone at once, a
 * created claim gets a UID, updates replace. Events and other kinds are ignored.
 */
export function applyWrites(objects: FakeObjects, intents: readonly Intent[]): FakeObjects {
  const pods = { ...objects.pods };
  const claims = { ...objects.claims };
  const withUid = <T extends KubeObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, uid: o.metadata.uid ?? `${o.metadata.name}-uid` } });
  for (const intent of intents) {
    match(intent)
      .with({ type: 'create', object: { kind: 'Pod' } }, ({ object }) => void (pods[object.metadata.name] = withUid({ ...(object as Pod), status: { phase: 'Pending' } })))
      .with({ type: 'create', object: { kind: 'PersistentVolumeClaim' } }, ({ object }) => void (claims[object.metadata.name] = withUid(object as PersistentVolumeClaim)))
      .with({ type: 'update', object: { kind: 'Pod' } }, ({ object }) => void (pods[object.metadata.name] = object as Pod))
      .with({ type: 'update', object: { kind: 'PersistentVolumeClaim' } }, ({ object }) => void (claims[object.metadata.name] = object as PersistentVolumeClaim))
      .with({ type: 'delete', kind: 'Pod' }, ({ name }) => void delete pods[name])
      .with({ type: 'delete', kind: 'PersistentVolumeClaim' }, ({ name }) => void delete claims[name])
      // Other kinds, status writes, bindings, events and requeues do not concern this fake.
      .with({ type: 'create' }, { type: 'update' }, { type: 'delete' }, { type: 'updateStatus' }, { type: 'bind' }, { type: 'event' }, { type: 'requeueAfter' }, () => undefined)
      .exhaustive();
  }
  return { pods, claims };
}
