/**
 * The hash that names a DaemonSet's current template. Every pod the controller creates
 * carries it in its `controller-revision-hash` label, and a rolling update replaces exactly
 * the pods whose label differs from the hash of the template now in the spec.
 *
 * Upstream hashes the Go struct (`DeepHashObject` prints it with spew, then FNV-32a), adds
 * the collision count as 8 little-endian bytes, prints the 32-bit sum in decimal and maps
 * each digit onto `rand.SafeEncodeString`'s alphabet. A Go struct cannot be printed here, so
 * the input is this project's canonical JSON of the template instead (core/controllers/
 * canonical-json.ts): the same template always gets the same hash and different templates
 * different ones, which is all the controller relies on, but the value differs from a real
 * cluster's.
 *
 * Upstream: pkg/controller/controller_utils.go (ComputeHash), pkg/util/hash/hash.go
 * (DeepHashObject), pkg/controller/daemon/update.go (snapshot: the revision's label is this hash).
 */
import type { PodTemplateSpec } from '../api/types';
import { canonicalJson } from './canonical-json';
import { safeEncodeString } from './controller-revision';

/** 32-bit FNV-1a (xor, then multiply), as Go's `hash/fnv.New32a`. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash = (hash ^ byte) >>> 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Upstream ComputeHash: the safe-encoded FNV-32a of the template, then the collision count if set. */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  const text = new TextEncoder().encode(canonicalJson(template ?? {}));
  const bytes = collisionCount === undefined ? text : new Uint8Array(text.length + 8);
  if (collisionCount !== undefined) {
    bytes.set(text);
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: 4 bytes of count, 4 zero bytes.
    new DataView(bytes.buffer).setUint32(text.length, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv1a(bytes)));
}
