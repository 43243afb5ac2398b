/**
 * Kata 06-policy-rules: the site policy is a rule file, and these tests load it the way the
 * scheduler does (core/rules `parseRuleFile`, then `compileProfile` with the default filter
 * rules) and ask it about nodes.
 *
 * Upstream has no site policy; the checks follow the scheduler's conventions: a rejected node
 * carries one reason, counted per node in the FitError (pkg/scheduler/framework/types.go,
 * FitError.Error), and filters run in a fixed order, the first rejection winning
 * (pkg/scheduler/framework/runtime/framework.go, RunFilterPlugins). The toleration check is
 * Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import sitePolicyText from '@kata/06-scheduler/site-policy.rules.yaml?raw';
import { scheduleOne } from '@kata/06-scheduler/schedule-one';
import type { Node, Pod, Taint, Toleration } from '../../core/api/types';
import { parseRuleFile, type RuleFile } from '../../core/rules';
import { makeNode, makePod } from '../../core/scheduler/builders';
import { DEFAULT_FILTER_RULES, defaultProfile, readRuleFile } from '../../core/scheduler/default-profile';
import { newNodeInfo } from '../../core/scheduler/node-info';
import { compileProfile } from '../../core/scheduler/policy';
import { schedulerStateFrom } from '../../core/scheduler/snapshot';
import { SUCCESS, type Status } from '../../core/scheduler/types';
import { runs } from '../../core/testing/runs';

const MAINTENANCE = 'example.com/maintenance';
const DEDICATED = 'example.com/dedicated';
const MAINTENANCE_TAINT: Taint = { key: MAINTENANCE, effect: 'NoSchedule' };
const UNDER_MAINTENANCE: Status = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were under maintenance'], plugin: 'SitePolicy' };
const OTHER_TEAM: Status = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were dedicated to another team'], plugin: 'SitePolicy' };
const CORDONED: Status = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'], plugin: 'NodeUnschedulable' };

/** The learner's rule file, loaded as the scheduler loads it: facts `pod` and `node` only. */
function sitePolicy(): RuleFile {
  return parseRuleFile(sitePolicyText, 'site-policy.rules.yaml', { facts: ['pod', 'node'] });
}

/**
 * The site rules with the default NodeUnschedulable rule (a rule of its own, no plugin behind
 * it), compiled without any Filter plugin: these tests run no kata code but the rule file.
 */
function rulesOnly() {
  const defaults = readRuleFile(DEFAULT_FILTER_RULES);
  const nodeUnschedulable: RuleFile = { ...defaults, rules: defaults.rules.filter((r) => r.name === 'NodeUnschedulable') };
  return compileProfile({ filterRules: [nodeUnschedulable, sitePolicy()], scoreRules: [], filterPlugins: [], scorePlugins: [] });
}

function verdict(pod: Pod, node: Node): Status {
  return rulesOnly().filterPod(pod).filter(newNodeInfo(node));
}

const node = (labels: Record<string, string>, unschedulable = false) =>
  makeNode('node-1', { capacity: { cpu: '4', memory: '16Gi', pods: '110' }, labels, ...(unschedulable && { unschedulable }) });
const pod = (options: { team?: string; tolerations?: Toleration[] } = {}) =>
  makePod('web-1', {
    containers: [{ cpu: '500m', memory: '1Gi' }],
    ...(options.team !== undefined && { labels: { team: options.team } }),
    ...(options.tolerations !== undefined && { tolerations: options.tolerations }),
  });

describe('the rule file', () => {
  test('loads with the facts pod and node, and rejects a node under maintenance', () => {
    const file = sitePolicy();
    expect(file.name).toBe('site-policy');
    expect(verdict(pod(), node({ [MAINTENANCE]: 'true' }))).toEqual(UNDER_MAINTENANCE);
  });
});

describe('maintenance', () => {
  test('a node labelled example.com/maintenance=true takes only pods tolerating the maintenance taint', () => {
    const table: { name: string; labels: Record<string, string>; tolerations?: Toleration[]; want: Status }[] = [
      { name: 'under maintenance, no tolerations', labels: { [MAINTENANCE]: 'true' }, want: UNDER_MAINTENANCE },
      { name: 'label false', labels: { [MAINTENANCE]: 'false' }, want: SUCCESS },
      { name: 'no label', labels: {}, want: SUCCESS },
      { name: 'label with another value', labels: { [MAINTENANCE]: 'True' }, want: SUCCESS },
      { name: 'Exists toleration for the key and effect', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: MAINTENANCE, operator: 'Exists', effect: 'NoSchedule' }], want: SUCCESS },
      { name: 'Exists toleration for the key, any effect', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: MAINTENANCE, operator: 'Exists' }], want: SUCCESS },
      { name: 'Exists toleration without key tolerates everything', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ operator: 'Exists' }], want: SUCCESS },
      { name: 'Equal toleration with the empty value', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: MAINTENANCE, operator: 'Equal', value: '', effect: 'NoSchedule' }], want: SUCCESS },
      { name: 'toleration for NoExecute only', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: MAINTENANCE, operator: 'Exists', effect: 'NoExecute' }], want: UNDER_MAINTENANCE },
      { name: 'Equal toleration with another value', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: MAINTENANCE, operator: 'Equal', value: 'yes', effect: 'NoSchedule' }], want: UNDER_MAINTENANCE },
      { name: 'toleration for another key', labels: { [MAINTENANCE]: 'true' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }], want: UNDER_MAINTENANCE },
    ];
    for (const row of table) {
      const p = pod(row.tolerations === undefined ? {} : { tolerations: row.tolerations });
      expect(verdict(p, node(row.labels)), row.name).toEqual(row.want);
    }
  });
});

describe('dedicated-team', () => {
  test('a node labelled example.com/dedicated=<team> takes only pods labelled team=<team>', () => {
    const table: { name: string; labels: Record<string, string>; team?: string; want: Status }[] = [
      { name: 'same team', labels: { [DEDICATED]: 'ml' }, team: 'ml', want: SUCCESS },
      { name: 'another team', labels: { [DEDICATED]: 'ml' }, team: 'web', want: OTHER_TEAM },
      { name: 'no team label', labels: { [DEDICATED]: 'ml' }, want: OTHER_TEAM },
      { name: 'node dedicated to nobody', labels: {}, team: 'web', want: SUCCESS },
      { name: 'node dedicated to nobody, pod of no team', labels: {}, want: SUCCESS },
      { name: 'team names are case-sensitive', labels: { [DEDICATED]: 'ml' }, team: 'ML', want: OTHER_TEAM },
    ];
    for (const row of table) {
      expect(verdict(pod(row.team === undefined ? {} : { team: row.team }), node(row.labels)), row.name).toEqual(row.want);
    }
  });
});

describe('order', () => {
  test('a cordoned node reports NodeUnschedulable first; maintenance comes before the team check', () => {
    const both = { [MAINTENANCE]: 'true', [DEDICATED]: 'ml' };
    expect(verdict(pod({ team: 'web' }), node(both, true))).toEqual(CORDONED);
    expect(verdict(pod({ team: 'web' }), node(both))).toEqual(UNDER_MAINTENANCE);
    expect(verdict(pod({ team: 'web', tolerations: [{ key: MAINTENANCE, operator: 'Exists' }] }), node(both))).toEqual(OTHER_TEAM);
  });

  test('the site rules run before the resource check: a full node under maintenance says maintenance', () => {
    const profile = defaultProfile({ extraFilterRules: [sitePolicy()] });
    const full = makeNode('node-1', { capacity: { cpu: '1', memory: '1Gi', pods: '110' }, labels: { [MAINTENANCE]: 'true' } });
    const big = makePod('big', { containers: [{ cpu: '2', memory: '2Gi' }] });
    expect(profile.filterPod(big).filter(newNodeInfo(full))).toEqual(UNDER_MAINTENANCE);
  });
});

describe('in a scheduling cycle', () => {
  const nodes = [
    makeNode('node-a', { capacity: { cpu: '8', memory: '32Gi', pods: '110' }, labels: { [MAINTENANCE]: 'true' } }),
    makeNode('node-b', { capacity: { cpu: '8', memory: '32Gi', pods: '110' }, labels: { [DEDICATED]: 'ml' } }),
    makeNode('node-c', { capacity: { cpu: '1', memory: '32Gi', pods: '110' } }),
    makeNode('node-d', { capacity: { cpu: '8', memory: '32Gi', pods: '110' } }),
  ];
  const web = makePod('web-1', { labels: { team: 'web' }, containers: [{ cpu: '2', memory: '1Gi' }] });

  test('the pod goes to the only node the policy and the resources allow', () => {
    const profile = defaultProfile({ extraFilterRules: [sitePolicy()] });
    const { result } = scheduleOne(schedulerStateFrom(nodes), web, profile, () => 0);
    expect(result).toMatchObject({ type: 'scheduled', nodeName: 'node-d' });
  });

  test("without it, the FitError counts the site's reasons with the others", () => {
    const profile = defaultProfile({ extraFilterRules: [sitePolicy()] });
    const { result } = scheduleOne(schedulerStateFrom(nodes.slice(0, 3)), web, profile, () => 0);
    expect(result.type === 'unschedulable' && result.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) were dedicated to another team, 1 node(s) were under maintenance. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });
});

describe('properties', () => {
  const labels = fc.record(
    { maintenance: fc.constantFrom('true', 'false'), dedicated: fc.constantFrom('ml', 'web') },
    { requiredKeys: [] },
  );
  const tolerations = fc.array(
    fc.constantFrom<Toleration>(
      { key: MAINTENANCE, operator: 'Exists', effect: 'NoSchedule' },
      { key: MAINTENANCE, operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Equal', value: 'ml' },
    ),
    { maxLength: 2 },
  );
  const tolerates = (list: readonly Toleration[], taint: Taint) =>
    list.some(
      (t) =>
        (t.effect === undefined || t.effect === taint.effect) &&
        (t.key === undefined || t.key === taint.key) &&
        (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '')),
    );

  test('every verdict is the one the policy describes, in priority order', () => {
    fc.assert(
      fc.property(labels, fc.boolean(), fc.option(fc.constantFrom('ml', 'web'), { nil: undefined }), tolerations, (l, cordoned, team, tols) => {
        const n = node({ ...(l.maintenance !== undefined && { [MAINTENANCE]: l.maintenance }), ...(l.dedicated !== undefined && { [DEDICATED]: l.dedicated }) }, cordoned);
        const p = pod({ ...(team !== undefined && { team }), tolerations: tols });
        let want: Status = SUCCESS;
        if (cordoned && !tolerates(tols, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) want = CORDONED;
        else if (l.maintenance === 'true' && !tolerates(tols, MAINTENANCE_TAINT)) want = UNDER_MAINTENANCE;
        else if (l.dedicated !== undefined && team !== l.dedicated) want = OTHER_TEAM;
        expect(verdict(p, n)).toEqual(want);
      }),
      runs(200),
    );
  });
});
