/**
 * The ReplicationController (core `v1`): the ReplicaSet's older shape. Its selector is a plain
 * label map (equality only), it may be left out (it then defaults to the template's labels),
 * and its template is optional in the type. Status has the same fields as a ReplicaSet's.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (ReplicationController,
 * ReplicationControllerSpec, ReplicationControllerStatus, ReplicationControllerCondition).
 */
import type { KubeObject } from '../api/meta';
import type { PodTemplateSpec, WorkloadCondition } from '../api/types';

/** The desired state of a ReplicationController. */
export type ReplicationControllerSpec = {
  /** Defaults to 1. */
  replicas?: number;
  minReadySeconds?: number;
  /** Equality-only selector; empty or absent means "the template's labels". */
  selector?: Record<string, string>;
  template?: PodTemplateSpec;
};

/** The observed state of a ReplicationController (the same fields as a ReplicaSet's). */
export type ReplicationControllerStatus = {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: WorkloadCondition[];
};

/** Keeps a number of identical pods running; superseded by ReplicaSet, still served as core `v1`. */
export type ReplicationController = KubeObject<ReplicationControllerSpec, ReplicationControllerStatus> & {
  apiVersion: 'v1';
  kind: 'ReplicationController';
};
