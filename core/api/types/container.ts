/**
 * A container inside a pod: image, command, ports, environment, resources, probes and
 * security settings.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/types.go (Container, ContainerPort, EnvVar,
 * ResourceRequirements, VolumeMount, Probe, Lifecycle, SecurityContext).
 */
import type { IntOrString, OpaqueObject, ResourceList } from './common';

/** Network protocols a port may use. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** When the kubelet pulls an image. Defaults to `Always` for `:latest`, else `IfNotPresent`. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** A port the container listens on. */
export type ContainerPort = {
  name?: string;
  hostPort?: number;
  containerPort: number;
  protocol?: Protocol;
  hostIP?: string;
};

/** Selects a field of the pod, such as `metadata.name` or `status.podIP`. */
export type ObjectFieldSelector = {
  apiVersion?: string;
  fieldPath: string;
};

/** Selects a resource request or limit of a container, such as `limits.cpu`. */
export type ResourceFieldSelector = {
  containerName?: string;
  resource: string;
  /** A quantity string. */
  divisor?: string;
};

/** Selects one key of a ConfigMap. */
export type ConfigMapKeySelector = {
  name?: string;
  key: string;
  optional?: boolean;
};

/** Selects one key of a Secret. */
export type SecretKeySelector = {
  name?: string;
  key: string;
  optional?: boolean;
};

/** Where an environment variable's value comes from, when it is not given literally. */
export type EnvVarSource = {
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  configMapKeyRef?: ConfigMapKeySelector;
  secretKeyRef?: SecretKeySelector;
};

/** One environment variable. */
export type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
};

/** Every key of a ConfigMap or Secret as environment variables. */
export type EnvFromSource = {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
};

/** A dynamic resource claim a container uses. */
export type ResourceClaim = {
  name: string;
  request?: string;
};

/** Requests (what the scheduler reserves) and limits (what the runtime enforces). */
export type ResourceRequirements = {
  limits?: ResourceList;
  requests?: ResourceList;
  claims?: ResourceClaim[];
};

/** Whether resizing a resource in place needs a container restart. */
export type ContainerResizePolicy = {
  resourceName: string;
  restartPolicy: 'NotRequired' | 'RestartContainer';
};

/** Mounts a pod volume into the container's filesystem. */
export type VolumeMount = {
  name: string;
  readOnly?: boolean;
  recursiveReadOnly?: 'Disabled' | 'IfPossible' | 'Enabled';
  mountPath: string;
  subPath?: string;
  mountPropagation?: 'None' | 'HostToContainer' | 'Bidirectional';
  subPathExpr?: string;
};

/** Maps a raw block volume to a device path. */
export type VolumeDevice = {
  name: string;
  devicePath: string;
};

/** Runs a command inside the container. */
export type ExecAction = {
  command?: string[];
};

/** One HTTP header of a probe request. */
export type HTTPHeader = {
  name: string;
  value: string;
};

/** An HTTP GET against the container. */
export type HTTPGetAction = {
  path?: string;
  port: IntOrString;
  host?: string;
  scheme?: 'HTTP' | 'HTTPS';
  httpHeaders?: HTTPHeader[];
};

/** Opens a TCP connection to the container. */
export type TCPSocketAction = {
  port: IntOrString;
  host?: string;
};

/** Calls the gRPC health service of the container. */
export type GRPCAction = {
  port: number;
  service?: string;
};

/** Sleeps for a while (a `preStop` hook that waits). */
export type SleepAction = {
  seconds: number;
};

/** How a probe checks the container: exactly one of the actions. */
export type ProbeHandler = {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  grpc?: GRPCAction;
};

/** A liveness, readiness or startup check, and its timing. */
export type Probe = ProbeHandler & {
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
};

/** The action of a lifecycle hook. */
export type LifecycleHandler = {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  sleep?: SleepAction;
};

/** Hooks run right after a container starts and right before it is stopped. */
export type Lifecycle = {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
  stopSignal?: string;
};

/** Linux capabilities to add or drop. */
export type Capabilities = {
  add?: string[];
  drop?: string[];
};

/** SELinux labels. */
export type SELinuxOptions = {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
};

/** The seccomp profile to run under. */
export type SeccompProfile = {
  type: 'Unconfined' | 'RuntimeDefault' | 'Localhost';
  localhostProfile?: string;
};

/** The AppArmor profile to run under. */
export type AppArmorProfile = {
  type: 'Unconfined' | 'RuntimeDefault' | 'Localhost';
  localhostProfile?: string;
};

/** Per-container security settings; they override the pod's where both are set. */
export type SecurityContext = {
  capabilities?: Capabilities;
  privileged?: boolean;
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: OpaqueObject;
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  procMount?: 'Default' | 'Unmasked';
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
};

/** A container of a pod (`v1.Container`). Only `name` is required by the type; validation also requires `image`. */
export type Container = {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  envFrom?: EnvFromSource[];
  env?: EnvVar[];
  resources?: ResourceRequirements;
  resizePolicy?: ContainerResizePolicy[];
  /** Only `Always`, and only on init containers: it turns them into sidecars. */
  restartPolicy?: 'Always';
  volumeMounts?: VolumeMount[];
  volumeDevices?: VolumeDevice[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: Lifecycle;
  terminationMessagePath?: string;
  terminationMessagePolicy?: 'File' | 'FallbackToLogsOnError';
  imagePullPolicy?: PullPolicy;
  securityContext?: SecurityContext;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
};

/** A debugging container added to a running pod (`kubectl debug`). */
export type EphemeralContainer = Container & {
  targetContainerName?: string;
};
