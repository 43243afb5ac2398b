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
import type { DecodeResult } from '../../core/api/schema/decode-result';
import type { FieldError } from '../../core/api/schema/field-error';
import { notImplemented } from '../../core/kata/not-implemented';

// TODO(kata): decode manifests the way the API server judges them.
//  1. formatFieldError: `<field>: <type text>[: <value>][: <detail>]` as errors.go prints it.
//  2. decodeManifest: read the documents with readYamlDocuments (core/api/schema/documents),
//     check apiVersion and kind, expand lists, look the kind up with schemaForKind
//     (core/api/schema), then walk the document alongside the schema, carrying the field
//     path: unknown fields are warnings, wrong JSON types are decode errors (only the first
//     one is reported), everything else is a FieldError. Any error: no objects at all.
//  The lesson (chapters/01-api-machinery) lists every message with an example.

/** Upstream `field.Error.Error()`: `<field>: <type>[: <value>][: <detail>]`. */
export function formatFieldError(error: FieldError): string {
  return notImplemented('01-decode');
}

/**
 * Decodes every document of a manifest file. Messages start with `<file>: document <n>`
 * (counting from 1, empty documents included) and, for list items, `, items[<i>]`.
 */
export function decodeManifest(text: string, file: string): DecodeResult {
  return notImplemented('01-decode');
}
