/**
 * Scheduling policy as rules: a `Profile` compiled from rule files and a registry of plugins.
 *
 * Filter rules (`type: reject`) decide whether a node may run a pod. Their facts are `pod`,
 * `node`, and one boolean per Filter plugin, named after it, that is true when the plugin
 * passes the node (`NodeResourcesFit: false` means "does not fit"). The plugins a file names
 * are the enabled ones; the rules' priorities are the order of the filters. Per node, the
 * first rule whose conditions hold rejects it, as upstream stops at the first failing plugin.
 * The event says how: `{plugin, reason, code}` for a reason of its own, or just `{plugin}` to
 * report that plugin's own status ("Insufficient cpu").
 *
 *     - name: NodeResourcesFit
 *       priority: 10
 *       conditions: { all: [{ fact: NodeResourcesFit, operator: equal, value: false }] }
 *       event: { type: reject, params: { plugin: NodeResourcesFit } }
 *
 * Score rules (`type: score`) are evaluated once per pod with the fact `pod`; each fired event
 * `{plugin, weight, ...args}` enables a Score plugin with that weight (the first event per
 * plugin wins) and hands it the other params.
 *
 * Everything is compiled once: rule conditions become functions (core/rules `compileCondition`,
 * no json-rules-engine on this path), and the per-node filter is generated as straight-line
 * code (`filterFactory`). One facts object per pod is reused for every node. A node costs at
 * most one call per enabled Filter plugin and one predicate call per rule that is not a
 * plain plugin verdict.
 *
 * Upstream: pkg/scheduler/framework/runtime/framework.go (RunPreFilterPlugins,
 * RunFilterPlugins, RunPreScorePlugins), pkg/scheduler/apis/config/v1/default_plugins.go.
 */
import type { Pod } from '../api/types';
import { compileCondition, type Condition, type Facts, type JsonValue, type Predicate, type Rule, type RuleFile } from '../rules';
import type { FilterPlugin, PodFilter, PodScorer, PreparedScore, Profile, ScorePlugin } from './framework';
import { SUCCESS, type NodeInfo, type Status, type StatusCode } from './types';

/** What `compileProfile` builds a profile from. */
export type ProfileOptions = {
  /** Rule files with `reject` rules; their rules are ordered by priority, then file order. */
  filterRules: readonly RuleFile[];
  /** Rule files with `score` rules. */
  scoreRules: readonly RuleFile[];
  filterPlugins: readonly FilterPlugin<never>[];
  scorePlugins: readonly ScorePlugin<never>[];
  schedulerName?: string;
  /** 0 (the default) is adaptive. */
  percentageOfNodesToScore?: number;
  /** Whether DefaultPreemption's PostFilter runs; true by default. */
  preemption?: boolean;
};

type AnyFilter = FilterPlugin<unknown>;
type AnyScore = ScorePlugin<unknown>;
type Ordered = { rule: Rule; file: string };

const REJECT_CODES: readonly StatusCode[] = ['Unschedulable', 'UnschedulableAndUnresolvable'];

/** The fact names a condition reads, in first-seen order. */
export function factsOf(condition: Condition, into: string[] = []): string[] {
  const add = (name: string) => {
    if (!into.includes(name)) into.push(name);
  };
  if ('all' in condition) condition.all.forEach((c) => factsOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsOf(c, into));
  else if ('not' in condition) factsOf(condition.not, into);
  else {
    add(condition.fact);
    const v = condition.value;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, 'fact')) add((v as { fact: string }).fact);
  }
  return into;
}

/** Rules of several files by descending priority, file order kept among equals. */
function ordered(files: readonly RuleFile[]): Ordered[] {
  const all = files.flatMap((f) => f.rules.map((rule) => ({ rule, file: f.fileName })));
  return all.map((r, i) => ({ ...r, i })).sort((a, b) => b.rule.priority - a.rule.priority || a.i - b.i);
}

function where(r: Ordered): string {
  return `${r.file}: rule ${JSON.stringify(r.rule.name)}`;
}

/** Compiles rule files and plugins into a `Profile`; throws an error listing every problem. */
export function compileProfile(options: ProfileOptions): Profile {
  const problems: string[] = [];
  const filterPlugins = options.filterPlugins as readonly AnyFilter[];
  const scorePlugins = options.scorePlugins as readonly AnyScore[];
  const filterByName = new Map(filterPlugins.map((p) => [p.name, p]));
  const scoreByName = new Map(scorePlugins.map((p) => [p.name, p]));

  // 1. Filter rules: check them, and enable the plugins they read, in rule order.
  const filterRules = ordered(options.filterRules);
  const enabled: AnyFilter[] = [];
  for (const r of filterRules) {
    if (r.rule.event.type !== 'reject') problems.push(`${where(r)}: event.type: Unsupported value: "${r.rule.event.type}": supported values: "reject"`);
    for (const fact of factsOf(r.rule.conditions)) {
      const plugin = filterByName.get(fact);
      if (plugin !== undefined) {
        if (!enabled.includes(plugin)) enabled.push(plugin);
      } else if (fact !== 'pod' && fact !== 'node') {
        problems.push(`${where(r)}: fact: Unsupported value: "${fact}": supported values: "pod", "node", ${[...filterByName.keys()].map((n) => `"${n}"`).join(', ')}`);
      }
    }
    const { plugin, reason, code } = r.rule.event.params;
    if (typeof plugin !== 'string' || plugin === '') problems.push(`${where(r)}: event.params.plugin: Required value: the plugin named in the status`);
    if (reason !== undefined && typeof reason !== 'string') problems.push(`${where(r)}: event.params.reason: Invalid value: must be a string`);
    if (code !== undefined && !REJECT_CODES.includes(code as StatusCode)) {
      problems.push(`${where(r)}: event.params.code: Unsupported value: ${JSON.stringify(code)}: supported values: "Unschedulable", "UnschedulableAndUnresolvable"`);
    }
    if (reason === undefined && typeof plugin === 'string' && !filterByName.has(plugin)) {
      problems.push(`${where(r)}: event.params.reason: Required value: "${plugin}" is no Filter plugin, so the rule must give its own reason`);
    }
  }

  // 2. Score rules: each names a Score plugin and a positive integer weight.
  const scoreRules = ordered(options.scoreRules);
  for (const r of scoreRules) {
    if (r.rule.event.type !== 'score') problems.push(`${where(r)}: event.type: Unsupported value: "${r.rule.event.type}": supported values: "score"`);
    const { plugin, weight } = r.rule.event.params;
    if (typeof plugin !== 'string' || !scoreByName.has(plugin)) {
      problems.push(`${where(r)}: event.params.plugin: Unsupported value: ${JSON.stringify(plugin)}: supported values: ${[...scoreByName.keys()].map((n) => `"${n}"`).join(', ')}`);
    }
    if (!Number.isSafeInteger(weight) || (weight as number) < 1) problems.push(`${where(r)}: event.params.weight: Invalid value: ${JSON.stringify(weight)}: must be a positive integer`);
    for (const fact of factsOf(r.rule.conditions)) {
      if (fact !== 'pod') problems.push(`${where(r)}: fact: Unsupported value: "${fact}": supported values: "pod"`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid scheduler profile:\n  ${problems.join('\n  ')}`);

  const factory = filterFactory(
    enabled,
    filterRules.map((r) => stepFor(r, enabled)),
  );
  const scoreTests = scoreRules.map((r) => compileCondition(r.rule.conditions));

  return {
    schedulerName: options.schedulerName ?? 'default-scheduler',
    percentageOfNodesToScore: options.percentageOfNodesToScore ?? 0,
    hasScorePlugins: scoreRules.length > 0,
    preemption: options.preemption ?? true,
    filterPod: (pod) => filterPod(pod, enabled, factory),
    scorePod: (pod, nodes) => scorePod(pod, nodes, scoreRules, scoreTests, scoreByName),
  };
}

/**
 * How a fired rule rejects a node. `own` is the status of the plugin the event names, when that
 * is an enabled Filter plugin and it ran; plugins share status objects for repeated reasons,
 * so the last rejection built is reused.
 */
type Rejection = (own: Status | undefined) => Status;

function rejectionFor(r: Ordered): Rejection {
  const params = r.rule.event.params as { plugin: string; reason?: string; code?: StatusCode };
  if (params.reason !== undefined) {
    const fixed: Status = Object.freeze({ code: params.code ?? 'UnschedulableAndUnresolvable', reasons: Object.freeze([params.reason]), plugin: params.plugin });
    return () => fixed;
  }
  const fallback: Status = Object.freeze({
    code: params.code ?? 'UnschedulableAndUnresolvable',
    reasons: Object.freeze([`node(s) didn't satisfy rule ${JSON.stringify(r.rule.name)}`]),
    plugin: params.plugin,
  });
  let lastOwn: Status | undefined;
  let lastRejection: Status = fallback;
  return (own) => {
    if (own === undefined || own.code === 'Success') return fallback;
    if (own !== lastOwn) {
      lastOwn = own;
      lastRejection = Object.freeze({ code: params.code ?? own.code, reasons: own.reasons, plugin: params.plugin });
    }
    return lastRejection;
  };
}

/**
 * How one filter rule is evaluated per node. A rule that only says "this plugin said no"
 * (`{fact: P, operator: equal, value: false}`) is read straight off the plugin's status; any
 * other rule runs its compiled predicate over the facts, after the plugins it reads are run.
 */
type Step = {
  /** The plugin whose verdict alone decides the rule, or -1 for a predicate rule. */
  readonly verdictOf: number;
  readonly test: Predicate;
  /** The plugins whose verdicts the rule reads as facts. */
  readonly reads: readonly number[];
  /** The plugin the event names (its status is the rejection's), or -1. */
  readonly owner: number;
  readonly rejection: Rejection;
};

function stepFor(r: Ordered, plugins: readonly AnyFilter[]): Step {
  const rule = r.rule;
  const reads = factsOf(rule.conditions)
    .map((f) => plugins.findIndex((p) => p.name === f))
    .filter((i) => i >= 0);
  const c = rule.conditions;
  const only = 'all' in c && c.all.length === 1 ? c.all[0]! : undefined;
  const isVerdict = only !== undefined && 'fact' in only && only.operator === 'equal' && only.value === false && only.path === undefined && reads.length === 1;
  const owner = plugins.findIndex((p) => p.name === (rule.event.params as { plugin: string }).plugin);
  return { verdictOf: isVerdict ? reads[0]! : -1, test: compileCondition(rule.conditions), reads, owner, rejection: rejectionFor(r) };
}

/**
 * The per-node filter of one pod: `(nodeInfo) => Status`. What the pod's PreFilter decided
 * (plugin states, skipped plugins) is bound once per pod; the function runs per node.
 */
type FilterFactory = (pod: Pod, states: readonly unknown[], skipped: readonly boolean[]) => (nodeInfo: NodeInfo) => Status;

/**
 * Writes the filter loop out as straight-line code, once per profile: one block per rule in
 * priority order, each plugin run at most once and only when a rule needs its verdict, the
 * first rule that holds returning its rejection. Each plugin gets its own call site, which V8
 * can inline; a generic loop over the plugins would make every call megamorphic. Only indices
 * become code: plugins, predicates and rejections are passed in as values.
 */
function filterFactory(plugins: readonly AnyFilter[], steps: readonly Step[]): FilterFactory {
  const names = plugins.map((p) => p.name);
  const readByPredicate = plugins.map((_, i) => steps.some((s) => s.verdictOf < 0 && s.reads.includes(i)));
  const prelude: string[] = [];
  const body: string[] = ['facts.node = nodeInfo.node;'];
  const ran = new Set<number>();
  plugins.forEach((_, i) => {
    prelude.push(`const filter${i} = P[${i}].filter, state${i} = states[${i}], skip${i} = skipped[${i}];`);
  });
  const run = (i: number) => {
    if (ran.has(i)) return;
    // Straight-line code: a status computed for one rule stays in scope for the later ones.
    body.push(`const status${i} = skip${i} ? SUCCESS : filter${i}(state${i}, pod, nodeInfo);`);
    if (readByPredicate[i]) body.push(`facts[${JSON.stringify(names[i])}] = status${i}.code === 'Success';`);
    ran.add(i);
  };
  steps.forEach((step, r) => {
    if (step.verdictOf >= 0) {
      run(step.verdictOf);
      body.push(`if (status${step.verdictOf}.code !== 'Success') return R[${r}](status${step.verdictOf});`);
    } else {
      step.reads.forEach(run);
      const own = step.owner >= 0 && ran.has(step.owner) ? `status${step.owner}` : 'undefined';
      body.push(`if (T[${r}](facts)) return R[${r}](${own});`);
    }
  });
  body.push('return SUCCESS;');
  const source = [
    '"use strict";',
    'return function filterFor(pod, states, skipped) {',
    `  const facts = { pod, node: undefined${names.map((n) => `, ${JSON.stringify(n)}: true`).join('')} };`,
    ...prelude.map((l) => `  ${l}`),
    '  return function filter(nodeInfo) {',
    ...body.map((l) => `    ${l}`),
    '  };',
    '};',
  ].join('\n');
  const make = new Function('P', 'T', 'R', 'SUCCESS', source) as (
    p: readonly AnyFilter[],
    t: readonly Predicate[],
    r: readonly Rejection[],
    success: Status,
  ) => FilterFactory;
  return make(
    plugins,
    steps.map((s) => s.test),
    steps.map((s) => s.rejection),
    SUCCESS,
  );
}

function filterPod(pod: Pod, plugins: readonly AnyFilter[], factory: FilterFactory): PodFilter {
  // 1. PreFilter, in order. An unresolvable rejection stops at once; a resolvable one lets the
  //    others run (preemption may still help), and the first of them is reported.
  const states: unknown[] = [];
  const skipped: boolean[] = [];
  let rejection: Status | undefined;
  let nodeNames: Set<string> | undefined;
  const narrowedBy: string[] = [];
  for (const plugin of plugins) {
    const outcome = plugin.preFilter === undefined ? { type: 'ok' as const, state: undefined } : plugin.preFilter(pod);
    states.push(outcome.type === 'ok' ? outcome.state : undefined);
    skipped.push(outcome.type === 'skip');
    if (outcome.type === 'reject') {
      const status = { ...outcome.status, plugin: plugin.name };
      if (status.code === 'UnschedulableAndUnresolvable') return { rejection: status, filter: () => status };
      rejection ??= status;
    } else if (outcome.type === 'ok' && outcome.nodeNames !== undefined) {
      narrowedBy.push(plugin.name);
      const before = nodeNames;
      nodeNames = before === undefined ? new Set(outcome.nodeNames) : new Set(outcome.nodeNames.filter((n) => before.has(n)));
      if (nodeNames.size === 0) {
        const message = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
        const status: Status = { code: 'UnschedulableAndUnresolvable', reasons: [message] };
        return { rejection: status, filter: () => status };
      }
    }
  }
  if (rejection !== undefined) {
    const status = rejection;
    return { rejection: status, filter: () => status };
  }

  // 2. Filter, per node, with the generated function.
  const filter = factory(pod, states, skipped);
  if (nodeNames === undefined) return { filter };
  const sorted = [...narrowedBy].sort();
  const absentStatus: Status = { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${sorted.join(' ')}]`] };
  return { nodeNames, absentStatus, filter };
}

function scorePod(
  pod: Pod,
  nodes: readonly NodeInfo[],
  rules: readonly Ordered[],
  tests: readonly Predicate[],
  byName: ReadonlyMap<string, AnyScore>,
): PodScorer {
  const facts: Facts = { pod };
  const seen = new Set<string>();
  const plugins: PreparedScore[] = [];
  for (let r = 0; r < rules.length; r++) {
    if (!tests[r]!(facts)) continue;
    const params = rules[r]!.rule.event.params as { readonly [key: string]: JsonValue };
    const name = params.plugin as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const plugin = byName.get(name)!;
    const outcome = plugin.preScore(pod, nodes, params);
    if (outcome.type === 'skip') continue;
    if (outcome.type === 'error') return { type: 'error', message: `running PreScore plugin ${JSON.stringify(name)}: ${outcome.message}` };
    const state = outcome.state;
    plugins.push({
      name,
      weight: params.weight as number,
      score: (nodeInfo) => plugin.score(state, nodeInfo),
      // Always present (maybe undefined): one object shape keeps the scoring loop monomorphic.
      normalizeScore: plugin.normalizeScore,
    });
  }
  return { type: 'ok', plugins };
}
