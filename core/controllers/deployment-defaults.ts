/**
 * The API defaults of an `apps/v1` Deployment and the small questions every part of the
 * Deployment controller asks of its spec. This cluster's API server does not apply defaults
 * yet, so the controller applies them itself when it reads a Deployment from its cache, and
 * every later step can rely on them, as upstream's code dereferences `*d.Spec.Replicas`.
 *
 * Upstream: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment),
 * pkg/controller/deployment/util/deployment_util.go (IsRollingUpdate, HasProgressDeadline,
 * HasRevisionHistoryLimit).
 */
import type { Deployment } from '../api/types';

/** Go's `math.MaxInt32`: the value of `progressDeadlineSeconds` and `revisionHistoryLimit` that means "no limit". */
export const MAX_INT32 = 2147483647;

/** The defaults SetDefaults_Deployment fills in for `apps/v1`. */
export const DEPLOYMENT_DEFAULTS = {
  replicas: 1,
  strategyType: 'RollingUpdate',
  maxUnavailable: '25%',
  maxSurge: '25%',
  revisionHistoryLimit: 10,
  progressDeadlineSeconds: 600,
} as const;

/**
 * Upstream SetDefaults_Deployment: `replicas` 1, strategy `RollingUpdate` with `maxUnavailable`
 * and `maxSurge` 25% (only for RollingUpdate; a Recreate strategy gets no rollingUpdate block),
 * `revisionHistoryLimit` 10, `progressDeadlineSeconds` 600. Fields already set are kept.
 */
export function defaultDeployment(d: Deployment): Deployment {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const type = spec.strategy?.type ?? DEPLOYMENT_DEFAULTS.strategyType;
  const strategy =
    type === 'RollingUpdate'
      ? {
          ...spec.strategy,
          type,
          rollingUpdate: {
            ...spec.strategy?.rollingUpdate,
            maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? DEPLOYMENT_DEFAULTS.maxUnavailable,
            maxSurge: spec.strategy?.rollingUpdate?.maxSurge ?? DEPLOYMENT_DEFAULTS.maxSurge,
          },
        }
      : { ...spec.strategy, type };
  return {
    ...d,
    spec: {
      ...spec,
      replicas: spec.replicas ?? DEPLOYMENT_DEFAULTS.replicas,
      strategy,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? DEPLOYMENT_DEFAULTS.revisionHistoryLimit,
      progressDeadlineSeconds: spec.progressDeadlineSeconds ?? DEPLOYMENT_DEFAULTS.progressDeadlineSeconds,
    },
  };
}

/** `*(d.Spec.Replicas)`: the desired number of pods (1 when unset, the API default). */
export function deploymentReplicas(d: Pick<Deployment, 'spec'>): number {
  return d.spec?.replicas ?? DEPLOYMENT_DEFAULTS.replicas;
}

/** Upstream IsRollingUpdate: the strategy type is `RollingUpdate` (an unset type is not, before defaulting). */
export function isRollingUpdate(d: Pick<Deployment, 'spec'>): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

/** Upstream HasProgressDeadline: `progressDeadlineSeconds` is set and is not MaxInt32. */
export function hasProgressDeadline(d: Pick<Deployment, 'spec'>): boolean {
  const seconds = d.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== MAX_INT32;
}

/** Upstream HasRevisionHistoryLimit: `revisionHistoryLimit` is set and is not MaxInt32 (which keeps every revision). */
export function hasRevisionHistoryLimit(d: Pick<Deployment, 'spec'>): boolean {
  const limit = d.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== MAX_INT32;
}
