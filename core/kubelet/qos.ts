/**
 * The pod's Quality of Service class, which the kubelet reports in `status.qosClass` and uses
 * to decide whom to evict first: Guaranteed when every container has cpu and memory limits
 * equal to its requests, BestEffort when no container asks for or limits cpu or memory,
 * Burstable otherwise. Given here: it is plumbing for the status, not this chapter's lesson.
 *
 * Upstream: pkg/apis/core/v1/helper/qos/qos.go (GetPodQOS, ComputePodQOS), website:
 * concepts/workloads/pods/pod-qos.md.
 */
import type { PodQOSClass, Pod } from '../api/types/pod';
import { compareQuantities, parseQuantity } from '../rules';

const SUPPORTED = ['cpu', 'memory'];

/** The QoS class of a pod. Upstream: ComputePodQOS (init containers count; a request defaults to its limit). */
export function podQOSClass(pod: Pod): PodQOSClass {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    for (const r of SUPPORTED) {
      const request = requests[r] === undefined ? undefined : parseQuantity(requests[r]);
      const limit = limits[r] === undefined ? undefined : parseQuantity(limits[r]);
      if ((request && request.sign !== 0) || (limit && limit.sign !== 0)) any = true;
      if (!limit || !request || compareQuantities(request, limit) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
