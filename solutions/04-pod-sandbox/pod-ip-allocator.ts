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
import { match } from 'ts-pattern';
import { formatIPv4, ipv4NetSize, parseIPv4, parseIPv4CIDR } from '../../core/kubelet/ipv4';
import type { PodIPAllocator, PodIPEvent, PodIPResult } from '../../core/kubelet/pod-ip';

/**
 * A fresh allocator for a node's pod CIDR (IPv4). Throws `invalid CIDR address: <cidr>` for
 * a malformed CIDR and `Network <cidr> too small to allocate from` for a /31 or /32.
 * Upstream: Range.Canonicalize.
 */
export function newPodIPAllocator(podCIDR: string): PodIPAllocator {
  const net = parseIPv4CIDR(podCIDR);
  if (!net) throw new Error(`invalid CIDR address: ${podCIDR}`);
  const cidr = `${formatIPv4(net.network)}/${net.prefixLength}`;
  // A /31 or /32 has no address left once network and broadcast are excluded.
  if (net.prefixLength > 30) throw new Error(`Network ${cidr} too small to allocate from`);
  const first = net.network + 1;
  return {
    podCIDR: cidr,
    rangeStart: formatIPv4(first),
    rangeEnd: formatIPv4(net.network + ipv4NetSize(net.prefixLength) - 2),
    gateway: formatIPv4(first),
    reserved: {},
  };
}

/**
 * Applies one sandbox event: `sandbox/created` reserves the next free address after the last
 * reserved one (wrapping around), `sandbox/removed` releases every address the sandbox holds.
 * Upstream: IPAllocator.Get and IPAllocator.Release.
 */
export function reducePodIPs(state: PodIPAllocator, event: PodIPEvent): [PodIPAllocator, PodIPResult] {
  return match(event)
    .with({ type: 'sandbox/created' }, (e) => allocate(state, e.sandboxID))
    .with({ type: 'sandbox/removed' }, (e) => release(state, e.sandboxID))
    .exhaustive();
}

function allocate(state: PodIPAllocator, sandboxID: string): [PodIPAllocator, PodIPResult] {
  // The CNI spec forbids a second ADD for the same container ID.
  const held = Object.keys(state.reserved).find((ip) => state.reserved[ip] === sandboxID);
  if (held !== undefined) return [state, { type: 'error', message: `${held} has been allocated to ${sandboxID}, duplicate allocation is not allowed` }];
  const prefixLength = Number(state.podCIDR.split('/')[1]);
  for (const candidate of searchOrder(state)) {
    const ip = formatIPv4(candidate);
    if (ip === state.gateway || state.reserved[ip] !== undefined) continue;
    return [
      { ...state, lastReservedIP: ip, reserved: { ...state.reserved, [ip]: sandboxID } },
      { type: 'allocated', ip, gateway: state.gateway, prefixLength },
    ];
  }
  return [state, { type: 'error', message: `no IP addresses available in range set: ${state.rangeStart}-${state.rangeEnd}` }];
}

/** Every address of the range once, starting after the last reserved one (round robin). */
function* searchOrder(state: PodIPAllocator): Generator<number> {
  const start = parseIPv4(state.rangeStart) as number;
  const end = parseIPv4(state.rangeEnd) as number;
  const last = state.lastReservedIP === undefined ? undefined : parseIPv4(state.lastReservedIP);
  // A last address outside the range (the range changed) just loses round robin this once.
  const first = last === undefined || last < start || last > end ? start : last === end ? start : last + 1;
  const size = end - start + 1;
  for (let i = 0; i < size; i++) yield start + ((first - start + i) % size);
}

function release(state: PodIPAllocator, sandboxID: string): [PodIPAllocator, PodIPResult] {
  const ips = Object.keys(state.reserved).filter((ip) => state.reserved[ip] === sandboxID);
  if (ips.length === 0) return [state, { type: 'released', ips: [] }];
  const reserved = Object.fromEntries(Object.entries(state.reserved).filter(([, id]) => id !== sandboxID));
  // lastReservedIP stays: releasing does not rewind the round robin.
  return [{ ...state, reserved }, { type: 'released', ips }];
}
