/**
 * Schemas of the Pod, its spec, status and template, with the checks upstream runs across
 * a pod spec: unique container and volume names, mounts that name a volume, and the
 * workload rules for pod templates.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidatePodSpec, validateContainers,
 * ValidateVolumeMounts, validateRestartPolicy, validateDNSPolicy) and
 * pkg/apis/apps/validation/validation.go (ValidatePodTemplateSpecForReplicaSet).
 */
import type { Container } from '../types/container';
import type {
  ContainerState,
  ContainerStatus,
  HostAlias,
  PodCondition,
  PodDNSConfig,
  PodOS,
  PodReadinessGate,
  PodResourceClaim,
  PodSchedulingGate,
  PodSecurityContext,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Sysctl,
} from '../types/pod';
import { appArmorProfile, container, ephemeralContainer, resourceList, resourceRequirements, seccompProfile, seLinuxOptions } from './container';
import type { FieldError } from './field-error';
import { duplicate, forbidden, invalid, notFound, notSupported } from './field-error';
import { localObjectReference, objectMeta, time } from './meta';
import { child, index } from './path';
import type { Check, Loose } from './schema';
import { arr, bool, int32, int64, map, obj, opaque, req, str, valueStruct } from './schema';
import { kindSchema } from './kind-schema';
import { affinity, topologySpreadConstraint, toleration } from './scheduling';
import { volume } from './volume';

const podSecurityContext = obj<PodSecurityContext>('PodSecurityContext', {
  seLinuxOptions,
  windowsOptions: opaque('v1.WindowsSecurityContextOptions'),
  runAsUser: int64(),
  runAsGroup: int64(),
  runAsNonRoot: bool(),
  supplementalGroups: arr(int64()),
  supplementalGroupsPolicy: str({ enum: ['Merge', 'Strict'], goType: 'v1.SupplementalGroupsPolicy' }),
  fsGroup: int64(),
  sysctls: arr(obj<Sysctl>('Sysctl', { name: req(str()), value: str() })),
  fsGroupChangePolicy: str({ enum: ['Always', 'OnRootMismatch'], goType: 'v1.PodFSGroupChangePolicy' }),
  seccompProfile,
  appArmorProfile,
  seLinuxChangePolicy: str({ goType: 'v1.PodSELinuxChangePolicy' }),
});

/** Rules across a pod spec: container names unique over init and regular containers, volume names unique. */
function validatePodSpec(spec: Loose<PodSpec>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const volumeNames = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    if (!v.name) return;
    if (volumeNames.has(v.name)) errors.push(duplicate(child(index(child(path, 'volumes'), i), 'name'), v.name));
    volumeNames.add(v.name);
  });
  const containerNames = new Set<string>();
  const containers = [...(spec.initContainers ?? []).map((c, i) => [c, index(child(path, 'initContainers'), i)] as const), ...(spec.containers ?? []).map((c, i) => [c, index(child(path, 'containers'), i)] as const)];
  for (const [c, at] of containers) {
    if (!c.name) continue;
    if (containerNames.has(c.name)) errors.push(duplicate(child(at, 'name'), c.name));
    containerNames.add(c.name);
  }
  return errors;
}

/**
 * Upstream `ValidateVolumeMounts`: every mount names a volume of the pod and mount paths
 * are unique per container. A StatefulSet passes its claim templates' names as
 * `extraVolumes`, since its pods get those volumes when they are created.
 */
export function volumeMountErrors(spec: Loose<PodSpec> | undefined, path: string, extraVolumes: readonly string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const volumeNames = new Set([...(spec?.volumes ?? []).map((v) => v.name), ...extraVolumes]);
  const check = (list: Loose<Container>[] | undefined, field: string) =>
    (list ?? []).forEach((c, i) => {
      const mountPaths = new Set<string>();
      (c.volumeMounts ?? []).forEach((m, j) => {
        const at = index(child(index(child(path, field), i), 'volumeMounts'), j);
        if (m.name && !volumeNames.has(m.name)) errors.push(notFound(child(at, 'name'), m.name));
        if (m.mountPath) {
          if (mountPaths.has(m.mountPath)) errors.push(invalid(child(at, 'mountPath'), m.mountPath, 'must be unique'));
          mountPaths.add(m.mountPath);
        }
      });
    });
  check(spec?.initContainers, 'initContainers');
  check(spec?.containers, 'containers');
  return errors;
}

/** `v1.PodSpec`. */
export const podSpec = obj<PodSpec>(
  'PodSpec',
  {
    volumes: arr(volume),
    initContainers: arr(container),
    containers: req(arr(container)),
    ephemeralContainers: arr(ephemeralContainer),
    restartPolicy: str({ enum: ['Always', 'OnFailure', 'Never'], goType: 'v1.RestartPolicy' }),
    terminationGracePeriodSeconds: int64(),
    activeDeadlineSeconds: int64({ min: 1, max: 2147483647 }),
    dnsPolicy: str({ enum: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], goType: 'v1.DNSPolicy' }),
    nodeSelector: map(str()),
    serviceAccountName: str({ format: 'dns1123Subdomain' }),
    serviceAccount: str(),
    automountServiceAccountToken: bool(),
    nodeName: str({ format: 'dns1123Subdomain' }),
    hostNetwork: bool(),
    hostPID: bool(),
    hostIPC: bool(),
    shareProcessNamespace: bool(),
    securityContext: podSecurityContext,
    imagePullSecrets: arr(localObjectReference),
    hostname: str({ format: 'dns1123Label' }),
    subdomain: str({ format: 'dns1123Label' }),
    affinity,
    schedulerName: str(),
    tolerations: arr(toleration),
    hostAliases: arr(obj<HostAlias>('HostAlias', { ip: str(), hostnames: arr(str()) })),
    priorityClassName: str(),
    priority: int32(),
    dnsConfig: obj<PodDNSConfig>('PodDNSConfig', {
      nameservers: arr(str()),
      searches: arr(str()),
      options: arr(obj<NonNullable<PodDNSConfig['options']>[number]>('PodDNSConfigOption', { name: str(), value: str() })),
    }),
    readinessGates: arr(obj<PodReadinessGate>('PodReadinessGate', { conditionType: req(str()) })),
    runtimeClassName: str({ format: 'dns1123Subdomain' }),
    enableServiceLinks: bool(),
    preemptionPolicy: str({ enum: ['Never', 'PreemptLowerPriority'], goType: 'v1.PreemptionPolicy' }),
    overhead: resourceList(),
    topologySpreadConstraints: arr(topologySpreadConstraint),
    setHostnameAsFQDN: bool(),
    os: obj<PodOS>('PodOS', { name: req(str({ enum: ['linux', 'windows'], goType: 'v1.OSName' })) }),
    hostUsers: bool(),
    schedulingGates: arr(obj<PodSchedulingGate>('PodSchedulingGate', { name: req(str()) })),
    resourceClaims: arr(obj<PodResourceClaim>('PodResourceClaim', { name: req(str()), resourceClaimName: str(), resourceClaimTemplateName: str() })),
    resources: resourceRequirements,
  },
  [validatePodSpec],
);

const podCondition = obj<PodCondition>('PodCondition', {
  type: str({ goType: 'v1.PodConditionType' }),
  observedGeneration: int64(),
  status: str({ goType: 'v1.ConditionStatus' }),
  lastProbeTime: time(),
  lastTransitionTime: time(),
  reason: str(),
  message: str(),
});

const containerState = obj<ContainerState>('ContainerState', {
  waiting: obj<NonNullable<ContainerState['waiting']>>('ContainerStateWaiting', { reason: str(), message: str() }),
  running: obj<NonNullable<ContainerState['running']>>('ContainerStateRunning', { startedAt: time() }),
  terminated: obj<NonNullable<ContainerState['terminated']>>('ContainerStateTerminated', {
    exitCode: int32(),
    signal: int32(),
    reason: str(),
    message: str(),
    startedAt: time(),
    finishedAt: time(),
    containerID: str(),
  }),
});

const containerStatus = obj<ContainerStatus>('ContainerStatus', {
  name: str(),
  state: containerState,
  lastState: containerState,
  ready: bool(),
  restartCount: int32(),
  image: str(),
  imageID: str(),
  containerID: str(),
  started: bool(),
  allocatedResources: resourceList(),
  resources: resourceRequirements,
  volumeMounts: arr(opaque('v1.VolumeMountStatus')),
  user: opaque('v1.ContainerUser'),
  allocatedResourcesStatus: arr(opaque('v1.ResourceStatus')),
  stopSignal: str(),
});

const podIP = () => arr(obj<{ ip: string }>('PodIP', { ip: str() }));

/** `v1.PodStatus`; the server ignores it on create, but manifests saved from a cluster carry it. */
export const podStatus = obj<PodStatus>('PodStatus', {
  observedGeneration: int64(),
  phase: str({ goType: 'v1.PodPhase' }),
  conditions: arr(podCondition),
  message: str(),
  reason: str(),
  nominatedNodeName: str(),
  hostIP: str(),
  hostIPs: podIP(),
  podIP: str(),
  podIPs: podIP(),
  startTime: time(),
  initContainerStatuses: arr(containerStatus),
  containerStatuses: arr(containerStatus),
  qosClass: str({ goType: 'v1.PodQOSClass' }),
  ephemeralContainerStatuses: arr(containerStatus),
  resize: str(),
  resourceClaimStatuses: arr(opaque('v1.PodResourceClaimStatus')),
});

/** `v1.PodTemplateSpec`: the spec is a struct value, so an absent one is validated as empty. */
export const podTemplateSpec = obj<PodTemplateSpec>('PodTemplateSpec', { metadata: objectMeta, spec: valueStruct(podSpec) });

/**
 * The rules a workload adds to its pod template (upstream
 * `ValidatePodTemplateSpecForReplicaSet` and friends): pods must restart `Always` and may
 * not have a deadline; mounts must name volumes. `kind` names the workload in upstream's
 * message.
 */
export function workloadTemplateErrors(
  template: Loose<PodTemplateSpec> | undefined,
  path: string,
  kind: 'ReplicaSet' | 'DaemonSet' | 'StatefulSet',
  extraVolumes: readonly string[] = [],
): FieldError[] {
  const spec = template?.spec;
  const errors = volumeMountErrors(spec, child(path, 'spec'), extraVolumes);
  // An absent restartPolicy is defaulted to Always before validation.
  const restartPolicy = spec?.restartPolicy || 'Always';
  if (restartPolicy !== 'Always') errors.push(notSupported(child(path, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (spec?.activeDeadlineSeconds !== undefined) errors.push(forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errors;
}

/** v1 Pod. */
export const podKind = kindSchema('Pod', 'dns1123Subdomain', { spec: valueStruct(podSpec), status: podStatus }, [
  ((pod: Loose<{ spec?: PodSpec }>, path: string) => volumeMountErrors(pod.spec, child(path, 'spec'))) as Check<never>,
]);
