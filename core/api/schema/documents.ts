/**
 * Reads a manifest file into its YAML documents, converted to plain JSON values the way
 * kubectl converts them (sigs.k8s.io/yaml, YAML 1.1: `yes`/`on` are booleans, timestamps
 * stay strings). A document holding only comments or nothing is `empty`; kubectl skips it.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/yaml/decoder.go (splitting on `---`)
 * and sigs.k8s.io/yaml (YAMLToJSON).
 */
import { parseAllDocuments } from 'yaml';
import type { Document, Tags } from 'yaml';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One document of a manifest file; `index` counts from 1 in file order, empty ones included. */
export type YamlDocument =
  | { type: 'empty'; index: number }
  | { type: 'value'; index: number; value: JsonValue }
  | { type: 'error'; index: number; message: string };

// YAML 1.1 like Go's yaml.v2, minus timestamps: kubectl hands them on as strings.
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const OPTIONS = {
  version: '1.1' as const,
  customTags: (tags: Tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== TIMESTAMP),
};

/** The name of the error {@link toJson} throws for a value JSON cannot hold. */
const UNSUPPORTED = 'UnsupportedValue';

function unsupported(message: string): Error {
  return Object.assign(new Error(message), { name: UNSUPPORTED });
}

function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw unsupported(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Set) return Array.from(value, toJson);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: toJson(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return String(value);
}

function firstError(doc: Document.Parsed): string | undefined {
  const error = doc.errors[0];
  if (error === undefined) return undefined;
  const text = error.message.split(' at line ')[0] ?? error.message;
  const line = error.linePos?.[0].line;
  return `error converting YAML to JSON: yaml: ${line === undefined ? '' : `line ${line}: `}${text}`;
}

/** Splits `text` into documents and converts each to JSON; never throws. */
export function readYamlDocuments(text: string): YamlDocument[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, OPTIONS) as Document.Parsed[];
  } catch (error) {
    return [{ type: 'error', index: 1, message: `error converting YAML to JSON: ${(error as Error).message}` }];
  }
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i): YamlDocument => {
    const index = i + 1;
    const message = firstError(doc);
    if (message !== undefined) return { type: 'error', index, message };
    try {
      const value = toJson(doc.toJS({ maxAliasCount: 100 }));
      return value === null ? { type: 'empty', index } : { type: 'value', index, value };
    } catch (error) {
      const reason = (error as Error).name === UNSUPPORTED ? (error as Error).message : `yaml: ${(error as Error).message}`;
      return { type: 'error', index, message: `error converting YAML to JSON: ${reason}` };
    }
  });
}
