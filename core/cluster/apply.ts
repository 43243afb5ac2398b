/**
 * `kubectl apply`, first cut: create each object, or update it to what the manifest says,
 * reporting `created`, `configured` or `unchanged` as kubectl does. A batch is all or nothing:
 * if any object is refused, the cluster keeps the state it had before the command.
 *
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go (client-side apply and the
 * last-applied-configuration annotation). Admission (a missing namespace, quotas, limit
 * ranges) happens in api-requests.ts.
 */
import { getObject } from '@kata/01-api-machinery/store';
import { kindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import { sortKeys } from '../api/sort-keys';
import { createObject, updateObject } from './api-requests';
import type { ClusterState } from './state';
import { describeFailure, objectRef } from './names';

/** The annotation where kubectl keeps the manifest it last applied. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What happened to one object. */
export type ApplyOutcome = { ref: string; verb: 'created' | 'configured' | 'unchanged' };

/** The new state and one outcome per object, or the first error (and no change). */
export type ApplyResult = { ok: true; state: ClusterState; outcomes: ApplyOutcome[] } | { ok: false; error: string };

// Fields the server owns; apply never sends them.
const SERVER_FIELDS = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/** Applies `objects` in order; `namespace` is the `-n` flag (undefined when not given). */
export function applyObjects(state: ClusterState, objects: KubeObject[], namespace: string | undefined): ApplyResult {
  let next = state;
  const outcomes: ApplyOutcome[] = [];
  for (const manifest of objects) {
    const placed = placeInNamespace(manifest, namespace);
    if (typeof placed === 'string') return { ok: false, error: placed };
    const ns = placed.metadata.namespace ?? '';
    const applied = withLastApplied(placed);
    const existing = getObject(next.store, placed.kind, ns, placed.metadata.name);
    if (!existing) {
      const result = createObject(next, applied);
      if (!result.ok) return { ok: false, error: describeFailure(result.status) };
      next = result.state;
      outcomes.push({ ref: objectRef(placed), verb: 'created' });
      continue;
    }
    const desired = mergeInto(existing, applied);
    if (JSON.stringify(desired) === JSON.stringify(existing)) {
      outcomes.push({ ref: objectRef(placed), verb: 'unchanged' });
      continue;
    }
    const result = updateObject(next, desired, existing);
    if (!result.ok) return { ok: false, error: describeFailure(result.status) };
    next = result.state;
    outcomes.push({ ref: objectRef(placed), verb: 'configured' });
  }
  return { ok: true, state: next, outcomes };
}

/** Sets the namespace from `-n` or `default`, or explains why the manifest and flag disagree. */
function placeInNamespace(object: KubeObject, flag: string | undefined): KubeObject | string {
  const info = kindInfo(object.kind);
  if (!info?.namespaced) {
    const { namespace: _ignored, ...metadata } = object.metadata;
    return { ...object, metadata };
  }
  const own = object.metadata.namespace;
  if (own && flag && own !== flag) {
    return `error: the namespace from the provided object "${own}" does not match the namespace "${flag}". You must pass '--namespace=${own}' to perform this operation.`;
  }
  return { ...object, metadata: { ...object.metadata, namespace: own ?? flag ?? 'default' } };
}

/** The manifest with server-owned fields removed and the last-applied annotation added. */
function withLastApplied(object: KubeObject): KubeObject {
  const metadata = { ...object.metadata };
  for (const field of SERVER_FIELDS) delete metadata[field];
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // kubectl records the manifest as it sent it: keys sorted, `annotations` present even when
  // empty, status left out. The status itself still goes to the server, which keeps it only
  // where a create may set it (a Node's capacity; see strategy.ts).
  const { status: _status, ...recorded } = { ...object, metadata: { ...metadata, annotations } };
  const lastApplied = JSON.stringify(sortKeys(recorded));
  return { ...object, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: lastApplied } } };
}

/** The stored object with the manifest's spec, payload, labels and annotations written over it. */
function mergeInto(existing: KubeObject, applied: KubeObject): KubeObject {
  const merged: KubeObject = { ...existing };
  for (const [field, value] of Object.entries(applied)) {
    if (field !== 'metadata' && field !== 'status') merged[field] = value;
  }
  const metadata = { ...existing.metadata };
  if (applied.metadata.labels) metadata.labels = applied.metadata.labels;
  else delete metadata.labels;
  metadata.annotations = applied.metadata.annotations;
  if (applied.metadata.finalizers) metadata.finalizers = applied.metadata.finalizers;
  merged.metadata = metadata;
  return merged;
}
