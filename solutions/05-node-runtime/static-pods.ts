/**
 * Kata 05-static-pods: pods that no API object asks for. The kubelet reads pod manifests from
 * a directory on its node and runs them itself; that is how a control plane starts before
 * there is an API server to ask (the API server cannot schedule itself). So that `kubectl`
 * can see them, the kubelet creates a *mirror pod* for each: a copy in the API, marked with
 * `kubernetes.io/config.mirror`, owned by the Node. Deleting the mirror does not stop the
 * static pod (the kubelet recreates the mirror); deleting the file does.
 *
 * Upstream: pkg/kubelet/config/file.go (extractFromDir: files starting with "." are ignored),
 * pkg/kubelet/config/common.go (applyDefaults, generatePodName), pkg/kubelet/config/config.go
 * (filterInvalidPods: duplicate names), pkg/kubelet/pod/mirror_client.go (CreateMirrorPod,
 * IsStaticPod, IsMirrorPod), pkg/kubelet/kubelet.go (SyncPod: recreate a stale mirror),
 * pkg/kubelet/kubelet_pods.go (deleteOrphanedMirrorPods).
 */
import type { Node } from '../../core/api/types/node';
import type { Pod } from '../../core/api/types/pod';
import { hexDigest } from '../../core/kubelet/ids';
import {
  API_SOURCE,
  CONFIG_HASH_ANNOTATION,
  CONFIG_MIRROR_ANNOTATION,
  CONFIG_SOURCE_ANNOTATION,
  DEFAULT_STATIC_POD_PATH,
  FILE_SOURCE,
  type ManifestDir,
  type StaticPods,
} from '../../core/kubelet/pod-source';
import type { Intent } from '../../core/runtime/types';
import { decodeManifest } from '@kata/01-api-machinery/decode';

/** Whether a pod is a mirror pod (it carries the mirror annotation). Upstream: IsMirrorPod. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION] !== undefined;
}

/** Whether a pod came from a source other than the API server. Upstream: IsStaticPod. */
export function isStaticPod(pod: Pod): boolean {
  const source = pod.metadata.annotations?.[CONFIG_SOURCE_ANNOTATION];
  return source !== undefined && source !== API_SOURCE;
}

// #region defaults
/**
 * A decoded manifest as the kubelet runs it: a UID hashed from node, file and content, the
 * name suffixed with the node name, the default namespace, bound to this node, the hash and
 * source annotations, a toleration of every NoExecute taint, phase Pending.
 * Upstream: applyDefaults.
 */
export function applyStaticPodDefaults(pod: Pod, nodeName: string, source: string): Pod {
  const uid = pod.metadata.uid || hexDigest(`host:${nodeName}file:${source}${JSON.stringify(pod)}`, 32);
  const tolerations = pod.spec?.tolerations ?? [];
  const everyNoExecute = { operator: 'Exists' as const, effect: 'NoExecute' as const };
  const tolerated = tolerations.some((t) => t.operator === 'Exists' && t.effect === 'NoExecute' && t.key === undefined);
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      uid,
      name: `${pod.metadata.name}-${nodeName.toLowerCase()}`,
      namespace: pod.metadata.namespace || 'default',
      annotations: { ...(pod.metadata.annotations ?? {}), [CONFIG_HASH_ANNOTATION]: uid, [CONFIG_SOURCE_ANNOTATION]: FILE_SOURCE },
    },
    spec: { ...(pod.spec ?? { containers: [] }), nodeName, tolerations: tolerated ? tolerations : [...tolerations, everyNoExecute] },
    status: { phase: 'Pending' },
  };
}
// #endregion defaults

/**
 * The static pods of a node's manifest directory, in file name order. Hidden files are
 * skipped; a file that does not decode, or holds something other than a Pod, is reported and
 * skipped; a second pod with a name already taken is ignored. Upstream: extractFromDir,
 * extractFromFile, filterInvalidPods.
 */
export function readStaticPods(nodeName: string, files: ManifestDir): StaticPods {
  const pods: Pod[] = [];
  const errors: string[] = [];
  const names = new Set<string>();
  for (const file of Object.keys(files).sort()) {
    if (file.startsWith('.')) continue;
    const source = `${DEFAULT_STATIC_POD_PATH}/${file}`;
    const decoded = decodeManifest(files[file] ?? '', source);
    if (decoded.errors.length > 0) {
      errors.push(...decoded.errors);
      continue;
    }
    for (const object of decoded.objects) {
      if (object.kind !== 'Pod') {
        errors.push(`${source}: invalid pod: the file holds a ${object.kind}, not a Pod`);
        continue;
      }
      const pod = applyStaticPodDefaults(object as Pod, nodeName, source);
      const full = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (names.has(full)) {
        errors.push(`${source}: Error validating pod ${pod.metadata.name} from ${FILE_SOURCE} due to duplicate pod name "${pod.metadata.name}", ignoring`);
        continue;
      }
      names.add(full);
      pods.push(pod);
    }
  }
  return { pods, errors };
}

// #region mirror
/**
 * The mirror pod to create for a static pod: the same pod with the mirror annotation
 * (the static pod's hash) and a controller reference to the Node. Upstream: CreateMirrorPod.
 */
export function mirrorPodFor(staticPod: Pod, node: Node): Pod {
  const { uid: _uid, resourceVersion: _rv, ...metadata } = staticPod.metadata;
  const hash = staticPod.metadata.annotations?.[CONFIG_HASH_ANNOTATION] ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...metadata,
      annotations: { ...(metadata.annotations ?? {}), [CONFIG_MIRROR_ANNOTATION]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '', controller: true }],
    },
    ...(staticPod.spec ? { spec: staticPod.spec } : {}),
  };
}
// #endregion mirror

/**
 * What it takes for the API to show exactly the node's static pods as mirror pods: delete
 * orphaned mirrors, and stale ones (being deleted, or mirroring another version of the
 * file), with grace 0 and their UID as precondition; create the missing ones, unless a
 * regular pod already has the name or the Node is being deleted.
 * Upstream: SyncPod's mirror pod handling and deleteOrphanedMirrorPods.
 */
export function syncMirrorPods(staticPods: Pod[], podsOnNode: Pod[], node: Node): Intent[] {
  const key = (p: Pod) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
  const wanted = new Map(staticPods.map((p) => [key(p), p]));
  const deletes: Intent[] = [];
  const live = new Set<string>();
  const taken = new Set<string>();
  for (const pod of [...podsOnNode].sort((a, b) => (key(a) < key(b) ? -1 : 1))) {
    if (!isMirrorPod(pod)) {
      taken.add(key(pod));
      continue;
    }
    const staticPod = wanted.get(key(pod));
    const current = staticPod !== undefined && pod.metadata.deletionTimestamp === undefined && pod.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION] === staticPod.metadata.annotations?.[CONFIG_HASH_ANNOTATION];
    if (current) live.add(key(pod));
    else {
      const preconditions = pod.metadata.uid ? { uid: pod.metadata.uid } : undefined;
      deletes.push({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, gracePeriodSeconds: 0, ...(preconditions ? { preconditions } : {}) });
    }
  }
  if (node.metadata.deletionTimestamp !== undefined) return deletes;
  const creates: Intent[] = staticPods.filter((p) => !live.has(key(p)) && !taken.has(key(p))).map((p) => ({ type: 'create', object: mirrorPodFor(p, node) }));
  return [...deletes, ...creates];
}
