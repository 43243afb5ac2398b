/**
 * Kata 04-pod-ip.
 *
 * Examples are host-local's allocator tests (containernetworking/plugins
 * plugins/ipam/host-local/backend/allocator/allocator_test.go: "RangeIter", "should allocate
 * ips in round robin", "should not allocate the broadcast address", "should allocate in a
 * round-robin fashion", "when out of ips") and range defaults from range.go (Canonicalize:
 * gateway and rangeStart = network + 1, rangeEnd = broadcast - 1).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newPodIPAllocator, reducePodIPs } from '@kata/04-pod-sandbox/pod-ip-allocator';
import { formatIPv4, parseIPv4 } from '../../core/kubelet/ipv4';
import type { PodIPAllocator, PodIPResult } from '../../core/kubelet/pod-ip';
import { runs } from '../../core/testing/runs';

const add = (state: PodIPAllocator, sandboxID: string) => reducePodIPs(state, { type: 'sandbox/created', sandboxID });
const del = (state: PodIPAllocator, sandboxID: string) => reducePodIPs(state, { type: 'sandbox/removed', sandboxID });

function allocated(result: PodIPResult): string {
  expect(result.type, `expected an address, got ${JSON.stringify(result)}`).toBe('allocated');
  return (result as { ip: string }).ip;
}

/** Allocates for sandboxes `ids` in turn and returns the addresses. */
function allocateAll(state: PodIPAllocator, ids: string[]): [PodIPAllocator, string[]] {
  const ips: string[] = [];
  for (const id of ids) {
    const [next, result] = add(state, id);
    ips.push(allocated(result));
    state = next;
  }
  return [state, ips];
}

/** An allocator over `cidr` with the store contents of an upstream table row. */
const withStore = (cidr: string, reservedIPs: string[], lastReservedIP?: string): PodIPAllocator => ({
  ...newPodIPAllocator(cidr),
  reserved: Object.fromEntries(reservedIPs.map((ip) => [ip, 'id'])),
  ...(lastReservedIP ? { lastReservedIP } : {}),
});

describe('the range', () => {
  test('a /24 hands out network+1 to broadcast-1, with the gateway at network+1', () => {
    expect(newPodIPAllocator('10.244.1.0/24')).toEqual({
      podCIDR: '10.244.1.0/24',
      rangeStart: '10.244.1.1',
      rangeEnd: '10.244.1.254',
      gateway: '10.244.1.1',
      reserved: {},
    });
  });

  test('host bits in the CIDR are cleared', () => {
    expect(newPodIPAllocator('10.244.1.77/24').podCIDR).toBe('10.244.1.0/24');
  });

  test('a /31 is too small to allocate from', () => {
    expect(() => newPodIPAllocator('10.0.0.0/31')).toThrow('Network 10.0.0.0/31 too small to allocate from');
  });

  test('a malformed CIDR is rejected', () => {
    expect(() => newPodIPAllocator('10.0.0.0/33')).toThrow('invalid CIDR address: 10.0.0.0/33');
  });
});

describe('allocation', () => {
  test('the first pod gets network+2: the gateway is skipped', () => {
    expect(allocated(add(newPodIPAllocator('10.244.1.0/24'), 'sb-1')[1])).toBe('10.244.1.2');
  });

  test('the result names the gateway and the prefix length', () => {
    expect(add(newPodIPAllocator('10.244.1.0/24'), 'sb-1')[1]).toEqual({ type: 'allocated', ip: '10.244.1.2', gateway: '10.244.1.1', prefixLength: 24 });
  });

  test('a /29 hands out .2 to .6 and never the broadcast address', () => {
    const [, ips] = allocateAll(newPodIPAllocator('192.168.1.0/29'), ['ID2', 'ID3', 'ID4', 'ID5', 'ID6']);
    expect(ips).toEqual(['192.168.1.2', '192.168.1.3', '192.168.1.4', '192.168.1.5', '192.168.1.6']);
  });

  test('an exhausted range is an error naming the range set', () => {
    const [full] = allocateAll(newPodIPAllocator('192.168.1.0/29'), ['ID2', 'ID3', 'ID4', 'ID5', 'ID6']);
    expect(add(full, 'ID8')[1]).toEqual({ type: 'error', message: 'no IP addresses available in range set: 192.168.1.1-192.168.1.6' });
  });

  test('an error leaves the state as it was', () => {
    const [full] = allocateAll(newPodIPAllocator('192.168.1.0/29'), ['ID2', 'ID3', 'ID4', 'ID5', 'ID6']);
    expect(add(full, 'ID8')[0]).toEqual(full);
  });

  test('a second allocation for the same sandbox is refused', () => {
    const [state] = add(newPodIPAllocator('10.0.0.0/29'), 'sb-1');
    expect(add(state, 'sb-1')[1]).toEqual({ type: 'error', message: '10.0.0.2 has been allocated to sb-1, duplicate allocation is not allowed' });
  });

  test('a released address is not handed out again at once (round robin)', () => {
    const [one] = add(newPodIPAllocator('192.168.1.0/29'), 'ID');
    const [released] = del(one, 'ID');
    expect(allocated(add(released, 'ID')[1])).toBe('192.168.1.3');
  });

  test.each([
    // allocator_test.go "should allocate ips in round robin": subnets, ipmap, lastIP, expectResult
    ['fresh start', '10.0.0.0/29', [], undefined, '10.0.0.2'],
    ['fresh start in a /30', '10.0.0.0/30', [], undefined, '10.0.0.2'],
    ['the first address is taken', '10.0.0.0/29', ['10.0.0.2'], undefined, '10.0.0.3'],
    ['next ip of last reserved ip', '10.0.0.0/29', [], '10.0.0.5', '10.0.0.6'],
    ['skips reserved addresses after the last one', '10.0.0.0/29', ['10.0.0.4', '10.0.0.5'], '10.0.0.3', '10.0.0.6'],
    ['round robin to the beginning', '10.0.0.0/29', ['10.0.0.6'], '10.0.0.5', '10.0.0.2'],
    ['lastIP is out of range', '10.0.0.0/29', ['10.0.0.2'], '10.0.0.128', '10.0.0.3'],
    ['subnet completely full except for lastip: wrap around and reserve lastIP', '10.0.0.0/29', ['10.0.0.2', '10.0.0.4', '10.0.0.5', '10.0.0.6'], '10.0.0.3', '10.0.0.3'],
  ])('%s', (_, cidr, reservedIPs, lastIP, expected) => {
    expect(allocated(add(withStore(cidr, reservedIPs, lastIP), 'ID')[1])).toBe(expected);
  });

  test.each([
    // allocator_test.go "when out of ips: returns a meaningful error"
    ['10.0.0.0/30', ['10.0.0.2']],
    ['10.0.0.0/29', ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']],
  ])('%s with %j reserved is out of addresses', (cidr, reservedIPs) => {
    const [, result] = add(withStore(cidr, reservedIPs), 'ID');
    expect(result.type === 'error' && result.message.startsWith('no IP addresses available in range set'), JSON.stringify(result)).toBe(true);
  });

  test('allocation records the address as the last reserved one', () => {
    expect(add(newPodIPAllocator('10.0.0.0/29'), 'sb-1')[0]).toMatchObject({ lastReservedIP: '10.0.0.2', reserved: { '10.0.0.2': 'sb-1' } });
  });
});

describe('release', () => {
  test('removing a sandbox releases its address', () => {
    const [state] = add(newPodIPAllocator('10.0.0.0/29'), 'sb-1');
    const [after, result] = del(state, 'sb-1');
    expect(result).toEqual({ type: 'released', ips: ['10.0.0.2'] });
    expect(after.reserved).toEqual({});
  });

  test('releasing keeps the last reserved address, so the search goes on after it', () => {
    const [state] = allocateAll(newPodIPAllocator('10.0.0.0/29'), ['a', 'b']);
    expect(del(state, 'a')[0].lastReservedIP).toBe('10.0.0.3');
  });

  test('removing an unknown sandbox releases nothing and changes nothing', () => {
    const [state] = add(newPodIPAllocator('10.0.0.0/29'), 'sb-1');
    expect(del(state, 'sb-9')).toEqual([state, { type: 'released', ips: [] }]);
  });
});

// ---------------------------------------------------------------------------------------
// Properties and the model-based test: random sandbox lifecycles on a small /29, where the
// five addresses run out quickly.

const CIDR = '10.0.0.0/29';
const ids = ['sb-1', 'sb-2', 'sb-3', 'sb-4', 'sb-5', 'sb-6', 'sb-7'];
const event = fc.oneof(
  fc.constantFrom(...ids).map((sandboxID) => ({ type: 'sandbox/created' as const, sandboxID })),
  fc.constantFrom(...ids).map((sandboxID) => ({ type: 'sandbox/removed' as const, sandboxID })),
);

describe('properties', () => {
  test('no two live sandboxes ever share an address', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let state = newPodIPAllocator(CIDR);
        const live = new Map<string, string>();
        for (const e of events) {
          const [next, result] = reducePodIPs(state, e);
          state = next;
          if (result.type === 'allocated') live.set(e.sandboxID, result.ip);
          if (result.type === 'released') live.delete(e.sandboxID);
          const ips = [...live.values()];
          expect(new Set(ips).size, `addresses of live sandboxes ${JSON.stringify([...live])}`).toBe(ips.length);
        }
      }),
      runs(200),
    );
  });

  test('every address handed out lies in the range and is neither the network, the gateway nor the broadcast address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 30 }), fc.integer({ min: 1, max: 40 }), (prefix, count) => {
        let state = newPodIPAllocator(`10.8.0.0/${prefix}`);
        const size = 2 ** (32 - prefix);
        for (let i = 0; i < count; i++) {
          const [next, result] = add(state, `sb-${i}`);
          state = next;
          if (result.type !== 'allocated') break;
          const n = (parseIPv4(result.ip) as number) - (parseIPv4('10.8.0.0') as number);
          expect(n, `${result.ip} in 10.8.0.0/${prefix}`).toBeGreaterThan(1);
          expect(n, `${result.ip} in 10.8.0.0/${prefix}`).toBeLessThan(size - 1);
        }
      }),
      runs(100),
    );
  });
});

/**
 * The model: a set of used offsets in the range and the last offset handed out. The next
 * address is the first free offset after the last one, going round; offset 0 (the gateway)
 * is never free.
 */
type Model = { used: Map<string, number>; last?: number };
type Real = { state: PodIPAllocator };
const SIZE = 6; // offsets 1..6 of 10.0.0.0/29: .1 is the gateway, .2 to .6 are handed out

function expectedNext(model: Model): number | undefined {
  const taken = new Set(model.used.values());
  const start = model.last ?? 0;
  for (let step = 1; step <= SIZE; step++) {
    const offset = ((start + step - 1) % SIZE) + 1;
    if (offset !== 1 && !taken.has(offset)) return offset;
  }
  return undefined;
}

const command = (label: string, body: (model: Model, real: Real) => void): fc.Command<Model, Real> => ({
  check: () => true,
  run: body,
  toString: () => label,
});

const createCmd = (id: string) =>
  command(`create(${id})`, (model, real) => {
    const [next, result] = add(real.state, id);
    real.state = next;
    if (model.used.has(id)) return expect(result.type, `${id} already holds an address`).toBe('error');
    const offset = expectedNext(model);
    if (offset === undefined) return expect(result.type, 'the range is full').toBe('error');
    expect(result, `${id} gets the first free address after the last reserved one`).toMatchObject({ type: 'allocated', ip: formatIPv4(0x0a000000 + offset) });
    model.used.set(id, offset);
    model.last = offset;
  });

const removeCmd = (id: string) =>
  command(`remove(${id})`, (model, real) => {
    const [next, result] = del(real.state, id);
    real.state = next;
    const offset = model.used.get(id);
    expect(result, `releasing ${id}`).toEqual({ type: 'released', ips: offset === undefined ? [] : [formatIPv4(0x0a000000 + offset)] });
    model.used.delete(id);
  });

describe('model', () => {
  test('the allocator agrees with a set-and-cursor model of round-robin allocation', () => {
    const id = fc.constantFrom(...ids);
    fc.assert(
      fc.property(fc.commands([id.map(createCmd), id.map(createCmd), id.map(removeCmd)], { maxCommands: 50 }), (cmds) => {
        fc.modelRun(() => ({ model: { used: new Map() }, real: { state: newPodIPAllocator(CIDR) } }), cmds);
      }),
      runs(200),
    );
  });
});
