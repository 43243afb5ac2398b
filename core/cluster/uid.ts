/**
 * UIDs for new objects. Real API servers draw random UUIDs; here they derive from a counter,
 * so the same commands always produce the same cluster (a run can be replayed exactly).
 */
import { createHash } from 'node:crypto';

/** The `n`-th UID: a version-4-shaped UUID computed from `n`. */
export function uidFor(n: number): string {
  const hex = createHash('sha256').update(`uid:${n}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
