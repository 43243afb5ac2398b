/**
 * The JSONPath subset rule files may use, and how the compiled evaluator reads it.
 *
 * json-rules-engine resolves `path` with jsonpath-plus (`JSONPath({ path, json, wrap: false })`,
 * docs/rules.md "Condition helpers: path"). Full JSONPath has wildcards, filters and script
 * expressions; rule files use only plain steps, which compile to property reads:
 *
 *     $                    the whole fact
 *     .name                a property: a letter or `_`, then letters, digits, `_` or `-`
 *     [0]                  an array index (a non-negative integer)
 *     ['kubernetes.io/os'] a property whose name has dots or slashes: it starts with a letter
 *                          or digit, then letters, digits, `.`, `_`, `/` or `-`
 *
 * What jsonpath-plus does with such a path, and so what `readPath` does too:
 * - a step matches only an *own* property of a truthy value (`val && Object.hasOwn(val, key)`),
 *   so `.length` of an array or a string is its length, `[0]` of a string is its first
 *   character, and any step below `null`, `0`, `""` or `false` finds nothing;
 * - a path that finds nothing resolves to `undefined`.
 * json-rules-engine applies the path only when the fact's value is a non-null object; for any
 * other fact value it ignores the path and uses the fact's value as is (almanac.js factValue).
 */

/** A parsed path: the property names (array indexes as digit strings) after `$`. */
export type PathSegments = readonly string[];

const DOT_STEP = /^\.([A-Za-z_][A-Za-z0-9_-]*)/;
const INDEX_STEP = /^\[(0|[1-9][0-9]*)\]/;
const QUOTED_STEP = /^\['([A-Za-z0-9][A-Za-z0-9._/-]*)'\]/;

/** The segments of `path`, or a message saying why the path is outside the subset. */
export function parsePath(path: string): PathSegments | { error: string } {
  if (!path.startsWith('$')) return { error: 'must start with "$", as in "$.spec.nodeName"' };
  const segments: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const step = DOT_STEP.exec(rest) ?? INDEX_STEP.exec(rest) ?? QUOTED_STEP.exec(rest);
    if (step === null || step[1] === undefined) {
      return {
        error:
          `unsupported step at "${rest}": use .name, [index] or ['name.with/dots'] ` +
          '(wildcards, filters, slices and recursive descent are not supported)',
      };
    }
    segments.push(step[1]);
    rest = rest.slice(step[0].length);
  }
  return segments;
}

/**
 * The value `segments` select in `value`, the way jsonpath-plus resolves a plain path with
 * `wrap: false`: the value found, or `undefined` when a step finds nothing.
 */
export function readPath(value: unknown, segments: PathSegments): unknown {
  let current: unknown = value;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    // jsonpath-plus's test, kept exactly: a falsy value has no properties, and a truthy
    // primitive is boxed, so a string has its characters and `length`.
    if (current && Object.hasOwn(current as object, key)) current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return current;
}

/**
 * A fact's value as a condition sees it (json-rules-engine almanac.js `factValue`): with no
 * path, the value; with a path, the path's result when the value is a non-null object, and
 * otherwise the value itself, path ignored.
 */
export function resolveFactPath(factValue: unknown, segments: PathSegments | undefined): unknown {
  if (segments === undefined) return factValue;
  if (factValue === null || typeof factValue !== 'object') return factValue;
  return readPath(factValue, segments);
}
