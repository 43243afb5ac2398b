/**
 * Kata 07-replication-controller: the ReplicationController, run by the ReplicaSet controller.
 * Upstream deleted the RC's own controller long ago; an RC is converted to a ReplicaSet on the
 * way in ("as if ReplicationController were just an older API version of ReplicaSet") and its
 * status converted back on the way out. What differs is the shape: a plain label map as
 * selector (equality only), which defaults to the template's labels.
 *
 * Upstream: pkg/controller/replication/replication_controller.go (NewReplicationManager),
 * pkg/controller/replication/conversion.go (convertRCtoRS, convertRStoRC),
 * pkg/apis/core/v1/defaults.go (SetDefaults_ReplicationController),
 * pkg/apis/core/v1/conversion.go (Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec).
 */
import type { KubeObject } from '../../core/api/meta';
import type { ReplicaSet, ReplicaSetStatus } from '../../core/api/types';
import type { ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import type { ReplicationControllerStatus } from '../../core/controllers/replication-controller-types';
import { notImplemented } from '../../core/kata/not-implemented';
import type { Controller } from '../../core/runtime/types';

// TODO(kata): apply the RC's defaults (replicas, then selector and labels from the template's
// labels), convert to a ReplicaSet (the map becomes matchLabels), convert the status back,
// and build the controller with newBaseController (@kata/07-replicaset/replicaset-controller)
// and the adapter below.

/**
 * Upstream SetDefaults_ReplicationController then convertRCtoRS: `spec.replicas` defaults to 1;
 * when the template has labels, an empty selector becomes those labels (and so do empty
 * `metadata.labels`); the selector map becomes `matchLabels`. A selector still empty after
 * defaulting (validation would have refused it) selects nothing.
 */
export function rcToReplicaSet(object: KubeObject): ReplicaSet {
  return notImplemented('07-replication-controller');
}

/** Upstream convertRStoRC for the status: the fields both kinds have; an RC has no `terminatingReplicas`. */
export function replicaSetStatusToRC(status: ReplicaSetStatus): ReplicationControllerStatus {
  return notImplemented('07-replication-controller');
}

/** The adapter that lets the ReplicaSet controller run ReplicationControllers (upstream's GroupVersionKind v1/ReplicationController). */
export const replicationControllerKind: ReplicaSetKind = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  controllerName: 'replication-controller',
  read: (object) => rcToReplicaSet(object),
  writeStatus: (object, status) => ({ ...object, status: replicaSetStatusToRC(status) }),
};

/** The ReplicationController controller: the ReplicaSet controller's code behind the adapter. */
export const replicationControllerController: Controller = {
  name: 'replication-controller',
  watches: ['ReplicationController', 'Pod'],
  keysFor: () => notImplemented('07-replication-controller'),
  reconcile: () => notImplemented('07-replication-controller'),
};
