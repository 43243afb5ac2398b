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
import { notImplemented } from '../../core/kata/not-implemented';
import type { Node } from '../../core/api/types/node';
import type { Pod } from '../../core/api/types/pod';
import type { ManifestDir, StaticPods } from '../../core/kubelet/pod-source';
import type { Intent } from '../../core/runtime/types';

// TODO(kata): the annotation keys are in core/kubelet/pod-source.
// - readStaticPods: files in name order, skip names starting with "."; decode each with
//   decodeManifest (@kata/01-api-machinery/decode), naming the file
//   `/etc/kubernetes/manifests/<file>`; keep Pods only; applyStaticPodDefaults; ignore a
//   second pod with the same namespace/name (report it).
// - applyStaticPodDefaults: UID = hexDigest(`host:<node>file:<source><pod as JSON>`, 32)
//   (core/kubelet/ids) unless the manifest has one; name `<name>-<node in lower case>`;
//   namespace default; spec.nodeName; annotations config.hash = UID and config.source = file;
//   add the toleration {operator: Exists, effect: NoExecute} unless present; phase Pending.
// - mirrorPodFor: the pod without uid/resourceVersion/status, plus config.mirror = the hash
//   and ownerReferences [{apiVersion v1, kind Node, name, uid, controller: true}].
// - syncMirrorPods: delete (grace 0, uid precondition) mirrors with no static pod, being
//   deleted, or with another hash; then create the missing mirrors, unless a regular pod has
//   that name or the Node is being deleted.

/** Whether a pod is a mirror pod (it carries the mirror annotation). Upstream: IsMirrorPod. */
export function isMirrorPod(pod: Pod): boolean {
  return notImplemented('05-static-pods');
}

/** Whether a pod came from a source other than the API server. Upstream: IsStaticPod. */
export function isStaticPod(pod: Pod): boolean {
  return notImplemented('05-static-pods');
}

/**
 * A decoded manifest as the kubelet runs it: a UID hashed from node, file and content, the
 * name suffixed with the node name, the default namespace, bound to this node, the hash and
 * source annotations, a toleration of every NoExecute taint, phase Pending.
 * Upstream: applyDefaults.
 */
export function applyStaticPodDefaults(pod: Pod, nodeName: string, source: string): Pod {
  return notImplemented('05-static-pods');
}

/**
 * The static pods of a node's manifest directory, in file name order. Hidden files are
 * skipped; a file that does not decode, or holds something other than a Pod, is reported and
 * skipped; a second pod with a name already taken is ignored. Upstream: extractFromDir,
 * extractFromFile, filterInvalidPods.
 */
export function readStaticPods(nodeName: string, files: ManifestDir): StaticPods {
  return notImplemented('05-static-pods');
}

/**
 * The mirror pod to create for a static pod: the same pod with the mirror annotation
 * (the static pod's hash) and a controller reference to the Node. Upstream: CreateMirrorPod.
 */
export function mirrorPodFor(staticPod: Pod, node: Node): Pod {
  return notImplemented('05-static-pods');
}

/**
 * What it takes for the API to show exactly the node's static pods as mirror pods: delete
 * orphaned mirrors, and stale ones (being deleted, or mirroring another version of the
 * file), with grace 0 and their UID as precondition; create the missing ones, unless a
 * regular pod already has the name or the Node is being deleted.
 * Upstream: SyncPod's mirror pod handling and deleteOrphanedMirrorPods.
 */
export function syncMirrorPods(staticPods: Pod[], podsOnNode: Pod[], node: Node): Intent[] {
  return notImplemented('05-static-pods');
}
