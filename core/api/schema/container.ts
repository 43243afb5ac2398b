/**
 * Schemas of a container and its parts, with the checks upstream runs on each container:
 * image, ports, resource names and requests against limits.
 *
 * Upstream: pkg/apis/core/validation/validation.go (validateContainerCommon,
 * validateContainerPorts, ValidateResourceRequirements, validateContainerResourceName).
 */
import { compareQuantities, quantityToString } from '@kata/01-api-machinery/quantity';
import type {
  Capabilities,
  ConfigMapKeySelector,
  Container,
  ContainerPort,
  ContainerResizePolicy,
  EnvFromSource,
  EnvVar,
  EnvVarSource,
  EphemeralContainer,
  ExecAction,
  GRPCAction,
  HTTPGetAction,
  HTTPHeader,
  Lifecycle,
  LifecycleHandler,
  ObjectFieldSelector,
  Probe,
  ResourceClaim,
  ResourceFieldSelector,
  ResourceRequirements,
  SeccompProfile,
  SecretKeySelector,
  SecurityContext,
  SELinuxOptions,
  SleepAction,
  TCPSocketAction,
  VolumeDevice,
  VolumeMount,
} from '../types/container';
import type { AppArmorProfile } from '../types/container';
import type { FieldError } from './field-error';
import { duplicate, invalid, required } from './field-error';
import { isValidPortNum } from './names';
import { child, index, key } from './path';
import { quantityOrUndefined } from './quantities';
import type { Loose } from './schema';
import { arr, bool, int32, int64, intOrString, map, obj, opaque, quantity, req, str } from './schema';

/** Upstream `supportedPortProtocols`, as `sets.List` sorts it. */
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

const containerPort = obj<ContainerPort>('ContainerPort', {
  name: str({ format: 'portName' }),
  hostPort: int32(),
  containerPort: req(int32({ min: 1, max: 65535 })),
  protocol: str({ enum: PROTOCOLS, goType: 'v1.Protocol' }),
  hostIP: str(),
});

/** `v1.ObjectFieldSelector`. */
export const objectFieldSelector = obj<ObjectFieldSelector>('ObjectFieldSelector', { apiVersion: str(), fieldPath: req(str()) });
/** `v1.ResourceFieldSelector`. */
export const resourceFieldSelector = obj<ResourceFieldSelector>('ResourceFieldSelector', { containerName: str(), resource: req(str()), divisor: quantity() });
const configMapKeySelector = obj<ConfigMapKeySelector>('ConfigMapKeySelector', { name: str(), key: req(str()), optional: bool() });
const secretKeySelector = obj<SecretKeySelector>('SecretKeySelector', { name: str(), key: req(str()), optional: bool() });

const envVar = obj<EnvVar>('EnvVar', {
  name: req(str()),
  value: str(),
  valueFrom: obj<EnvVarSource>('EnvVarSource', {
    fieldRef: objectFieldSelector,
    resourceFieldRef: resourceFieldSelector,
    configMapKeyRef: configMapKeySelector,
    secretKeyRef: secretKeySelector,
  }),
});

const envFromSource = obj<EnvFromSource>('EnvFromSource', {
  prefix: str(),
  configMapRef: obj<NonNullable<EnvFromSource['configMapRef']>>('ConfigMapEnvSource', { name: str(), optional: bool() }),
  secretRef: obj<NonNullable<EnvFromSource['secretRef']>>('SecretEnvSource', { name: str(), optional: bool() }),
});

/** A ResourceList: resource name to quantity. */
export const resourceList = (sign?: 'nonNegative' | 'positive') => map(quantity(sign), { goType: 'v1.ResourceList' });

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
// Upstream `standardResources` (pkg/apis/core/helper/helpers.go), the names a quota or a
// limit may use without a domain prefix.
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (name: string) => name.startsWith('hugepages-');
// Native resources (no domain, or a kubernetes.io domain) may be overcommitted, except huge pages.
const isOvercommitAllowed = (name: string) => (!name.includes('/') || name.includes('kubernetes.io/')) && !isHugePages(name);

/** Upstream `validateContainerResourceName` for names without a domain. */
function resourceNameErrors(name: string, path: string): FieldError[] {
  if (name.includes('/')) return [];
  const errors: FieldError[] = [];
  if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errors.push(invalid(path, name, 'must be a standard resource for containers'));
  return errors;
}

/**
 * Upstream `ValidateResourceRequirements` for a container: known resource names, and each
 * request at most its limit (equal for resources that cannot be overcommitted). Quantities
 * are compared exactly and printed in canonical form, as upstream's `Quantity.String()`.
 */
export function validateResourceRequirements(resources: Loose<ResourceRequirements> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = resources?.limits ?? {};
  const requests = resources?.requests ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  for (const name of Object.keys(limits)) errors.push(...resourceNameErrors(name, key(limPath, name)));
  for (const [name, text] of Object.entries(requests)) {
    errors.push(...resourceNameErrors(name, key(reqPath, name)));
    const limitText = limits[name];
    if (limitText === undefined || text === undefined) {
      if (!isOvercommitAllowed(name)) errors.push(required(limPath, 'Limit must be set for non overcommitable resources'));
      continue;
    }
    const request = quantityOrUndefined(text);
    const limit = quantityOrUndefined(limitText);
    if (request === undefined || limit === undefined) continue;
    const cmp = compareQuantities(request, limit);
    if (cmp !== 0 && !isOvercommitAllowed(name))
      errors.push(invalid(reqPath, quantityToString(request), `must be equal to ${name} limit of ${quantityToString(limit)}`));
    else if (cmp > 0) errors.push(invalid(reqPath, quantityToString(request), `must be less than or equal to ${name} limit of ${quantityToString(limit)}`));
  }
  return errors;
}

/** `v1.ResourceRequirements`. */
export const resourceRequirements = obj<ResourceRequirements>(
  'ResourceRequirements',
  {
    limits: resourceList('nonNegative'),
    requests: resourceList('nonNegative'),
    claims: arr(obj<ResourceClaim>('ResourceClaim', { name: req(str()), request: str() })),
  },
  [validateResourceRequirements],
);

const volumeMount = obj<VolumeMount>('VolumeMount', {
  name: req(str()),
  readOnly: bool(),
  recursiveReadOnly: str({ enum: ['Disabled', 'IfPossible', 'Enabled'], goType: 'v1.RecursiveReadOnlyMode' }),
  mountPath: req(str()),
  subPath: str(),
  mountPropagation: str({ enum: ['Bidirectional', 'HostToContainer', 'None'], goType: 'v1.MountPropagationMode' }),
  subPathExpr: str(),
});

const volumeDevice = obj<VolumeDevice>('VolumeDevice', { name: req(str()), devicePath: req(str()) });

const execAction = obj<ExecAction>('ExecAction', { command: arr(str()) });
const httpGetAction = obj<HTTPGetAction>('HTTPGetAction', {
  path: str(),
  port: req(intOrString('port')),
  host: str(),
  scheme: str({ enum: ['HTTP', 'HTTPS'], goType: 'v1.URIScheme' }),
  httpHeaders: arr(obj<HTTPHeader>('HTTPHeader', { name: req(str()), value: str() })),
});
const tcpSocketAction = obj<TCPSocketAction>('TCPSocketAction', { port: req(intOrString('port')), host: str() });
const grpcAction = obj<GRPCAction>('GRPCAction', { port: req(int32({ min: 1, max: 65535 })), service: str() });
const sleepAction = obj<SleepAction>('SleepAction', { seconds: int64() });

const probe = obj<Probe>('Probe', {
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  grpc: grpcAction,
  initialDelaySeconds: int32({ min: 0 }),
  timeoutSeconds: int32({ min: 0 }),
  periodSeconds: int32({ min: 0 }),
  successThreshold: int32({ min: 0 }),
  failureThreshold: int32({ min: 0 }),
  terminationGracePeriodSeconds: int64(),
});

const lifecycleHandler = obj<LifecycleHandler>('LifecycleHandler', { exec: execAction, httpGet: httpGetAction, tcpSocket: tcpSocketAction, sleep: sleepAction });
const lifecycle = obj<Lifecycle>('Lifecycle', { postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: str() });

const profileTypes = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;

/** `v1.SELinuxOptions`. */
export const seLinuxOptions = obj<SELinuxOptions>('SELinuxOptions', { user: str(), role: str(), type: str(), level: str() });
/** `v1.SeccompProfile`. */
export const seccompProfile = obj<SeccompProfile>('SeccompProfile', { type: req(str({ enum: profileTypes })), localhostProfile: str() });
/** `v1.AppArmorProfile`. */
export const appArmorProfile = obj<AppArmorProfile>('AppArmorProfile', { type: req(str({ enum: profileTypes })), localhostProfile: str() });

const securityContext = obj<SecurityContext>('SecurityContext', {
  capabilities: obj<Capabilities>('Capabilities', { add: arr(str()), drop: arr(str()) }),
  privileged: bool(),
  seLinuxOptions,
  windowsOptions: opaque('v1.WindowsSecurityContextOptions'),
  runAsUser: int64(),
  runAsGroup: int64(),
  runAsNonRoot: bool(),
  readOnlyRootFilesystem: bool(),
  allowPrivilegeEscalation: bool(),
  procMount: str({ goType: 'v1.ProcMountType' }),
  seccompProfile,
  appArmorProfile,
});

/**
 * Per-container rules beyond single fields: an image without surrounding blanks, a valid
 * host port, and port names unique within the container.
 */
function validateContainer(container: Loose<Container>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const image = container.image ?? '';
  if (image.trim() !== image) errors.push(invalid(child(path, 'image'), image, 'must not have leading or trailing whitespace'));
  const portNames = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    const at = index(child(path, 'ports'), i);
    // hostPort is a plain int32 upstream: 0 means unset.
    if (port.hostPort !== undefined && port.hostPort !== 0)
      for (const msg of isValidPortNum(port.hostPort)) errors.push(invalid(child(at, 'hostPort'), port.hostPort, msg));
    if (port.name) {
      if (portNames.has(port.name)) errors.push(duplicate(child(at, 'name'), port.name));
      portNames.add(port.name);
    }
  });
  return errors;
}

/** The fields of `v1.Container`, shared with `v1.EphemeralContainer`. */
const containerFields = {
  name: req(str({ format: 'dns1123Label' })),
  image: req(str()),
  command: arr(str()),
  args: arr(str()),
  workingDir: str(),
  ports: arr(containerPort),
  envFrom: arr(envFromSource),
  env: arr(envVar),
  resources: resourceRequirements,
  resizePolicy: arr(
    obj<ContainerResizePolicy>('ContainerResizePolicy', {
      resourceName: req(str()),
      restartPolicy: req(str({ enum: ['NotRequired', 'RestartContainer'] })),
    }),
  ),
  restartPolicy: str({ enum: ['Always'], goType: 'v1.ContainerRestartPolicy' }),
  volumeMounts: arr(volumeMount),
  volumeDevices: arr(volumeDevice),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle,
  terminationMessagePath: str(),
  terminationMessagePolicy: str({ enum: ['FallbackToLogsOnError', 'File'], goType: 'v1.TerminationMessagePolicy' }),
  imagePullPolicy: str({ enum: ['Always', 'IfNotPresent', 'Never'], goType: 'v1.PullPolicy' }),
  securityContext,
  stdin: bool(),
  stdinOnce: bool(),
  tty: bool(),
};

/** `v1.Container`. */
export const container = obj<Container>('Container', containerFields, [validateContainer]);

/** `v1.EphemeralContainer`. */
export const ephemeralContainer = obj<EphemeralContainer>('EphemeralContainer', { ...containerFields, targetContainerName: str() }, [validateContainer]);
