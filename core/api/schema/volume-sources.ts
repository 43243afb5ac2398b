/**
 * Volume sources shared by pod volumes and PersistentVolumes, and the rule that at most one
 * source is set.
 *
 * Upstream: pkg/apis/core/validation/validation.go (validateVolumeSource,
 * ValidatePersistentVolumeSpec, validateHostPathVolumeSource, validateNFSVolumeSource).
 */
import type { HostPathVolumeSource, NFSVolumeSource } from '../types/volume';
import type { FieldError } from './field-error';
import { forbidden } from './field-error';
import { child } from './path';
import { bool, obj, opaque, req, str } from './schema';

/** Upstream `supportedHostPathTypes`, sorted as `sets.List` prints them. */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] as const;

/** `v1.HostPathVolumeSource`. */
export const hostPathSource = obj<HostPathVolumeSource>('HostPathVolumeSource', {
  path: req(str()),
  type: str({ enum: HOST_PATH_TYPES, goType: 'v1.HostPathType' }),
});

/** `v1.NFSVolumeSource`. */
export const nfsSource = obj<NFSVolumeSource>('NFSVolumeSource', { server: req(str()), path: req(str()), readOnly: bool() });

/** A cloud or legacy in-tree source, kept as written. */
export const legacySource = (goName: string) => opaque(`v1.${goName}`);

/**
 * Upstream reports every source after the first as `may not specify more than 1 volume
 * type`, at that source's path. `sources` lists the source field names in schema order.
 */
export function atMostOneSource(value: Record<string, unknown>, path: string, sources: readonly string[]): FieldError[] {
  const present = sources.filter((name) => value[name] !== undefined);
  return present.slice(1).map((name) => forbidden(child(path, name), 'may not specify more than 1 volume type'));
}
