/**
 * `compileProfile`: rule files and plugins into a Profile. The plugins here are fakes that
 * count their calls, so the tests see which plugins the compiled filter runs, in which order,
 * and what a rejected node is told.
 */
import { describe, expect, test } from 'vitest';
import type { Pod } from '../api/types';
import { parseRuleFile, type RuleFile } from '../rules';
import { makeNode, makePod } from './builders';
import type { FilterPlugin, ScorePlugin } from './framework';
import { newNodeInfo } from './node-info';
import { compileProfile, factsOf } from './policy';
import { newStatus, SUCCESS, type NodeInfo } from './types';

const file = (name: string, yaml: string): RuleFile => parseRuleFile(`name: ${name}\nrules:\n${yaml}`, `${name}.rules.yaml`);

/** A Filter plugin that rejects nodes whose name is in `rejects`, and records every call. */
function fake(name: string, rejects: string[], calls: string[], preFilter?: FilterPlugin<undefined>['preFilter']): FilterPlugin<undefined> {
  const status = newStatus('Unschedulable', `${name} said no`);
  return {
    name,
    ...(preFilter !== undefined && { preFilter }),
    filter: (_s, _pod, ni) => {
      calls.push(`${name}:${ni.name}`);
      return rejects.includes(ni.name) ? status : SUCCESS;
    },
  };
}

const verdictRule = (plugin: string, priority: number) => `
  - name: ${plugin}
    priority: ${priority}
    conditions: { all: [{ fact: ${plugin}, operator: equal, value: false }] }
    event: { type: reject, params: { plugin: ${plugin} } }`;

const nodeInfo = (name: string, labels: Record<string, string> = {}): NodeInfo => newNodeInfo(makeNode(name, { capacity: { cpu: '1' }, labels }));
const pod: Pod = makePod('p', { containers: [{ cpu: '100m' }] });

function profileOf(filterRules: RuleFile[], filterPlugins: FilterPlugin<undefined>[], scoreRules: RuleFile[] = [], scorePlugins: ScorePlugin<unknown>[] = []) {
  return compileProfile({ filterRules, scoreRules, filterPlugins: filterPlugins as unknown as FilterPlugin<never>[], scorePlugins: scorePlugins as unknown as ScorePlugin<never>[] });
}

describe('factsOf', () => {
  test('lists the facts of fact tests and fact references, once each, in order', () => {
    const rules = file('x', `
  - name: r
    conditions:
      any:
        - { fact: node, path: $.metadata.name, operator: equal, value: { fact: pod, path: $.spec.nodeName } }
        - not: { fact: A, operator: equal, value: false }
        - all: [{ fact: node, operator: exists, value: true }]
    event: { type: reject }`);
    expect(factsOf(rules.rules[0]!.conditions)).toEqual(['node', 'pod', 'A']);
  });
});

describe('filter rules', () => {
  test('run by priority across files, each plugin once, stopping at the first rejection', () => {
    const calls: string[] = [];
    const profile = profileOf([file('a', verdictRule('A', 10)), file('b', verdictRule('B', 20) + verdictRule('C', 10))], [fake('A', ['n1'], calls), fake('B', ['n2'], calls), fake('C', ['n1'], calls)]);
    const filter = profile.filterPod(pod).filter;
    expect(filter(nodeInfo('n1'))).toEqual({ code: 'Unschedulable', reasons: ['A said no'], plugin: 'A' });
    // B (priority 20) first; A before C (same priority, file order).
    expect(calls).toEqual(['B:n1', 'A:n1']);
    calls.length = 0;
    expect(filter(nodeInfo('n2'))).toEqual({ code: 'Unschedulable', reasons: ['B said no'], plugin: 'B' });
    expect(calls).toEqual(['B:n2']);
    calls.length = 0;
    expect(filter(nodeInfo('n3'))).toBe(SUCCESS);
    expect(calls).toEqual(['B:n3', 'A:n3', 'C:n3']);
  });

  test('a rule may combine plugin verdicts with pod and node facts; the event names whose status is reported', () => {
    const calls: string[] = [];
    const rules = file('combined', `
  - name: gpu-nodes-only-for-fitting-pods
    priority: 5
    conditions:
      all:
        - { fact: node, path: $.metadata.labels.gpu, operator: equal, value: "true" }
        - any:
            - { fact: A, operator: equal, value: false }
            - { fact: B, operator: equal, value: false }
    event: { type: reject, params: { plugin: A, code: Unschedulable } }`);
    const profile = profileOf([rules], [fake('A', ['n1'], calls), fake('B', ['n2'], calls)]);
    const filter = profile.filterPod(pod).filter;
    // A failed: its own status, under the code the rule gives.
    expect(filter(nodeInfo('n1', { gpu: 'true' }))).toEqual({ code: 'Unschedulable', reasons: ['A said no'], plugin: 'A' });
    // Only B failed: A passed, so the rule's own fallback reason.
    expect(filter(nodeInfo('n2', { gpu: 'true' }))).toEqual({ code: 'Unschedulable', reasons: [`node(s) didn't satisfy rule "gpu-nodes-only-for-fitting-pods"`], plugin: 'A' });
    // Not a GPU node: no rejection, though B said no.
    expect(filter(nodeInfo('n2'))).toBe(SUCCESS);
  });

  test('a rule with its own reason needs no plugin behind it', () => {
    const rules = file('site', `
  - name: no-canaries
    conditions: { all: [{ fact: node, path: $.metadata.labels.canary, operator: exists, value: true }] }
    event: { type: reject, params: { plugin: SitePolicy, reason: "node(s) were canaries" } }`);
    const filter = profileOf([rules], []).filterPod(pod).filter;
    expect(filter(nodeInfo('n1', { canary: 'yes' }))).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were canaries'], plugin: 'SitePolicy' });
    expect(filter(nodeInfo('n1'))).toBe(SUCCESS);
  });

  test('PreFilter: skip, reject, and the node names it narrows to', () => {
    const calls: string[] = [];
    const skip = fake('A', ['n1'], calls, () => ({ type: 'skip' }));
    const filter = profileOf([file('a', verdictRule('A', 1))], [skip]).filterPod(pod).filter;
    expect(filter(nodeInfo('n1'))).toBe(SUCCESS);
    expect(calls).toEqual([]);

    const unresolvable = fake('A', [], calls, () => ({ type: 'reject', status: newStatus('UnschedulableAndUnresolvable', 'no way') }));
    const never = fake('B', [], calls, () => {
      throw new Error('PreFilter must stop at the first unresolvable rejection');
    });
    const rejected = profileOf([file('ab', verdictRule('A', 2) + verdictRule('B', 1))], [unresolvable, never]).filterPod(pod);
    expect(rejected.rejection).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['no way'], plugin: 'A' });

    const narrowA = fake('A', [], calls, () => ({ type: 'ok', state: undefined, nodeNames: ['n1', 'n2'] }));
    const narrowB = fake('B', [], calls, () => ({ type: 'ok', state: undefined, nodeNames: ['n2', 'n3'] }));
    const narrowed = profileOf([file('ab', verdictRule('A', 2) + verdictRule('B', 1))], [narrowA, narrowB]).filterPod(pod);
    expect([...narrowed.nodeNames!]).toEqual(['n2']);
    expect(narrowed.absentStatus).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin(s) [A B]"] });

    const disjoint = fake('B', [], calls, () => ({ type: 'ok', state: undefined, nodeNames: ['n3'] }));
    const none = profileOf([file('ab', verdictRule('A', 2) + verdictRule('B', 1))], [narrowA, disjoint]).filterPod(pod);
    expect(none.rejection).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't satisfy plugin(s) [A B] simultaneously"] });
  });
});

describe('score rules', () => {
  const plugin = (name: string, seen: string[]): ScorePlugin<unknown> => ({
    name,
    preScore: (_pod, _nodes, args) => {
      seen.push(`${name}:${JSON.stringify(args)}`);
      return { type: 'ok', state: undefined };
    },
    score: () => 7,
  });

  test('enable plugins per pod with a weight and arguments, the first rule per plugin winning', () => {
    const seen: string[] = [];
    const rules = file('scores', `
  - name: pack-batch
    priority: 2
    conditions: { all: [{ fact: pod, path: $.metadata.labels.tier, operator: equal, value: batch }] }
    event: { type: score, params: { plugin: Fit, weight: 3, scoringStrategy: MostAllocated } }
  - name: spread
    conditions: { all: [] }
    event: { type: score, params: { plugin: Fit, weight: 1 } }
  - name: taints
    conditions: { all: [] }
    event: { type: score, params: { plugin: Taints, weight: 2 } }`);
    const profile = profileOf([], [], [rules], [plugin('Fit', seen), plugin('Taints', seen)]);
    const batch = makePod('b', { labels: { tier: 'batch' } });
    const scorer = profile.scorePod(batch, [nodeInfo('n1')]);
    expect(scorer.type === 'ok' && scorer.plugins.map((p) => [p.name, p.weight, p.score(nodeInfo('n1'))])).toEqual([
      ['Fit', 3, 7],
      ['Taints', 2, 7],
    ]);
    expect(seen).toEqual(['Fit:{"plugin":"Fit","weight":3,"scoringStrategy":"MostAllocated"}', 'Taints:{"plugin":"Taints","weight":2}']);
    const other = profile.scorePod(pod, [nodeInfo('n1')]);
    expect(other.type === 'ok' && other.plugins.map((p) => [p.name, p.weight])).toEqual([
      ['Fit', 1],
      ['Taints', 2],
    ]);
  });

  test('a PreScore error stops the attempt, naming the plugin', () => {
    const failing: ScorePlugin<unknown> = { name: 'Broken', preScore: () => ({ type: 'error', message: 'bad term' }), score: () => 0 };
    const rules = file('scores', `
  - name: broken
    conditions: { all: [] }
    event: { type: score, params: { plugin: Broken, weight: 1 } }`);
    expect(profileOf([], [], [rules], [failing]).scorePod(pod, [])).toEqual({ type: 'error', message: 'running PreScore plugin "Broken": bad term' });
  });
});

describe('problems', () => {
  test('every problem of every rule is reported at once', () => {
    const filters = file('filters', `
  - name: wrong-type
    conditions: { all: [{ fact: A, operator: equal, value: false }] }
    event: { type: score, params: { plugin: A } }
  - name: unknown-fact
    conditions: { all: [{ fact: Nope, operator: equal, value: false }] }
    event: { type: reject, params: { plugin: A, code: Maybe } }
  - name: no-reason
    conditions: { all: [{ fact: node, operator: exists, value: true }] }
    event: { type: reject, params: { plugin: SitePolicy } }`);
    const scores = file('scores', `
  - name: bad-weight
    conditions: { all: [{ fact: node, operator: exists, value: true }] }
    event: { type: score, params: { plugin: Missing, weight: 0 } }`);
    let message = '';
    try {
      profileOf([filters], [fake('A', [], [])], [scores], []);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').map((l) => l.trim())).toEqual([
      'invalid scheduler profile:',
      'filters.rules.yaml: rule "wrong-type": event.type: Unsupported value: "score": supported values: "reject"',
      'filters.rules.yaml: rule "unknown-fact": fact: Unsupported value: "Nope": supported values: "pod", "node", "A"',
      'filters.rules.yaml: rule "unknown-fact": event.params.code: Unsupported value: "Maybe": supported values: "Unschedulable", "UnschedulableAndUnresolvable"',
      'filters.rules.yaml: rule "no-reason": event.params.reason: Required value: "SitePolicy" is no Filter plugin, so the rule must give its own reason',
      'scores.rules.yaml: rule "bad-weight": event.params.plugin: Unsupported value: "Missing": supported values:',
      'scores.rules.yaml: rule "bad-weight": event.params.weight: Invalid value: 0: must be a positive integer',
      'scores.rules.yaml: rule "bad-weight": fact: Unsupported value: "node": supported values: "pod"',
    ]);
  });
});
