/**
 * Toleration operators: whether a pod's `spec.tolerations` tolerate a node's taints.
 *
 * - `tolerates`: every taint in the value (one taint or a list) is tolerated by at least one
 *   toleration.
 * - `toleratesBlockingTaints`: the same, counting only the taints that keep a pod off a node,
 *   those with effect `NoSchedule` or `NoExecute` (the TaintToleration filter's test).
 *
 * A missing or `null` toleration list tolerates nothing; a fact that is not a list makes the
 * operator false. `Equal` (the default) compares values and `Exists` ignores them; `Gt` and
 * `Lt` (alpha since v1.35, feature gate TaintTolerationComparisonOperators) compare the
 * taint's value with the toleration's as int64 integers, as upstream's ToleratesTaint does.
 *
 * Upstream: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint),
 * pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (Filter,
 * doNotScheduleTaintsFilterFunc), staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go
 * (FindMatchingUntoleratedTaint); website: concepts/scheduling-eviction/taint-and-toleration.md.
 */
import { defineOperator, show, type OperatorDefinition } from './definition';
import { parseInt64 } from './label-syntax';

/** A taint as data: `key`, `value` and `effect`, absent fields read as "". */
type Taint = Readonly<Record<string, unknown>>;

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (object: Readonly<Record<string, unknown>>, name: string) => {
  const value = object[name];
  return typeof value === 'string' ? value : '';
};

/** Upstream's Toleration.ToleratesTaint, on plain data (absent fields are ""). */
export function toleratesTaint(toleration: unknown, taint: Taint): boolean {
  if (!isMap(toleration)) return false;
  const effect = field(toleration, 'effect');
  if (effect !== '' && effect !== field(taint, 'effect')) return false;
  const key = field(toleration, 'key');
  if (key !== '' && key !== field(taint, 'key')) return false;
  switch (field(toleration, 'operator')) {
    case '':
    case 'Equal':
      return field(toleration, 'value') === field(taint, 'value');
    case 'Exists':
      return true;
    case 'Gt':
    case 'Lt': {
      const bound = parseInt64(field(toleration, 'value'));
      const actual = parseInt64(field(taint, 'value'));
      if (bound === undefined || actual === undefined) return false;
      return field(toleration, 'operator') === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/**
 * One taint or a list of them as a list, or `undefined` if malformed. Missing means none. A
 * list is checked and used as it is, so a node's `spec.taints` costs no copy per evaluation.
 */
function taintsOf(value: unknown): readonly Taint[] | undefined {
  if (value === undefined || value === null) return NO_TAINTS;
  if (!Array.isArray(value)) return isMap(value) ? [value] : undefined;
  for (let i = 0; i < value.length; i++) if (!isMap(value[i])) return undefined;
  return value as Taint[];
}

/** Whether every taint (every blocking one, if `blockingOnly`) is tolerated by some toleration in the fact. */
function toleratesAll(tolerations: unknown, taints: readonly Taint[] | undefined, blockingOnly: boolean): boolean {
  if (taints === undefined) return false;
  if (tolerations !== undefined && tolerations !== null && !Array.isArray(tolerations)) return false;
  const list = (tolerations ?? []) as readonly unknown[];
  for (let t = 0; t < taints.length; t++) {
    const taint = taints[t]!;
    if (blockingOnly && !isBlocking(taint)) continue;
    let tolerated = false;
    for (let i = 0; i < list.length && !tolerated; i++) tolerated = toleratesTaint(list[i], taint);
    if (!tolerated) return false;
  }
  return true;
}

// The taints that keep a pod off a node (the TaintToleration filter's doNotScheduleTaintsFilterFunc).
const isBlocking = (taint: Taint) => {
  const effect = field(taint, 'effect');
  return effect === 'NoSchedule' || effect === 'NoExecute';
};

function checkTaints(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  for (const [i, t] of list.entries()) {
    const at = Array.isArray(value) ? `[${i}]: ` : '';
    if (!isMap(t)) return `${at}must be a taint {key, value, effect} or a list of them, got ${show(t)}`;
    const unknown = Object.keys(t).find((k) => !['key', 'value', 'effect', 'timeAdded'].includes(k));
    if (unknown !== undefined) return `${at}unknown field "${unknown}": a taint has key, value and effect`;
    if (typeof t.key !== 'string' || t.key === '') return `${at}key: Required value`;
    if (t.value !== undefined && typeof t.value !== 'string') return `${at}value: must be a string`;
    if (!EFFECTS.includes(t.effect as string)) return `${at}effect: Unsupported value: ${show(t.effect)}: supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`;
  }
  return undefined;
}

/** `tolerates` and `toleratesBlockingTaints`. */
export const TOLERATION_OPERATORS: readonly OperatorDefinition[] = [
  defineOperator<readonly Taint[] | undefined>({
    name: 'tolerates',
    summary: 'the fact (a toleration list) tolerates every taint in the value',
    fact: 'a list of tolerations (missing means none)',
    value: 'a taint {key, value, effect} or a list of taints (missing means none)',
    origin: 'core',
    checkValue: checkTaints,
    prepare: taintsOf,
    test: (tolerations, taints) => toleratesAll(tolerations, taints, false),
    canThrow: () => false,
  }),
  defineOperator<readonly Taint[] | undefined>({
    name: 'toleratesBlockingTaints',
    summary: 'the fact (a toleration list) tolerates every NoSchedule and NoExecute taint in the value',
    fact: 'a list of tolerations (missing means none)',
    value: "a list of taints, such as a node's spec.taints (missing means none)",
    origin: 'core',
    checkValue: checkTaints,
    prepare: taintsOf,
    test: (tolerations, taints) => toleratesAll(tolerations, taints, true),
    canThrow: () => false,
  }),
];
