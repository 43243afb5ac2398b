/**
 * Kata 04-pod-ip: the pod IP allocator of one node, as the host-local IPAM plugin runs it
 * when the runtime creates a sandbox (CNI ADD) and removes one (CNI DEL).
 *
 * The range is the node's `spec.podCIDR` minus the network address, the gateway (network + 1)
 * and, for IPv4, the broadcast address: a /24 hands out .2 to .254. The search for a free
 * address starts right after the last one reserved and wraps around, so a released address
 * comes back only after the whole range has been used once: a crash-looping pod does not get
 * the same IP again and again.
 *
 * Upstream: containernetworking/plugins plugins/ipam/host-local/backend/allocator
 * (range.go Canonicalize and lastIP; allocator.go Get, Release, GetIter, RangeIter.Next).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { PodIPAllocator, PodIPEvent, PodIPResult } from '../../core/kubelet/pod-ip';

// TODO(kata): compute the range in newPodIPAllocator (core/kubelet/ipv4 parses and prints
// addresses), then write reducePodIPs: on sandbox/created search the range starting after
// lastReservedIP (wrapping around; skip the gateway and reserved addresses), reserve the first
// free one and remember it as lastReservedIP; on sandbox/removed drop the sandbox's addresses.

/**
 * A fresh allocator for a node's pod CIDR (IPv4). Throws `invalid CIDR address: <cidr>` for
 * a malformed CIDR and `Network <cidr> too small to allocate from` for a /31 or /32.
 * Upstream: Range.Canonicalize.
 */
export function newPodIPAllocator(podCIDR: string): PodIPAllocator {
  return notImplemented('04-pod-ip');
}

/**
 * Applies one sandbox event: `sandbox/created` reserves the next free address after the last
 * reserved one (wrapping around), `sandbox/removed` releases every address the sandbox holds.
 * Errors, in host-local's words: `no IP addresses available in range set: <start>-<end>`, and
 * `<ip> has been allocated to <id>, duplicate allocation is not allowed`.
 * Upstream: IPAllocator.Get and IPAllocator.Release.
 */
export function reducePodIPs(state: PodIPAllocator, event: PodIPEvent): [PodIPAllocator, PodIPResult] {
  return notImplemented('04-pod-ip');
}
