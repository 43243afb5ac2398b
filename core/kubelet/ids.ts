/**
 * Deterministic identifiers for the simulated node: container and sandbox IDs, image digests,
 * static pod UIDs and machine IDs. Real runtimes draw random IDs and real registries hash image
 * content; a simulation needs the same run to give the same IDs, so these are hashes of names
 * and counters. Only their shape (64 hex digits for an ID or digest, 32 for a UID) and their
 * equality matter.
 *
 * Upstream (shapes only): containerd container IDs (64 hex digits), OCI image digests
 * (`sha256:` + 64 hex digits), pkg/kubelet/config/common.go applyDefaults (a static pod's
 * UID is an md5 hex digest of its source, 32 hex digits).
 */

/** 32-bit FNV-1a of `text`, starting from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `length` hex digits derived from `text` (several FNV-1a rounds with different seeds). */
export function hexDigest(text: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += fnv1a(`${round}:${text}`, 0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b1)).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** The `n`-th runtime ID handed out on `nodeName` (containers and sandboxes share the counter). */
export function runtimeID(nodeName: string, n: number): string {
  return hexDigest(`${nodeName}/${n}`, 64);
}
