/**
 * A small language for describing the fields of each kind: which fields exist, their JSON
 * type, the Go type kube-apiserver decodes them into (named in type errors), and simple
 * constraints (required, enumerations, ranges, name formats, quantity signs). Object nodes
 * may carry `checks`, functions for rules that span several fields.
 *
 * Kata 01-decode walks a document alongside these nodes. `obj<T>` takes exactly the keys of
 * the TypeScript type `T`, so the schema and the types in core/api/types cannot drift apart.
 *
 * Upstream: the Go structs in staging/src/k8s.io/api/.../types.go (fields and JSON names),
 * their OpenAPI schema, and the validation in pkg/apis/.../validation/validation.go.
 */
import type { FieldError } from './field-error';
import { IS_NEGATIVE_ERROR_MSG } from './field-error';
import { inclusiveRangeError } from './names';
import type { StringFormat } from './names';

/**
 * A required field must be present and not the Go zero value (`""`, `0`, `false`, an empty
 * list or map), as upstream's `len(x) == 0` / `x == 0` checks treat it. `detail` is the
 * message upstream adds after `Required value`, often empty.
 */
export type RequiredRule = { detail: string };

type Common = {
  /** The Go type named in decode errors: `int32`, `string`, `v1.PodSpec`, `[]v1.Container`. */
  goType: string;
  required?: RequiredRule;
};

/** A JSON string, optionally limited to an enumeration or a name format. */
export type StringSchema = Common & {
  type: 'string';
  /** Valid values, in the order upstream lists them in `Unsupported value` errors. */
  enum?: readonly string[];
  format?: StringFormat;
};

/** A JSON number that must be an integer of the given Go width, optionally within a range. */
export type IntegerSchema = Common & {
  type: 'integer';
  bits: 32 | 64;
  min?: number;
  max?: number;
};

/** A JSON boolean. */
export type BooleanSchema = Common & { type: 'boolean' };

/**
 * A resource quantity: a string (or a bare number) that must parse as a quantity, optionally
 * non-negative or positive.
 */
export type QuantitySchema = Common & {
  type: 'quantity';
  sign?: 'nonNegative' | 'positive';
};

/**
 * A number or a string (`intstr.IntOrString`). `port`: a port number or port name;
 * `percent`: a non-negative count or a percentage such as `25%`.
 */
export type IntOrStringSchema = Common & {
  type: 'intOrString';
  format?: 'port' | 'percent';
};

/** A string holding base64-encoded bytes (`[]byte` in Go), like Secret `data` values. */
export type BytesSchema = Common & { type: 'bytes' };

/** A JSON array of items of one schema. */
export type ArraySchema = Common & {
  type: 'array';
  items: Schema;
};

/** A JSON object used as a map from string keys to values of one schema. */
export type MapSchema = Common & {
  type: 'map';
  values: Schema;
  keyFormat?: StringFormat;
};

/**
 * A rule over a whole object, run after its fields were walked. It receives the object as
 * decoded (unknown fields and fields with wrong types removed) and the object's field path,
 * and returns the errors it finds. Fields may be missing, hence {@link Loose}.
 */
export type Check<T = unknown> = (value: Loose<T>, path: string) => FieldError[];

/** A Go struct: a JSON object with a fixed set of fields. */
export type ObjectSchema = Common & {
  type: 'object';
  /** The Go struct name (`PodSpec`), named as the innermost struct in decode errors. */
  goName: string;
  fields: Readonly<Record<string, Schema>>;
  checks: readonly Check<never>[];
  /**
   * The Go field holds the struct itself, not a pointer (`spec`, `template`): when the field
   * is absent, upstream validates an empty struct, so its required fields are still
   * reported. Walk `{}` in its place, and leave it out of the decoded object.
   */
  absentAsEmpty?: boolean;
};

/** Any JSON value, kept as written: a subtree this project does not model. */
export type OpaqueSchema = Common & { type: 'opaque' };

/** One node of the schema language. */
export type Schema =
  | StringSchema
  | IntegerSchema
  | BooleanSchema
  | QuantitySchema
  | IntOrStringSchema
  | BytesSchema
  | ArraySchema
  | MapSchema
  | ObjectSchema
  | OpaqueSchema;

/** `T` with every field optional, all the way down: what a check may receive. */
export type Loose<T> = T extends readonly (infer U)[]
  ? Loose<U>[]
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> }
    : T;

/** Exactly one schema per key of `T`, optional keys included. */
export type FieldsOf<T> = { [K in keyof T]-?: Schema };

/** A string field. */
export function str(options: { enum?: readonly string[]; format?: StringFormat; goType?: string } = {}): StringSchema {
  const { goType = 'string', ...rest } = options;
  return { type: 'string', goType, ...rest };
}

/** An `int32` field, optionally bounded. */
export function int32(options: { min?: number; max?: number } = {}): IntegerSchema {
  return { type: 'integer', goType: 'int32', bits: 32, ...options };
}

/** An `int64` field, optionally bounded. */
export function int64(options: { min?: number; max?: number } = {}): IntegerSchema {
  return { type: 'integer', goType: 'int64', bits: 64, ...options };
}

/** A boolean field. */
export function bool(): BooleanSchema {
  return { type: 'boolean', goType: 'bool' };
}

/** A quantity field (`resource.Quantity`). */
export function quantity(sign?: 'nonNegative' | 'positive'): QuantitySchema {
  return sign === undefined ? { type: 'quantity', goType: 'resource.Quantity' } : { type: 'quantity', goType: 'resource.Quantity', sign };
}

/** An int-or-string field (`intstr.IntOrString`). */
export function intOrString(format?: 'port' | 'percent'): IntOrStringSchema {
  return format === undefined ? { type: 'intOrString', goType: 'intstr.IntOrString' } : { type: 'intOrString', goType: 'intstr.IntOrString', format };
}

/** A base64 bytes field (`[]byte`). */
export function bytes(): BytesSchema {
  return { type: 'bytes', goType: '[]uint8' };
}

/** A list field; its Go type is `[]` plus the item's. */
export function arr(items: Schema, goType = `[]${items.goType}`): ArraySchema {
  return { type: 'array', goType, items };
}

/** A map field; its Go type is `map[string]` plus the value's unless named (`v1.ResourceList`). */
export function map(values: Schema, options: { keyFormat?: StringFormat; goType?: string } = {}): MapSchema {
  const { goType = `map[string]${values.goType}`, ...rest } = options;
  return { type: 'map', goType, values, ...rest };
}

/** A Go struct `goName` whose fields are exactly the keys of `T`. */
export function obj<T>(goName: string, fields: FieldsOf<T>, checks: readonly Check<T>[] = [], goPackage = 'v1'): ObjectSchema {
  return { type: 'object', goType: `${goPackage}.${goName}`, goName, fields: fields as Record<string, Schema>, checks: checks as readonly Check<never>[] };
}

/** Marks a struct field as held by value: absent means an empty struct (see `absentAsEmpty`). */
export function valueStruct(schema: ObjectSchema): ObjectSchema {
  return { ...schema, absentAsEmpty: true };
}

/** A subtree kept as written; `goType` names it in decode errors. */
export function opaque(goType = 'map[string]interface {}'): OpaqueSchema {
  return { type: 'opaque', goType };
}

/** Marks a field required; `detail` is appended to `Required value`. */
export function req<S extends Schema>(schema: S, detail = ''): S {
  return { ...schema, required: { detail } };
}

/**
 * The detail for an integer outside its schema's range, or undefined when it is inside:
 * `must be greater than or equal to 0` for a non-negative field (upstream
 * `ValidateNonnegativeField`), `must be between 1 and 65535, inclusive` for a bounded one
 * (upstream `InclusiveRangeError`).
 */
export function integerRangeError(schema: IntegerSchema, value: number): string | undefined {
  const { min, max } = schema;
  const tooSmall = min !== undefined && value < min;
  const tooLarge = max !== undefined && value > max;
  if (!tooSmall && !tooLarge) return undefined;
  if (min !== undefined && max !== undefined) return inclusiveRangeError(min, max);
  if (min === 0) return IS_NEGATIVE_ERROR_MSG;
  return min !== undefined ? `must be greater than or equal to ${min}` : `must be less than or equal to ${max}`;
}
