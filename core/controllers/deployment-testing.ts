/**
 * Test support for running Deployments in the simulation: a stand-in kubelet whose pods take
 * a while to become ready and to stop (so a rolling update really has unavailable pods to
 * wait for), a Deployment manifest builder, and the client side of `kubectl scale`,
 * `kubectl set image`, `rollout pause` and `resume` as spec edits of the stored Deployment.
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../api/meta';
import type { Deployment, DeploymentSpec, IntOrString, Pod, ReplicaSet } from '../api/types';
import { createRequest, submit, type ClusterState } from '../cluster/state';
import { prepareForCreate } from '../cluster/strategy';
import type { Controller } from '../runtime/types';
import { isControlledBy } from './owner-references';
import { isPodReady } from './pod-status';

const plus = (time: string, seconds: number) => Date.parse(time) + seconds * 1000;

/** How the stand-in kubelet paces its pods. */
export type PacedKubeletOptions = {
  /** Seconds from a pod's creation until it reports Ready (default 5). */
  readySeconds?: number;
  /** Seconds a deleted pod keeps running before it is gone (default 2; its grace period is 30). */
  stopSeconds?: number;
};

/**
 * A stand-in for the scheduler and the kubelet: binds every pod to `node-1` (so its deletion
 * is graceful), reports it Running and Ready `readySeconds` after its creation, and
 * finishes a graceful deletion `stopSeconds` after it started. Level-triggered: it asks to
 * be woken when the next of these moments comes.
 */
export function pacedKubelet(options: PacedKubeletOptions = {}): Controller {
  const readySeconds = options.readySeconds ?? 5;
  const stopSeconds = options.stopSeconds ?? 2;
  return {
    name: 'kubelet',
    watches: ['Pod'],
    keysFor: (pod) => [`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`],
    reconcile: (view, key) => {
      const [namespace = '', name = ''] = key.split('/');
      const pod = view.get('Pod', namespace, name) as Pod | undefined;
      if (!pod) return [];
      const now = Date.parse(view.now);
      if (pod.metadata.deletionTimestamp !== undefined) {
        const started = plus(pod.metadata.deletionTimestamp, -(pod.metadata.deletionGracePeriodSeconds ?? 0));
        const gone = started + stopSeconds * 1000;
        if (now >= gone) return [{ type: 'delete', kind: 'Pod', namespace, name, gracePeriodSeconds: 0 }];
        return [{ type: 'requeueAfter', key, seconds: (gone - now) / 1000 }];
      }
      if (!pod.spec?.nodeName) return [{ type: 'bind', namespace, name, uid: pod.metadata.uid, nodeName: 'node-1' }];
      if (pod.status?.phase === 'Running' && isPodReady(pod)) return [];
      const readyAt = plus(pod.metadata.creationTimestamp ?? view.now, readySeconds);
      if (now < readyAt) return [{ type: 'requeueAfter', key, seconds: (readyAt - now) / 1000 }];
      const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'Ready'), { type: 'Ready', status: 'True' as const, lastProbeTime: null, lastTransitionTime: view.now }];
      return [{ type: 'updateStatus', object: { ...pod, status: { ...pod.status, phase: 'Running', conditions } } }];
    },
  };
}

/** What a test Deployment may set. */
export type DeploymentShape = {
  name?: string;
  replicas?: number;
  image?: string;
  strategy?: 'RollingUpdate' | 'Recreate';
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
};

/** A Deployment manifest in `default` selecting `app=<name>`, one container `web` running `image`; unset fields are left to the defaults. */
export function deploymentManifest(shape: DeploymentShape = {}): Deployment {
  const name = shape.name ?? 'web';
  const rollingUpdate = shape.maxSurge !== undefined || shape.maxUnavailable !== undefined ? { rollingUpdate: { ...(shape.maxSurge !== undefined && { maxSurge: shape.maxSurge }), ...(shape.maxUnavailable !== undefined && { maxUnavailable: shape.maxUnavailable }) } } : {};
  const spec: DeploymentSpec = {
    ...(shape.replicas !== undefined && { replicas: shape.replicas }),
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: shape.image ?? 'nginx:1.14.2' }] } },
    ...(shape.strategy && { strategy: { type: shape.strategy, ...(shape.strategy === 'RollingUpdate' ? rollingUpdate : {}) } }),
    ...(!shape.strategy && rollingUpdate.rollingUpdate && { strategy: rollingUpdate }),
    ...(shape.minReadySeconds !== undefined && { minReadySeconds: shape.minReadySeconds }),
    ...(shape.revisionHistoryLimit !== undefined && { revisionHistoryLimit: shape.revisionHistoryLimit }),
    ...(shape.progressDeadlineSeconds !== undefined && { progressDeadlineSeconds: shape.progressDeadlineSeconds }),
  };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec };
}

/**
 * A client edit of a stored Deployment's spec (what `kubectl scale`, `set image`, `rollout
 * pause` do): read it, change the spec, update it with its resourceVersion. Throws if the
 * API server refuses.
 */
export function editDeployment(cluster: ClusterState, namespace: string, name: string, edit: (spec: DeploymentSpec) => DeploymentSpec): ClusterState {
  const stored = getObject(cluster.store, 'Deployment', namespace, name) as Deployment | undefined;
  if (!stored) throw new Error(`deployments.apps "${name}" not found`);
  const [next, result] = submit(cluster, { type: 'update', object: { ...stored, spec: edit(structuredClone(stored.spec!)) }, now: cluster.now });
  if (!result.ok) throw new Error(result.status.message);
  return next;
}

/** `kubectl set image deployment/<name> web=<image>`. */
export function setImage(spec: DeploymentSpec, image: string): DeploymentSpec {
  return { ...spec, template: { ...spec.template, spec: { ...spec.template.spec!, containers: spec.template.spec!.containers.map((c) => ({ ...c, image })) } } };
}

/**
 * The cluster with `objects` created in order, as an API client creates them (a given
 * `status` goes through the status subresource). `ownerUid` placeholders are not needed:
 * read the owner back with getObject and build the dependents from its UID.
 */
export function addObjects(cluster: ClusterState, objects: KubeObject[]): ClusterState {
  let state = cluster;
  for (const object of objects) {
    const [created, result] = submit(state, createRequest(state, prepareForCreate(object)));
    if (!result.ok) throw new Error(`creating ${object.kind} ${object.metadata.name}: ${result.status.message}`);
    state = created;
    if (object.status !== undefined) {
      const [withStatus, statusResult] = submit(state, { type: 'updateStatus', object: { ...result.object, status: object.status }, now: state.now });
      if (!statusResult.ok) throw new Error(`status of ${object.kind} ${object.metadata.name}: ${statusResult.status.message}`);
      state = withStatus;
    }
  }
  return state;
}

/** The ReplicaSets `d` controls, as stored. */
export function replicaSetsOf(cluster: ClusterState, d: Deployment): ReplicaSet[] {
  return (listObjects(cluster.store, 'ReplicaSet', d.metadata.namespace ?? '').items as ReplicaSet[]).filter((rs) => isControlledBy(rs, d));
}
