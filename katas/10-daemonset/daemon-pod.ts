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
import type { Affinity, DaemonSet, Pod, PodTemplateSpec } from '../../core/api/types';
import type { TargetNodeName } from '../../core/controllers/daemonset-api';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): the pod syncNodes creates. createPodTemplate copies the template, adds the
// daemon tolerations (@kata/10-daemonset/node-should-run) and the generation and hash labels;
// replaceDaemonSetPodNodeNameNodeAffinity pins it to one node by name; newDaemonPod puts the
// two together and hands the result to podFromTemplate (@kata/07-replicaset/manage-replicas).
// getTargetNodeName and isPodUpdated read a pod back. Label names: core/controllers/daemonset-api.

/**
 * Upstream ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the
 * single term `matchFields: metadata.name In [nodeName]`. Every earlier required term is
 * dropped (the controller has already checked them against this node); preferred terms and
 * pod (anti-)affinity are kept. The input is not changed.
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  return notImplemented('10-daemon-pod');
}

/**
 * Upstream GetTargetNodeName: `spec.nodeName` once the pod is bound; before that, the value of
 * the first `matchFields` requirement `metadata.name In [...]` of the required affinity, which
 * must hold exactly one name. Errors use upstream's messages.
 */
export function getTargetNodeName(pod: Pod): TargetNodeName {
  return notImplemented('10-daemon-pod');
}

/**
 * Upstream GetTemplateGeneration: the integer in the DaemonSet's
 * `deprecated.daemonset.template.generation` annotation; `undefined` when it is absent or is
 * not an int64 (upstream's callers treat a parse error as absent).
 */
export function getTemplateGeneration(ds: DaemonSet): bigint | undefined {
  return notImplemented('10-daemon-pod');
}

/**
 * Upstream CreatePodTemplate: a copy of the template with the daemon tolerations, plus the
 * `pod-template-generation` label when there is a generation and the
 * `controller-revision-hash` label when the hash is not empty.
 */
export function createPodTemplate(template: PodTemplateSpec | undefined, generation: bigint | undefined, hash: string): PodTemplateSpec {
  return notImplemented('10-daemon-pod');
}

/**
 * Upstream IsPodUpdated: the pod was made from the current template, because its
 * `controller-revision-hash` label equals a non-empty `hash`, or its `pod-template-generation`
 * label equals the DaemonSet's template generation. (Upstream compares the label with the
 * generation *pointer* printed, an address, so there only the hash ever matches; this follows
 * what its comment and test names say.)
 */
export function isPodUpdated(pod: Pod, hash: string, generation: bigint | undefined): boolean {
  return notImplemented('10-daemon-pod');
}

/**
 * The pod syncNodes creates for `nodeName`: CreatePodTemplate, then the node-name affinity,
 * then GetPodFromTemplate (kata 07-manage-replicas): `generateName` `<ds>-`, the DaemonSet's
 * namespace and a controller reference to it.
 */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  return notImplemented('10-daemon-pod');
}
