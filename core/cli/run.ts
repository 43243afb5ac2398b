/**
 * `run --for <duration>` or `run --until-stable`: advance simulated time, letting every
 * component (scheduler, kubelets, controllers) work, then save the cluster. Durations use Go's
 * syntax (`90s`, `5m`, `1h30m`), as kubectl's flags do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { clusterComponents } from '../cluster/components';
import { addSeconds } from '../data/rfc3339';
import { readManifestDir } from '../kubelet/default-agent';
import { initialKubeletLocal, type KubeletLocal } from '../kubelet/kubelet-local';
import { userCwd } from './files';
import type { ClusterState } from '../cluster/state';
import { runSimulation, startSimulation } from '../runtime/simulation';
import type { KubeObject } from '../api/meta';
import type { CommandOutput } from './get';
import { deploymentRolloutStatus } from './workloads';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds in a Go-style duration such as `1h30m` or `45s`; throws on anything else. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`invalid duration "${text}": use a number and a unit, such as 30s, 5m or 1h30m`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]!]!, 0);
}

/** The longest `--until-stable` waits before giving up. */
const STABLE_LIMIT_SECONDS = 3600;

/** The options of `run`. */
export type RunOptions = { for?: string; untilStable?: boolean; stages?: string; staticPods?: string[] };

/**
 * Reads each `<node>=<dir>` static pod directory into the kubelet's state, as a kubelet rescan
 * would: the directory's manifests become that node's static pods from now on.
 */
function withStaticPods(state: ClusterState, specs: string[]): ClusterState | string {
  if (specs.length === 0) return state;
  const local = (state.agents.kubelet as KubeletLocal | undefined) ?? initialKubeletLocal();
  const manifests = { ...local.manifests };
  for (const spec of specs) {
    const [node, dir] = spec.split('=');
    if (!node || !dir) return `error: invalid --static-pods "${spec}": use <node>=<directory>`;
    const full = path.resolve(userCwd(), dir);
    if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) return `error: the static pod directory "${dir}" does not exist`;
    manifests[node] = readManifestDir(full);
  }
  return { ...state, agents: { ...state.agents, kubelet: { ...local, manifests } } };
}

/** Runs the cluster forward; returns the new state. */
export function runCommand(initial: ClusterState, options: RunOptions): CommandOutput & { state?: ClusterState } {
  const state = withStaticPods(initial, options.staticPods ?? []);
  if (typeof state === 'string') return { stdout: '', stderr: state, exitCode: 1 };
  if (!options.for && !options.untilStable) return { stdout: '', stderr: 'error: say how long to run: --for <duration> or --until-stable', exitCode: 1 };
  let seconds: number;
  try {
    seconds = options.for ? parseDuration(options.for) : STABLE_LIMIT_SECONDS;
  } catch (error) {
    return { stdout: '', stderr: `error: ${(error as Error).message}`, exitCode: 1 };
  }
  const start = state.now;
  const until = addSeconds(start, seconds);
  const stagesFile = options.stages === undefined ? undefined : path.resolve(userCwd(), options.stages);
  if (stagesFile && !fs.existsSync(stagesFile)) return { stdout: '', stderr: `error: the stage rule file "${options.stages}" does not exist`, exitCode: 1 };
  const sim = startSimulation(state, clusterComponents({ ...(stagesFile && { stagesFile }) }));
  const { stable } = runSimulation(sim, { until, untilStable: options.untilStable === true });
  const elapsed = (Date.parse(sim.cluster.now) - Date.parse(start)) / 1000;
  const how = options.untilStable ? (stable ? 'stable' : `not stable after ${seconds}s`) : `ran ${elapsed}s`;
  return {
    stdout: `${how}: simulated time is now ${sim.cluster.now} (+${elapsed}s; ${sim.stats.reconciles} reconciles, ${sim.stats.writes} writes)\n`,
    stderr: '',
    exitCode: options.untilStable && !stable ? 1 : 0,
    state: sim.cluster,
  };
}

/** `rollout status deployment/<name>`: runs the cluster a second at a time, printing each new status line, until the rollout is done or `timeout` passes. */
export function rolloutStatusCommand(state: ClusterState, name: string, namespace: string, timeout = '10m', view: (s: ClusterState) => KubeObject | undefined): CommandOutput & { state?: ClusterState } {
  const limit = Date.parse(state.now) + parseDuration(timeout) * 1000;
  const sim = startSimulation(state, clusterComponents());
  const lines: string[] = [];
  for (;;) {
    const deployment = view(sim.cluster);
    if (!deployment) return { stdout: lines.join(''), stderr: `Error from server (NotFound): deployments.apps "${name}" not found`, exitCode: 1, state: sim.cluster };
    const status = deploymentRolloutStatus(deployment);
    if (lines[lines.length - 1] !== `${status.line}\n`) lines.push(`${status.line}\n`);
    if (status.done) return { stdout: lines.join(''), stderr: '', exitCode: status.failed ? 1 : 0, state: sim.cluster };
    if (Date.parse(sim.cluster.now) >= limit) return { stdout: lines.join(''), stderr: `error: timed out waiting for the condition`, exitCode: 1, state: sim.cluster };
    runSimulation(sim, { until: addSeconds(sim.cluster.now, 1) });
  }
}
