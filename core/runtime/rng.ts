/**
 * The run's random stream: a seeded generator whose whole state is one 32-bit number kept in
 * the cluster state, so that a run resumed from disk continues the same sequence and the same
 * seed always gives the same run.
 *
 * The generator is mulberry32 (a small, well-mixed 32-bit generator); nothing here needs
 * cryptographic quality, only repeatability.
 */

/** The next number in [0, 1) and the state after drawing it. */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Characters upstream uses for generated name suffixes: no vowels, no look-alike digits. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A 5-character suffix for `metadata.generateName`, as the API server draws it. Upstream: staging/src/k8s.io/apiserver/pkg/storage/names/generate.go */
export function nameSuffix(draw: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[Math.floor(draw() * NAME_ALPHABET.length)];
  return suffix;
}
