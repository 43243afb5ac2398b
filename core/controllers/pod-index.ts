/**
 * Finding the pods a controller must look at without reading every pod in the namespace.
 *
 * Upstream's ReplicaSet controller lists all pods of the namespace and lets ClaimPods sort them
 * out (with a "TODO: use an index"). Claiming only ever acts on two kinds of pod: those that
 * name the controller in an ownerReference, and those its selector matches. Every other pod is
 * ignored by the claim, so reading just these two sets from the informer's indexes gives the
 * same result, and keeps a reconcile cheap when a namespace holds 150,000 pods.
 *
 * Upstream: pkg/controller/replicaset/replica_set.go (syncReplicaSet: "list all pods to include
 * the pods that don't match the rs's selector anymore but has the stale controller ref").
 */
import { selectorMatches } from '@kata/02-labels-selectors/selector-matches';
import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import type { Selector } from '../labels/types';
import type { View } from '../runtime/types';

const byName = (a: KubeObject, b: KubeObject) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/**
 * Pods of `namespace` that `selector` matches, read through the label index when the selector
 * has an equality or `in` requirement (any matching pod must carry one of its labels), and
 * from the namespace list otherwise. Sorted by name.
 */
export function podsSelectedBy(view: View, namespace: string, selector: Selector): Pod[] {
  if (selector.type === 'nothing') return [];
  const indexed = selector.requirements.find((r) => r.operator === '=' || r.operator === '==' || r.operator === 'in');
  const candidates = indexed
    ? indexed.values.flatMap((value) => view.byLabel('Pod', indexed.key, value)).filter((p) => (p.metadata.namespace ?? '') === namespace)
    : view.list('Pod', namespace);
  const seen: Record<string, true> = {};
  const found: Pod[] = [];
  for (const pod of candidates) {
    if (seen[pod.metadata.name] || !selectorMatches(selector, pod.metadata.labels ?? {})) continue;
    seen[pod.metadata.name] = true;
    found.push(pod as Pod);
  }
  return found.sort(byName);
}

/**
 * Every pod of `namespace` a claim by owner `ownerUid` with `selector` could act on: the pods
 * that reference the owner (to keep or release) and the pods the selector matches (to keep,
 * adopt or ignore). Sorted by name, each pod once.
 */
export function claimCandidates(view: View, namespace: string, ownerUid: string | undefined, selector: Selector): Pod[] {
  const byKey: Record<string, Pod> = {};
  const owned = ownerUid ? view.ownedBy('Pod', ownerUid) : [];
  for (const pod of owned) if ((pod.metadata.namespace ?? '') === namespace) byKey[pod.metadata.name] = pod as Pod;
  for (const pod of podsSelectedBy(view, namespace, selector)) byKey[pod.metadata.name] = pod;
  return Object.values(byKey).sort(byName);
}
