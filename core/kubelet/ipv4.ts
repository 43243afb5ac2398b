/**
 * IPv4 address arithmetic: dotted quads to unsigned 32-bit numbers and back, and CIDR
 * parsing. Plumbing for the pod IP allocator; the allocation policy is the kata.
 *
 * Upstream: Go's net.ParseIP / net.ParseCIDR (IPv4 only here).
 */

/** The number of a dotted-quad IPv4 address, or `undefined` when it is not one. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The dotted-quad form of an address number (taken modulo 2^32). */
export function formatIPv4(n: number): string {
  const v = ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
  return [24, 16, 8, 0].map((shift) => Math.floor(v / 2 ** shift) % 256).join('.');
}

/** A parsed IPv4 CIDR: the network address (host bits cleared) and the prefix length. */
export type IPv4Net = { network: number; prefixLength: number };

/** Parses `a.b.c.d/n`; the host bits are cleared as net.ParseCIDR does. `undefined` when invalid. */
export function parseIPv4CIDR(text: string): IPv4Net | undefined {
  const [ip, bits, ...rest] = text.split('/');
  if (ip === undefined || bits === undefined || rest.length > 0 || !/^(0|[1-9][0-9]?)$/.test(bits)) return undefined;
  const address = parseIPv4(ip);
  const prefixLength = Number(bits);
  if (address === undefined || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  return { network: address - (address % size), prefixLength };
}

/** How many addresses a prefix covers (`/24` -> 256). */
export function ipv4NetSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}
