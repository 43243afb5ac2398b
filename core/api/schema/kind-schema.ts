/**
 * The schema of a whole kind: its top-level fields (`apiVersion`, `kind`, `metadata` and
 * the kind's own), the format its `metadata.name` must follow, and its root checks.
 *
 * Upstream: each kind's `Validate<Kind>` calls `ValidateObjectMeta` with a name function
 * (`NameIsDNSSubdomain` for most kinds, `ValidateNamespaceName` = DNS-1123 label,
 * `ValidateServiceName` = DNS-1035 label) before validating the rest.
 */
import { kindInfo } from '../kinds';
import { objectMeta, objectMetaCheck } from './meta';
import type { StringFormat } from './names';
import type { Check, ObjectSchema, Schema } from './schema';
import { str } from './schema';

/** Everything the decoder needs to know about one kind. */
export type KindSchema = {
  kind: string;
  /** The rule for `metadata.name`. */
  nameFormat: StringFormat;
  /** The top-level object; its `goName` is the kind, as in `Go struct field Deployment.spec`. */
  root: ObjectSchema;
};

/**
 * Builds a kind's schema from its own top-level fields. The root checks start with
 * ObjectMeta validation (name format, and namespace for namespaced kinds).
 */
export function kindSchema(kind: string, nameFormat: StringFormat, fields: Record<string, Schema>, checks: readonly Check<never>[] = []): KindSchema {
  const namespaced = kindInfo(kind)?.namespaced ?? true;
  const root: ObjectSchema = {
    type: 'object',
    goType: `v1.${kind}`,
    goName: kind,
    fields: { apiVersion: str(), kind: str(), metadata: objectMeta, ...fields },
    checks: [objectMetaCheck(nameFormat, namespaced) as Check<never>, ...checks],
  };
  return { kind, nameFormat, root };
}
