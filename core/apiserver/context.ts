/**
 * Where admission reads from. The API server reads the store itself (upstream's plugins read
 * informer caches and fall back to a live lookup); a component that wants to know how the API
 * server would judge a request can build the same context from its view.
 */
import { getObject, listObjects } from '@kata/01-api-machinery/store';
import type { StoreState } from '../api/store-types';
import type { Namespace } from '../api/types';
import type { View } from '../runtime/types';
import { defaultPolicies } from './policy';
import type { AdmissionContext, AdmissionPolicies } from './types';

/** Admission against the store at logical time `now`. */
export function storeContext(store: StoreState, now: string, policies: AdmissionPolicies = defaultPolicies()): AdmissionContext {
  return {
    now,
    getNamespace: (name) => getObject(store, 'Namespace', '', name) as Namespace | undefined,
    list: (kind, namespace) => listObjects(store, kind, namespace).items,
    policies,
  };
}

/** Admission against a component's view (which must watch Namespace, LimitRange and ResourceQuota). */
export function viewContext(view: View, policies: AdmissionPolicies = defaultPolicies()): AdmissionContext {
  return {
    now: view.now,
    getNamespace: (name) => view.get('Namespace', '', name) as Namespace | undefined,
    list: (kind, namespace) => view.list(kind, namespace),
    policies,
  };
}
