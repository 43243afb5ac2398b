/**
 * Kata 09-identity: a StatefulSet pod's identity is its ordinal. The ordinal gives the pod its
 * name (`web-2`), its DNS hostname under the governing Service (`web-2.nginx`), its labels, and
 * the names of its PersistentVolumeClaims (`www-web-2`). A pod that is deleted and recreated
 * gets the same name and mounts the same claims: that is what "stable identity and stable
 * storage" means.
 *
 * Upstream: pkg/controller/statefulset/stateful_set_utils.go (getParentNameAndOrdinal,
 * getOrdinal, getStartOrdinal, getEndOrdinal, podInOrdinalRange, getPodName,
 * getPersistentVolumeClaimName, isMemberOf, identityMatches, storageMatches,
 * getPersistentVolumeClaims, updateStorage, initIdentity, updateIdentity, newStatefulSetPod,
 * ascendingOrdinal, descendingOrdinal), pkg/controller/controller_utils.go (GetPodFromTemplate).
 */
import type { PersistentVolumeClaim, PersistentVolumeClaimTemplate, Pod, StatefulSet } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): build a StatefulSet pod's identity from its ordinal: parse `<set>-<ordinal>`
// names, name pods and claims, check and restore identity (name, namespace, the pod-name and
// pod-index labels, hostname and subdomain) and storage (one claim volume per template), and
// stamp out a new pod for an ordinal. The labels are in core/controllers/statefulset-api.ts.

/** A pod's parent set name and ordinal as read from its name; `{ parent: '', ordinal: -1 }` when it has none. */
export type ParentAndOrdinal = { parent: string; ordinal: number };

/**
 * Upstream getParentNameAndOrdinal: `<parent>-<digits>`, split at the last dash. The digits
 * must fit an int32 (Go's `ParseInt(s, 10, 32)`); when they do not, the parent is still
 * reported but the ordinal is -1.
 */
export function getParentNameAndOrdinal(pod: Pick<Pod, 'metadata'>): ParentAndOrdinal {
  return notImplemented('09-identity');
}

/** Upstream getOrdinal: the pod's ordinal, or -1. */
export function getOrdinal(pod: Pick<Pod, 'metadata'>): number {
  return notImplemented('09-identity');
}

/** Upstream isMemberOf: the pod's name says it belongs to `set`. */
export function isMemberOf(set: StatefulSet, pod: Pick<Pod, 'metadata'>): boolean {
  return notImplemented('09-identity');
}

/** Upstream getStartOrdinal: `spec.ordinals.start`, or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return notImplemented('09-identity');
}

/** Upstream getEndOrdinal: the last ordinal in range (inclusive), `start + replicas - 1`. */
export function getEndOrdinal(set: StatefulSet): number {
  return notImplemented('09-identity');
}

/** Upstream podInOrdinalRange: the pod's ordinal lies in `[start, end]`. */
export function podInOrdinalRange(pod: Pick<Pod, 'metadata'>, set: StatefulSet): boolean {
  return notImplemented('09-identity');
}

/** Upstream getPodName: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return notImplemented('09-identity');
}

/** Upstream getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`, such as `www-web-0`. */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaimTemplate, ordinal: number): string {
  return notImplemented('09-identity');
}

/**
 * Upstream identityMatches: the pod's name parses, names this set and is `getPodName` of its
 * ordinal, it lives in the set's namespace, and it carries its name in the pod-name label.
 */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  return notImplemented('09-identity');
}

/** Upstream storageMatches: for every claim template, the pod has a volume of that name using this ordinal's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  return notImplemented('09-identity');
}

/**
 * Upstream getPersistentVolumeClaims: the claims the pod's ordinal needs, by template name. Each
 * is a copy of its template, named for the ordinal, in the set's namespace, labelled with the
 * template's labels plus the selector's `matchLabels` (the selector wins on a shared key).
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pick<Pod, 'metadata'>): Record<string, PersistentVolumeClaim> {
  return notImplemented('09-identity');
}

/**
 * Upstream updateStorage: the pod with one volume per claim template, named after the
 * template and using this ordinal's claim, followed by the pod's other volumes. A volume that
 * has a template's name is replaced. (Upstream walks a Go map, so its order is random; here the
 * claim volumes come in template order.)
 */
export function updateStorage(set: StatefulSet, pod: Pod): Pod {
  return notImplemented('09-identity');
}

/**
 * Upstream updateIdentity: the name and namespace the ordinal implies, and the labels
 * `statefulset.kubernetes.io/pod-name` (the pod's name) and `apps.kubernetes.io/pod-index`
 * (the ordinal in decimal).
 */
export function updateIdentity(set: StatefulSet, pod: Pod): Pod {
  return notImplemented('09-identity');
}

/**
 * Upstream initIdentity: updateIdentity, plus `spec.hostname` (the pod's name) and
 * `spec.subdomain` (the set's `serviceName`), which give the pod its DNS name. Both are
 * immutable, so they are set only when the pod is created. An empty service name leaves
 * `subdomain` out, as Go's `omitempty` does.
 */
export function initIdentity(set: StatefulSet, pod: Pod): Pod {
  return notImplemented('09-identity');
}

/**
 * Upstream newStatefulSetPod: GetPodFromTemplate (template labels, annotations and finalizers,
 * `generateName: <set>-`, a controller reference to the set, a copy of the template's spec),
 * then the ordinal's name, initIdentity and updateStorage.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  return notImplemented('09-identity');
}

/** Upstream ascendingOrdinal, as a comparator: lower ordinals first (pods without one, -1, lead). */
export function ascendingOrdinal(a: Pick<Pod, 'metadata'>, b: Pick<Pod, 'metadata'>): number {
  return notImplemented('09-identity');
}

/** Upstream descendingOrdinal, as a comparator: higher ordinals first. */
export function descendingOrdinal(a: Pick<Pod, 'metadata'>, b: Pick<Pod, 'metadata'>): number {
  return notImplemented('09-identity');
}
