/**
 * The workload controllers of the `apps` group: Deployment, ReplicaSet, StatefulSet and
 * DaemonSet. Each owns pods stamped from a template and selected by a label selector.
 *
 * Upstream: staging/src/k8s.io/api/apps/v1/types.go
 */
import type { KubeObject } from '../meta';
import type { ConditionStatus, IntOrString, LabelSelector, Time } from './common';
import type { PodTemplateSpec } from './pod';
import type { PersistentVolumeClaimTemplate } from './storage';

/** A condition of a workload controller (`DeploymentCondition`, `ReplicaSetCondition`, ...). */
export type WorkloadCondition = {
  type: string;
  status: ConditionStatus;
  lastUpdateTime?: Time;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
};

/** How many pods a rolling update may add above, or take below, the desired count. */
export type RollingUpdateDeployment = {
  /** A count or a percentage of `replicas`, rounded down. Defaults to `25%`. */
  maxUnavailable?: IntOrString;
  /** A count or a percentage of `replicas`, rounded up. Defaults to `25%`. */
  maxSurge?: IntOrString;
};

/** How a Deployment replaces old pods with new ones. */
export type DeploymentStrategy = {
  type?: 'Recreate' | 'RollingUpdate';
  rollingUpdate?: RollingUpdateDeployment;
};

/** The desired state of a Deployment. */
export type DeploymentSpec = {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
};

/** The observed state of a Deployment. */
export type DeploymentStatus = {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  terminatingReplicas?: number;
  conditions?: WorkloadCondition[];
  collisionCount?: number;
};

/** Declarative updates for pods, through ReplicaSets. */
export type Deployment = KubeObject<DeploymentSpec, DeploymentStatus> & {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
};

/** The desired state of a ReplicaSet. */
export type ReplicaSetSpec = {
  replicas?: number;
  minReadySeconds?: number;
  selector: LabelSelector;
  template?: PodTemplateSpec;
};

/** The observed state of a ReplicaSet. */
export type ReplicaSetStatus = {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  terminatingReplicas?: number;
  observedGeneration?: number;
  conditions?: WorkloadCondition[];
};

/** Keeps a number of identical pods running. */
export type ReplicaSet = KubeObject<ReplicaSetSpec, ReplicaSetStatus> & {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
};

/** How a StatefulSet rolls out a new template. */
export type StatefulSetUpdateStrategy = {
  type?: 'RollingUpdate' | 'OnDelete';
  rollingUpdate?: {
    /** Pods with an ordinal at or above the partition are updated. */
    partition?: number;
    maxUnavailable?: IntOrString;
  };
};

/** Whether claims from `volumeClaimTemplates` are deleted with the set or on scale-down. */
export type StatefulSetPersistentVolumeClaimRetentionPolicy = {
  whenDeleted?: 'Retain' | 'Delete';
  whenScaled?: 'Retain' | 'Delete';
};

/** The desired state of a StatefulSet. */
export type StatefulSetSpec = {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: StatefulSetUpdateStrategy;
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: StatefulSetPersistentVolumeClaimRetentionPolicy;
  ordinals?: { start?: number };
};

/** The observed state of a StatefulSet. */
export type StatefulSetStatus = {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: WorkloadCondition[];
  availableReplicas?: number;
};

/** Pods with stable names and storage, started and stopped in order. */
export type StatefulSet = KubeObject<StatefulSetSpec, StatefulSetStatus> & {
  apiVersion: 'apps/v1';
  kind: 'StatefulSet';
};

/** How a DaemonSet rolls out a new template. */
export type DaemonSetUpdateStrategy = {
  type?: 'RollingUpdate' | 'OnDelete';
  rollingUpdate?: {
    maxUnavailable?: IntOrString;
    maxSurge?: IntOrString;
  };
};

/** The desired state of a DaemonSet. */
export type DaemonSetSpec = {
  selector: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
};

/** The observed state of a DaemonSet. */
export type DaemonSetStatus = {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: WorkloadCondition[];
};

/** One pod on every eligible node. */
export type DaemonSet = KubeObject<DaemonSetSpec, DaemonSetStatus> & {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
};
