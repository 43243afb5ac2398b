/**
 * Kata 10-daemon-pod: the pod a DaemonSet creates for one node, and how the controller later
 * recognises it.
 *
 * The controller does not set `spec.nodeName`. It gives the pod a required node affinity that
 * only one node can satisfy, `matchFields: metadata.name In [<node>]`, and leaves the binding
 * to the default scheduler, which then also checks resources, ports and priorities. The pod
 * also gets the daemon tolerations and a `controller-revision-hash` label naming the template
 * it was made from; a rolling update compares that label with the current hash.
 *
 * Upstream: pkg/controller/daemon/util/daemonset_util.go (GetTemplateGeneration,
 * CreatePodTemplate, IsPodUpdated, ReplaceDaemonSetPodNodeNameNodeAffinity,
 * GetTargetNodeName), pkg/controller/daemon/daemon_controller.go (syncNodes: the pod it
 * creates), pkg/controller/controller_utils.go (GetPodFromTemplate).
 */
import { podFromTemplate } from '@kata/07-replicaset/manage-replicas';
import { addOrUpdateDaemonPodTolerations } from '@kata/10-daemonset/node-should-run';
import type { Affinity, DaemonSet, NodeSelectorTerm, Pod, PodTemplateSpec } from '../../core/api/types';
import {
  DAEMONSET_KIND,
  DAEMONSET_TEMPLATE_GENERATION_KEY,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  DEPRECATED_TEMPLATE_GENERATION_ANNOTATION,
  type TargetNodeName,
} from '../../core/controllers/daemonset-api';
import { parseInt64 } from '../../core/labels/parse-int';

/** The field selector key for a node's name. */
const OBJECT_NAME_FIELD = 'metadata.name';

// #region affinity
/**
 * Upstream ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the
 * single term `matchFields: metadata.name In [nodeName]`. Every earlier required term is
 * dropped (the controller has already checked them against this node); preferred terms and
 * pod (anti-)affinity are kept. The input is not changed.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] };
  const nodeAffinity = affinity?.nodeAffinity;
  return {
    ...affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { ...nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, nodeSelectorTerms: [term] },
    },
  };
}
// #endregion affinity

/**
 * Upstream GetTargetNodeName: `spec.nodeName` once the pod is bound; before that, the value of
 * the first `matchFields` requirement `metadata.name In [...]` of the required affinity, which
 * must hold exactly one name. Errors use upstream's messages.
 */
export function getTargetNodeName(pod: Pod): TargetNodeName {
  if (pod.spec?.nodeName) return { nodeName: pod.spec.nodeName };
  const id = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return { error: `no spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution for pod ${id}` };
  const terms = required.nodeSelectorTerms ?? [];
  if (terms.length < 1) return { error: `no nodeSelectorTerms in requiredDuringSchedulingIgnoredDuringExecution of pod ${id}` };
  for (const term of terms) {
    for (const expression of term.matchFields ?? []) {
      if (expression.key !== OBJECT_NAME_FIELD || expression.operator !== 'In') continue;
      const values = expression.values ?? [];
      if (values.length !== 1) return { error: `the matchFields value of '${OBJECT_NAME_FIELD}' is not unique for pod ${id}` };
      return { nodeName: values[0]! };
    }
  }
  return { error: `no node name found for pod ${id}` };
}

/**
 * Upstream GetTemplateGeneration: the integer in the DaemonSet's
 * `deprecated.daemonset.template.generation` annotation; `undefined` when it is absent or is
 * not an int64 (upstream's callers treat a parse error as absent).
 */
export function getTemplateGeneration(ds: DaemonSet): bigint | undefined {
  const annotation = ds.metadata.annotations?.[DEPRECATED_TEMPLATE_GENERATION_ANNOTATION];
  return annotation === undefined ? undefined : parseInt64(annotation);
}

/**
 * Upstream CreatePodTemplate: a copy of the template with the daemon tolerations, plus the
 * `pod-template-generation` label when there is a generation and the
 * `controller-revision-hash` label when the hash is not empty.
 */
export function createPodTemplate(template: PodTemplateSpec | undefined, generation: bigint | undefined, hash: string): PodTemplateSpec {
  const labels: Record<string, string> = { ...template?.metadata?.labels };
  if (generation !== undefined) labels[DAEMONSET_TEMPLATE_GENERATION_KEY] = String(generation);
  if (hash !== '') labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] = hash;
  return {
    metadata: { ...template?.metadata, labels },
    spec: addOrUpdateDaemonPodTolerations(structuredClone(template?.spec ?? { containers: [] })),
  };
}

/**
 * Upstream IsPodUpdated: the pod was made from the current template, because its
 * `controller-revision-hash` label equals a non-empty `hash`, or its `pod-template-generation`
 * label equals the DaemonSet's template generation. (Upstream compares the label with the
 * generation *pointer* printed, an address, so there only the hash ever matches; this follows
 * what its comment and test names say.)
 */
export function isPodUpdated(pod: Pod, hash: string, generation: bigint | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[DAEMONSET_TEMPLATE_GENERATION_KEY] === String(generation);
  const hashMatches = hash !== '' && labels[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash;
  return hashMatches || templateMatches;
}

// #region new-daemon-pod
/**
 * The pod syncNodes creates for `nodeName`: CreatePodTemplate, then the node-name affinity,
 * then GetPodFromTemplate (kata 07-manage-replicas): `generateName` `<ds>-`, the DaemonSet's
 * namespace and a controller reference to it.
 */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const template = createPodTemplate(ds.spec?.template, getTemplateGeneration(ds), hash);
  const spec = { ...template.spec!, affinity: replaceDaemonSetPodNodeNameNodeAffinity(template.spec?.affinity, nodeName) };
  return podFromTemplate({ ...ds, ...DAEMONSET_KIND }, { ...template, spec });
}
// #endregion new-daemon-pod
