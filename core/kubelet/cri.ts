/**
 * The simulated container runtime's contract: the CRI calls the kubelet makes (the requests),
 * what the runtime answers and reports (the effects), and the runtime's state, which is plain
 * data kept per node. The reducer over these types is kata 05-cri-runtime.
 *
 * Time is part of the state: the runtime's clock (`now`) moves only on `runtime/ticked`, and
 * every call happens at that instant. Calls that take time in a real runtime (an image pull,
 * a container's graceful stop) do not block here: the first call starts the work and answers
 * "in progress until T"; the kubelet asks again once T has passed and then gets the outcome.
 *
 * Upstream: staging/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto (RuntimeService:
 * RunPodSandbox, StopPodSandbox, RemovePodSandbox, CreateContainer, StartContainer,
 * StopContainer, RemoveContainer; ImageService: PullImage), pkg/kubelet/pleg/generic.go (the
 * kubelet learns about exits by relisting the runtime).
 */
import type { Time } from '../api/types/common';
import type { TransitionTable } from '../docs/transitions';
import { hexDigest } from './ids';
import type { PodIPAllocator } from './pod-ip';
import type { ContainerRuntimeState, RuntimeContainerStatus, RuntimePodStatus } from './runtime-status';

/** What the kubelet tells the runtime about a pod when it creates its sandbox (`PodSandboxConfig`). */
export type PodSandboxConfig = {
  name: string;
  namespace: string;
  uid: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The pod uses the node's network namespace: no pod IP is allocated. */
  hostNetwork?: boolean;
};

/** What the kubelet tells the runtime about a container it creates (`ContainerConfig`). */
export type ContainerConfig = {
  name: string;
  /** The image as the pod spec names it (`nginx`, `nginx:1.27`). */
  image: string;
  /** The container's restart count: 0 for the first instance, then one more per restart. */
  attempt: number;
  /** `hashContainer` of the spec (core/kubelet/hash), kept so the kubelet can spot a changed spec. */
  hash: string;
};

/** A CRI call. Each happens at the runtime's current time (`RuntimeState.now`). */
export type CRIRequest =
  | { type: 'RunPodSandbox'; config: PodSandboxConfig; attempt: number }
  | { type: 'StopPodSandbox'; podSandboxID: string }
  | { type: 'RemovePodSandbox'; podSandboxID: string }
  /**
   * Pull `image` on behalf of `requester` (the kubelet uses `<pod uid>/<container name>`).
   * Asking again with the same requester reports progress, then the outcome, once.
   */
  | { type: 'PullImage'; image: string; requester: string; sandboxConfig: PodSandboxConfig }
  | { type: 'CreateContainer'; podSandboxID: string; config: ContainerConfig }
  | { type: 'StartContainer'; containerID: string }
  /** TERM now, KILL once `timeoutSeconds` have passed. Asking again while it stops reports progress. */
  | { type: 'StopContainer'; containerID: string; timeoutSeconds: number }
  | { type: 'RemoveContainer'; containerID: string };

/** Everything the runtime reducer handles: CRI calls, and the clock moving on. */
export type RuntimeAction = CRIRequest | { type: 'runtime/ticked'; now: Time };

/** What the runtime answers or reports, in the order it happened. */
export type RuntimeEffect =
  | { type: 'sandbox/ready'; podSandboxID: string; ip: string }
  | { type: 'sandbox/stopped'; podSandboxID: string }
  | { type: 'sandbox/removed'; podSandboxID: string }
  /** A pull began for this requester; it ends at `doneAt`. */
  | { type: 'image/pullStarted'; image: string; doneAt: Time }
  /** The requester's pull is still running. */
  | { type: 'image/stillPulling'; image: string; doneAt: Time }
  /** The requester's pull succeeded: `pullSeconds` of pulling, `waitedSeconds` since it asked. */
  | { type: 'image/pulled'; image: string; imageRef: string; sizeBytes: number; pullSeconds: number; waitedSeconds: number }
  | { type: 'image/pullFailed'; image: string; message: string }
  | { type: 'container/created'; containerID: string }
  | { type: 'container/started'; containerID: string }
  /** TERM was sent now; the container exits by `until` (KILL at the latest). */
  | { type: 'container/stopStarted'; containerID: string; until: Time }
  | { type: 'container/stillStopping'; containerID: string; until: Time }
  /** The container is no longer running (it was not, it exited now, or it exited during a tick). */
  | { type: 'container/exited'; containerID: string; podUID: string; name: string; exitCode: number; reason: string; at: Time }
  | { type: 'container/removed'; containerID: string }
  /** The call failed, with the runtime's message (as the CRI's gRPC status would carry it). */
  | { type: 'error'; request: CRIRequest['type']; message: string }
  /** The earliest future instant at which something will change by itself (an exit, a pull ending). */
  | { type: 'wakeAt'; at: Time };

/** An image the node has. */
export type ImageRecord = {
  /** Normalised name, `docker.io/library/nginx:latest`. */
  name: string;
  /** What the kubelet reports as `imageID`, `docker.io/library/nginx@sha256:...`. */
  ref: string;
  sizeBytes: number;
};

/** One requester's pull; its outcome was decided when it started and shows at `doneAt`. */
export type PullRecord = {
  /** The image as requested. */
  image: string;
  startedAt: Time;
  doneAt: Time;
  outcome: { type: 'pulled'; sizeBytes: number } | { type: 'failed'; message: string };
};

/** One sandbox (the pause container and its namespaces). */
export type SandboxRecord = {
  id: string;
  config: PodSandboxConfig;
  attempt: number;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAt: Time;
  /** The pod IP (the node IP for hostNetwork pods); `''` once the network is torn down. */
  ip: string;
  /** Creation order on this node, so that "newest first" is exact within one instant. */
  seq: number;
};

/** What becomes of a running container: it runs until stopped, or exits by itself at `at`. */
export type ContainerFate = { type: 'runs' } | { type: 'exits'; at: Time; exitCode: number; reason: string; message?: string };

/** One container instance. */
export type ContainerRecord = {
  id: string;
  podSandboxID: string;
  podUID: string;
  name: string;
  /** Normalised image name, as the runtime reports it. */
  image: string;
  /** The image as the pod spec names it; stage rules match this spelling. */
  specImage: string;
  imageRef: string;
  hash: string;
  restartCount: number;
  state: ContainerRuntimeState;
  createdAt: Time;
  startedAt?: Time;
  finishedAt?: Time;
  exitCode?: number;
  reason?: string;
  message?: string;
  seq: number;
  /** Decided by the stage rules when the container starts. */
  fate?: ContainerFate;
  /** Set once StopContainer sent TERM: when it exits and with which code. */
  stopping?: { until: Time; exitCode: number; reason: string };
};

/** The whole runtime of one node. */
export type RuntimeState = {
  nodeName: string;
  /** The node's IP: what hostNetwork pods get. */
  nodeIP: string;
  /** The runtime's clock. */
  now: Time;
  /** The counter that IDs and creation order come from. */
  nextSeq: number;
  /** CNI's host-local IPAM over the node's pod CIDR (kata 04-pod-ip). */
  ipam: PodIPAllocator;
  images: Record<string, ImageRecord>;
  /** By requester. */
  pulls: Record<string, PullRecord>;
  sandboxes: Record<string, SandboxRecord>;
  containers: Record<string, ContainerRecord>;
};

/**
 * The life of one container instance in the runtime, as the reducer of kata 05-cri-runtime
 * moves it. A restart is not a transition: the kubelet creates a new instance.
 */
export const runtimeContainerTransitions = [
  { from: '[*]', event: 'CreateContainer', to: 'created' },
  { from: 'created', event: 'StartContainer [exit or run rule]', to: 'running' },
  { from: 'created', event: 'StopContainer', to: 'exited' },
  { from: 'running', event: 'runtime/ticked [exit time reached]', to: 'exited' },
  { from: 'running', event: 'StopContainer [stop rule, exits at once]', to: 'exited' },
  { from: 'running', event: 'StopContainer [stop rule, takes time]', to: 'running' },
  { from: 'running', event: 'runtime/ticked [TERM handled, or KILL at the timeout]', to: 'exited' },
  { from: 'running', event: 'StopPodSandbox [killed, 137]', to: 'exited' },
  { from: 'exited', event: 'RemoveContainer', to: '[*]' },
] as const satisfies TransitionTable;

/** What a new runtime needs to know about its node. */
export type RuntimeOptions = { nodeName: string; nodeIP: string; podCIDR: string; now: Time };

/** A container status as the simulated runtime reports it: the CRI fields plus the image digest. */
export type SimContainerStatus = RuntimeContainerStatus & { imageRef: string };

/** A pod's runtime status (`kubecontainer.PodStatus`) with digests on its containers. */
export type SimPodStatus = Omit<RuntimePodStatus, 'containerStatuses'> & { containerStatuses: SimContainerStatus[] };

/** The sandbox image every node has from the start; the runtime never pulls it. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** How a pod's container is named as a pull requester: `<pod uid>/<container name>`. */
export function pullRequester(podUID: string, containerName: string): string {
  return `${podUID}/${containerName}`;
}

/**
 * The fully qualified form of an image reference, as containerd reports it: a registry
 * (docker.io by default), `library/` for official Docker Hub images, and the tag `latest`
 * when there is neither tag nor digest. `nginx` becomes `docker.io/library/nginx:latest`.
 * Upstream: github.com/distribution/reference ParseNormalizedNamed + TagNameOnly.
 */
export function normalizeImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasDomain = first.includes('.') || first.includes(':') || first === 'localhost';
  let name = hasDomain ? image : `docker.io/${slash < 0 ? `library/${image}` : image}`;
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (!last.includes(':') && !last.includes('@')) name = `${name}:latest`;
  return name;
}

/** The digest reference reported as `imageID`: the repository, `@sha256:`, a digest of the name. */
export function imageRefFor(normalized: string): string {
  const at = normalized.indexOf('@');
  if (at >= 0) return normalized;
  const repository = normalized.slice(0, normalized.lastIndexOf(':') > normalized.lastIndexOf('/') ? normalized.lastIndexOf(':') : undefined);
  return `${repository}@sha256:${hexDigest(`image:${normalized}`, 64)}`;
}
