/**
 * Shapes the Deployment controller's katas pass between each other: how a sync looks up a
 * ReplicaSet by name, the pods grouped by ReplicaSet, what finding the new ReplicaSet yields,
 * and what `kubectl rollout undo` decides.
 *
 * Upstream: pkg/controller/deployment/deployment_controller.go (getPodMapForDeployment),
 * pkg/controller/deployment/sync.go (getNewReplicaSet), staging/src/k8s.io/kubectl/pkg/
 * polymorphichelpers/rollback.go (DeploymentRollbacker).
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import type { SyncPlan } from './deployment-plan';

/** Reads a ReplicaSet of the Deployment's namespace by name from the cache (to detect a taken name). */
export type ReplicaSetLookup = (name: string) => ReplicaSet | undefined;

/** Pods of the Deployment's ReplicaSets, by ReplicaSet UID, terminated ones included (upstream getPodMapForDeployment). */
export type PodMap = Record<string, Pod[]>;

/** What getNewReplicaSet found or made; `failed` ends the sync (upstream returns an error). */
export type NewReplicaSetResult = { plan: SyncPlan; newRS?: ReplicaSet; failed: boolean };

/** What `kubectl rollout undo` does with a Deployment. */
export type RollbackResult =
  /** The Deployment to write back: the old template (without its hash label) and annotations. `message` follows `deployment.apps/<name> `. */
  | { type: 'rolledBack'; deployment: Deployment; message: string }
  /** Nothing to do; `message` follows `deployment.apps/<name> `. */
  | { type: 'skipped'; message: string }
  /** The command fails with this error. */
  | { type: 'error'; message: string };
