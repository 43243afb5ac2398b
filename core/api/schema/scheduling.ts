/**
 * Schemas of the scheduling fields of a pod: affinity, tolerations, topology spread, and
 * the node selectors also used by PersistentVolume node affinity.
 *
 * Upstream: pkg/apis/core/validation/validation.go (ValidateNodeSelectorRequirement,
 * validateTolerations, validateTaintEffect, validateTopologySpreadConstraints).
 */
import type {
  Affinity,
  NodeAffinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinity,
  PodAffinityTerm,
  PreferredSchedulingTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from '../types/scheduling';
import type { FieldError } from './field-error';
import { forbidden, invalid, IS_NOT_POSITIVE_ERROR_MSG, required } from './field-error';
import { labelSelector, time } from './meta';
import { child } from './path';
import { arr, int32, int64, obj, req, str } from './schema';

/** Upstream's list of taint effects, in its order. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

const nodeSelectorRequirement = obj<NodeSelectorRequirement>(
  'NodeSelectorRequirement',
  { key: str(), operator: str({ goType: 'v1.NodeSelectorOperator' }), values: arr(str()) },
  [
    (requirement, path): FieldError[] => {
      const count = requirement.values?.length ?? 0;
      switch (requirement.operator ?? '') {
        case 'In':
        case 'NotIn':
          return count === 0 ? [required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'")] : [];
        case 'Exists':
        case 'DoesNotExist':
          return count > 0 ? [forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")] : [];
        case 'Gt':
        case 'Lt':
          return count !== 1 ? [required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'")] : [];
        default:
          return [invalid(child(path, 'operator'), requirement.operator ?? '', 'not a valid selector operator')];
      }
    },
  ],
);

const nodeSelectorTerm = obj<NodeSelectorTerm>('NodeSelectorTerm', {
  matchExpressions: arr(nodeSelectorRequirement),
  matchFields: arr(nodeSelectorRequirement),
});

/** `v1.NodeSelector`: at least one term. */
export const nodeSelector = obj<NodeSelector>('NodeSelector', { nodeSelectorTerms: req(arr(nodeSelectorTerm), 'must have at least one node selector term') });

const podAffinityTerm = obj<PodAffinityTerm>('PodAffinityTerm', {
  labelSelector,
  namespaces: arr(str()),
  topologyKey: req(str(), 'can not be empty'),
  namespaceSelector: labelSelector,
  matchLabelKeys: arr(str()),
  mismatchLabelKeys: arr(str()),
});

const podAffinity = obj<PodAffinity>('PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: arr(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: arr(
    obj<WeightedPodAffinityTerm>('WeightedPodAffinityTerm', { weight: int32(), podAffinityTerm: req(podAffinityTerm) }),
  ),
});

/** `v1.Affinity`. */
export const affinity = obj<Affinity>('Affinity', {
  nodeAffinity: obj<NodeAffinity>('NodeAffinity', {
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
    preferredDuringSchedulingIgnoredDuringExecution: arr(
      obj<PreferredSchedulingTerm>('PreferredSchedulingTerm', { weight: int32(), preference: req(nodeSelectorTerm) }),
    ),
  }),
  podAffinity,
  podAntiAffinity: { ...podAffinity, goName: 'PodAntiAffinity', goType: 'v1.PodAntiAffinity' },
});

/** `v1.Toleration`. */
export const toleration = obj<Toleration>('Toleration', {
  key: str(),
  operator: str({ enum: ['Equal', 'Exists'], goType: 'v1.TolerationOperator' }),
  value: str(),
  effect: str({ enum: TAINT_EFFECTS, goType: 'v1.TaintEffect' }),
  tolerationSeconds: int64(),
});

/** `v1.Taint`: an effect is required. */
export const taint = obj<Taint>('Taint', {
  key: req(str()),
  value: str(),
  effect: req(str({ enum: TAINT_EFFECTS, goType: 'v1.TaintEffect' })),
  timeAdded: time(),
});

/** `v1.TopologySpreadConstraint`. */
export const topologySpreadConstraint = obj<TopologySpreadConstraint>(
  'TopologySpreadConstraint',
  {
    maxSkew: int32(),
    topologyKey: req(str(), 'can not be empty'),
    whenUnsatisfiable: req(str({ enum: ['DoNotSchedule', 'ScheduleAnyway'], goType: 'v1.UnsatisfiableConstraintAction' })),
    labelSelector,
    minDomains: int32(),
    nodeAffinityPolicy: str({ enum: ['Honor', 'Ignore'] }),
    nodeTaintsPolicy: str({ enum: ['Honor', 'Ignore'] }),
    matchLabelKeys: arr(str()),
  },
  [(constraint, path) => ((constraint.maxSkew ?? 0) <= 0 ? [invalid(child(path, 'maxSkew'), constraint.maxSkew ?? 0, IS_NOT_POSITIVE_ERROR_MSG)] : [])],
);
