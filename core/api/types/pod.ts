/**
 * The Pod: the smallest unit Kubernetes schedules. Its spec lists containers that share a
 * network namespace and volumes; its status is written by the kubelet.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Pod, PodSpec, PodStatus, PodTemplateSpec).
 */
import type { KubeObject } from '../meta';
import type { ConditionStatus, EmbeddedObjectMeta, LocalObjectReference, OpaqueObject, ResourceList, Time } from './common';
import type {
  AppArmorProfile,
  Container,
  EphemeralContainer,
  ResourceRequirements,
  SeccompProfile,
  SELinuxOptions,
} from './container';
import type { Affinity, Toleration, TopologySpreadConstraint } from './scheduling';
import type { Volume } from './volume';

/** Whether containers are restarted when they exit. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** How the pod's DNS resolver is set up. */
export type DNSPolicy = 'ClusterFirstWithHostNet' | 'ClusterFirst' | 'Default' | 'None';

/** A kernel parameter set for the pod. */
export type Sysctl = {
  name: string;
  value: string;
};

/** Security settings that apply to every container of the pod. */
export type PodSecurityContext = {
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: OpaqueObject;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  supplementalGroups?: number[];
  supplementalGroupsPolicy?: 'Merge' | 'Strict';
  fsGroup?: number;
  sysctls?: Sysctl[];
  fsGroupChangePolicy?: 'OnRootMismatch' | 'Always';
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  seLinuxChangePolicy?: string;
};

/** An extra line for the pod's /etc/hosts. */
export type HostAlias = {
  ip: string;
  hostnames?: string[];
};

/** Extra DNS resolver settings, merged with those from `dnsPolicy`. */
export type PodDNSConfig = {
  nameservers?: string[];
  searches?: string[];
  options?: { name?: string; value?: string }[];
};

/** A condition that must be true, besides the containers' readiness, for the pod to be ready. */
export type PodReadinessGate = {
  conditionType: string;
};

/** The operating system the pod needs. */
export type PodOS = {
  name: 'linux' | 'windows';
};

/** Holds a pod back from scheduling until removed. */
export type PodSchedulingGate = {
  name: string;
};

/** A dynamic resource claim the pod uses. */
export type PodResourceClaim = {
  name: string;
  resourceClaimName?: string;
  resourceClaimTemplateName?: string;
};

/** The desired state of a pod (`v1.PodSpec`). */
export type PodSpec = {
  volumes?: Volume[];
  initContainers?: Container[];
  containers: Container[];
  ephemeralContainers?: EphemeralContainer[];
  restartPolicy?: RestartPolicy;
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  dnsPolicy?: DNSPolicy;
  nodeSelector?: Record<string, string>;
  serviceAccountName?: string;
  /** Deprecated alias of `serviceAccountName`. */
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  /** Set by the scheduler when it binds the pod (or by hand, to skip scheduling). */
  nodeName?: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  shareProcessNamespace?: boolean;
  securityContext?: PodSecurityContext;
  imagePullSecrets?: LocalObjectReference[];
  hostname?: string;
  subdomain?: string;
  affinity?: Affinity;
  schedulerName?: string;
  tolerations?: Toleration[];
  hostAliases?: HostAlias[];
  priorityClassName?: string;
  priority?: number;
  dnsConfig?: PodDNSConfig;
  readinessGates?: PodReadinessGate[];
  runtimeClassName?: string;
  enableServiceLinks?: boolean;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  overhead?: ResourceList;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  setHostnameAsFQDN?: boolean;
  os?: PodOS;
  hostUsers?: boolean;
  schedulingGates?: PodSchedulingGate[];
  resourceClaims?: PodResourceClaim[];
  /** Pod-level requests and limits, shared by all containers. */
  resources?: ResourceRequirements;
};

/** Where a pod is in its life. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** The condition types the kubelet and scheduler maintain on a pod. */
export type PodConditionType = 'PodScheduled' | 'PodReadyToStartContainers' | 'Initialized' | 'ContainersReady' | 'Ready' | 'DisruptionTarget';

/** One condition of a pod. */
export type PodCondition = {
  type: PodConditionType | string;
  observedGeneration?: number;
  status: ConditionStatus;
  lastProbeTime?: Time | null;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
};

/** A container waiting to start, and why. */
export type ContainerStateWaiting = {
  reason?: string;
  message?: string;
};

/** A running container. */
export type ContainerStateRunning = {
  startedAt?: Time;
};

/** A container that exited. */
export type ContainerStateTerminated = {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: Time;
  finishedAt?: Time;
  containerID?: string;
};

/** Exactly one of waiting, running or terminated. */
export type ContainerState = {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
};

/** What the kubelet reports about one container. */
export type ContainerStatus = {
  name: string;
  state?: ContainerState;
  lastState?: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
  allocatedResources?: ResourceList;
  resources?: ResourceRequirements;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string }[];
  user?: OpaqueObject;
  allocatedResourcesStatus?: OpaqueObject[];
  stopSignal?: string;
};

/** The Quality-of-Service class derived from requests and limits. */
export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** The observed state of a pod (`v1.PodStatus`). */
export type PodStatus = {
  observedGeneration?: number;
  phase?: PodPhase;
  conditions?: PodCondition[];
  message?: string;
  reason?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: Time;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: PodQOSClass;
  ephemeralContainerStatuses?: ContainerStatus[];
  resize?: string;
  resourceClaimStatuses?: OpaqueObject[];
};

/** A pod: containers scheduled together onto one node. */
export type Pod = KubeObject<PodSpec, PodStatus> & {
  apiVersion: 'v1';
  kind: 'Pod';
};

/** The pod a controller stamps out (`v1.PodTemplateSpec`). */
export type PodTemplateSpec = {
  metadata?: EmbeddedObjectMeta;
  spec?: PodSpec;
};
