/**
 * Decodes a manifest file into typed objects, the way `kubectl apply -f` and kube-apiserver
 * together would judge it: YAML documents split on `---` (empty ones skipped, `kind: List`
 * expanded), `apiVersion` and `kind` checked against the kinds this cluster serves, then
 * every field walked alongside the kind's schema. Unknown fields are warnings and are
 * dropped; a wrong JSON type is a decode error; bad values are field errors. A file with any
 * error yields no objects at all.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (messages),
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go (transformDecodeError),
 * sigs.k8s.io/json (strict decoding: unknown fields, type errors),
 * staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (documents and lists).
 */
import { match } from 'ts-pattern';
import { parseQuantity, quantityToString } from '@kata/01-api-machinery/quantity';
import { apiVersionOf, kindInfo } from '../../core/api/kinds';
import type { KindInfo } from '../../core/api/kinds';
import type { KubeObject } from '../../core/api/meta';
import { base64Error } from '../../core/api/schema/base64';
import type { DecodeResult } from '../../core/api/schema/decode-result';
import { readYamlDocuments } from '../../core/api/schema/documents';
import type { FieldError, FieldErrorType } from '../../core/api/schema/field-error';
import { goQuote, invalid, invalidOmitted, IS_NEGATIVE_ERROR_MSG, IS_NOT_POSITIVE_ERROR_MSG, notSupported, required } from '../../core/api/schema/field-error';
import { schemaForKind } from '../../core/api/schema/index';
import { formatErrors, isValidPercent, isValidPortName, isValidPortNum } from '../../core/api/schema/names';
import { child, index, key } from '../../core/api/schema/path';
import type { ArraySchema, IntOrStringSchema, MapSchema, ObjectSchema, QuantitySchema, Schema } from '../../core/api/schema/schema';
import { integerRangeError } from '../../core/api/schema/schema';
import { KATA_NOT_IMPLEMENTED } from '../../core/kata/not-implemented';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

/** How upstream prints a bad value: numbers and booleans bare, strings quoted, nil as "null". */
function showValue(value: unknown): string {
  if (value === null || value === undefined) return goQuote('null');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  // Upstream prints structs with Go's %#v; JSON is this project's stand-in.
  return JSON.stringify(value);
}

/** Upstream `field.Error.Error()`: `<field>: <type>[: <value>][: <detail>]`. */
export function formatFieldError(error: FieldError): string {
  const valueless = ['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError'].includes(error.type) || error.omitValue === true;
  const body = valueless ? TYPE_TEXT[error.type] : `${TYPE_TEXT[error.type]}: ${showValue(error.badValue)}`;
  return `${error.field}: ${error.detail === '' ? body : `${body}: ${error.detail}`}`;
}

/** What one document's walk collects. */
type Findings = { warnings: string[]; typeErrors: string[]; fieldErrors: FieldError[] };
/** Where the walk is: the field path, and the Go struct and JSON path Go's errors name. */
type At = { path: string; goStruct: string; goPath: string };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const jsonKind = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'boolean' ? 'bool' : typeof value === 'object' ? 'object' : typeof value);
/** Sets a field even when it is called `__proto__`. */
const put = (target: JsonObject, name: string, value: unknown) => Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });

/** The first problem Go's encoding/json would report for a value of the wrong JSON type. */
function typeError(found: Findings, at: At, schema: Schema, what: string): undefined {
  found.typeErrors.push(`json: cannot unmarshal ${what} into Go struct field ${at.goStruct}.${at.goPath} of type ${schema.goType}`);
  return undefined;
}

/** Walks `value` alongside `schema`; returns the decoded value, or undefined to drop it. */
function walk(value: unknown, schema: Schema, at: At, found: Findings): unknown {
  if (value === null || value === undefined) {
    // A struct held by value is validated even when absent (as Go's zero value).
    if (schema.type === 'object' && schema.absentAsEmpty) walkObject({}, schema, at, found);
    else if (schema.required) found.fieldErrors.push(required(at.path, schema.required.detail));
    return undefined;
  }
  const isZero = value === '' || value === 0 || value === false || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
  if (schema.required && isZero && schema.type !== 'object') found.fieldErrors.push(required(at.path, schema.required.detail));
  return match(schema)
    .with({ type: 'string' }, (s) => {
      if (typeof value !== 'string') return typeError(found, at, s, jsonKind(value));
      if (value !== '' && s.enum && !s.enum.includes(value)) found.fieldErrors.push(notSupported(at.path, value, s.enum));
      if (value !== '' && s.format) for (const msg of formatErrors(s.format, value)) found.fieldErrors.push(invalid(at.path, value, msg));
      return value;
    })
    .with({ type: 'integer' }, (s) => {
      if (typeof value !== 'number') return typeError(found, at, s, jsonKind(value));
      const limit = s.bits === 32 ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(value) || value < -limit || value >= limit) return typeError(found, at, s, `number ${value}`);
      const range = integerRangeError(s, value);
      if (range !== undefined) found.fieldErrors.push(invalid(at.path, value, range));
      return value;
    })
    .with({ type: 'boolean' }, (s) => (typeof value === 'boolean' ? value : typeError(found, at, s, jsonKind(value))))
    .with({ type: 'quantity' }, (s) => walkQuantity(value, s, at, found))
    .with({ type: 'intOrString' }, (s) => walkIntOrString(value, s, at, found))
    .with({ type: 'bytes' }, (s) => {
      if (typeof value !== 'string') return typeError(found, at, s, jsonKind(value));
      const problem = base64Error(value);
      if (problem !== undefined) found.fieldErrors.push(invalidOmitted(at.path, problem));
      return value;
    })
    .with({ type: 'array' }, (s) => walkArray(value, s, at, found))
    .with({ type: 'map' }, (s) => walkMap(value, s, at, found))
    .with({ type: 'object' }, (s) => (isObject(value) ? walkObject(value, s, at, found) : typeError(found, at, s, jsonKind(value))))
    .with({ type: 'opaque' }, () => value)
    .exhaustive();
}

function walkObject(value: JsonObject, schema: ObjectSchema, at: At, found: Findings): JsonObject {
  const result: JsonObject = {};
  const inside = (name: string): At => ({ path: child(at.path, name), goStruct: schema.goName, goPath: at.goPath === '' ? name : `${at.goPath}.${name}` });
  for (const [name, field] of Object.entries(value)) {
    const fieldSchema = Object.hasOwn(schema.fields, name) ? schema.fields[name] : undefined;
    if (fieldSchema === undefined) {
      found.warnings.push(`unknown field ${goQuote(child(at.path, name))}`);
      continue;
    }
    const decoded = walk(field, fieldSchema, inside(name), found);
    if (decoded !== undefined) put(result, name, decoded);
  }
  // Absent fields can still be required, or be structs validated as empty.
  for (const [name, fieldSchema] of Object.entries(schema.fields)) if (!Object.hasOwn(value, name)) walk(undefined, fieldSchema, inside(name), found);
  for (const check of schema.checks) found.fieldErrors.push(...check(result as never, at.path));
  return result;
}

function walkArray(value: unknown, schema: ArraySchema, at: At, found: Findings): unknown[] | undefined {
  if (!Array.isArray(value)) return typeError(found, at, schema, jsonKind(value));
  return value.map((item, i) => walk(item, schema.items, { ...at, path: index(at.path, i) }, found)).filter((item) => item !== undefined);
}

function walkMap(value: unknown, schema: MapSchema, at: At, found: Findings): JsonObject | undefined {
  if (!isObject(value)) return typeError(found, at, schema, jsonKind(value));
  const result: JsonObject = {};
  for (const [name, entry] of Object.entries(value)) {
    const path = key(at.path, name);
    if (schema.keyFormat) for (const msg of formatErrors(schema.keyFormat, name)) found.fieldErrors.push(invalid(path, name, msg));
    const decoded = walk(entry, schema.values, { ...at, path }, found);
    if (decoded !== undefined) put(result, name, decoded);
  }
  return result;
}

/** Go's Quantity decoder parses the raw JSON text (trimmed), whatever its JSON type. */
function walkQuantity(value: unknown, schema: QuantitySchema, at: At, found: Findings): string | undefined {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : JSON.stringify(value);
  try {
    const q = parseQuantity(text);
    if (schema.sign === 'nonNegative' && q.nanos < 0n) found.fieldErrors.push(invalid(at.path, quantityToString(q), IS_NEGATIVE_ERROR_MSG));
    if (schema.sign === 'positive' && q.nanos <= 0n) found.fieldErrors.push(invalid(at.path, quantityToString(q), IS_NOT_POSITIVE_ERROR_MSG));
    return text;
  } catch (error) {
    if ((error as Error).name === KATA_NOT_IMPLEMENTED) throw error;
    found.fieldErrors.push(invalid(at.path, value, (error as Error).message));
    return undefined;
  }
}

/** A number or a string; 0 and "" mean unset for ports, as upstream defaults them. */
function walkIntOrString(value: unknown, schema: IntOrStringSchema, at: At, found: Findings): number | string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 31) return typeError(found, at, schema, `number ${value}`);
  } else if (typeof value !== 'string') return typeError(found, at, schema, jsonKind(value));
  const messages = match(schema.format)
    .with('port', () => (value === 0 || value === '' ? [] : typeof value === 'number' ? isValidPortNum(value) : isValidPortName(value)))
    .with('percent', () => (typeof value === 'number' ? (value < 0 ? [IS_NEGATIVE_ERROR_MSG] : []) : isValidPercent(value)))
    .with(undefined, () => [])
    .exhaustive();
  for (const msg of messages) found.fieldErrors.push(invalid(at.path, value, msg));
  return value;
}

/** kubectl's checks before it looks a kind up (kubectl/pkg/validation: getObjectKind). */
function typeMetaProblems(doc: JsonObject): string[] {
  const problems: string[] = [];
  const { apiVersion, kind } = doc;
  if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2) problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  if (kind === undefined || kind === null) problems.push('kind not set');
  else if (typeof kind !== 'string') problems.push("kind isn't string type");
  return problems;
}

/** `Deployment.apps "web"`, as the API server names an object in its errors. */
const describe = (info: KindInfo, name: string) => `${info.group === '' ? info.kind : `${info.kind}.${info.group}`} ${goQuote(name)}`;

/** The element kind of a list: `List` holds anything, `PodList` holds Pods. */
function listElementKind(kind: string): string | undefined {
  if (kind === 'List') return '';
  return kind.endsWith('List') && schemaForKind(kind.slice(0, -4)) !== undefined ? kind.slice(0, -4) : undefined;
}

/** Decodes one document (or list item) into `sink`, prefixing every message with `where`. */
function decodeDocument(doc: unknown, where: string, sink: DecodeResult): void {
  if (!isObject(doc)) {
    sink.errors.push(`${where}: json: cannot unmarshal ${jsonKind(doc)} into Go value of type map[string]interface {}`);
    return;
  }
  const problems = typeMetaProblems(doc);
  if (problems.length > 0) {
    sink.errors.push(`${where}: error validating data: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}`);
    return;
  }
  const apiVersion = doc.apiVersion as string;
  const kind = doc.kind as string;

  // 1. Lists are flattened; items of a typed list (PodList) may leave out their kind.
  const element = listElementKind(kind);
  if (element !== undefined) {
    const items = doc.items ?? [];
    if (!Array.isArray(items)) {
      sink.errors.push(`${where}: json: cannot unmarshal ${jsonKind(items)} into Go struct field ${kind}.items of type []runtime.RawExtension`);
      return;
    }
    items.forEach((item, i) => {
      const typed = element !== '' && isObject(item) ? { apiVersion, kind: element, ...item } : item;
      decodeDocument(typed, `${where}, items[${i}]`, sink);
    });
    return;
  }

  // 2. The kind must be served, in exactly this group and version.
  const info = kindInfo(kind);
  const schema = schemaForKind(kind);
  if (info === undefined || schema === undefined || apiVersionOf(info) !== apiVersion) {
    sink.errors.push(`${where}: no matches for kind ${goQuote(kind)} in version ${goQuote(apiVersion)}`);
    return;
  }

  // 3. Walk the fields; report warnings always, the first type error, else every field error.
  const found: Findings = { warnings: [], typeErrors: [], fieldErrors: [] };
  const object = walk(doc, schema.root, { path: '', goStruct: '', goPath: '' }, found) as KubeObject;
  const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
  sink.warnings.push(...found.warnings.map((w) => `${where}: ${describe(info, name)}: ${w}`));
  const firstTypeError = found.typeErrors[0];
  if (firstTypeError !== undefined) {
    const version = apiVersion.split('/').pop() ?? apiVersion;
    sink.errors.push(`${where}: ${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${firstTypeError}`);
  } else if (found.fieldErrors.length > 0) {
    // Upstream's ErrorList.ToAggregate drops repeated messages.
    const messages = [...new Set(found.fieldErrors.map(formatFieldError))];
    sink.errors.push(...messages.map((m) => `${where}: ${describe(info, name)} is invalid: ${m}`));
  } else sink.objects.push(object);
}

/**
 * Decodes every document of a manifest file. Messages start with `<file>: document <n>`
 * (counting from 1, empty documents included) and, for list items, `, items[<i>]`.
 */
export function decodeManifest(text: string, file: string): DecodeResult {
  const sink: DecodeResult = { objects: [], warnings: [], errors: [] };
  for (const doc of readYamlDocuments(text)) {
    const where = `${file}: document ${doc.index}`;
    match(doc)
      .with({ type: 'empty' }, () => undefined)
      .with({ type: 'error' }, (d) => sink.errors.push(`${where}: ${d.message}`))
      .with({ type: 'value' }, (d) => decodeDocument(d.value, where, sink))
      .exhaustive();
  }
  // A file with one bad document applies nothing.
  return sink.errors.length > 0 ? { ...sink, objects: [] } : sink;
}
