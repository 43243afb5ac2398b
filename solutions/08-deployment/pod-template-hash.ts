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
import { canonicalJson, semanticEqual } from '../../core/controllers/canonical-json';
import { POD_TEMPLATE_HASH_LABEL } from '../../core/controllers/deployment-constants';

const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

// #region fnv
/** Go's fnv.New32a over `bytes`: xor each byte in, then multiply by the FNV prime, modulo 2^32. */
export function fnv32a(bytes: Uint8Array, seed = FNV32_OFFSET_BASIS): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, FNV32_PRIME) >>> 0;
  }
  return hash;
}
// #endregion fnv

/** Upstream rand's alphabet: no vowels (no accidental words) and no look-alike digits. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Upstream SafeEncodeString: every character `c` becomes `ALPHANUMS[c % 27]` (by code point). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const c of s) out += ALPHANUMS[(c.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

// #region compute-hash
/**
 * Upstream ComputeHash: FNV-32a over the template (here its canonical JSON, UTF-8 encoded;
 * see core/controllers/canonical-json), then, when `collisionCount` is given, over 8 more
 * bytes: the count as a little-endian uint32 followed by four zero bytes (Go writes an 8-byte
 * buffer of which PutUint32 fills half). The 32-bit sum is printed in decimal and
 * safe-encoded digit by digit: the sum 3214791390 is written `7658cf57f4`.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
// #endregion compute-hash

/** The template with its pod-template-hash label removed (and no empty label map left behind). */
function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = template.metadata?.labels ?? {};
  return { ...template, metadata: { ...template.metadata, labels } };
}

/**
 * Upstream EqualIgnoreHash: two templates are the same once their `pod-template-hash` labels
 * are removed (the Deployment's template has none; its ReplicaSets' have one each). Compared
 * semantically: an empty map or list equals an absent one.
 */
export function equalIgnoreHash(t1: PodTemplateSpec, t2: PodTemplateSpec): boolean {
  return semanticEqual(withoutHash(t1), withoutHash(t2));
}

/**
 * The identity of the ReplicaSet a Deployment needs for its current template (upstream
 * getNewReplicaSet, before the create): the hash of `spec.template` with
 * `status.collisionCount`, the name `<deployment>-<hash>`, the template with the
 * `pod-template-hash` label added, and the Deployment's selector with the same label added to
 * `matchLabels`.
 */
export function replicaSetIdentity(d: Deployment): { hash: string; name: string; template: PodTemplateSpec; selector: LabelSelector } {
  const template = d.spec?.template ?? {};
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = d.spec?.selector ?? {};
  return {
    hash,
    name: `${d.metadata.name}-${hash}`,
    template: { ...structuredClone(template), metadata: { ...structuredClone(template.metadata ?? {}), labels } },
    selector: { ...structuredClone(selector), matchLabels: { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } },
  };
}
