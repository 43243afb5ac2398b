/**
 * Container hashes and back-off keys. The kubelet labels every container it creates with a
 * hash of the spec it came from; when the pod's spec later hashes differently, the running
 * container is out of date and `computePodActions` restarts it ("definition changed").
 *
 * Since v1.31 the hash covers only `name` and `image`, the two fields of a container that
 * may change in place without the pod being recreated. The number itself is this project's
 * (FNV-1a over the same JSON); only equality matters.
 *
 * Upstream: pkg/kubelet/container/helpers.go (HashContainer, pickFieldsToHash),
 * pkg/kubelet/kuberuntime/helpers.go (GetStableKey).
 */
import type { Container } from '../api/types/container';
import type { Pod } from '../api/types/pod';

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The hash of the fields that decide whether a running container matches its spec. Upstream: HashContainer. */
export function hashContainer(container: Container): string {
  // Go marshals a map with sorted keys: image before name.
  return fnv1a32(JSON.stringify({ image: container.image ?? '', name: container.name }));
}

/**
 * The back-off key of one container of one pod: `<pod>_<namespace>_<uid>_<container>_<hash>`.
 * A changed spec gives a new key, so an edited container starts without the old back-off.
 * Upstream: GetStableKey.
 */
export function getStableKey(pod: Pod, container: Container): string {
  const { name, namespace = 'default', uid = '' } = pod.metadata;
  return `${name}_${namespace}_${uid}_${container.name}_${hashContainer(container)}`;
}

/** How the kubelet names a pod in messages: `<name>_<namespace>(<uid>)`. Upstream: pkg/kubelet/util/format.Pod. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}
