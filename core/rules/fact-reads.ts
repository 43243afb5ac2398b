/**
 * Fact reads for the compiled evaluator: every `fact` + `path` a rule list reads, compiled
 * into property loads that share their work. The paths form a tree (`pod.spec.tolerations`
 * and `pod.spec.nodeName` share `pod.spec`); within one evaluation each node of the tree is
 * read at most once and remembered in a slot, so a policy that looks at `node.metadata.labels`
 * in five rules loads it once. Slots are allocated when compiling; an evaluation only bumps a
 * counter, so reading allocates nothing.
 *
 * Each step behaves as `readPath` in json-path.ts (jsonpath-plus's "own property of a truthy
 * value"), and a whole read as `resolveFactPath` (json-rules-engine ignores the path of a fact
 * that is not an object). A step reads the property directly when its name cannot be inherited
 * by JSON data, and checks `Object.hasOwn` only for names that plain objects, arrays, strings,
 * numbers or booleans inherit (`length`, `constructor`, `map`, ...).
 */
import { parsePath } from './json-path';
import type { Facts } from './types';

type Read = (facts: Facts) => unknown;

/** A step that found nothing; deeper steps find nothing too. */
const NOTHING: unique symbol = Symbol('nothing');

const INHERITED = new Set([Object, Array, String, Number, Boolean].flatMap((type) => Object.getOwnPropertyNames(type.prototype)));

function step(key: string): (value: unknown) => unknown {
  if (INHERITED.has(key)) return (value) => (value && Object.hasOwn(value as object, key) ? (value as Record<string, unknown>)[key] : NOTHING);
  return (value) => {
    if (!value) return NOTHING;
    const found = (value as Record<string, unknown>)[key];
    return found === undefined ? NOTHING : found;
  };
}

/** The shared reads of one compiled rule list. */
export type FactReads = {
  /** A reader for `fact` at `path`; readers made from one `FactReads` share their work. */
  readonly reader: (fact: string, path: string | undefined) => Read;
  /** Starts an evaluation: what earlier evaluations read is forgotten. */
  readonly begin: () => void;
};

/** A fresh set of shared reads. */
export function factReads(): FactReads {
  const values: unknown[] = [];
  const stamps: number[] = [];
  let stamp = 0;
  const nodes = new Map<string, Read>();

  /** The memoised read of the path `segments` below the fact (never the fact itself). */
  function node(fact: string, segments: readonly string[]): Read {
    const id = JSON.stringify([fact, ...segments]);
    const known = nodes.get(id);
    if (known !== undefined) return known;
    const parent = segments.length === 1 ? (facts: Facts) => facts[fact] : node(fact, segments.slice(0, -1));
    const next = step(segments[segments.length - 1]!);
    const slot = values.length;
    values.push(undefined);
    stamps.push(-1);
    const read: Read = (facts) => {
      if (stamps[slot] === stamp) return values[slot];
      const above = parent(facts);
      const value = above === NOTHING ? NOTHING : next(above);
      values[slot] = value;
      stamps[slot] = stamp;
      return value;
    };
    nodes.set(id, read);
    return read;
  }

  function reader(fact: string, path: string | undefined): Read {
    const segments = path === undefined ? undefined : parsePath(path);
    if (segments !== undefined && 'error' in segments) throw new Error(`path ${JSON.stringify(path)}: ${segments.error}`);
    if (segments === undefined || segments.length === 0) return (facts) => facts[fact];
    const below = node(fact, segments);
    return (facts) => {
      const value = facts[fact];
      if (value === null || typeof value !== 'object') return value;
      const found = below(facts);
      return found === NOTHING ? undefined : found;
    };
  }

  return { reader, begin: () => void (stamp += 1) };
}
