/**
 * The rules benchmark: the sample scheduling policy (core/rules/examples/scheduler-policy.rules.yaml,
 * 16 rules with selector, toleration and quantity operators) evaluated on varied pod/node
 * facts, by json-rules-engine (the reference) and by the compiled evaluator, in the same run.
 *
 * The scheduler evaluates its policy once per pod per candidate node: at 5,000 nodes that is
 * 5,000 evaluations per pod, which is why the compiled path exists.
 */
import { compileRules, loadRuleFile, referenceEvaluator, type Facts } from '../rules';
import { fastest, measureAsync, measureSync, rounds, type Benchmark, type Measurement } from './harness';
import { seeded, type Random } from './random';

const POLICY = 'core/rules/examples/scheduler-policy.rules.yaml';
const FACT_SETS = 64;
const REFERENCE = 'json-rules-engine (reference)';
const COMPILED = 'compiled';

const CPU = ['100m', '250m', '500m', '1', '1500m', '2', '4'];
const MEMORY = ['128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '4Gi'];

function podFacts(random: Random): object {
  const tolerations = [
    ...(random.chance(0.3) ? [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] : []),
    ...(random.chance(0.1) ? [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] : []),
    ...(random.chance(0.2) ? [{ operator: 'Exists', effect: 'PreferNoSchedule' }] : []),
  ];
  const gpu = random.chance(0.1);
  return {
    metadata: { name: 'pod', labels: { app: random.pick(['web', 'api', 'batch']), tier: random.pick(['frontend', 'backend', 'edge']) } },
    spec: {
      ...(random.chance(0.05) && { nodeName: random.pick(['node-1', 'node-2']) }),
      ...(random.chance(0.3) && { nodeSelector: { 'kubernetes.io/os': 'linux', ...(random.chance(0.5) && { disktype: 'ssd' }) } }),
      ...(random.chance(0.2) && { priorityClassName: random.pick(['batch', 'high']) }),
      ...(random.chance(0.05) && { os: { name: 'windows' } }),
      tolerations,
      containers: [
        {
          name: 'app',
          resources: {
            requests: { cpu: random.pick(CPU), memory: random.pick(MEMORY) },
            limits: { cpu: random.pick(CPU), memory: random.pick(MEMORY), ...(gpu && { 'nvidia.com/gpu': '1' }) },
          },
        },
      ],
    },
  };
}

function nodeFacts(random: Random, index: number): object {
  const taints = [
    ...(random.chance(0.2) ? [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] : []),
    ...(random.chance(0.2) ? [{ key: 'spot', effect: 'PreferNoSchedule' }] : []),
  ];
  return {
    metadata: {
      name: `node-${index % 4}`,
      labels: {
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': random.pick(['zone-a', 'zone-b', 'zone-c']),
        ...(random.chance(0.5) && { disktype: 'ssd' }),
        ...(random.chance(0.2) && { 'node.kubernetes.io/lifecycle': 'spot' }),
        ...(random.chance(0.05) && { 'node-role.kubernetes.io/control-plane': '' }),
      },
    },
    spec: { ...(random.chance(0.05) && { unschedulable: true }), taints },
    status: {
      allocatable: {
        cpu: random.pick(['4', '8', '16', '32']),
        memory: random.pick(['16Gi', '32Gi', '64Gi', '128Gi']),
        pods: '110',
        ...(random.chance(0.2) && { 'nvidia.com/gpu': '4' }),
      },
    },
  };
}

/** Varied facts: a pod, a node, and what the node has left, as the scheduler would compute them. */
export function schedulerFacts(count: number, seed = 42): Facts[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const pod = podFacts(random) as { spec: { containers: { resources: { requests: { cpu: string; memory: string } } }[] } };
    return {
      pod,
      node: nodeFacts(random, i),
      podRequest: { ...pod.spec.containers[0]!.resources.requests, 'ephemeral-storage': '1Gi' },
      nodeFree: { cpu: random.pick(CPU), memory: random.pick(MEMORY), 'ephemeral-storage': random.pick(['500Mi', '10Gi']), pods: random.pick([0, 5, 50]) },
    };
  });
}

/** The rules benchmark, as core/bench/main.ts runs it. */
export const benchmark: Benchmark = {
  name: 'rules',
  description: 'compiled rules against json-rules-engine on the sample scheduling policy',
  async run(options) {
    const policy = loadRuleFile(POLICY);
    const facts = schedulerFacts(FACT_SETS);
    const reference = referenceEvaluator(policy.rules);
    const compiled = compileRules(policy.rules);

    // Both must do the same work before their speeds mean anything.
    let fired = 0;
    for (const f of facts) {
      const expected = JSON.stringify(await reference(f));
      const actual = compiled(f);
      if (JSON.stringify(actual) !== expected) throw new Error(`the evaluators disagree on ${JSON.stringify(f)}`);
      fired += actual.length;
    }

    let sink = 0;
    const count = (events: readonly unknown[]) => void (sink += events.length);
    let referenceRun: Measurement | undefined;
    let compiledRun: Measurement | undefined;
    for (let round = 0; round < rounds(options); round++) {
      referenceRun = fastest(referenceRun, await measureAsync(REFERENCE, (i) => reference(facts[i % FACT_SETS]!), count, options));
      compiledRun = fastest(compiledRun, measureSync(COMPILED, (i) => compiled(facts[i % FACT_SETS]!), count, options));
    }
    return {
      title: `rules: ${policy.name} (${policy.rules.length} rules) on ${FACT_SETS} pod/node fact sets, fastest of ${rounds(options)} rounds`,
      operation: 'evaluation',
      measurements: [referenceRun!, compiledRun!],
      ratio: { subject: COMPILED, baseline: REFERENCE, goal: 1000 },
      notes: [`${fired} events fired over the ${FACT_SETS} fact sets; both evaluators agreed on every one (checksum ${sink}).`],
    };
  },
};
