/**
 * Drives a runtime reducer through a list of actions for the chapter 05 tests, collecting
 * every effect, so a test reads as "these CRI calls, then this". It takes the reducer as an
 * argument: the tests pass the learner's kata through `@kata/...`.
 */
import type { Time } from '../../api/types/common';
import { addSeconds } from '../../data/rfc3339';
import type { PodSandboxConfig, RuntimeAction, RuntimeEffect, RuntimeState } from '../cri';
import type { Stages } from '../stages';

/** The reducer's signature (kata 05-cri-runtime). */
export type RuntimeReducer = (state: RuntimeState, action: RuntimeAction, stages: Stages) => [RuntimeState, RuntimeEffect[]];

/** Runs `actions` in order; returns the final state and all effects. */
export function runActions(reduce: RuntimeReducer, state: RuntimeState, actions: RuntimeAction[], stages: Stages): [RuntimeState, RuntimeEffect[]] {
  let current = state;
  const effects: RuntimeEffect[] = [];
  for (const action of actions) {
    const [next, produced] = reduce(current, action, stages);
    current = next;
    effects.push(...produced);
  }
  return [current, effects];
}

/** A tick `seconds` after the state's clock. */
export function tickBy(state: RuntimeState, seconds: number): RuntimeAction {
  return { type: 'runtime/ticked', now: addSeconds(state.now, seconds) };
}

/** The first effect of a type, or a thrown error listing what there was (for a readable failure). */
export function effectOf<T extends RuntimeEffect['type']>(effects: RuntimeEffect[], type: T): Extract<RuntimeEffect, { type: T }> {
  const found = effects.find((e): e is Extract<RuntimeEffect, { type: T }> => e.type === type);
  if (!found) throw new Error(`expected a ${type} effect, got: ${JSON.stringify(effects)}`);
  return found;
}

/** A sandbox config for pod `name` in `default`, uid `uid-<name>`. */
export function sandboxConfig(name: string, extra: Partial<PodSandboxConfig> = {}): PodSandboxConfig {
  return { name, namespace: 'default', uid: `uid-${name}`, labels: {}, annotations: {}, ...extra };
}

/** The time every runtime test starts at. */
export const T0: Time = '2025-01-01T00:00:00Z';
