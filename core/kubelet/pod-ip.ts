/**
 * Pod IP allocation on one node, the way the host-local IPAM plugin does it for CNI ADD and
 * CNI DEL: the node's `spec.podCIDR` is the range, each sandbox gets one address, and the
 * plugin remembers the last address it handed out so that the next search starts after it.
 *
 * Upstream: containernetworking/plugins plugins/ipam/host-local/backend/allocator
 * (allocator.go: Get, Release, GetIter, RangeIter.Next; range.go: Canonicalize, lastIP),
 * plugins/ipam/host-local/backend/disk (one reservation per IP, last_reserved_ip).
 */

/** The allocator's state: the canonical range and the reservations (host-local's store). */
export type PodIPAllocator = {
  /** The node's pod CIDR, e.g. `10.244.1.0/24`. */
  podCIDR: string;
  /** First address handed out (inclusive), by default network + 1. */
  rangeStart: string;
  /** Last address handed out (inclusive), by default the one before the broadcast address. */
  rangeEnd: string;
  /** The gateway, by default network + 1; never handed to a pod. */
  gateway: string;
  /** The last address reserved, so the next search starts right after it. */
  lastReservedIP?: string;
  /** Reserved address -> the sandbox (container) ID holding it. */
  reserved: Record<string, string>;
};

/** What happened to a sandbox: CNI ADD on creation, CNI DEL on removal. */
export type PodIPEvent = { type: 'sandbox/created'; sandboxID: string } | { type: 'sandbox/removed'; sandboxID: string };

/** The answer to one event. */
export type PodIPResult =
  | { type: 'allocated'; ip: string; gateway: string; prefixLength: number }
  | { type: 'released'; ips: string[] }
  | { type: 'error'; message: string };
