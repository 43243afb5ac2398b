/**
 * The scheduler benchmark: 10,000 pods scheduled one by one onto 5,000 nodes by the chapter 06
 * scheduler (kata 06-schedule-one with the default profile: filter and score policy compiled
 * from chapters/06-scheduler/rules), against a minimal hand-written placement loop over the
 * same nodes and pods, measured in the same run.
 *
 * The minimal loop is what a first attempt at a scheduler looks like: for each pod, scan every
 * node, skip the ones that are cordoned, tainted against the pod, of the wrong kind or full,
 * and take the emptiest (least allocated) of the rest. The scheduler does more per node (it
 * runs four Filter plugins and five rules, four Score plugins with normalisation) but examines
 * only the share of nodes `numFeasibleNodesToFind` asks for (10% of 5,000).
 *
 *     npm run bench -- scheduler            10,000 pods, best of 3 rounds
 *     npm run bench -- scheduler --quick    2,000 pods, one round
 */
import type { Node, Pod, Taint } from '../api/types';
import { makeNode, makePod } from '../scheduler/builders';
import { defaultProfile } from '../scheduler/default-profile';
import { milliValue, value } from '../scheduler/resource';
import { schedulerStateFrom, type SchedulerState } from '../scheduler/snapshot';
import type { Benchmark, Measurement } from './harness';
import { seeded, type Random } from './random';
import { scheduleOne } from '@kata/06-scheduler/schedule-one';

const NODES = 5_000;
const PODS = 10_000;
const QUICK_PODS = 2_000;
const ZONES = ['zone-a', 'zone-b', 'zone-c'] as const;
const GPU_TAINT: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const SPOT_TAINT: Taint = { key: 'spot', effect: 'PreferNoSchedule' };

/** Nodes of 4 to 64 CPUs with 4 GiB per CPU; a tenth are GPU nodes tainted for GPU pods, some are spot or cordoned. */
export function makeNodes(random: Random): Node[] {
  return Array.from({ length: NODES }, (_, i) => {
    const cpus = random.pick([4, 8, 16, 32, 64]);
    const gpu = random.chance(0.1);
    const spot = !gpu && random.chance(0.05);
    const taints = [...(gpu ? [GPU_TAINT] : []), ...(spot ? [SPOT_TAINT] : [])];
    return makeNode(`node-${String(i).padStart(4, '0')}`, {
      capacity: { cpu: String(cpus), memory: `${cpus * 4}Gi`, pods: '110' },
      labels: { 'topology.kubernetes.io/zone': random.pick(ZONES), disktype: random.chance(0.5) ? 'ssd' : 'hdd', ...(gpu && { gpu: 'true' }) },
      ...(taints.length > 0 && { taints }),
      ...(random.chance(0.01) && { unschedulable: true }),
    });
  });
}

/** Pods of one or two containers (100m-2 CPU, 128Mi-4Gi); some select SSD nodes, some need zones, some prefer, some run on GPU nodes. */
export function makePods(random: Random, count: number): Pod[] {
  const cpu = ['100m', '250m', '500m', '1', '2'];
  const memory = ['128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '4Gi'];
  return Array.from({ length: count }, (_, i) => {
    const gpu = random.chance(0.1);
    const containers = Array.from({ length: random.chance(0.3) ? 2 : 1 }, () => ({ cpu: random.pick(cpu), memory: random.pick(memory) }));
    return makePod(`pod-${i}`, {
      containers,
      ...(random.chance(0.2) && { nodeSelector: { disktype: 'ssd' } }),
      ...(gpu && { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], nodeSelector: { gpu: 'true' } }),
      ...(random.chance(0.1) && {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] }] }],
            },
            ...(random.chance(0.5) && {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }],
            }),
          },
        },
      }),
    });
  });
}

/** The scheduler: one `scheduleOne` per pod, the state carried from pod to pod. */
function runScheduler(state0: SchedulerState, pods: readonly Pod[]): { placed: number; seconds: number } {
  const profile = defaultProfile();
  const random = seeded(42).next;
  let state = state0;
  let placed = 0;
  const start = process.hrtime.bigint();
  for (const pod of pods) {
    const cycle = scheduleOne(state, pod, profile, random);
    state = cycle.state;
    if (cycle.result.type === 'scheduled') placed++;
  }
  return { placed, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** The minimal loop: plain arrays, every node scanned, least allocated wins. */
function runMinimal(nodes: readonly Node[], pods: readonly Pod[]): { placed: number; seconds: number } {
  const start = process.hrtime.bigint();
  const n = nodes.length;
  const cpuFree = new Float64Array(n);
  const memFree = new Float64Array(n);
  const cpuAlloc = new Float64Array(n);
  const memAlloc = new Float64Array(n);
  const podsFree = new Int32Array(n);
  nodes.forEach((node, i) => {
    cpuAlloc[i] = cpuFree[i] = milliValue(node.status!.allocatable!.cpu!);
    memAlloc[i] = memFree[i] = value(node.status!.allocatable!.memory!);
    podsFree[i] = value(node.status!.allocatable!.pods!);
  });
  let placed = 0;
  for (const pod of pods) {
    const spec = pod.spec!;
    let cpu = 0;
    let mem = 0;
    for (const c of spec.containers) {
      cpu += milliValue(c.resources?.requests?.cpu ?? '0');
      mem += value(c.resources?.requests?.memory ?? '0');
    }
    const tolerant = spec.tolerations !== undefined;
    const selector = spec.nodeSelector;
    const zones = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchExpressions?.[0]?.values;
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      if (node.spec?.unschedulable === true) continue;
      if (!tolerant && node.spec?.taints?.some((t) => t.effect === 'NoSchedule')) continue;
      const labels = node.metadata.labels!;
      if (selector !== undefined && Object.keys(selector).some((k) => labels[k] !== selector[k])) continue;
      if (zones !== undefined && !zones.includes(labels['topology.kubernetes.io/zone']!)) continue;
      if (podsFree[i]! < 1 || cpuFree[i]! < cpu || memFree[i]! < mem) continue;
      const score = (cpuFree[i]! - cpu) / cpuAlloc[i]! + (memFree[i]! - mem) / memAlloc[i]!;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best >= 0) {
      cpuFree[best]! -= cpu;
      memFree[best]! -= mem;
      podsFree[best]! -= 1;
      placed++;
    }
  }
  return { placed, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const SCHEDULER = 'scheduler (06-schedule-one, default profile)';
const MINIMAL = 'minimal loop (all nodes, least allocated)';

/** `benchmark`, as core/bench/main.ts runs it. */
export const benchmark: Benchmark = {
  name: 'scheduler',
  description: 'Pods scheduled per second onto 5,000 nodes, against a minimal placement loop.',
  run: async ({ quick }) => {
    const random = seeded(2024);
    const nodes = makeNodes(random);
    const pods = makePods(random, quick ? QUICK_PODS : PODS);
    const fresh = () => schedulerStateFrom(nodes);
    // Warm up both on a slice, so the timed rounds measure compiled code.
    runScheduler(fresh(), pods.slice(0, 500));
    runMinimal(nodes, pods.slice(0, 500));
    const rounds = quick ? 1 : 3;
    let scheduler = { placed: 0, seconds: Infinity };
    let minimal = { placed: 0, seconds: Infinity };
    for (let r = 0; r < rounds; r++) {
      const s = runScheduler(fresh(), pods);
      if (s.seconds < scheduler.seconds) scheduler = s;
      const m = runMinimal(nodes, pods);
      if (m.seconds < minimal.seconds) minimal = m;
    }
    const measurements: Measurement[] = [
      { name: SCHEDULER, operations: pods.length, seconds: scheduler.seconds },
      { name: MINIMAL, operations: pods.length, seconds: minimal.seconds },
    ];
    const podsPerSecond = pods.length / scheduler.seconds;
    const slowdown = scheduler.seconds / minimal.seconds;
    return {
      title: `Scheduler: ${pods.length.toLocaleString('en-US')} pods onto ${NODES.toLocaleString('en-US')} nodes (${quick ? 'quick, 1 round' : `best of ${rounds} rounds`})`,
      operation: 'pod',
      measurements,
      ratio: { subject: MINIMAL, baseline: SCHEDULER },
      notes: [
        `scheduler: ${Math.round(podsPerSecond).toLocaleString('en-US')} pods/s (goal ≥ 6,800: ${podsPerSecond >= 6800 ? 'met' : 'not met'})`,
        `scheduler / minimal loop time: ${slowdown.toFixed(2)}× (goal within 3×: ${slowdown <= 3 ? 'met' : 'not met'})`,
        `placed: scheduler ${scheduler.placed.toLocaleString('en-US')}, minimal loop ${minimal.placed.toLocaleString('en-US')} of ${pods.length.toLocaleString('en-US')}`,
      ],
    };
  },
};
