/**
 * The one API default that decides quota and LimitRange outcomes: a container that states a
 * limit but no request for a resource requests its limit. Upstream applies it when a Pod is
 * decoded, before any admission plugin runs, and only to Pods (not to pod templates inside
 * Deployments), so this runs first in the chain, on pod creates.
 *
 * Upstream: pkg/apis/core/v1/defaults.go (SetDefaults_Pod).
 */
import type { Container, Pod } from '../api/types';

function withRequestsFromLimits(container: Container): Container {
  const limits = container.resources?.limits;
  if (!limits) return container;
  const requests = { ...(container.resources?.requests ?? {}) };
  let changed = false;
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) {
      requests[name] = value;
      changed = true;
    }
  }
  return changed ? { ...container, resources: { ...container.resources, requests } } : container;
}

/** Upstream SetDefaults_Pod: requests default to limits, for containers and init containers. */
export function defaultPodRequests(pod: Pod): Pod {
  const spec = pod.spec;
  if (!spec) return pod;
  return {
    ...pod,
    spec: {
      ...spec,
      containers: (spec.containers ?? []).map(withRequestsFromLimits),
      ...(spec.initContainers && { initContainers: spec.initContainers.map(withRequestsFromLimits) }),
    },
  };
}
