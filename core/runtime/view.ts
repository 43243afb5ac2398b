/**
 * The read-only {@link View} a component reconciles against: its own informer caches (which
 * may lag the store, exactly as a real controller's do), the logical clock and the run's
 * random stream.
 */
import { informerByLabel, informerGet, informerList } from '@kata/01-api-machinery/informer';
import { kindInfo } from '../api/kinds';
import type { KubeObject } from '../api/meta';
import type { ComponentState } from './components';
import type { View } from './types';

/** Builds the view of one component at time `now`. */
export function viewOf(state: ComponentState, now: string, random: () => number): View {
  const cache = (kind: string) => {
    const found = state.caches[kind];
    if (!found) throw new Error(`this component does not watch ${kind}: add it to its \`watches\``);
    return found;
  };
  const resolve = (kind: string, keys: Record<string, true> | undefined): KubeObject[] => {
    const found: KubeObject[] = [];
    for (const key of Object.keys(keys ?? {}).sort()) {
      const slash = key.indexOf('/');
      const object = informerGet(cache(kind), key.slice(0, slash), key.slice(slash + 1));
      if (object) found.push(object);
    }
    return found;
  };
  return {
    now,
    random,
    get: (kind, namespace, name) => informerGet(cache(kind), kindInfo(kind)?.namespaced ? namespace : '', name),
    list: (kind, namespace) => informerList(cache(kind), namespace),
    byLabel: (kind, key, value) => informerByLabel(cache(kind), key, value),
    podsOnNode: (nodeName) => resolve('Pod', state.podsByNode[nodeName]),
    ownedBy: (kind, ownerUid) => {
      const prefix = `${kind}/`;
      const keys: Record<string, true> = {};
      for (const key of Object.keys(state.byOwner[ownerUid] ?? {})) if (key.startsWith(prefix)) keys[key.slice(prefix.length)] = true;
      return resolve(kind, keys);
    },
  };
}
