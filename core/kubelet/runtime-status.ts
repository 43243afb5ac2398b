/**
 * What the container runtime reports about one pod, in the shape the kubelet's runtime
 * manager reasons about: `kubecontainer.PodStatus`, its sandbox statuses (CRI
 * `PodSandboxStatus`) and its container statuses (`kubecontainer.Status`). This is the
 * "actual state" side of `computePodActions`; the pod spec is the "desired state" side.
 *
 * Both lists are ordered newest first, as the runtime manager sorts them
 * (`containerStatusByCreated`; `SandboxStatuses[0]` is the latest sandbox), so the first
 * status with a given name is the latest instance of that container.
 *
 * Upstream: pkg/kubelet/container/runtime.go (PodStatus, Status, ContainerState,
 * FindContainerStatusByName), staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto
 * (PodSandboxStatus, PodSandboxState, NamespaceMode), pkg/api/v1/pod/util.go
 * (IsRestartableInitContainer), pkg/kubelet/kuberuntime/util/util.go (NetworkNamespaceForPod).
 */
import type { Time } from '../api/types/common';
import type { Container, PullPolicy } from '../api/types/container';
import type { Pod } from '../api/types/pod';

/** CRI sandbox state: the pause container and its network are up, or not. */
export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

/** Whose namespace a pod uses: its own (`POD`), one per container, or the node's (`NODE`, hostNetwork). */
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE';

/** One pod sandbox (the pause container holding the pod's namespaces), as `PodSandboxStatus` reports it. */
export type PodSandboxStatus = {
  id: string;
  metadata: { name: string; namespace: string; uid: string; /** How many sandboxes this pod had before this one. */ attempt: number };
  state: PodSandboxState;
  createdAt: Time;
  /** The pod IP that CNI ADD assigned; absent or `ip: ''` when networking was not set up. */
  network?: { ip: string; additionalIps?: { ip: string }[] };
  linux?: { namespaces?: { options?: { network?: NamespaceMode; pid?: NamespaceMode; ipc?: NamespaceMode } } };
};

/** `kubecontainer.ContainerState`: the runtime's view, coarser than the API's waiting/running/terminated. */
export type ContainerRuntimeState = 'created' | 'running' | 'exited' | 'unknown';

/** A prober result (`proberesults.Result`). */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** One container instance as the runtime reports it (`kubecontainer.Status`). */
export type RuntimeContainerStatus = {
  /** The runtime's container ID; a restart creates a new instance with a new ID. */
  id: string;
  name: string;
  state: ContainerRuntimeState;
  createdAt: Time;
  startedAt?: Time;
  finishedAt?: Time;
  exitCode?: number;
  /** The runtime's reason for an exit: `Completed`, `Error`, `OOMKilled`, ... */
  reason?: string;
  message?: string;
  image?: string;
  /** `hashContainer` of the spec this instance was created from (core/kubelet/hash). */
  hash: string;
  restartCount: number;
  /**
   * What the liveness prober last said about this container ID; absent when it has no
   * result yet. Upstream keeps this in the kubelet's livenessManager, keyed by container ID.
   */
  liveness?: ProbeResult;
  /** The startup prober's last result for this container ID (upstream: startupManager). */
  startup?: ProbeResult;
};

/** Everything the runtime knows about one pod (`kubecontainer.PodStatus`). */
export type RuntimePodStatus = {
  /** The pod's UID. */
  id: string;
  name: string;
  namespace: string;
  /** The latest ready sandbox's IPs, primary first. */
  ips: string[];
  /** Newest first. */
  sandboxStatuses: PodSandboxStatus[];
  /** Every container instance the runtime still has, newest first. */
  containerStatuses: RuntimeContainerStatus[];
};

/** The latest instance of container `name`, or `undefined`. Upstream: PodStatus.FindContainerStatusByName. */
export function findContainerStatusByName(status: RuntimePodStatus, name: string): RuntimeContainerStatus | undefined {
  return status.containerStatuses.find((c) => c.name === name);
}

/** An init container with `restartPolicy: Always` is a sidecar. Upstream: podutil.IsRestartableInitContainer. */
export function isRestartableInitContainer(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/** Whether any init container of the pod is a sidecar. Upstream: types.HasRestartableInitContainer. */
export function hasRestartableInitContainer(pod: Pod): boolean {
  return (pod.spec?.initContainers ?? []).some(isRestartableInitContainer);
}

/** `NODE` for hostNetwork pods, else the pod's own namespace. Upstream: NetworkNamespaceForPod. */
export function networkNamespaceForPod(pod: Pod): NamespaceMode {
  return pod.spec?.hostNetwork ? 'NODE' : 'POD';
}

/** The pod's restart policy with the API default applied (`Always`). Upstream: pkg/apis/core/v1/defaults.go. */
export function restartPolicyOf(pod: Pod): 'Always' | 'OnFailure' | 'Never' {
  return pod.spec?.restartPolicy ?? 'Always';
}

/** An empty runtime status for a pod the runtime has never seen. */
export function emptyRuntimePodStatus(pod: Pod): RuntimePodStatus {
  return {
    id: pod.metadata.uid ?? '',
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    ips: [],
    sandboxStatuses: [],
    containerStatuses: [],
  };
}

/**
 * The container's pull policy with the API default applied: `Always` for a `:latest` or
 * untagged image, else `IfNotPresent`. Upstream: SetDefaults_Container in pkg/apis/core/v1/defaults.go.
 */
export function imagePullPolicyOf(container: Container): PullPolicy {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  const image = container.image ?? '';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.lastIndexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}
