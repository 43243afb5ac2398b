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
import { newBaseController } from '@kata/07-replicaset/replicaset-controller';
import type { KubeObject } from '../../core/api/meta';
import type { ReplicaSet, ReplicaSetStatus } from '../../core/api/types';
import type { ReplicaSetKind } from '../../core/controllers/replica-set-kind';
import type { ReplicationController, ReplicationControllerStatus } from '../../core/controllers/replication-controller-types';
import type { Controller } from '../../core/runtime/types';

const isEmpty = (map: Record<string, string> | undefined) => map === undefined || Object.keys(map).length === 0;

/**
 * Upstream SetDefaults_ReplicationController then convertRCtoRS: `spec.replicas` defaults to 1;
 * when the template has labels, an empty selector becomes those labels (and so do empty
 * `metadata.labels`); the selector map becomes `matchLabels`. A selector still empty after
 * defaulting (validation would have refused it) selects nothing.
 */
export function rcToReplicaSet(object: KubeObject): ReplicaSet {
  const rc = object as ReplicationController;
  const spec = rc.spec ?? {};
  const templateLabels = spec.template?.metadata?.labels;
  const selector = isEmpty(spec.selector) && templateLabels !== undefined ? templateLabels : spec.selector;
  const labels = isEmpty(rc.metadata.labels) && templateLabels !== undefined ? templateLabels : rc.metadata.labels;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { ...rc.metadata, ...(labels !== undefined && { labels }) },
    // Without a selector the ReplicaSet's `spec.selector` stays unset, which selects nothing.
    spec: {
      replicas: spec.replicas ?? 1,
      ...(spec.minReadySeconds !== undefined && { minReadySeconds: spec.minReadySeconds }),
      ...(!isEmpty(selector) && { selector: { matchLabels: { ...selector } } }),
      ...(spec.template !== undefined && { template: spec.template }),
    } as ReplicaSet['spec'],
    ...(rc.status !== undefined && { status: { ...rc.status } }),
  };
}

/** Upstream convertRStoRC for the status: the fields both kinds have; an RC has no `terminatingReplicas`. */
export function replicaSetStatusToRC(status: ReplicaSetStatus): ReplicationControllerStatus {
  const { replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions } = status;
  return {
    replicas,
    ...(fullyLabeledReplicas !== undefined && { fullyLabeledReplicas }),
    ...(readyReplicas !== undefined && { readyReplicas }),
    ...(availableReplicas !== undefined && { availableReplicas }),
    ...(observedGeneration !== undefined && { observedGeneration }),
    ...(conditions !== undefined && { conditions }),
  };
}

/** The adapter that lets the ReplicaSet controller run ReplicationControllers (upstream's GroupVersionKind v1/ReplicationController). */
export const replicationControllerKind: ReplicaSetKind = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  controllerName: 'replication-controller',
  read: rcToReplicaSet,
  writeStatus: (object, status) => ({ ...object, status: replicaSetStatusToRC(status) }),
};

/** The ReplicationController controller: the ReplicaSet controller's code behind the adapter. */
export const replicationControllerController: Controller = newBaseController(replicationControllerKind);
