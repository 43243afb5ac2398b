/**
 * fast-check generators for the scheduler's inputs: nodes with capacities, labels and taints;
 * pods with requests, node selectors, affinity and tolerations. Keys and values come from
 * small pools so that a generated pod and a generated node actually talk about the same
 * labels and taints; fully random strings would almost never meet.
 */
import fc from 'fast-check';
import type {
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PreferredSchedulingTerm,
  ResourceList,
  Taint,
  TaintEffect,
  Toleration,
} from '../api/types';
import { makeNode, makePod } from './builders';

/** Label keys shared by nodes and pods. */
export const LABEL_KEYS = ['zone', 'disktype', 'gpu', 'kernel'] as const;
/** Label values shared by nodes and pods, integers among them for `Gt`/`Lt`. */
export const LABEL_VALUES = ['a', 'b', 'ssd', 'hdd', '1', '5', '10'] as const;
/** Taint keys shared by nodes and tolerations. */
export const TAINT_KEYS = ['dedicated', 'gpu', 'node.kubernetes.io/unschedulable'] as const;
const TAINT_VALUES = ['', 'x', 'y'] as const;
const EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A CPU quantity in millicores, as text such as `250m` or `2`. */
export function cpuQuantity(maxMilli = 4000): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: maxMilli }).map((m) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`));
}

/** A memory quantity, as text such as `512Mi` or `2Gi`. */
export function memoryQuantity(maxMi = 8192): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: maxMi }).map((mi) => (mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`));
}

/** One container's requests: cpu and/or memory, or nothing at all. */
export function containerRequests(): fc.Arbitrary<ResourceList | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 4,
      arbitrary: fc
        .record({ cpu: cpuQuantity(2000), memory: memoryQuantity(4096) }, { requiredKeys: [] })
        .map((r) => r as ResourceList),
    },
  );
}

/** A label map over the shared pools. */
export function nodeLabels(): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 3, noNullPrototype: true });
}

/** A taint over the shared pools. */
export function taint(): fc.Arbitrary<Taint> {
  return fc
    .record({ key: fc.constantFrom(...TAINT_KEYS), value: fc.constantFrom(...TAINT_VALUES), effect: fc.constantFrom(...EFFECTS) })
    .map((t) => (t.value === '' ? { key: t.key, effect: t.effect } : t));
}

/** A toleration over the shared pools: `Equal` or `Exists`, with or without key and effect. */
export function toleration(): fc.Arbitrary<Toleration> {
  return fc
    .record(
      {
        key: fc.constantFrom(...TAINT_KEYS),
        operator: fc.constantFrom<'Equal' | 'Exists'>('Equal', 'Exists'),
        value: fc.constantFrom(...TAINT_VALUES),
        effect: fc.constantFrom(...EFFECTS),
      },
      { requiredKeys: ['operator'] },
    )
    .map((t) => {
      // An Exists toleration carries no value; an Equal one always names its key (API validation).
      if (t.operator === 'Exists') return { ...(t.key !== undefined && { key: t.key }), operator: t.operator, ...(t.effect !== undefined && { effect: t.effect }) };
      return { key: t.key ?? 'dedicated', operator: t.operator, value: t.value ?? '', ...(t.effect !== undefined && { effect: t.effect }) };
    });
}

/** A node selector requirement on the shared label pools, valid for its operator. */
export function nodeSelectorRequirement(): fc.Arbitrary<NodeSelectorRequirement> {
  return fc.oneof(
    fc.record({
      key: fc.constantFrom(...LABEL_KEYS),
      operator: fc.constantFrom<'In' | 'NotIn'>('In', 'NotIn'),
      values: fc.uniqueArray(fc.constantFrom(...LABEL_VALUES), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constantFrom<'Exists' | 'DoesNotExist'>('Exists', 'DoesNotExist') }),
    fc.record({
      key: fc.constantFrom(...LABEL_KEYS),
      operator: fc.constantFrom<'Gt' | 'Lt'>('Gt', 'Lt'),
      values: fc.constantFrom('1', '5', '10').map((v) => [v]),
    }),
  );
}

/** A node selector term with label requirements (and, sometimes, a `metadata.name` field requirement). */
export function nodeSelectorTerm(nodeNames: readonly string[] = ['node-0', 'node-1']): fc.Arbitrary<NodeSelectorTerm> {
  return fc.record(
    {
      matchExpressions: fc.array(nodeSelectorRequirement(), { minLength: 1, maxLength: 3 }),
      matchFields: fc.constantFrom(...nodeNames).map((n) => [{ key: 'metadata.name', operator: 'In' as const, values: [n] }]),
    },
    { requiredKeys: ['matchExpressions'] },
  );
}

/** Preferred terms with weights 1..100. */
export function preferredTerms(): fc.Arbitrary<PreferredSchedulingTerm[]> {
  return fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), preference: nodeSelectorTerm() }), { maxLength: 3 });
}

/** A node with realistic capacity (1-64 CPUs, 1-256 GiB, 110 pods), labels and taints. */
export function node(name: fc.Arbitrary<string> = fc.constantFrom('node-0', 'node-1', 'node-2')): fc.Arbitrary<Node> {
  return fc
    .record({
      name,
      cpu: fc.integer({ min: 1, max: 64 }),
      memoryGi: fc.integer({ min: 1, max: 256 }),
      pods: fc.constantFrom(110, 110, 2, 0),
      labels: nodeLabels(),
      taints: fc.array(taint(), { maxLength: 2 }),
      unschedulable: fc.boolean(),
    })
    .map((n) =>
      makeNode(n.name, {
        capacity: { cpu: String(n.cpu), memory: `${n.memoryGi}Gi`, pods: String(n.pods) },
        labels: n.labels,
        taints: n.taints,
        unschedulable: n.unschedulable,
      }),
    );
}

/** Nodes with distinct names `node-0`, `node-1`, ... */
export function nodes(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<Node[]> {
  return fc
    .array(node(fc.constant('')), { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 6 })
    .map((list) => list.map((n, i) => ({ ...n, metadata: { ...n.metadata, name: `node-${i}` } })));
}

/** A pod with requests and, sometimes, a node selector, required and preferred affinity, and tolerations. */
export function pod(name: fc.Arbitrary<string> = fc.constant('pod')): fc.Arbitrary<Pod> {
  return fc
    .record(
      {
        name,
        containers: fc.array(containerRequests(), { minLength: 1, maxLength: 3 }),
        nodeSelector: fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 1, noNullPrototype: true }),
        required: fc.array(nodeSelectorTerm(), { minLength: 1, maxLength: 2 }),
        preferred: preferredTerms(),
        tolerations: fc.array(toleration(), { maxLength: 2 }),
      },
      { requiredKeys: ['name', 'containers'] },
    )
    .map((p) =>
      makePod(p.name, {
        containers: p.containers,
        ...(p.nodeSelector !== undefined && { nodeSelector: p.nodeSelector }),
        ...((p.required !== undefined || p.preferred !== undefined) && {
          affinity: {
            nodeAffinity: {
              ...(p.required !== undefined && { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: p.required } }),
              ...(p.preferred !== undefined && { preferredDuringSchedulingIgnoredDuringExecution: p.preferred }),
            },
          },
        }),
        ...(p.tolerations !== undefined && { tolerations: p.tolerations }),
      }),
    );
}
