/**
 * The StatefulSet's API constants and defaults: the labels its pods carry, the group/version/
 * kind names its owner references use, and what the API server fills in when a manifest
 * leaves a field out. This cluster's API server does not default objects yet, so the
 * controller applies {@link defaultStatefulSet} to every set it reads.
 *
 * Upstream: staging/src/k8s.io/api/apps/v1/types.go (StatefulSetPodNameLabel,
 * StatefulSetRevisionLabel, PodIndexLabel), pkg/apis/apps/v1/defaults.go
 * (SetDefaults_StatefulSet), pkg/controller/statefulset/stateful_set.go (controllerKind,
 * podKind).
 */
import type { StatefulSet } from '../api/types';

/** Every pod of a set carries its own name under this label, so a Service can select one pod. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The pod's ordinal, as a decimal string (the PodIndexLabel feature, on by default since v1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The name of the ControllerRevision a pod was made from (`StatefulSetRevisionLabel`). */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';

/** A group/version and kind, as owner references spell them. */
export type GroupVersionKind = { apiVersion: string; kind: string };

/** The StatefulSet's kind, written into the owner references of its pods, claims and revisions. */
export const STATEFULSET_KIND: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };

/** The Pod's kind, written into a claim's owner references when a scaled-down pod owns it. */
export const POD_KIND: GroupVersionKind = { apiVersion: 'v1', kind: 'Pod' };

/** The component name of the StatefulSet controller (and the source of its events). */
export const STATEFULSET_CONTROLLER_NAME = 'statefulset-controller';

/**
 * Upstream SetDefaults_StatefulSet (with StatefulSetAutoDeletePVC on, as it is by default):
 * `podManagementPolicy: OrderedReady`; an unset `updateStrategy.type` becomes `RollingUpdate`
 * with `rollingUpdate: {}`; a RollingUpdate strategy that has `rollingUpdate` gets
 * `partition: 0`; both retention policies default to `Retain`; `replicas: 1`;
 * `revisionHistoryLimit: 10`. A strategy written as `type: RollingUpdate` without
 * `rollingUpdate` keeps it absent, as upstream does.
 */
export function defaultStatefulSet(set: StatefulSet): StatefulSet {
  const spec = set.spec ?? ({} as StatefulSet['spec'] & object);
  let updateStrategy = spec.updateStrategy ?? {};
  if (updateStrategy.type === undefined) updateStrategy = { ...updateStrategy, type: 'RollingUpdate', rollingUpdate: updateStrategy.rollingUpdate ?? {} };
  if (updateStrategy.type === 'RollingUpdate' && updateStrategy.rollingUpdate && updateStrategy.rollingUpdate.partition === undefined) {
    updateStrategy = { ...updateStrategy, rollingUpdate: { ...updateStrategy.rollingUpdate, partition: 0 } };
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy ?? {};
  return {
    ...set,
    spec: {
      ...spec,
      podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
      updateStrategy,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: retention.whenDeleted ?? 'Retain', whenScaled: retention.whenScaled ?? 'Retain' },
      replicas: spec.replicas ?? 1,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    },
  };
}
