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
import { fromMillis } from '../data/rfc3339';
import type { KubeObject } from '../api/meta';
import type { WatchEvent } from '../api/store-types';
import { applyEvent, dequeue, enqueue, rebuildIndexes, startComponent, type ComponentState } from './components';
import { describeFault, faultAt, scheduleOver, type FaultState } from './faults';
import { nextRandom } from './rng';
import { indexEvents, submitIntent, type EventIndex } from './submit';
import type { Agent, Controller, Intent } from './types';
import { viewOf } from './view';

/** A component the runtime can run: a stateless controller or an agent with local state. */
export type Runnable = { type: 'controller'; controller: Controller } | { type: 'agent'; agent: Agent<unknown>; initial: unknown };

type Running = {
  runnable: Runnable;
  name: string;
  watches: string[];
  state: ComponentState;
  /** Earlier versions of the caches (newest last), kept only while faults are on, for stale reads. */
  history: ComponentState['caches'][];
};
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
  /** The fault schedule being applied, if any (see faults.ts). */
  faults?: FaultState;
  /** When present, a readable line per reconcile, write and fault is appended (tests print it on failure). */
  trace?: string[];
  /** Called after every successful write, e.g. to check invariants at every step. */
  onWrite?: (cluster: ClusterState) => void;
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
  const running: Running = { runnable, name: nameOf(runnable), watches: watchesOf(runnable), state: startComponent(sim.cluster.store, watchesOf(runnable)), history: [] };
  queueEverything(sim, running);
  return running;
}

/**
 * Queues the keys of every cached object, as a freshly listed informer does. Objects are taken
 * in the order they were last written (resourceVersion), so work queued at start-up is served
 * in arrival order, as the scheduler's queue orders pods by the time they were added.
 */
function queueEverything(sim: Simulation, running: Running): void {
  const view = viewOf(running.state, sim.cluster.now, draw(sim));
  const objects = running.watches.flatMap((kind) => view.list(kind));
  objects.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  for (const object of objects) for (const key of keysFor(running, object, view)) enqueue(running.state, key);
}

/** A restart: caches and queue are lost and rebuilt from a fresh list (a crash, or a relist after a broken watch). */
export function restartComponent(sim: Simulation, index: number): void {
  const running = sim.components[index];
  if (!running) return;
  running.state = startComponent(sim.cluster.store, running.watches);
  running.history = [];
  for (const slot of Object.keys(sim.timers)) if (sim.timers[slot]!.component === index) delete sim.timers[slot];
  queueEverything(sim, running);
}

/** Ends the fault schedule: every component relists, as a reflector does when its watch broke. */
export function stopFaults(sim: Simulation): void {
  if (!sim.faults) return;
  sim.faults = undefined;
  sim.trace?.push(`${sim.cluster.now} faults stop: every component relists`);
  sim.components.forEach((_, index) => restartComponent(sim, index));
}

/** Runs until `options.until`, or until stable; returns whether it stopped because it was stable. */
export function runSimulation(sim: Simulation, options: RunOptions): { stable: boolean } {
  const until = Date.parse(options.until);
  for (;;) {
    settle(sim, options.maxReconcilesPerInstant ?? 100_000);
    const next = nextTimer(sim);
    if (options.untilStable && Object.values(sim.timers).every((t) => t.periodic)) return { stable: true };
    if (next === undefined || next.at > until) {
      if (Date.parse(sim.cluster.now) < until) sim.cluster = { ...sim.cluster, now: fromMillis(until) };
      return { stable: false };
    }
    sim.cluster = { ...sim.cluster, now: fromMillis(next.at) };
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
    if (!worked) {
      if (sim.faults && scheduleOver(sim.faults)) stopFaults(sim);
      else return;
    }
  }
}

/** Moves the store's new changes into inboxes, then into caches and queues. */
function deliver(sim: Simulation): void {
  if (sim.cluster.store.revision === sim.cursor) return;
  const result = watchFrom(sim.cluster.store, { resourceVersion: String(sim.cursor) });
  if (result.type === 'gone') throw new Error(`the runtime fell behind the store's history: ${result.status.message}`);
  sim.cursor = sim.cluster.store.revision;
  sim.components.forEach((running, index) => {
    for (const event of result.events) if (running.watches.includes(event.object.kind)) deliverTo(sim, index, event);
  });
  releaseHeld(sim);
  for (const running of sim.components) {
    if (running.state.inbox.length === 0) continue;
    if (sim.faults) running.history = [...running.history.slice(-10), { ...running.state.caches }];
    const view = viewOf(running.state, sim.cluster.now, draw(sim));
    for (const event of running.state.inbox.splice(0)) {
      const changed = applyEvent(running.state, event);
      if (changed) for (const key of keysFor(running, changed, view)) enqueue(running.state, key);
    }
  }
}

/** Puts one event in a component's inbox, unless a fault drops, doubles or holds it back. */
function deliverTo(sim: Simulation, index: number, event: WatchEvent): void {
  const running = sim.components[index]!;
  const faults = sim.faults;
  if (!faults) {
    running.state.inbox.push(event);
    return;
  }
  const n = faults.deliveries++;
  const what = `${event.type} ${event.object.kind} ${event.object.metadata.namespace ?? ''}/${event.object.metadata.name} rv=${event.object.metadata.resourceVersion} to ${running.name}`;
  const drop = faultAt(faults, 'drop', n);
  const duplicate = faultAt(faults, 'duplicate', n);
  const delay = faultAt(faults, 'delay', n);
  if (drop) sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(drop)}: ${what}`);
  else if (delay) {
    sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(delay)}: ${what}`);
    faults.held.push({ releaseAfter: n + delay.by, component: index, event });
  } else {
    running.state.inbox.push(event);
    if (duplicate) {
      sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(duplicate)}: ${what}`);
      running.state.inbox.push(event);
    }
  }
}

function releaseHeld(sim: Simulation): void {
  const faults = sim.faults;
  if (!faults || faults.held.length === 0) return;
  const due = faults.held.filter((h) => h.releaseAfter <= faults.deliveries);
  faults.held = faults.held.filter((h) => h.releaseAfter > faults.deliveries);
  for (const h of due) sim.components[h.component]?.state.inbox.push(h.event);
}

function keysFor(running: Running, object: Parameters<Controller['keysFor']>[0], view: ReturnType<typeof viewOf>): string[] {
  const r = running.runnable;
  return r.type === 'controller' ? r.controller.keysFor(object, view) : r.agent.keysFor(object, view);
}

function reconcileOne(sim: Simulation, running: Running, key: string): void {
  const n = sim.faults ? sim.faults.reconciles++ : -1;
  const stale = sim.faults ? faultAt(sim.faults, 'stale', n) : undefined;
  const crash = sim.faults ? faultAt(sim.faults, 'crash', n) : undefined;
  const old = stale ? running.history[running.history.length - stale.by] : undefined;
  if (stale) sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(stale)}: ${running.name} ${key}`);
  const view = viewOf(old ? rebuildIndexes(old) : running.state, sim.cluster.now, draw(sim));
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
  sim.trace?.push(`${sim.cluster.now} ${running.name} reconciles ${key}: ${intents.length === 0 ? 'nothing to do' : intents.map(describeIntent).join('; ')}`);
  let submittedCount = 0;
  for (const intent of intents) {
    if (crash && submittedCount === crash.afterIntents) {
      sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(crash)}: ${running.name} restarts with empty caches`);
      restartComponent(sim, index);
      return;
    }
    submittedCount++;
    if (intent.type === 'requeueAfter') {
      const at = Date.parse(sim.cluster.now) + intent.seconds * 1000;
      const slot = `${index}\u0000${intent.key}`;
      const existing = sim.timers[slot];
      if (!existing || at < existing.at) sim.timers[slot] = { at, component: index, key: intent.key, periodic: intent.periodic === true, seq: sim.timerSeq++ };
      continue;
    }
    const submitted = submitIntent(sim.cluster, intent, running.name, draw(sim), sim.events);
    // Draws made while submitting (generated names) advanced sim.cluster.rng; keep them.
    sim.cluster = { ...submitted.state, rng: sim.cluster.rng };
    if (submitted.failure) {
      sim.stats.failedWrites++;
      sim.trace?.push(`${sim.cluster.now}   refused: ${submitted.failure.message}`);
    } else {
      sim.stats.writes++;
      sim.onWrite?.(sim.cluster);
    }
  }
  if (crash && submittedCount === crash.afterIntents) {
    sim.trace?.push(`${sim.cluster.now} FAULT ${describeFault(crash)}: ${running.name} restarts with empty caches`);
    restartComponent(sim, index);
  }
}

/** One intent in a few words, for traces. */
function describeIntent(intent: Intent): string {
  const ref = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name || `${o.metadata.generateName ?? ''}*`}`;
  switch (intent.type) {
    case 'create':
    case 'update':
    case 'updateStatus':
      return `${intent.type} ${ref(intent.object)}`;
    case 'delete':
      return `delete ${intent.kind} ${intent.namespace}/${intent.name}`;
    case 'bind':
      return `bind Pod ${intent.namespace}/${intent.name} to ${intent.nodeName}`;
    case 'event':
      return `event ${intent.reason}`;
    case 'requeueAfter':
      return `requeue ${intent.key} after ${intent.seconds}s`;
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
