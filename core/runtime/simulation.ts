/**
 * The simulation runtime: a deterministic discrete-event loop around the pure components.
 *
 * One step of the loop: (1) every change the store made since the last step is delivered as a
 * watch event to the inbox of each component that watches its kind; (2) each component applies
 * its inbox to its informer caches and queues the keys the changes concern; (3) components take
 * turns reconciling one key each, and their intents are submitted to the API server. When no
 * work is left at the current instant, the clock jumps to the next timer (a requeueAfter).
 *
 * This file is the imperative shell: it owns the clock, the random stream and the queues, and
 * mutates its own bookkeeping in place. Everything it calls is pure, so a seed and a list of
 * commands always reproduce the same run.
 */
import { watchFrom } from '@kata/01-api-machinery/watch';
import type { ClusterState } from '../cluster/state';
import { applyEvent, dequeue, enqueue, startComponent, type ComponentState } from './components';
import { nextRandom } from './rng';
import { indexEvents, submitIntent, type EventIndex } from './submit';
import type { Agent, Controller, Intent } from './types';
import { viewOf } from './view';

/** A component the runtime can run: a stateless controller or an agent with local state. */
export type Runnable = { type: 'controller'; controller: Controller } | { type: 'agent'; agent: Agent<unknown>; initial: unknown };

type Running = { runnable: Runnable; name: string; watches: string[]; state: ComponentState };
type Timer = { at: number; component: number; key: string; periodic: boolean; seq: number };

/** A simulation in progress. Create with {@link startSimulation}; advance with {@link runSimulation}. */
export type Simulation = {
  cluster: ClusterState;
  components: Running[];
  /** At most one timer per (component, key): the earliest asked for. */
  timers: Record<string, Timer>;
  /** The store revision up to which watch events have been delivered. */
  cursor: number;
  events: EventIndex;
  timerSeq: number;
  /** Counters, for reports and benchmarks. */
  stats: { reconciles: number; writes: number; failedWrites: number };
};

/** How far to run. */
export type RunOptions = {
  /** Stop when the clock would pass this time (RFC 3339). */
  until: string;
  /** Also stop as soon as nothing is left to do but periodic heartbeats. */
  untilStable?: boolean;
  /** A guard against components that never settle at one instant. */
  maxReconcilesPerInstant?: number;
};

const nameOf = (r: Runnable) => (r.type === 'controller' ? r.controller.name : r.agent.name);
const watchesOf = (r: Runnable) => (r.type === 'controller' ? r.controller.watches : r.agent.watches);

/** Starts every component as a freshly started process would: list, then queue every object's keys. */
export function startSimulation(cluster: ClusterState, runnables: Runnable[]): Simulation {
  const sim: Simulation = {
    cluster,
    components: [],
    timers: {},
    cursor: cluster.store.revision,
    events: indexEvents(cluster),
    timerSeq: 0,
    stats: { reconciles: 0, writes: 0, failedWrites: 0 },
  };
  for (const runnable of runnables) sim.components.push(start(sim, runnable));
  return sim;
}

function start(sim: Simulation, runnable: Runnable): Running {
  const running: Running = { runnable, name: nameOf(runnable), watches: watchesOf(runnable), state: startComponent(sim.cluster.store, watchesOf(runnable)) };
  const view = viewOf(running.state, sim.cluster.now, draw(sim));
  for (const kind of running.watches) {
    for (const object of view.list(kind)) for (const key of keysFor(running, object, view)) enqueue(running.state, key);
  }
  return running;
}

/** Runs until `options.until`, or until stable; returns whether it stopped because it was stable. */
export function runSimulation(sim: Simulation, options: RunOptions): { stable: boolean } {
  const until = Date.parse(options.until);
  for (;;) {
    settle(sim, options.maxReconcilesPerInstant ?? 1_000_000);
    const next = nextTimer(sim);
    if (options.untilStable && Object.values(sim.timers).every((t) => t.periodic)) return { stable: true };
    if (next === undefined || next.at > until) {
      if (Date.parse(sim.cluster.now) < until) sim.cluster = { ...sim.cluster, now: new Date(until).toISOString().replace('.000Z', 'Z') };
      return { stable: false };
    }
    sim.cluster = { ...sim.cluster, now: new Date(next.at).toISOString().replace('.000Z', 'Z') };
    fireDueTimers(sim, next.at);
  }
}

/** Delivers events and reconciles until no work is left at the current instant. */
function settle(sim: Simulation, limit: number): void {
  let budget = limit;
  for (;;) {
    deliver(sim);
    let worked = false;
    for (const running of sim.components) {
      const key = dequeue(running.state);
      if (key === undefined) continue;
      worked = true;
      reconcileOne(sim, running, key);
      deliver(sim);
      if (--budget <= 0) throw new Error(`components did not settle after ${limit} reconciles at ${sim.cluster.now}: the last was ${running.name} on ${key}`);
    }
    if (!worked) return;
  }
}

/** Moves the store's new changes into inboxes, then into caches and queues. */
function deliver(sim: Simulation): void {
  if (sim.cluster.store.revision === sim.cursor) return;
  const result = watchFrom(sim.cluster.store, { resourceVersion: String(sim.cursor) });
  if (result.type === 'gone') throw new Error(`the runtime fell behind the store's history: ${result.status.message}`);
  sim.cursor = sim.cluster.store.revision;
  for (const running of sim.components) {
    for (const event of result.events) if (running.watches.includes(event.object.kind)) running.state.inbox.push(event);
    if (running.state.inbox.length === 0) continue;
    const view = viewOf(running.state, sim.cluster.now, draw(sim));
    for (const event of running.state.inbox.splice(0)) {
      const changed = applyEvent(running.state, event);
      if (changed) for (const key of keysFor(running, changed, view)) enqueue(running.state, key);
    }
  }
}

function keysFor(running: Running, object: Parameters<Controller['keysFor']>[0], view: ReturnType<typeof viewOf>): string[] {
  const r = running.runnable;
  return r.type === 'controller' ? r.controller.keysFor(object, view) : r.agent.keysFor(object, view);
}

function reconcileOne(sim: Simulation, running: Running, key: string): void {
  const view = viewOf(running.state, sim.cluster.now, draw(sim));
  sim.stats.reconciles++;
  let intents: Intent[];
  const r = running.runnable;
  if (r.type === 'controller') {
    intents = r.controller.reconcile(view, key);
  } else {
    const local = sim.cluster.agents[running.name] ?? r.initial;
    const result = r.agent.reconcile(view, key, local);
    sim.cluster = { ...sim.cluster, agents: { ...sim.cluster.agents, [running.name]: result.local } };
    intents = result.intents;
  }
  const index = sim.components.indexOf(running);
  for (const intent of intents) {
    if (intent.type === 'requeueAfter') {
      const at = Date.parse(sim.cluster.now) + intent.seconds * 1000;
      const slot = `${index}\u0000${intent.key}`;
      const existing = sim.timers[slot];
      if (!existing || at < existing.at) sim.timers[slot] = { at, component: index, key: intent.key, periodic: intent.periodic === true, seq: sim.timerSeq++ };
      continue;
    }
    const submitted = submitIntent(sim.cluster, intent, running.name, draw(sim), sim.events);
    sim.cluster = submitted.state;
    if (submitted.failure) sim.stats.failedWrites++;
    else sim.stats.writes++;
  }
}

function nextTimer(sim: Simulation): Timer | undefined {
  let best: Timer | undefined;
  for (const t of Object.values(sim.timers)) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
  return best;
}

function fireDueTimers(sim: Simulation, at: number): void {
  const due = Object.entries(sim.timers).filter(([, t]) => t.at <= at).sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq);
  for (const [slot, timer] of due) {
    delete sim.timers[slot];
    const running = sim.components[timer.component];
    if (running) enqueue(running.state, timer.key);
  }
}

/** A draw function over the cluster's random stream; each call advances the stored state. */
function draw(sim: Simulation): () => number {
  return () => {
    const [value, next] = nextRandom(sim.cluster.rng);
    sim.cluster = { ...sim.cluster, rng: next };
    return value;
  };
}
