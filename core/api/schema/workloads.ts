/**
 * Schemas of the apps/v1 workloads (Deployment, ReplicaSet, StatefulSet, DaemonSet), with
 * upstream's rules for selectors, templates, strategies and rolling-update bounds. Whether
 * the selector matches the template's labels is left to a later chapter, which has a
 * selector matcher.
 *
 * Upstream: pkg/apis/apps/validation/validation.go
 */
import type { IntOrString } from '../types/common';
import type {
  DaemonSetSpec,
  DaemonSetStatus,
  DaemonSetUpdateStrategy,
  DeploymentSpec,
  DeploymentStatus,
  DeploymentStrategy,
  ReplicaSetSpec,
  ReplicaSetStatus,
  RollingUpdateDeployment,
  StatefulSetSpec,
  StatefulSetStatus,
  StatefulSetUpdateStrategy,
  WorkloadCondition,
} from '../types/workloads';
import type { FieldError } from './field-error';
import { forbidden, invalid, required } from './field-error';
import { kindSchema } from './kind-schema';
import { labelSelector, time } from './meta';
import { child } from './path';
import { podTemplateSpec, workloadTemplateErrors } from './pod';
import type { Loose } from './schema';
import { arr, bool, int32, int64, intOrString, obj, req, str, valueStruct } from './schema';
import { persistentVolumeClaimTemplate } from './storage';

const PERCENT = /^[0-9]+%$/;

/** Upstream `getIntOrPercentValue`: a percentage's number, an integer, or 0 for anything else. */
function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === 'number') return value;
  if (value === undefined) return 0;
  if (PERCENT.test(value)) return Number(value.slice(0, -1));
  return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

/** Upstream `IsNotMoreThan100Percent`. */
function notMoreThan100Percent(value: IntOrString | undefined, path: string): FieldError[] {
  return typeof value === 'string' && PERCENT.test(value) && intOrPercentValue(value) > 100 ? [invalid(path, value, 'must not be greater than 100%')] : [];
}

/** `empty selector is invalid for ...` when neither matchLabels nor matchExpressions has an entry. */
function emptySelector(selector: Loose<DeploymentSpec['selector']> | undefined, path: string, message: string): FieldError[] {
  if (selector === undefined) return [];
  const size = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
  return size === 0 ? [invalid(child(path, 'selector'), selector, message)] : [];
}

const workloadCondition = (goName: string) =>
  obj<WorkloadCondition>(goName, {
    type: str(),
    status: str({ goType: 'v1.ConditionStatus' }),
    lastUpdateTime: time(),
    lastTransitionTime: time(),
    reason: str(),
    message: str(),
  });

/** Upstream `ValidateDeploymentSpec` and `ValidateDeploymentStrategy`, with server defaults applied first. */
function validateDeploymentSpec(spec: Loose<DeploymentSpec>, path: string): FieldError[] {
  const errors = emptySelector(spec.selector, path, 'empty selector is invalid for deployment');
  errors.push(...workloadTemplateErrors(spec.template, child(path, 'template'), 'ReplicaSet'));
  const strategyPath = child(path, 'strategy');
  const type = spec.strategy?.type || 'RollingUpdate';
  const rollingUpdate = spec.strategy?.rollingUpdate;
  if (type === 'Recreate' && rollingUpdate !== undefined)
    errors.push(forbidden(child(strategyPath, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  if (type === 'RollingUpdate') {
    // Both bounds default to 25%.
    const maxUnavailable = rollingUpdate?.maxUnavailable ?? '25%';
    const maxSurge = rollingUpdate?.maxSurge ?? '25%';
    const at = child(strategyPath, 'rollingUpdate', 'maxUnavailable');
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) errors.push(invalid(at, maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    errors.push(...notMoreThan100Percent(maxUnavailable, at));
  }
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
    errors.push(invalid(child(path, 'progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  return errors;
}

// #region deployment-spec
/** `apps/v1 DeploymentSpec`. The strategy type is checked at `strategy.type` (upstream names the whole `strategy`). */
export const deploymentSpec = obj<DeploymentSpec>(
  'DeploymentSpec',
  {
    replicas: int32({ min: 0 }),
    selector: req(labelSelector),
    template: valueStruct(podTemplateSpec),
    strategy: obj<DeploymentStrategy>('DeploymentStrategy', {
      type: str({ enum: ['Recreate', 'RollingUpdate'], goType: 'v1.DeploymentStrategyType' }),
      rollingUpdate: obj<RollingUpdateDeployment>('RollingUpdateDeployment', { maxUnavailable: intOrString('percent'), maxSurge: intOrString('percent') }),
    }),
    minReadySeconds: int32({ min: 0 }),
    revisionHistoryLimit: int32({ min: 0 }),
    paused: bool(),
    progressDeadlineSeconds: int32({ min: 0 }),
  },
  [validateDeploymentSpec],
);
// #endregion deployment-spec

const deploymentStatus = obj<DeploymentStatus>('DeploymentStatus', {
  observedGeneration: int64(),
  replicas: int32(),
  updatedReplicas: int32(),
  readyReplicas: int32(),
  availableReplicas: int32(),
  unavailableReplicas: int32(),
  terminatingReplicas: int32(),
  conditions: arr(workloadCondition('DeploymentCondition')),
  collisionCount: int32(),
});

/** `apps/v1 ReplicaSetSpec`. */
export const replicaSetSpec = obj<ReplicaSetSpec>(
  'ReplicaSetSpec',
  {
    replicas: int32({ min: 0 }),
    minReadySeconds: int32({ min: 0 }),
    selector: req(labelSelector),
    template: valueStruct(podTemplateSpec),
  },
  [
    // Upstream really says "for deployment" here: the ReplicaSet code was copied from it.
    (spec, path) => [...emptySelector(spec.selector, path, 'empty selector is invalid for deployment'), ...workloadTemplateErrors(spec.template, child(path, 'template'), 'ReplicaSet')],
  ],
);

const replicaSetStatus = obj<ReplicaSetStatus>('ReplicaSetStatus', {
  replicas: int32(),
  fullyLabeledReplicas: int32(),
  readyReplicas: int32(),
  availableReplicas: int32(),
  terminatingReplicas: int32(),
  observedGeneration: int64(),
  conditions: arr(workloadCondition('ReplicaSetCondition')),
});

/** Upstream `ValidateStatefulSetSpec`: its enumerations are reported as Invalid with a detail. */
function validateStatefulSetSpec(spec: Loose<StatefulSetSpec>, path: string): FieldError[] {
  const errors = emptySelector(spec.selector, path, 'empty selector is invalid for statefulset');
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel')
    errors.push(invalid(child(path, 'podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = spec.updateStrategy;
  const strategyPath = child(path, 'updateStrategy');
  const type = strategy?.type || 'RollingUpdate';
  if (type === 'OnDelete' && strategy?.rollingUpdate !== undefined)
    errors.push(invalid(child(strategyPath, 'rollingUpdate'), strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  else if (type !== 'OnDelete' && type !== 'RollingUpdate') errors.push(invalid(strategyPath, strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  const maxUnavailable = strategy?.rollingUpdate?.maxUnavailable;
  if (type === 'RollingUpdate' && maxUnavailable !== undefined) {
    const at = child(strategyPath, 'rollingUpdate', 'maxUnavailable');
    if (intOrPercentValue(maxUnavailable) === 0) errors.push(invalid(at, maxUnavailable, 'cannot be 0'));
    errors.push(...notMoreThan100Percent(maxUnavailable, at));
  }
  // Upstream leaves the template's pod spec to the pods (a TODO notes that mounts may name
  // claim templates); here it is validated, with the claim templates counted as volumes.
  const claims = (spec.volumeClaimTemplates ?? []).map((claim) => claim.metadata?.name ?? '');
  errors.push(...workloadTemplateErrors(spec.template, child(path, 'template'), 'StatefulSet', claims));
  return errors;
}

/** `apps/v1 StatefulSetSpec`. */
export const statefulSetSpec = obj<StatefulSetSpec>(
  'StatefulSetSpec',
  {
    replicas: int32({ min: 0 }),
    selector: req(labelSelector),
    template: valueStruct(podTemplateSpec),
    volumeClaimTemplates: arr(persistentVolumeClaimTemplate),
    serviceName: str(),
    podManagementPolicy: str({ goType: 'v1.PodManagementPolicyType' }),
    updateStrategy: obj<StatefulSetUpdateStrategy>('StatefulSetUpdateStrategy', {
      type: str({ goType: 'v1.StatefulSetUpdateStrategyType' }),
      rollingUpdate: obj<NonNullable<StatefulSetUpdateStrategy['rollingUpdate']>>('RollingUpdateStatefulSetStrategy', {
        partition: int32({ min: 0 }),
        maxUnavailable: intOrString('percent'),
      }),
    }),
    revisionHistoryLimit: int32({ min: 0 }),
    minReadySeconds: int32({ min: 0 }),
    persistentVolumeClaimRetentionPolicy: obj<NonNullable<StatefulSetSpec['persistentVolumeClaimRetentionPolicy']>>('StatefulSetPersistentVolumeClaimRetentionPolicy', {
      whenDeleted: str({ enum: ['Retain', 'Delete'], goType: 'v1.PersistentVolumeClaimRetentionPolicyType' }),
      whenScaled: str({ enum: ['Retain', 'Delete'], goType: 'v1.PersistentVolumeClaimRetentionPolicyType' }),
    }),
    ordinals: obj<NonNullable<StatefulSetSpec['ordinals']>>('StatefulSetOrdinals', { start: int32({ min: 0 }) }),
  },
  [validateStatefulSetSpec],
);

const statefulSetStatus = obj<StatefulSetStatus>('StatefulSetStatus', {
  observedGeneration: int64(),
  replicas: int32(),
  readyReplicas: int32(),
  currentReplicas: int32(),
  updatedReplicas: int32(),
  currentRevision: str(),
  updateRevision: str(),
  collisionCount: int32(),
  conditions: arr(workloadCondition('StatefulSetCondition')),
  availableReplicas: int32(),
});

/** Upstream `ValidateDaemonSetSpec` and `ValidateRollingUpdateDaemonSet`, after defaulting (maxUnavailable 1, maxSurge 0). */
function validateDaemonSetSpec(spec: Loose<DaemonSetSpec>, path: string): FieldError[] {
  const errors = emptySelector(spec.selector, path, 'empty selector is invalid for daemonset');
  errors.push(...workloadTemplateErrors(spec.template, child(path, 'template'), 'DaemonSet'));
  if ((spec.updateStrategy?.type || 'RollingUpdate') === 'RollingUpdate') {
    const at = child(path, 'updateStrategy', 'rollingUpdate');
    const maxUnavailable = spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
    const maxSurge = spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0;
    errors.push(...notMoreThan100Percent(maxUnavailable, child(at, 'maxUnavailable')), ...notMoreThan100Percent(maxSurge, child(at, 'maxSurge')));
    const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(maxSurge) !== 0;
    if (hasUnavailable && hasSurge) errors.push(invalid(child(at, 'maxSurge'), maxSurge, 'may not be set when maxUnavailable is non-zero'));
    if (!hasUnavailable && !hasSurge) errors.push(required(child(at, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
  return errors;
}

/** `apps/v1 DaemonSetSpec`. The strategy type is checked at `updateStrategy.type` (upstream names the whole strategy). */
export const daemonSetSpec = obj<DaemonSetSpec>(
  'DaemonSetSpec',
  {
    selector: req(labelSelector),
    template: valueStruct(podTemplateSpec),
    updateStrategy: obj<DaemonSetUpdateStrategy>('DaemonSetUpdateStrategy', {
      type: str({ enum: ['RollingUpdate', 'OnDelete'], goType: 'v1.DaemonSetUpdateStrategyType' }),
      rollingUpdate: obj<NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>>('RollingUpdateDaemonSet', {
        maxUnavailable: intOrString('percent'),
        maxSurge: intOrString('percent'),
      }),
    }),
    minReadySeconds: int32({ min: 0 }),
    revisionHistoryLimit: int32({ min: 0 }),
  },
  [validateDaemonSetSpec],
);

const daemonSetStatus = obj<DaemonSetStatus>('DaemonSetStatus', {
  currentNumberScheduled: int32(),
  numberMisscheduled: int32(),
  desiredNumberScheduled: int32(),
  numberReady: int32(),
  observedGeneration: int64(),
  updatedNumberScheduled: int32(),
  numberAvailable: int32(),
  numberUnavailable: int32(),
  collisionCount: int32(),
  conditions: arr(workloadCondition('DaemonSetCondition')),
});

/** apps/v1 Deployment. */
export const deploymentKind = kindSchema('Deployment', 'dns1123Subdomain', { spec: valueStruct(deploymentSpec), status: deploymentStatus });
/** apps/v1 ReplicaSet. */
export const replicaSetKind = kindSchema('ReplicaSet', 'dns1123Subdomain', { spec: valueStruct(replicaSetSpec), status: replicaSetStatus });
/** apps/v1 StatefulSet: its name is a DNS-1123 label (upstream `ValidateStatefulSetName`), as pod names append `-<ordinal>`. */
export const statefulSetKind = kindSchema('StatefulSet', 'dns1123Label', { spec: valueStruct(statefulSetSpec), status: statefulSetStatus });
/** apps/v1 DaemonSet. */
export const daemonSetKind = kindSchema('DaemonSet', 'dns1123Subdomain', { spec: valueStruct(daemonSetSpec), status: daemonSetStatus });
