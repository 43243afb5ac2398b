/**
 * What the kubelet needs to turn the runtime's container instances into the container
 * statuses of the API (`status.containerStatuses`, `status.initContainerStatuses`): the
 * runtime's view, the previous API statuses, and the reason cache, which remembers why each
 * container failed to start in the last sync (CrashLoopBackOff, ErrImagePull, ...). The
 * conversion is kata 05-container-statuses.
 *
 * Upstream: pkg/kubelet/kubelet_pods.go (convertToAPIContainerStatuses),
 * pkg/kubelet/reason_cache.go (ReasonCache, keyed by pod UID and container name),
 * pkg/kubelet/container/runtime.go (ContainerID.String: `<type>://<id>`).
 */
import type { Container } from '../api/types/container';
import type { ContainerStatus, Pod } from '../api/types/pod';
import type { SimPodStatus } from './cri';

/** Why a container failed to start in the last sync: the error's name and its message. */
export type ReasonCacheEntry = { reason: string; message: string };

/** The reason cache: `<pod uid>/<container name>` to the last start failure. */
export type ReasonCache = Record<string, ReasonCacheEntry>;

/** The reason cache key of a container of a pod. */
export function reasonKey(podUID: string, containerName: string): string {
  return `${podUID}/${containerName}`;
}

/** The runtime type in container IDs: `containerd://<id>`. */
export const RUNTIME_TYPE = 'containerd';

/** What one conversion reads. */
export type ContainerStatusesInput = {
  pod: Pod;
  /** The runtime's view of the pod (newest instances first). */
  podStatus: SimPodStatus;
  /** The statuses the API holds now for the same list (init or regular). */
  previous: ContainerStatus[] | undefined;
  /** The containers of the list being converted, in spec order. */
  containers: Container[];
  /** Converting `initContainers` rather than `containers`. */
  isInit: boolean;
  reasons: ReasonCache;
};
