/**
 * Kata 08-pod-template-hash: the identity of a ReplicaSet. A Deployment names each of its
 * ReplicaSets after a hash of the pod template, `<deployment>-<hash>`, and puts the hash in a
 * `pod-template-hash` label on the template and in the selector, so two ReplicaSets of one
 * Deployment never select each other's pods. The same template always gives the same name,
 * which makes creating it idempotent; `collisionCount` is mixed in to step aside when a
 * different template happens to hash the same.
 *
 * Upstream: pkg/controller/controller_utils.go (ComputeHash), staging/src/k8s.io/apimachinery/
 * pkg/util/rand/rand.go (SafeEncodeString), Go's hash/fnv (New32a),
 * pkg/controller/deployment/util/deployment_util.go (EqualIgnoreHash),
 * pkg/controller/deployment/sync.go (getNewReplicaSet: name, labels and selector of a new ReplicaSet),
 * pkg/util/labels/labels.go (CloneAndAddLabel, CloneSelectorAndAddLabel).
 */
import type { Deployment, LabelSelector, PodTemplateSpec } from '../../core/api/types';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): fnv32a is xor-then-multiply per byte (Math.imul(h, 0x01000193) >>> 0 keeps it a
// uint32). computeHash hashes new TextEncoder().encode(canonicalJson(template))
// (core/controllers/canonical-json), then the collision bytes, then safe-encodes the decimal sum.
// equalIgnoreHash drops the POD_TEMPLATE_HASH_LABEL (core/controllers/deployment-constants)
// from both and compares with semanticEqual. replicaSetIdentity puts it all together.

/** Go's fnv.New32a over `bytes`: xor each byte in, then multiply by the FNV prime, modulo 2^32. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  return notImplemented('08-pod-template-hash');
}

/** Upstream SafeEncodeString: every character `c` becomes `ALPHANUMS[c % 27]` (by code point). */
export function safeEncodeString(s: string): string {
  return notImplemented('08-pod-template-hash');
}

/**
 * Upstream ComputeHash: FNV-32a over the template (here its canonical JSON, UTF-8 encoded;
 * see core/controllers/canonical-json), then, when `collisionCount` is given, over 8 more
 * bytes: the count as a little-endian uint32 followed by four zero bytes (Go writes an 8-byte
 * buffer of which PutUint32 fills half). The 32-bit sum is printed in decimal and
 * safe-encoded digit by digit: the sum 3214791390 is written `7658cf57f4`.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  return notImplemented('08-pod-template-hash');
}

/**
 * Upstream EqualIgnoreHash: two templates are the same once their `pod-template-hash` labels
 * are removed (the Deployment's template has none; its ReplicaSets' have one each). Compared
 * semantically: an empty map or list equals an absent one.
 */
export function equalIgnoreHash(t1: PodTemplateSpec, t2: PodTemplateSpec): boolean {
  return notImplemented('08-pod-template-hash');
}

/**
 * The identity of the ReplicaSet a Deployment needs for its current template (upstream
 * getNewReplicaSet, before the create): the hash of `spec.template` with
 * `status.collisionCount`, the name `<deployment>-<hash>`, the template with the
 * `pod-template-hash` label added, and the Deployment's selector with the same label added to
 * `matchLabels`.
 */
export function replicaSetIdentity(d: Deployment): { hash: string; name: string; template: PodTemplateSpec; selector: LabelSelector } {
  return notImplemented('08-pod-template-hash');
}
