/**
 * Test builders for chapter 03: namespaces in either phase, pods with given requests and
 * limits, LimitRanges and ResourceQuotas, as a user would write them (no server-set fields
 * unless a test asks for them).
 */
import { kindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import type { Container, Namespace, Pod, ResourceList } from '../api/types';
import type { View } from '../runtime/types';
import type { LimitRange, LimitRangeItem, ResourceQuota, ResourceQuotaSpec, ResourceQuotaStatus } from './types';

/** An instant tests use as `now`. */
export const NOW = '2025-01-01T12:00:00Z';

/** A namespace as the store holds it: Active, or Terminating since `deletedAt`. */
export function namespace(name: string, options: { terminating?: string; labels?: Record<string, string>; finalizers?: string[] } = {}): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `uid-ns-${name}`,
      ...(options.labels && { labels: options.labels }),
      ...(options.terminating !== undefined && { deletionTimestamp: options.terminating }),
    },
    spec: { finalizers: options.finalizers ?? ['kubernetes'] },
    status: { phase: options.terminating !== undefined ? 'Terminating' : 'Active' },
  };
}

/** A container with the given requests and limits (either may be omitted). */
export function container(name: string, resources: { requests?: ResourceList; limits?: ResourceList } = {}): Container {
  const has = resources.requests !== undefined || resources.limits !== undefined;
  return { name, image: 'nginx:1.27', ...(has && { resources: { ...resources } }) };
}

/** A pod in `ns` with the given containers (one bare container `app` by default). */
export function pod(name: string, ns: string, containers: Container[] = [container('app')], extra: Partial<Pod['spec']> & { phase?: string } = {}): Pod {
  const { phase, ...spec } = extra;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { ...spec, containers },
    ...(phase !== undefined && { status: { phase: phase as NonNullable<Pod['status']>['phase'] } }),
  };
}

/** A LimitRange in `ns`. */
export function limitRange(name: string, ns: string, limits: LimitRangeItem[]): LimitRange {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: ns }, spec: { limits } };
}

/** A ResourceQuota in `ns`, with a status when the quota controller has synced it. */
export function resourceQuota(name: string, ns: string, spec: ResourceQuotaSpec, status?: ResourceQuotaStatus): ResourceQuota {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: ns },
    spec,
    ...(status && { status }),
  };
}

/** A synced quota: `status.hard` is `hard`, `status.used` is `used`. */
export function syncedQuota(name: string, ns: string, hard: ResourceList, used: ResourceList): ResourceQuota {
  return resourceQuota(name, ns, { hard }, { hard, used });
}

/** Any other namespaced object, e.g. a ConfigMap. */
export function object(kind: string, name: string, ns: string, fields: Record<string, unknown> = {}): KubeObject {
  const apiVersion = kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps/v1' : 'v1';
  return { apiVersion, kind, metadata: { name, namespace: ns }, ...fields };
}

/**
 * A read-only view over a fixed list of objects at `now`, for calling a reconciler directly.
 * Lists are sorted by namespace then name, like an informer's.
 */
export function staticView(objects: readonly KubeObject[], now: string = NOW): View {
  const sorted = [...objects].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const ofKind = (kind: string) => sorted.filter((o) => o.kind === kind);
  return {
    now,
    random: () => 0,
    get: (kind, ns, name) => ofKind(kind).find((o) => o.metadata.name === name && (kindInfo(kind)?.namespaced ? o.metadata.namespace === ns : true)),
    list: (kind, ns) => ofKind(kind).filter((o) => ns === undefined || o.metadata.namespace === ns),
    byLabel: (kind, key, value) => ofKind(kind).filter((o) => o.metadata.labels?.[key] === value),
    podsOnNode: (nodeName) => ofKind('Pod').filter((o) => (o.spec as { nodeName?: string } | undefined)?.nodeName === nodeName),
    ownedBy: (kind, uid) => ofKind(kind).filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid)),
  };
}
