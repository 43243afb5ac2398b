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
import type { PersistentVolumeClaim, PersistentVolumeClaimTemplate, Pod, StatefulSet, Volume } from '../../core/api/types';
import { POD_INDEX_LABEL, STATEFULSET_KIND, STATEFULSET_POD_NAME_LABEL } from '../../core/controllers/statefulset-api';

/** A pod's parent set name and ordinal as read from its name; `{ parent: '', ordinal: -1 }` when it has none. */
export type ParentAndOrdinal = { parent: string; ordinal: number };

const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Upstream getParentNameAndOrdinal: `<parent>-<digits>`, split at the last dash. The digits
 * must fit an int32 (Go's `ParseInt(s, 10, 32)`); when they do not, the parent is still
 * reported but the ordinal is -1.
 */
export function getParentNameAndOrdinal(pod: Pick<Pod, 'metadata'>): ParentAndOrdinal {
  const match = STATEFUL_POD_NAME.exec(pod.metadata.name);
  if (!match) return { parent: '', ordinal: -1 };
  const value = Number(match[2]);
  return { parent: match[1] ?? '', ordinal: value <= INT32_MAX ? value : -1 };
}

/** Upstream getOrdinal: the pod's ordinal, or -1. */
export function getOrdinal(pod: Pick<Pod, 'metadata'>): number {
  return getParentNameAndOrdinal(pod).ordinal;
}

/** Upstream isMemberOf: the pod's name says it belongs to `set`. */
export function isMemberOf(set: StatefulSet, pod: Pick<Pod, 'metadata'>): boolean {
  return getParentNameAndOrdinal(pod).parent === set.metadata.name;
}

/** Upstream getStartOrdinal: `spec.ordinals.start`, or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** Upstream getEndOrdinal: the last ordinal in range (inclusive), `start + replicas - 1`. */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

/** Upstream podInOrdinalRange: the pod's ordinal lies in `[start, end]`. */
export function podInOrdinalRange(pod: Pick<Pod, 'metadata'>, set: StatefulSet): boolean {
  const ordinal = getOrdinal(pod);
  return ordinal >= getStartOrdinal(set) && ordinal <= getEndOrdinal(set);
}

/** Upstream getPodName: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** Upstream getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`, such as `www-web-0`. */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaimTemplate, ordinal: number): string {
  return `${claim.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;
}

/**
 * Upstream identityMatches: the pod's name parses, names this set and is `getPodName` of its
 * ordinal, it lives in the set's namespace, and it carries its name in the pod-name label.
 */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === getPodName(set, ordinal) &&
    (pod.metadata.namespace ?? '') === (set.metadata.namespace ?? '') &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name
  );
}

/** Upstream storageMatches: for every claim template, the pod has a volume of that name using this ordinal's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes: Record<string, Volume> = {};
  for (const volume of pod.spec?.volumes ?? []) volumes[volume.name] = volume;
  return (set.spec?.volumeClaimTemplates ?? []).every((claim) => {
    const volume = volumes[claim.metadata?.name ?? ''];
    return volume?.persistentVolumeClaim?.claimName === getPersistentVolumeClaimName(set, claim, ordinal);
  });
}

/**
 * Upstream getPersistentVolumeClaims: the claims the pod's ordinal needs, by template name. Each
 * is a copy of its template, named for the ordinal, in the set's namespace, labelled with the
 * template's labels plus the selector's `matchLabels` (the selector wins on a shared key).
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pick<Pod, 'metadata'>): Record<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const matchLabels = set.spec?.selector?.matchLabels;
  const claims: Record<string, PersistentVolumeClaim> = {};
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const copy = structuredClone(template);
    const templateLabels = copy.metadata?.labels;
    const labels = templateLabels !== undefined ? { ...templateLabels, ...matchLabels } : matchLabels && { ...matchLabels };
    claims[template.metadata?.name ?? ''] = {
      ...copy,
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...copy.metadata,
        name: getPersistentVolumeClaimName(set, template, ordinal),
        namespace: set.metadata.namespace,
        ...(labels !== undefined && { labels }),
      },
    } as PersistentVolumeClaim;
  }
  return claims;
}

/**
 * Upstream updateStorage: the pod with one volume per claim template, named after the
 * template and using this ordinal's claim, followed by the pod's other volumes. A volume that
 * has a template's name is replaced. (Upstream walks a Go map, so its order is random; here the
 * claim volumes come in template order.)
 */
export function updateStorage(set: StatefulSet, pod: Pod): Pod {
  const claims = getPersistentVolumeClaims(set, pod);
  const claimVolumes: Volume[] = Object.entries(claims).map(([name, claim]) => ({ name, persistentVolumeClaim: { claimName: claim.metadata.name } }));
  const others = (pod.spec?.volumes ?? []).filter((volume) => !Object.hasOwn(claims, volume.name));
  return { ...pod, spec: { containers: [], ...pod.spec, volumes: [...claimVolumes, ...others] } };
}

/**
 * Upstream updateIdentity: the name and namespace the ordinal implies, and the labels
 * `statefulset.kubernetes.io/pod-name` (the pod's name) and `apps.kubernetes.io/pod-index`
 * (the ordinal in decimal).
 */
export function updateIdentity(set: StatefulSet, pod: Pod): Pod {
  const ordinal = getOrdinal(pod);
  const name = getPodName(set, ordinal);
  const labels = { ...pod.metadata.labels, [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  return { ...pod, metadata: { ...pod.metadata, name, namespace: set.metadata.namespace, labels } };
}

/**
 * Upstream initIdentity: updateIdentity, plus `spec.hostname` (the pod's name) and
 * `spec.subdomain` (the set's `serviceName`), which give the pod its DNS name. Both are
 * immutable, so they are set only when the pod is created. An empty service name leaves
 * `subdomain` out, as Go's `omitempty` does.
 */
export function initIdentity(set: StatefulSet, pod: Pod): Pod {
  const identified = updateIdentity(set, pod);
  const serviceName = set.spec?.serviceName ?? '';
  return {
    ...identified,
    spec: { containers: [], ...identified.spec, hostname: identified.metadata.name, ...(serviceName !== '' && { subdomain: serviceName }) },
  };
}

/**
 * Upstream newStatefulSetPod: GetPodFromTemplate (template labels, annotations and finalizers,
 * `generateName: <set>-`, a controller reference to the set, a copy of the template's spec),
 * then the ordinal's name, initIdentity and updateStorage.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const template = structuredClone(set.spec?.template ?? {});
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: getPodName(set, ordinal),
      generateName: `${set.metadata.name}-`,
      labels: { ...meta.labels },
      ...(meta.annotations && Object.keys(meta.annotations).length > 0 && { annotations: { ...meta.annotations } }),
      ...(meta.finalizers && meta.finalizers.length > 0 && { finalizers: [...meta.finalizers] }),
      ownerReferences: [{ ...STATEFULSET_KIND, name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec ?? { containers: [] },
  };
  return updateStorage(set, initIdentity(set, pod));
}

/** Upstream ascendingOrdinal, as a comparator: lower ordinals first (pods without one, -1, lead). */
export function ascendingOrdinal(a: Pick<Pod, 'metadata'>, b: Pick<Pod, 'metadata'>): number {
  return getOrdinal(a) - getOrdinal(b);
}

/** Upstream descendingOrdinal, as a comparator: higher ordinals first. */
export function descendingOrdinal(a: Pick<Pod, 'metadata'>, b: Pick<Pod, 'metadata'>): number {
  return getOrdinal(b) - getOrdinal(a);
}
