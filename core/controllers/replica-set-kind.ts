/**
 * One controller, two kinds. Upstream runs the very same ReplicaSet controller code for
 * ReplicationControllers: their objects are converted to ReplicaSets on the way in and back on
 * the way out, "as if ReplicationController were just an older API version of ReplicaSet".
 * A {@link ReplicaSetKind} is that adapter: which kind the controller watches and owns pods
 * as, and how to read one of its objects as a ReplicaSet and write a status back.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (NewBaseController takes the
 * GroupVersionKind), pkg/controller/replication/conversion.go (the RC adapters),
 * pkg/apis/apps/v1/defaults.go (SetDefaults_ReplicaSet).
 */
import type { KubeObject } from '../api/meta';
import type { ReplicaSet, ReplicaSetStatus } from '../api/types';

/** How the ReplicaSet controller reads and writes one kind of replica controller. */
export type ReplicaSetKind = {
  /** The kind the controller watches, and names in the ownerReferences of the pods it creates. */
  kind: 'ReplicaSet' | 'ReplicationController';
  /** The kind's `apiVersion`, also written into those ownerReferences. */
  apiVersion: 'apps/v1' | 'v1';
  /** The component's name in the runtime (and the source of its events). */
  controllerName: string;
  /**
   * A cached object of this kind as a ReplicaSet, with the API defaults applied (this cluster's
   * API server does not default objects yet): `spec.replicas` is always set.
   */
  read: (object: KubeObject) => ReplicaSet;
  /** The cached object with `status` in its own shape, ready for an `updateStatus` intent. */
  writeStatus: (object: KubeObject, status: ReplicaSetStatus) => KubeObject;
};

/** Upstream SetDefaults_ReplicaSet: `spec.replicas` defaults to 1. */
export function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
  if (rs.spec?.replicas !== undefined) return rs;
  return { ...rs, spec: { ...rs.spec, replicas: 1 } } as ReplicaSet;
}

/** The ReplicaSet itself: read with its defaults, status written as is. */
export const replicaSetKind: ReplicaSetKind = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  controllerName: 'replicaset-controller',
  read: (object) => defaultReplicaSet(object as ReplicaSet),
  writeStatus: (object, status) => ({ ...object, status }),
};

/** `spec.replicas` of an object read through a {@link ReplicaSetKind} (always set there). */
export function replicasOf(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}
