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

type Taint = { readonly key: string; readonly value: string; readonly effect: string };

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (object: Record<string, unknown>, name: string) => (typeof object[name] === 'string' ? (object[name] as string) : '');

/** Upstream's Toleration.ToleratesTaint, on plain data (absent fields are ""). */
export function toleratesTaint(toleration: unknown, taint: Taint): boolean {
  if (!isMap(toleration)) return false;
  const effect = field(toleration, 'effect');
  if (effect !== '' && effect !== taint.effect) return false;
  const key = field(toleration, 'key');
  if (key !== '' && key !== taint.key) return false;
  switch (field(toleration, 'operator')) {
    case '':
    case 'Equal':
      return field(toleration, 'value') === taint.value;
    case 'Exists':
      return true;
    case 'Gt':
    case 'Lt': {
      const bound = parseInt64(field(toleration, 'value'));
      const actual = parseInt64(taint.value);
      if (bound === undefined || actual === undefined) return false;
      return field(toleration, 'operator') === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** One taint or a list of them, as data `toleratesTaint` reads, or `undefined` if malformed. */
function taintsOf(value: unknown): Taint[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const taints: Taint[] = [];
  for (const t of list) {
    if (!isMap(t)) return undefined;
    taints.push({ key: field(t, 'key'), value: field(t, 'value'), effect: field(t, 'effect') });
  }
  return taints;
}

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

/** Whether every taint is tolerated by some toleration in the fact. */
function toleratesAll(tolerations: unknown, taints: readonly Taint[] | undefined): boolean {
  if (taints === undefined) return false;
  const list = tolerations === undefined || tolerations === null ? [] : tolerations;
  if (!Array.isArray(list)) return false;
  return taints.every((taint) => list.some((toleration) => toleratesTaint(toleration, taint)));
}

const blocking = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** `tolerates` and `toleratesBlockingTaints`. */
export const TOLERATION_OPERATORS: readonly OperatorDefinition[] = [
  defineOperator<Taint[] | undefined>({
    name: 'tolerates',
    summary: 'the fact (a toleration list) tolerates every taint in the value',
    fact: 'a list of tolerations (missing means none)',
    value: 'a taint {key, value, effect} or a list of taints (missing means none)',
    origin: 'core',
    checkValue: checkTaints,
    prepare: (v) => (v === undefined || v === null ? [] : taintsOf(v)),
    test: toleratesAll,
    canThrow: () => false,
  }),
  defineOperator<Taint[] | undefined>({
    name: 'toleratesBlockingTaints',
    summary: 'the fact (a toleration list) tolerates every NoSchedule and NoExecute taint in the value',
    fact: 'a list of tolerations (missing means none)',
    value: "a list of taints, such as a node's spec.taints (missing means none)",
    origin: 'core',
    checkValue: checkTaints,
    prepare: (v) => (v === undefined || v === null ? [] : taintsOf(v)?.filter(blocking)),
    test: toleratesAll,
    canThrow: () => false,
  }),
];
