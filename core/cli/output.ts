/**
 * `-o yaml` and `-o json`: objects with their keys in the API server's (alphabetical) order;
 * several objects are wrapped in a `List`, as kubectl does.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../api/meta';
import { sortKeys } from '../api/sort-keys';

/** The output formats `get -o` accepts besides the default table. */
export const OUTPUT_FORMATS = ['wide', 'yaml', 'json'] as const;

/** One object alone, or several wrapped in a List. */
export function asDocument(objects: KubeObject[], single: boolean): unknown {
  if (single && objects.length === 1) return sortKeys(objects[0]);
  return sortKeys({ apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } });
}

/** YAML the way kubectl prints it (block style, lists not indented under their key). */
export function toYaml(document: unknown): string {
  return stringify(document, { indentSeq: false, lineWidth: 0 });
}

/** JSON the way kubectl prints it (four-space indent). */
export function toJson(document: unknown): string {
  return JSON.stringify(document, null, 4) + '\n';
}
