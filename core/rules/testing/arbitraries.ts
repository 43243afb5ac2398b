/**
 * fast-check arbitraries for rule files and facts, built to make the two evaluators disagree
 * if they can: rule trees of nested `all`/`any`/`not` with condition priorities, every
 * operator (decorated or not) with literal values or fact references, paths that are missing
 * in some facts, and facts with the wrong types in the wrong places (strings where numbers
 * belong, maps where lists belong, objects whose `toString` is not a function).
 *
 * The fact schema is small on purpose: `pod`, `node`, `count`, `tags`, and `extra` (often
 * absent), so that generated paths and values keep meeting each other.
 */
import fc from 'fast-check';
import type { JsonValue } from '../types';

const FACTS = ['pod', 'node', 'count', 'tags', 'extra'] as const;

/** Paths per fact: present in most generated facts, missing in others, some never present. */
const PATHS: Record<(typeof FACTS)[number], readonly (string | undefined)[]> = {
  pod: [
    undefined, '$', '$.metadata.labels', '$.metadata.name', '$.metadata.name[0]', '$.spec.nodeName', '$.spec.nodeName.length',
    '$.spec.tolerations', '$.spec.nodeSelector', '$.spec.containers[0].resources.requests.cpu',
    '$.spec.containers[1].resources.limits.memory', '$.spec.containers[0].name', '$.spec.containers.length',
    "$.metadata.labels['kubernetes.io/os']", '$.spec.priority', '$.missing.deep', '$.spec.containers[0]',
  ],
  node: [
    undefined, '$', '$.metadata.labels', '$.metadata.name', '$.status.allocatable.cpu', '$.status.allocatable.memory',
    '$.status.allocatable.pods', '$.spec.taints', '$.spec.unschedulable', "$.metadata.labels['zone']", '$.spec.taints[0].key',
  ],
  count: [undefined, '$', '$.a', '$[0]', '$.length'],
  tags: [undefined, '$', '$[0]', '$[1]', '$.length'],
  extra: [undefined, '$', '$.a', '$.a.b', '$[0]'],
};

// Values that catch type confusion: falsy values, numeric strings, containers, and objects
// that JavaScript cannot turn into a primitive (parseFloat throws on them).
const WEIRD: readonly unknown[] = [
  null, 0, '', false, true, 'abc', 5, -2.5, '10', '1e3', ' 12 ', '5px', [], [1, 2], ['a'], {}, { a: 1 },
  { toString: 'x' }, [{ valueOf: 1, toString: 2 }], 'web', 'prod',
];
const weird = fc.constantFrom(...WEIRD);

const QUANTITIES = [
  '0', '1', '2', '100m', '500m', '1500m', '1.5', '1Gi', '1G', '1024Mi', '0.5Gi', '512Mi', '3Ei', '9Ei', '-1', '1e3',
  '1E-3', '.5', '5.', '0.0000000001', '1n', '+2', 'Ti', '.', '', 'abc', '1 ', '1mi', 'Pi', '1.1.1', 'e-10', '110',
] as const;
const quantity = fc.oneof(fc.constantFrom<JsonValue>(...QUANTITIES), fc.constantFrom<JsonValue>(0, 1, 2.5, -3, 1e21, 110));
const validQuantity = fc.constantFrom<JsonValue>('0', '1', '100m', '500m', '1.5', '1Gi', '1G', '512Mi', '9Ei', '-1', '1e3', '.5', 'Ti', 2, 110);

const LABEL_KEYS = ['app', 'tier', 'env', 'kubernetes.io/os', 'zone', 'canary', 'n'] as const;
const LABEL_VALUES = ['web', 'db', 'prod', 'qa', 'linux', '', '5', '10', 'a'] as const;
const labelMap = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.oneof({ weight: 9, arbitrary: fc.constantFrom<unknown>(...LABEL_VALUES) }, { weight: 1, arbitrary: weird }), { maxKeys: 4 });
const validLabelMap = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom<JsonValue>(...LABEL_VALUES), { maxKeys: 3 });

const SELECTORS: readonly JsonValue[] = [
  '', 'app', '!canary', 'app=web', 'app==web', 'app!=web', 'env in (prod,qa)', 'env notin (prod)', 'n>5', 'n<10',
  'app=web,!canary,env in (prod, qa)', 'tier in (,)', 'kubernetes.io/os=linux', 'zone in (a)',
  {}, { matchLabels: { app: 'web' } }, { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }] },
  { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
  { matchLabels: { tier: 'db' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] },
];

const TAINTS: readonly JsonValue[] = [
  { key: 'a', effect: 'NoSchedule' }, { key: 'b', value: 'x', effect: 'NoExecute' }, { key: 'c', effect: 'PreferNoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
];
const TOLERATIONS: readonly unknown[] = [
  { key: 'a', operator: 'Exists' }, { key: 'b', value: 'x' }, { operator: 'Exists' },
  { key: 'b', operator: 'Equal', value: 'y', effect: 'NoExecute' }, { effect: 'NoSchedule', operator: 'Exists' },
  { key: 'c', operator: 'Gt', value: '1' }, { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, 'a',
];
const taint = fc.constantFrom(...TAINTS);
const taints = fc.oneof(fc.array(taint, { maxLength: 3 }), weird);
const tolerations = fc.oneof({ weight: 4, arbitrary: fc.array(fc.constantFrom(...TOLERATIONS), { maxLength: 3 }) }, { weight: 1, arbitrary: weird });

const scalar = fc.oneof(
  fc.constantFrom<JsonValue>('web', 'prod', 'a', '', '10', 'abc', 'n1', 'linux', '1Gi', true, false, null),
  fc.constantFrom<JsonValue>(0, 1, 5, 10, -1, 2.5, 110),
);

/** A value at a leaf of a generated fact: usually the expected kind, sometimes anything. */
const maybe = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: usual as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: weird });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 4 });

/** Removes `undefined` entries so a generated object looks like parsed JSON. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const container = fc
  .record({
    name: optional(maybe(fc.constantFrom('app', 'sidecar'))),
    resources: optional(
      fc.record({
        requests: optional(fc.record({ cpu: optional(quantity), memory: optional(quantity) }).map(compact)),
        limits: optional(fc.record({ cpu: optional(quantity), memory: optional(quantity) }).map(compact)),
      }).map(compact),
    ),
  })
  .map(compact);

const pod = fc
  .record({
    metadata: optional(fc.record({ name: optional(maybe(fc.constantFrom('web-1', 'db-0'))), labels: optional(maybe(labelMap)) }).map(compact)),
    spec: optional(
      fc.record({
        nodeName: optional(maybe(fc.constantFrom('node-a', 'node-b', ''))),
        tolerations: optional(tolerations),
        nodeSelector: optional(maybe(labelMap)),
        containers: optional(maybe(fc.array(container, { maxLength: 2 }))),
        priority: optional(maybe(fc.constantFrom(0, 10, 1000))),
      }).map(compact),
    ),
  })
  .map(compact);

const node = fc
  .record({
    metadata: optional(fc.record({ name: optional(maybe(fc.constantFrom('node-a', 'node-b'))), labels: optional(maybe(labelMap)) }).map(compact)),
    spec: optional(fc.record({ taints: optional(taints), unschedulable: optional(maybe(fc.boolean())) }).map(compact)),
    status: optional(
      fc.record({ allocatable: optional(maybe(fc.record({ cpu: optional(quantity), memory: optional(quantity), pods: optional(quantity) }).map(compact))) }).map(compact),
    ),
  })
  .map(compact);

/** Facts for the small schema; any fact may be missing, `extra` usually is. */
export const factsArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    pod: fc.option(fc.oneof({ weight: 6, arbitrary: pod }, { weight: 1, arbitrary: weird }), { nil: undefined, freq: 8 }),
    node: fc.option(fc.oneof({ weight: 6, arbitrary: node }, { weight: 1, arbitrary: weird }), { nil: undefined, freq: 8 }),
    count: optional(fc.oneof(fc.integer({ min: -5, max: 120 }), weird)),
    tags: optional(fc.oneof(fc.array(scalar, { maxLength: 3 }), weird)),
    extra: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), weird), { nil: undefined, freq: 2 }),
  })
  .map(compact);

const factReference = fc
  .constantFrom(...FACTS)
  .chain((fact) => fc.record({ fact: fc.constant(fact), path: fc.constantFrom(...PATHS[fact]) }))
  .map((r) => compact(r) as JsonValue);

/** Literal values each base operator accepts at load time. */
const LITERALS: Record<string, fc.Arbitrary<JsonValue>> = {
  equal: scalar, notEqual: scalar, contains: scalar, doesNotContain: scalar,
  in: fc.array(scalar, { maxLength: 4 }), notIn: fc.array(scalar, { maxLength: 4 }),
  lessThan: fc.constantFrom(0, 1, 5, 10, 2.5, -1), lessThanInclusive: fc.constantFrom(0, 1, 5, 10),
  greaterThan: fc.constantFrom(0, 1, 5, 10, -3), greaterThanInclusive: fc.constantFrom(0, 5, 110),
  exists: fc.boolean(),
  selectorMatches: fc.constantFrom(...SELECTORS), hasLabels: validLabelMap,
  tolerates: fc.oneof(taint, fc.array(taint, { maxLength: 2 })), toleratesBlockingTaints: fc.array(taint, { maxLength: 3 }),
  quantityEqual: validQuantity, quantityLessThan: validQuantity, quantityLessThanInclusive: validQuantity,
  quantityGreaterThan: validQuantity, quantityGreaterThanInclusive: validQuantity,
};
const BASE_OPERATORS = Object.keys(LITERALS);

/** Decorator chains, weighted toward none. */
const decorators = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: fc.array(fc.constantFrom('not', 'someFact', 'everyFact', 'someValue', 'everyValue', 'swap'), { minLength: 1, maxLength: 2 }) },
);

/** A literal value the loader accepts for `base` wrapped in `chain` (outermost first). */
function literalFor(chain: readonly string[], base: string): fc.Arbitrary<JsonValue> {
  const [outer, ...rest] = chain;
  if (outer === undefined) return LITERALS[base]!;
  if (outer === 'someValue' || outer === 'everyValue') return fc.array(literalFor(rest, base), { maxLength: 3 });
  if (outer === 'swap') return fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constantFrom<JsonValue>(...SELECTORS), validQuantity);
  return literalFor(rest, base);
}

const priority = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 });

const factCondition = fc
  .record({
    fact: fc.constantFrom(...FACTS),
    chain: decorators,
    base: fc.constantFrom(...BASE_OPERATORS),
    useReference: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    priority,
  })
  .chain(({ fact, chain, base, useReference, priority }) =>
    fc.record({
      path: fc.constantFrom(...PATHS[fact]),
      value: useReference ? fc.oneof(factReference, literalFor(chain, base)) : literalFor(chain, base),
    }).map(({ path, value }) => compact({ fact, path, operator: [...chain, base].join(':'), value, priority })),
  );

/** A condition tree of nested `all`/`any`/`not` (the root is always one of them). */
export const conditionArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown>; root: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: factCondition },
    { weight: 2, arbitrary: tie('root') },
  ),
  root: fc.oneof(
    { depthSize: 'small' },
    fc.record({ all: fc.array(tie('node'), { maxLength: 4 }), priority }).map(compact),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 4 }), priority }).map(compact),
    fc.record({ not: tie('node'), priority }).map(compact),
  ),
})).root;

const event = fc.record({
  type: fc.constantFrom('unschedulable', 'score', 'deny', 'warn'),
  params: fc.option(fc.dictionary(fc.constantFrom('reason', 'weight'), scalar, { maxKeys: 2 }), { nil: undefined }),
}).map(compact);

/** A rule file's data (as parsed YAML) with 1 to 5 rules named r0, r1, ... */
export const ruleFileDataArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.record({ priority, conditions: conditionArbitrary, event }), { minLength: 1, maxLength: 5 })
  .map((rules) => ({ name: 'generated', rules: rules.map((r, i) => compact({ name: `r${i}`, ...r })) }));
