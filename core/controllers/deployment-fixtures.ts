/**
 * Test fixtures for the Deployment chapter, shaped like the helpers of upstream's own tests so
 * that their tables port line by line: `newDeployment` and `rs` from the controller's tests,
 * `generateDeployment` and `generateRS` from the util tests.
 *
 * Upstream: pkg/controller/deployment/deployment_controller_test.go (rs, newRSWithStatus,
 * newDeployment, newReplicaSet), pkg/controller/deployment/util/deployment_util_test.go
 * (generateDeployment, generateRS, generatePodTemplateSpec).
 */
import type { OwnerReference } from '../api/meta';
import type { Deployment, IntOrString, PodTemplateSpec, ReplicaSet } from '../api/types';

/** The namespace upstream's fixtures use (`metav1.NamespaceDefault`). */
export const NAMESPACE = 'default';

/** What `newDeployment` may be given beyond name and replicas. */
export type DeploymentOptions = {
  revisionHistoryLimit?: number;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  selector?: Record<string, string>;
};

/**
 * Upstream newDeployment: a RollingUpdate Deployment with maxSurge 0 and maxUnavailable 0
 * unless given (which ResolveFenceposts turns into 0 and 1), a template labelled with the
 * selector and one container `foo/bar`, and a UID derived from the name.
 */
export function newDeployment(name: string, replicas: number, options: DeploymentOptions = {}): Deployment {
  const selector = options.selector ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, uid: `uid-${name}`, annotations: {} },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: { metadata: { labels: { ...selector } }, spec: { containers: [{ name: 'foo', image: 'foo/bar' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: options.maxSurge ?? 0, maxUnavailable: options.maxUnavailable ?? 0 } },
      ...(options.revisionHistoryLimit !== undefined && { revisionHistoryLimit: options.revisionHistoryLimit }),
    },
  };
}

/** Upstream rs(): a ReplicaSet with `replicas`, a selector, an empty template and a creation time (none = the zero time). */
export function rs(name: string, replicas: number, selector: Record<string, string> = {}, creationTimestamp?: string): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: NAMESPACE, uid: `uid-${name}`, ...(creationTimestamp && { creationTimestamp }) },
    spec: { replicas, selector: { matchLabels: selector }, template: {} },
    status: { replicas: 0 },
  };
}

/** Upstream newRSWithStatus: rs() with `status.replicas` set. */
export function newRSWithStatus(name: string, specReplicas: number, statusReplicas: number, selector: Record<string, string> = {}): ReplicaSet {
  const made = rs(name, specReplicas, selector);
  return { ...made, status: { replicas: statusReplicas } };
}

/** A ReplicaSet with the given sizes: `spec.replicas`, `status.replicas` and `status.availableReplicas` (upstream newRSWithAvailable). */
export function rsWithAvailable(name: string, specReplicas: number, statusReplicas: number, availableReplicas: number): ReplicaSet {
  const made = rs(name, specReplicas);
  return { ...made, status: { replicas: statusReplicas, availableReplicas } };
}

/** A controller reference to `d`, as the Deployment controller writes it. */
export function deploymentRef(d: Deployment): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * Upstream generateDeployment: a one-replica Deployment named after `image`, selecting
 * `name=<image>`, whose template runs `image` with the API defaults spelled out.
 */
export function generateDeployment(image: string): Deployment {
  const labels = { name: image };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: image, namespace: NAMESPACE, uid: `uid-${image}`, annotations: {} },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          containers: [{ name: image, image, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' }],
          dnsPolicy: 'ClusterFirst',
          terminationGracePeriodSeconds: 30,
          restartPolicy: 'Always',
          securityContext: {},
          enableServiceLinks: true,
        },
      },
    },
  };
}

/** Upstream generateRS: a ReplicaSet of 0 replicas with `d`'s template, controlled by `d`. */
export function generateRS(d: Deployment, name: string, creationTimestamp?: string): ReplicaSet {
  const template = structuredClone(d.spec?.template ?? {}) as PodTemplateSpec;
  const labels = { ...(template.metadata?.labels ?? {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: NAMESPACE, uid: `uid-${name}`, labels, ownerReferences: [deploymentRef(d)], ...(creationTimestamp && { creationTimestamp }) },
    spec: { replicas: 0, template, selector: { matchLabels: { ...labels } } },
    status: { replicas: 0 },
  };
}

/** Upstream generatePodTemplateSpec: a template with a name, a node name, annotations and labels. */
export function generatePodTemplateSpec(name: string, nodeName: string, annotations: Record<string, string>, labels: Record<string, string>): PodTemplateSpec {
  return { metadata: { name, annotations, labels }, spec: { nodeName, containers: [] } };
}
