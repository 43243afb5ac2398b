/**
 * `apply -f <file|dir|->`: decode every file first; if any document in any file is invalid,
 * print every error and apply nothing. Otherwise apply all objects as one batch.
 */
import { decodeManifest } from '@kata/01-api-machinery/decode';
import type { KubeObject } from '../api/meta';
import { applyObjects } from '../cluster/apply';
import type { ClusterState } from '../cluster/state';
import type { ManifestFile } from './files';
import type { CommandOutput } from './get';

/** Runs apply; returns the new state only when everything was applied. */
export function applyCommand(state: ClusterState, files: ManifestFile[], namespace: string | undefined): CommandOutput & { state?: ClusterState } {
  const objects: KubeObject[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const decoded = decodeManifest(file.text, file.name);
    warnings.push(...decoded.warnings.map((w) => `Warning: ${w}`));
    errors.push(...decoded.errors.map((e) => `error: ${e}`));
    objects.push(...decoded.objects);
  }
  if (errors.length > 0) {
    return { stdout: '', stderr: [...warnings, ...errors, 'error: nothing was applied'].join('\n'), exitCode: 1 };
  }
  if (objects.length === 0) {
    return { stdout: '', stderr: [...warnings, 'error: no objects passed to apply'].join('\n'), exitCode: 1 };
  }
  const result = applyObjects(state, objects, namespace);
  if (!result.ok) return { stdout: '', stderr: [...warnings, result.error, 'error: nothing was applied'].join('\n'), exitCode: 1 };
  return {
    stdout: result.outcomes.map((o) => `${o.ref} ${o.verb}\n`).join(''),
    stderr: warnings.join('\n'),
    exitCode: 0,
    state: result.state,
  };
}
