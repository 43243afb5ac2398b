/**
 * The names the Deployment controller writes: the label that keeps its ReplicaSets apart,
 * the annotations that carry revisions and sizes, and the reasons of its conditions and
 * events. They are API: `kubectl rollout`, dashboards and alerts read them, so they are
 * spelled exactly as upstream spells them.
 *
 * Upstream: staging/src/k8s.io/api/apps/v1/types.go (DefaultDeploymentUniqueLabelKey,
 * DeprecatedRollbackTo), pkg/controller/deployment/util/deployment_util.go (annotations,
 * reasons, annotationsToSkip), pkg/controller/deployment/sync.go (maxRevHistoryLengthInChars).
 */

/** The label that holds a ReplicaSet's pod-template-hash, on its template and in its selector. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** The revision of a ReplicaSet (and, copied, of its Deployment): 1, 2, 3, ... */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Earlier revisions a ReplicaSet served before it became new again (a rollback): `1,3`. */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** `spec.replicas` of the Deployment when it last sized this ReplicaSet. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** `spec.replicas + maxSurge` of the Deployment when it last sized this ReplicaSet. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** Round-trips the `rollbackTo` field of the older API versions; `apps/v1` has no such field. */
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
/** Where `kubectl apply` keeps the last applied manifest. */
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The change cause `kubectl rollout history` shows. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/**
 * Upstream annotationsToSkip: Deployment annotations that are never copied onto its
 * ReplicaSets (and never copied back on a rollback), because they describe one object only.
 */
export const ANNOTATIONS_TO_SKIP: readonly string[] = [
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
];

/** Upstream maxRevHistoryLengthInChars: the revision-history annotation is kept under 2000 characters (about 100 entries). */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** Condition types of a Deployment. */
export const DeploymentConditionTypes = {
  Available: 'Available',
  Progressing: 'Progressing',
  ReplicaFailure: 'ReplicaFailure',
} as const;

/** Reasons of the Deployment's conditions and events, as upstream names them. */
export const DeploymentReasons = {
  /** Progressing=True: one of its ReplicaSets was updated during the rollout. */
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  /** Progressing=False: the new ReplicaSet could not be created. */
  FailedRSCreate: 'ReplicaSetCreateError',
  /** Progressing=True: it created a new ReplicaSet. */
  NewReplicaSet: 'NewReplicaSetCreated',
  /** Progressing=True: it found (adopted) its new ReplicaSet. */
  FoundNewRS: 'FoundNewReplicaSet',
  /** Progressing=True: the rollout is complete. */
  NewRSAvailable: 'NewReplicaSetAvailable',
  /** Progressing=False: no progress within progressDeadlineSeconds. */
  TimedOut: 'ProgressDeadlineExceeded',
  /** Progressing=Unknown: paused, so lack of progress is not held against it. */
  PausedDeploy: 'DeploymentPaused',
  /** Progressing=Unknown: resumed; the deadline counts from here. */
  ResumedDeploy: 'DeploymentResumed',
  /** Available=True. */
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  /** Available=False. */
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  /** Events of the legacy rollback path and of `kubectl rollout undo`. */
  RollbackRevisionNotFound: 'DeploymentRollbackRevisionNotFound',
  RollbackTemplateUnchanged: 'DeploymentRollbackTemplateUnchanged',
  RollbackDone: 'DeploymentRollback',
} as const;

/** The reason of the event recorded for every size change of a ReplicaSet. */
export const SCALING_REPLICA_SET_EVENT = 'ScalingReplicaSet';

/** The component name events of the Deployment controller carry. */
export const DEPLOYMENT_CONTROLLER_NAME = 'deployment-controller';
