/**
 * Scenarios for tests: seed a cluster with objects, run components under a fault schedule,
 * stop the faults, run until stable, then restart everything once more and count the writes.
 * That last count is the "eventually stable reconciliation" check: a correct level-triggered
 * controller, restarted on a converged cluster, has nothing left to do.
 *
 * Invariants are checked after every successful write, so a safety violation is caught at the
 * step where it happens, and the trace (the reconciles, writes and faults in order) says how.
 */
import type { KubeObject } from '../api/meta';
import { createRequest, newCluster, submit, type ClusterState } from '../cluster/state';
import { prepareForCreate } from '../cluster/strategy';
import { addSeconds as plus } from '../data/rfc3339';
import { startFaults, type Fault } from './faults';
import { restartComponent, runSimulation, startSimulation, stopFaults, type Runnable } from './simulation';

/** What to run. */
export type ScenarioOptions = {
  /** Created in order before any component starts; a given `status` is written after the create. */
  objects: KubeObject[];
  runnables: Runnable[];
  faults?: Fault[];
  /** Seeds the run's random stream (generated names, tie-breaks). */
  seed?: number;
  /** Simulated seconds for the faulty phase and again for recovery (default 600 each). */
  phaseSeconds?: number;
  /** A guard against components that never settle at one instant (default 100,000 reconciles). */
  maxReconcilesPerInstant?: number;
  /** Named safety invariants, checked after every write. */
  invariants?: Record<string, (cluster: ClusterState) => boolean>;
};

/** What happened. */
export type ScenarioResult = {
  cluster: ClusterState;
  /** One line per reconcile, write, refusal and fault, in order. */
  trace: string[];
  /** Each broken invariant, once, with the time and the trace line that broke it. */
  violations: string[];
  /** Whether recovery reached a state with nothing left to do but heartbeats. */
  stable: boolean;
  /** Writes made when every component restarted on the recovered cluster: 0 means eventually stable. */
  writesAfterStable: number;
};


/** Creates `objects` in a new cluster, as an API client would (status through the status subresource). */
export function seedCluster(objects: KubeObject[], seed = 1): ClusterState {
  let cluster = newCluster(seed);
  for (const object of objects) {
    const [created, result] = submit(cluster, createRequest(cluster, prepareForCreate(object)));
    if (!result.ok) throw new Error(`seeding ${object.kind} ${object.metadata.name}: ${result.status.message}`);
    cluster = created;
    if (object.status !== undefined) {
      const [withStatus, statusResult] = submit(cluster, { type: 'updateStatus', object: { ...result.object, status: object.status }, now: cluster.now });
      if (!statusResult.ok) throw new Error(`seeding status of ${object.kind} ${object.metadata.name}: ${statusResult.status.message}`);
      cluster = withStatus;
    }
  }
  return cluster;
}

/** Runs a scenario: faulty phase, recovery to stability, then a restart that should write nothing. */
export function simulate(options: ScenarioOptions): ScenarioResult {
  const phase = options.phaseSeconds ?? 600;
  const trace: string[] = [];
  const violations: string[] = [];
  const broken = new Set<string>();
  const sim = startSimulation(seedCluster(options.objects, options.seed ?? 1), options.runnables);
  sim.trace = trace;
  sim.onWrite = (cluster) => {
    for (const [name, holds] of Object.entries(options.invariants ?? {})) {
      if (broken.has(name) || holds(cluster)) continue;
      broken.add(name);
      violations.push(`invariant "${name}" broken at ${cluster.now} by: ${trace[trace.length - 1] ?? '(start)'}`);
    }
  };
  sim.faults = startFaults(options.faults ?? []);
  runSimulation(sim, { until: plus(sim.cluster.now, phase), untilStable: true, maxReconcilesPerInstant: options.maxReconcilesPerInstant ?? 100_000 });
  stopFaults(sim);
  const { stable } = runSimulation(sim, { until: plus(sim.cluster.now, phase), untilStable: true, maxReconcilesPerInstant: options.maxReconcilesPerInstant ?? 100_000 });
  const before = sim.stats.writes;
  trace.push(`${sim.cluster.now} every component restarts to check that nothing is left to do`);
  sim.components.forEach((_, index) => restartComponent(sim, index));
  runSimulation(sim, { until: plus(sim.cluster.now, phase), untilStable: true, maxReconcilesPerInstant: options.maxReconcilesPerInstant ?? 100_000 });
  return { cluster: sim.cluster, trace, violations, stable, writesAfterStable: sim.stats.writes - before };
}

/** The last `lines` of a scenario's trace, for a failing test's message. */
export function formatTrace(result: Pick<ScenarioResult, 'trace'>, lines = 80): string {
  const shown = result.trace.slice(-lines);
  const skipped = result.trace.length - shown.length;
  return [...(skipped > 0 ? [`... ${skipped} earlier lines`] : []), ...shown].join('\n');
}
