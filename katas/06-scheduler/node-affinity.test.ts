/**
 * Kata 06-node-affinity.
 *
 * Examples are upstream's TestNodeAffinity and TestNodeAffinityPriority
 * (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go, v1.32); the cases with
 * the plugin's AddedAffinity argument are left out, this project has no scheduler config file.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  nodeAffinityFilter,
  nodeAffinityNormalizeScore,
  nodeAffinityPreFilter,
  nodeAffinityPreScore,
  nodeAffinityScore,
  nodeSelectorTermMatches,
  parseNodeSelectorTerm,
  requiredNodeAffinity,
  requiredNodeAffinityMatches,
} from '@kata/06-scheduler/node-affinity';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../core/api/types';
import { node as nodeArb, nodeSelectorTerm as termArb, pod as podArb, preferredTerms } from '../../core/scheduler/arbitraries';
import { makeNode, makePod } from '../../core/scheduler/builders';
import { runs } from '../../core/testing/runs';

const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const rejected = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD] };

const requiredPod = (...terms: NodeSelectorTerm[]): Pod =>
  makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorRequirement => ({
  key,
  operator,
  ...(values !== undefined && { values }),
});
const nameIs = (name: string): NodeSelectorRequirement => ({ key: 'metadata.name', operator: 'In', values: [name] });

/** What the PreFilter should say: skip, a rejection reason, the node names, or "all nodes". */
type WantPreFilter = 'skip' | 'all' | { reject: string } | { nodeNames: string[] };

function checkPreFilter(pod: Pod, want: WantPreFilter): void {
  const got = nodeAffinityPreFilter(pod);
  if (want === 'skip') expect(got, 'PreFilter skips a pod with no node constraints').toEqual({ type: 'skip' });
  else if (want === 'all') {
    expect(got.type, 'PreFilter keeps every node').toBe('ok');
    expect(got.type === 'ok' ? got.nodeNames : 'no', 'no node names').toBeUndefined();
  } else if ('reject' in want) expect(got).toEqual({ type: 'reject', status: { code: 'UnschedulableAndUnresolvable', reasons: [want.reject] } });
  else expect(got.type === 'ok' ? got.nodeNames : got, 'PreFilter narrows to these nodes').toEqual(want.nodeNames);
}

describe('NodeAffinity filter: upstream TestNodeAffinity', () => {
  type Case = [string, Pod, Record<string, string> | undefined, string, boolean, WantPreFilter];
  test.each<Case>([
    ['missing labels', makePod('p', { nodeSelector: { foo: 'bar' } }), undefined, '', false, 'all'],
    ['same labels', makePod('p', { nodeSelector: { foo: 'bar' } }), { foo: 'bar' }, '', true, 'all'],
    ['node labels are superset', makePod('p', { nodeSelector: { foo: 'bar' } }), { foo: 'bar', baz: 'blah' }, '', true, 'all'],
    ['node labels are subset', makePod('p', { nodeSelector: { foo: 'bar', baz: 'blah' } }), { foo: 'bar' }, '', false, 'all'],
    [
      'Pod with matchExpressions using In operator that matches the existing node',
      requiredPod({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }),
      { foo: 'bar' },
      '',
      true,
      'all',
    ],
    [
      'Pod with matchExpressions using Gt operator that matches the existing node',
      requiredPod({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }),
      { 'kernel-version': '0206' },
      '',
      true,
      'all',
    ],
    [
      'Pod with matchExpressions using NotIn operator that matches the existing node',
      requiredPod({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] }),
      { 'mem-type': 'DDR3' },
      '',
      true,
      'all',
    ],
    [
      'Pod with matchExpressions using Exists operator that matches the existing node',
      requiredPod({ matchExpressions: [expr('GPU', 'Exists')] }),
      { GPU: 'NVIDIA-GRID-K1' },
      '',
      true,
      'all',
    ],
    [
      "Pod with affinity that don't match node's labels won't schedule onto the node",
      requiredPod({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }),
      { foo: 'bar' },
      '',
      false,
      'all',
    ],
    [
      'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node',
      requiredPod({ matchExpressions: [] }),
      { foo: 'bar' },
      '',
      false,
      'all',
    ],
    ['Pod with no Affinity will schedule onto a node', makePod('p'), { foo: 'bar' }, '', true, 'skip'],
    ['Pod with Affinity but nil NodeSelector will schedule onto a node', makePod('p', { affinity: { nodeAffinity: {} } }), { foo: 'bar' }, '', true, 'skip'],
    [
      'Pod with multiple matchExpressions ANDed that matches the existing node',
      requiredPod({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }),
      { GPU: 'NVIDIA-GRID-K1' },
      '',
      true,
      'all',
    ],
    [
      "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      requiredPod({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }),
      { GPU: 'NVIDIA-GRID-K1' },
      '',
      false,
      'all',
    ],
    [
      "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      requiredPod({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] }),
      { foo: 'bar' },
      '',
      true,
      'all',
    ],
    [
      'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      { ...requiredPod({ matchExpressions: [expr('foo', 'Exists')] }), spec: { ...requiredPod({ matchExpressions: [expr('foo', 'Exists')] }).spec!, nodeSelector: { foo: 'bar' } } },
      { foo: 'bar' },
      '',
      true,
      'all',
    ],
    [
      'Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won\'t schedule onto the node',
      { ...requiredPod({ matchExpressions: [expr('foo', 'Exists')] }), spec: { ...requiredPod({ matchExpressions: [expr('foo', 'Exists')] }).spec!, nodeSelector: { foo: 'bar' } } },
      { foo: 'barrrrrr' },
      '',
      false,
      'all',
    ],
    [
      "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      requiredPod({ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] }),
      { foo: 'bar' },
      '',
      false,
      'all',
    ],
    ['Pod with matchFields using In operator that matches the existing node', requiredPod({ matchFields: [nameIs('node1')] }), undefined, 'node1', true, { nodeNames: ['node1'] }],
    [
      'Pod with matchFields using In operator that does not match the existing node',
      requiredPod({ matchFields: [nameIs('node1')] }),
      undefined,
      'node2',
      false,
      { nodeNames: ['node1'] },
    ],
    [
      'Pod with two terms: matchFields does not match, but matchExpressions matches',
      requiredPod({ matchFields: [nameIs('node1'), nameIs('node2')] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node2',
      true,
      'all',
    ],
    [
      'Pod with one term: matchFields does not match, but matchExpressions matches',
      requiredPod({ matchFields: [nameIs('node1')], matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node2',
      false,
      { nodeNames: ['node1'] },
    ],
    [
      'Pod with one term: both matchFields and matchExpressions match',
      requiredPod({ matchFields: [nameIs('node1')], matchExpressions: [expr('foo', 'In', ['bar'])] }),
      { foo: 'bar' },
      'node1',
      true,
      { nodeNames: ['node1'] },
    ],
    [
      'Pod with two terms: both matchFields and matchExpressions do not match',
      requiredPod({ matchFields: [nameIs('node1')] }, { matchExpressions: [expr('foo', 'In', ['not-match-to-bar'])] }),
      { foo: 'bar' },
      'node2',
      false,
      'all',
    ],
    ['Pod with two terms of node.Name affinity', requiredPod({ matchFields: [nameIs('node1')] }, { matchFields: [nameIs('node2')] }), undefined, 'node2', true, { nodeNames: ['node1', 'node2'] }],
    [
      'Pod with two conflicting mach field requirements',
      requiredPod({ matchFields: [nameIs('node1'), nameIs('node2')] }),
      { foo: 'bar' },
      'node2',
      false,
      { reject: 'pod affinity terms conflict' },
    ],
  ])('%s', (_name, pod, labels, nodeName, fits, wantPreFilter) => {
    checkPreFilter(pod, wantPreFilter);
    const node = makeNode(nodeName, labels === undefined ? {} : { labels });
    const status = nodeAffinityFilter(requiredNodeAffinity(pod), node);
    if (fits) expect(status.code, 'the node passes').toBe('Success');
    else expect(status, 'exact upstream wording').toEqual(rejected);
  });
});

describe('NodeAffinity score: upstream TestNodeAffinityPriority', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const affinity1: PreferredSchedulingTerm[] = [{ weight: 2, preference: { matchExpressions: [expr('foo', 'In', ['bar'])] } }];
  const affinity2: PreferredSchedulingTerm[] = [
    { weight: 2, preference: { matchExpressions: [expr('foo', 'In', ['bar'])] } },
    { weight: 4, preference: { matchExpressions: [expr('key', 'In', ['value'])] } },
    { weight: 5, preference: { matchExpressions: [expr('foo', 'In', ['bar']), expr('key', 'In', ['value']), expr('az', 'In', ['az1'])] } },
  ];
  const preferredPod = (terms: PreferredSchedulingTerm[]) => makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } });
  const scoresOf = (pod: Pod, labels: Record<string, string>[]) => {
    const pre = nodeAffinityPreScore(pod);
    if (pre.type !== 'ok') throw new Error(`PreScore should succeed, got ${JSON.stringify(pre)}`);
    return nodeAffinityNormalizeScore(labels.map((l, i) => nodeAffinityScore(pre.state, makeNode(`node${i}`, { labels: l }))));
  };

  test('Skip is returned in PreScore when NodeAffinity is nil', () => {
    expect(nodeAffinityPreScore(makePod('p'))).toEqual({ type: 'skip' });
  });

  test('PreScore returns error when an incoming Pod has a broken affinity', () => {
    const pod = preferredPod([{ weight: 2, preference: { matchExpressions: [expr('invalid key', 'In', ['bar'])] } }]);
    expect(nodeAffinityPreScore(pod)).toEqual({
      type: 'error',
      message:
        '[0].matchExpressions[0].key: Invalid value: "invalid key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    });
  });

  test("no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero", () => {
    expect(scoresOf(preferredPod(affinity1), [label4, label2, label3])).toEqual([0, 0, 0]);
  });

  test('only node1 matches the preferred scheduling requirements of pod', () => {
    expect(scoresOf(preferredPod(affinity1), [label1, label2, label3])).toEqual([100, 0, 0]);
  });

  test('all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
    expect(scoresOf(preferredPod(affinity2), [label1, label5, label2])).toEqual([18, 100, 36]);
  });

  test('a preferred term with weight 0 is dropped', () => {
    const pre = nodeAffinityPreScore(preferredPod([{ weight: 0, preference: { matchExpressions: [expr('foo', 'Exists')] } }]));
    expect(pre).toEqual({ type: 'ok', state: [] });
  });
});

describe('node selector terms', () => {
  test('a term with a matchFields requirement of two values never matches (it must have one element)', () => {
    const term = parseNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] });
    expect(term.parseErrors.length, 'the term records its parse error').toBe(1);
    expect(nodeSelectorTermMatches(term, makeNode('a'))).toBe(false);
  });

  test('Lt compares integers, not strings', () => {
    const term = parseNodeSelectorTerm({ matchExpressions: [expr('cores', 'Lt', ['10'])] });
    expect(nodeSelectorTermMatches(term, makeNode('n', { labels: { cores: '9' } }))).toBe(true);
    expect(nodeSelectorTermMatches(term, makeNode('n', { labels: { cores: '10' } }))).toBe(false);
    expect(nodeSelectorTermMatches(term, makeNode('n', { labels: { cores: 'nine' } })), 'a value that is no integer').toBe(false);
  });

  test('NotIn and DoesNotExist hold for a node without the label', () => {
    const term = parseNodeSelectorTerm({ matchExpressions: [expr('zone', 'NotIn', ['a']), expr('gpu', 'DoesNotExist')] });
    expect(nodeSelectorTermMatches(term, makeNode('n'))).toBe(true);
  });

  test('an empty required term list matches no node', () => {
    expect(requiredNodeAffinityMatches(requiredNodeAffinity(requiredPod()), makeNode('n'))).toBe(false);
  });
});

describe('properties', () => {
  test('required terms are ORed: a node matches exactly when it matches some term on its own', () => {
    fc.assert(
      fc.property(fc.array(termArb(['node-0']), { minLength: 1, maxLength: 3 }), nodeArb(fc.constantFrom('node-0', 'node-1')), (terms, node) => {
        const all = requiredNodeAffinityMatches(requiredNodeAffinity(requiredPod(...terms)), node);
        const some = terms.some((t) => requiredNodeAffinityMatches(requiredNodeAffinity(requiredPod(t)), node));
        expect(all).toBe(some);
      }),
      runs(200),
    );
  });

  test('the filter and the matcher agree for any pod and node', () => {
    fc.assert(
      fc.property(podArb(), nodeArb(), (pod, node) => {
        const required = requiredNodeAffinity(pod);
        expect(nodeAffinityFilter(required, node).code === 'Success').toBe(requiredNodeAffinityMatches(required, node));
      }),
      runs(200),
    );
  });

  test('normalised affinity scores lie in 0..100 and the best node gets 100 when any term matches', () => {
    fc.assert(
      fc.property(preferredTerms(), fc.array(nodeArb(), { minLength: 1, maxLength: 5 }), (terms, nodes) => {
        const pre = nodeAffinityPreScore(makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } }));
        if (pre.type !== 'ok') return;
        const raw = nodes.map((n) => nodeAffinityScore(pre.state, n));
        const got = nodeAffinityNormalizeScore(raw);
        expect(got.every((s) => s >= 0 && s <= 100)).toBe(true);
        if (Math.max(...raw) > 0) expect(got[raw.indexOf(Math.max(...raw))]).toBe(100);
      }),
      runs(200),
    );
  });
});
