import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { LEAF_MAX, pmapDelete, pmapEmpty, pmapEntries, pmapFromEntries, pmapGet, pmapHas, pmapKeys, pmapSet, pmapSize, pmapValues, type PMap, type PMapNode } from './persistent-map';

// Keys that trip up maps built on plain objects, plus short strings that collide often.
const keyArb = fc.oneof(
  fc.constantFrom('', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'default/web-0', 'kube-system/dns'),
  fc.string({ maxLength: 6 }),
  fc.nat(60).map((n) => `pod-${n}`),
);

type Model = { entries: Record<string, number> };
type Real = { map: PMap<number> };

const sortedEntries = (record: Record<string, number>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function agree(model: Model, real: Real) {
  expect(pmapSize(real.map), 'size').toBe(Object.keys(model.entries).length);
  const entries = pmapEntries(real.map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  expect(entries, 'entries').toEqual(sortedEntries(model.entries));
  for (const [key, value] of Object.entries(model.entries)) {
    expect(pmapGet(real.map, key), `get ${JSON.stringify(key)}`).toBe(value);
  }
}

class SetCommand implements fc.Command<Model, Real> {
  constructor(
    readonly key: string,
    readonly value: number,
  ) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = JSON.stringify(real.map);
    const next = pmapSet(real.map, this.key, this.value);
    expect(JSON.stringify(real.map), 'set must not change the map it was given').toBe(before);
    model.entries[this.key] = this.value;
    real.map = next;
    agree(model, real);
  }
  toString = () => `set(${JSON.stringify(this.key)}, ${this.value})`;
}

class DeleteCommand implements fc.Command<Model, Real> {
  constructor(readonly key: string) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = JSON.stringify(real.map);
    const next = pmapDelete(real.map, this.key);
    expect(JSON.stringify(real.map), 'delete must not change the map it was given').toBe(before);
    delete model.entries[this.key];
    real.map = next;
    expect(pmapHas(real.map, this.key)).toBe(false);
    agree(model, real);
  }
  toString = () => `delete(${JSON.stringify(this.key)})`;
}

class RoundTripCommand implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real) {
    real.map = JSON.parse(JSON.stringify(real.map)) as PMap<number>;
    agree(model, real);
  }
  toString = () => 'jsonRoundTrip()';
}

describe('persistent map', () => {
  test('the empty map has no entries', () => {
    const map = pmapEmpty<number>();
    expect(pmapSize(map)).toBe(0);
    expect(pmapGet(map, 'a')).toBeUndefined();
    expect(pmapValues(map)).toEqual([]);
  });

  test('keys named like Object.prototype members are ordinary keys', () => {
    const map = pmapSet(pmapEmpty<string>(), '__proto__', 'p');
    expect(pmapGet(map, '__proto__')).toBe('p');
    expect(pmapGet(map, 'constructor')).toBeUndefined();
    expect(pmapGet(map, 'toString')).toBeUndefined();
    expect(pmapHas(map, 'toString')).toBe(false);
  });

  test('setting the same value again returns the same map', () => {
    const value = { a: 1 };
    const map = pmapSet(pmapEmpty<object>(), 'k', value);
    expect(pmapSet(map, 'k', value)).toBe(map);
    expect(pmapDelete(map, 'missing')).toBe(map);
  });

  test('behaves like a plain object under any sequence of sets, deletes and JSON round trips', () => {
    const commands = [
      fc.tuple(keyArb, fc.integer()).map(([k, v]) => new SetCommand(k, v)),
      keyArb.map((k) => new DeleteCommand(k)),
      fc.constant(new RoundTripCommand()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 120 }), (cmds) => {
        fc.modelRun(() => ({ model: { entries: Object.create(null) as Record<string, number> }, real: { map: pmapEmpty<number>() } }), cmds);
      }),
      runs(200),
    );
  });

  test('a write copies only the path to its key: every other slot of every branch is shared', () => {
    const differing = (a: PMapNode<number> | null, b: PMapNode<number> | null): number => {
      if (a === b || a === null || b === null || !('slots' in a) || !('slots' in b)) return 0;
      const changed = a.slots.flatMap((slot, i) => (slot === b.slots[i] ? [] : [i]));
      return Math.max(changed.length, ...changed.map((i) => differing(a.slots[i] ?? null, b.slots[i] ?? null)));
    };
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 600 }), fc.string({ maxLength: 8 }), fc.boolean(), (keys, extra, remove) => {
        const map = pmapFromEntries(keys.map((k, i) => [k, i] as const));
        const next = remove ? pmapDelete(map, keys[0] as string) : pmapSet(map, extra, -1);
        if (next.size > LEAF_MAX) expect(differing(map.root, next.root), 'slots replaced per branch').toBeLessThanOrEqual(1);
      }),
      runs(100),
    );
  });

  test('a small map is a single sorted leaf', () => {
    const map = ['c', 'a', 'b'].reduce((m, k) => pmapSet(m, k, k), pmapEmpty<string>());
    expect(map.root).toEqual({ entries: [['a', 'a'], ['b', 'b'], ['c', 'c']] });
  });

  test('maps with the same entries have the same structure whatever the insertion order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(keyArb, { maxLength: 80 }).chain((keys) => fc.tuple(fc.constant(keys), fc.shuffledSubarray(keys, { minLength: keys.length }))),
        ([keys, shuffled]) => {
          const a = keys.reduce((m, k) => pmapSet(m, k, k.length), pmapEmpty<number>());
          const withNoise = pmapDelete(pmapSet(pmapEmpty<number>(), 'noise', 0), 'noise');
          const b = shuffled.reduce((m, k) => pmapSet(m, k, k.length), withNoise);
          expect(b).toEqual(a);
        },
      ),
      runs(100),
    );
  });

  test('building from entries gives the same map as setting them one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.integer()), { maxLength: 100 }), (entries) => {
        const oneByOne = entries.reduce((m, [k, v]) => pmapSet(m, k, v), pmapEmpty<number>());
        expect(pmapFromEntries(entries)).toEqual(oneByOne);
      }),
      runs(200),
    );
    expect(pmapFromEntries([])).toEqual(pmapEmpty());
  });

  test('holds many keys that share leaves', () => {
    let map = pmapEmpty<number>();
    for (let i = 0; i < 20_000; i++) map = pmapSet(map, `default/pod-${i}`, i);
    for (let i = 0; i < 20_000; i += 2) map = pmapDelete(map, `default/pod-${i}`);
    expect(pmapSize(map)).toBe(10_000);
    expect(pmapGet(map, 'default/pod-7')).toBe(7);
    expect(pmapGet(map, 'default/pod-8')).toBeUndefined();
    expect(new Set(pmapKeys(map)).size).toBe(10_000);
  });
});
