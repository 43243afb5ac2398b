/**
 * Faults the runtime can inject, as plain data: which watch delivery to drop, duplicate or
 * hold back, which reconcile crashes halfway through its intents, which reconcile reads a stale
 * cache. A schedule is a list of faults indexed by the runtime's own counters, so the same
 * schedule always hits the same moments, and fast-check can shrink a failing schedule to the
 * few faults that matter.
 *
 * The faults follow the kinds of bugs Sieve, Acto and Anvil found in real controllers:
 * missed and stale watch events, crashes between two writes, decisions on outdated caches.
 */
import fc from 'fast-check';
import type { WatchEvent } from '../api/store-types';

/** One fault. `at` counts watch deliveries (for the event faults) or reconciles (for crash and stale). */
export type Fault =
  /** The `at`-th delivery of a watch event to a component is lost. */
  | { type: 'drop'; at: number }
  /** The `at`-th delivery arrives twice. */
  | { type: 'duplicate'; at: number }
  /** The `at`-th delivery is held back until `by` further deliveries have happened (so it arrives out of order). */
  | { type: 'delay'; at: number; by: number }
  /** The `at`-th reconcile crashes its component after submitting `afterIntents` of its intents; caches and queue are lost. */
  | { type: 'crash'; at: number; afterIntents: number }
  /** The `at`-th reconcile sees its component's caches as they were `by` deliveries earlier. */
  | { type: 'stale'; at: number; by: number };

/** The runtime's bookkeeping while faults are on. */
export type FaultState = {
  faults: Fault[];
  deliveries: number;
  reconciles: number;
  held: { releaseAfter: number; component: number; event: WatchEvent }[];
  /** Set once the schedule is over; the runtime then relists every component. */
  finished: boolean;
};

/** Starts a schedule. */
export function startFaults(faults: Fault[]): FaultState {
  return { faults, deliveries: 0, reconciles: 0, held: [], finished: faults.length === 0 };
}

/** The fault of a given type at a counter value, if the schedule has one. */
export function faultAt<T extends Fault['type']>(state: FaultState, type: T, at: number): Extract<Fault, { type: T }> | undefined {
  return state.faults.find((f): f is Extract<Fault, { type: T }> => f.type === type && f.at === at);
}

/** Whether every fault of the schedule lies behind the counters. */
export function scheduleOver(state: FaultState): boolean {
  return state.faults.every((f) => (f.type === 'crash' || f.type === 'stale' ? f.at < state.reconciles : f.at < state.deliveries)) && state.held.length === 0;
}

/** A one-line description of a fault for traces. */
export function describeFault(fault: Fault): string {
  switch (fault.type) {
    case 'drop':
      return `drop watch delivery #${fault.at}`;
    case 'duplicate':
      return `duplicate watch delivery #${fault.at}`;
    case 'delay':
      return `delay watch delivery #${fault.at} by ${fault.by} deliveries`;
    case 'crash':
      return `crash reconcile #${fault.at} after ${fault.afterIntents} intent(s)`;
    case 'stale':
      return `reconcile #${fault.at} reads caches ${fault.by} deliveries old`;
  }
}

/** Fault schedules for property tests: up to `maxFaults` faults within the first `horizon` deliveries/reconciles. */
export function faultScheduleArbitrary(horizon = 60, maxFaults = 8): fc.Arbitrary<Fault[]> {
  const at = fc.nat({ max: horizon });
  const fault: fc.Arbitrary<Fault> = fc.oneof(
    fc.record({ type: fc.constant('drop' as const), at }),
    fc.record({ type: fc.constant('duplicate' as const), at }),
    fc.record({ type: fc.constant('delay' as const), at, by: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ type: fc.constant('crash' as const), at, afterIntents: fc.nat({ max: 5 }) }),
    fc.record({ type: fc.constant('stale' as const), at, by: fc.integer({ min: 1, max: 10 }) }),
  );
  return fc.array(fault, { maxLength: maxFaults });
}
