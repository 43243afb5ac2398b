/**
 * Kata 06-taint-toleration.
 *
 * Examples are upstream's TestTolerationToleratesTaint (staging/src/k8s.io/api/core/v1/
 * toleration_test.go), TestTaintTolerationFilter and TestTaintTolerationScore
 * (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go), and
 * DefaultNormalizeScore's rules (pkg/scheduler/framework/plugins/helper/normalize_score.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  countIntolerableTaintsPreferNoSchedule,
  findMatchingUntoleratedTaint,
  getAllTolerationPreferNoSchedule,
  isDoNotScheduleTaint,
  taintTolerationFilter,
  taintTolerationNormalizeScore,
  taintTolerationScore,
  toleratesTaint,
  tolerationsTolerateTaint,
} from '@kata/06-scheduler/taint-toleration';
import type { Taint, Toleration } from '../../core/api/types';
import { taint as taintArb, toleration as tolerationArb } from '../../core/scheduler/arbitraries';
import { makeNode, makePod } from '../../core/scheduler/builders';
import { runs } from '../../core/testing/runs';

const nodeWithTaints = (name: string, taints: Taint[]) => makeNode(name, { taints });
const podWithTolerations = (tolerations: Toleration[]) => makePod('pod1', { tolerations });

describe('toleratesTaint: upstream TestTolerationToleratesTaint', () => {
  test.each<[string, Toleration, Taint, boolean]>([
    [
      'same key and effect, operator Exists, taint has no value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key and effect, operator Exists, taint has some value',
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same effect, empty key and operator Exists match all taints',
      { key: '', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key, effect and value with operator Equal',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    [
      'same key and effect but different values with operator Equal',
      { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'foo', value: 'value2', effect: 'NoSchedule' },
      false,
    ],
    [
      'same key and value but different effects with operator Equal',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoExecute' },
      false,
    ],
  ])('%s', (_name, toleration, taint, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });

  test('a toleration without operator compares values, as Equal does', () => {
    expect(toleratesTaint({ key: 'foo', value: 'bar' }, { key: 'foo', value: 'bar', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'foo', value: 'baz' }, { key: 'foo', value: 'bar', effect: 'NoExecute' })).toBe(false);
  });

  test('an empty list of tolerations tolerates nothing', () => {
    expect(tolerationsTolerateTaint([], { key: 'foo', effect: 'NoSchedule' })).toBe(false);
    expect(tolerationsTolerateTaint(undefined, { key: 'foo', effect: 'NoSchedule' })).toBe(false);
  });
});

describe('taintTolerationFilter: upstream TestTaintTolerationFilter', () => {
  const rejected = (reason: string) => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });
  test.each<[string, Toleration[], Taint[], object | undefined]>([
    [
      "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      [],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {dedicated: user1}'),
    ],
    [
      'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      undefined,
    ],
    [
      "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {dedicated: user1}'),
    ],
    [
      'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      undefined,
    ],
    [
      'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      undefined,
    ],
    [
      "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      rejected('node(s) had untolerated taint {foo: bar}'),
    ],
    [
      'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      undefined,
    ],
    [
      "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      undefined,
    ],
    [
      'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      [],
      [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      undefined,
    ],
  ])('%s', (_name, tolerations, taints, want) => {
    const status = taintTolerationFilter(podWithTolerations(tolerations), nodeWithTaints('nodeA', taints));
    if (want === undefined) expect(status.code, 'the node passes').toBe('Success');
    else expect(status, 'exact upstream wording').toEqual(want);
  });

  test('a taint without value is printed with an empty value', () => {
    const status = taintTolerationFilter(makePod('p'), nodeWithTaints('n', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]));
    expect(status.reasons).toEqual(['node(s) had untolerated taint {node.kubernetes.io/not-ready: }']);
  });

  test('the first untolerated hard taint is the one reported', () => {
    const taints: Taint[] = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'a', value: '1', effect: 'NoSchedule' },
      { key: 'b', value: '2', effect: 'NoExecute' },
    ];
    expect(findMatchingUntoleratedTaint(taints, [], isDoNotScheduleTaint)).toEqual(taints[1]);
  });
});

describe('taint score: upstream TestTaintTolerationScore', () => {
  /** Score every node, then normalise, as the framework does. */
  const scores = (tolerations: Toleration[], nodes: ReturnType<typeof nodeWithTaints>[]) => {
    const prefer = getAllTolerationPreferNoSchedule(tolerations);
    return taintTolerationNormalizeScore(nodes.map((n) => taintTolerationScore(prefer, n)));
  };
  const armTaint: Taint = { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' };
  const ssdTaint: Taint = { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' };

  test('node with taints tolerated by the pod, gets a higher score than those node with intolerable taints', () => {
    const got = scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [
      nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
    ]);
    expect(got).toEqual([100, 0]);
  });

  test('the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has', () => {
    const tolerations: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ];
    const got = scores(tolerations, [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [armTaint]), nodeWithTaints('nodeC', [armTaint, ssdTaint])]);
    expect(got).toEqual([100, 100, 100]);
  });

  test('the more intolerable taints a node has, the lower score it gets', () => {
    const got = scores([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [armTaint]),
      nodeWithTaints('nodeC', [armTaint, ssdTaint]),
    ]);
    expect(got).toEqual([100, 50, 0]);
  });

  test('only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function', () => {
    const tolerations: Toleration[] = [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ];
    const got = scores(tolerations, [
      nodeWithTaints('nodeA', []),
      nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
      nodeWithTaints('nodeC', [armTaint, ssdTaint]),
    ]);
    expect(got).toEqual([100, 100, 0]);
  });

  test('Default behaviour No taints and tolerations, lands on node with no taints', () => {
    expect(scores([], [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [armTaint])])).toEqual([100, 0]);
  });

  test('every node gets 100 when no node has an intolerable PreferNoSchedule taint', () => {
    expect(taintTolerationNormalizeScore([0, 0, 0])).toEqual([100, 100, 100]);
  });

  test('a toleration without effect counts for PreferNoSchedule taints', () => {
    const prefer = getAllTolerationPreferNoSchedule([{ key: 'cpu-type', operator: 'Exists' }, { key: 'x', operator: 'Exists', effect: 'NoExecute' }]);
    expect(prefer).toEqual([{ key: 'cpu-type', operator: 'Exists' }]);
    expect(countIntolerableTaintsPreferNoSchedule([armTaint, ssdTaint], prefer)).toBe(1);
  });
});

describe('properties', () => {
  test('an Exists toleration with no key and no effect tolerates every taint', () => {
    fc.assert(fc.property(taintArb(), (t) => toleratesTaint({ operator: 'Exists' }, t)), runs(100));
  });

  test('the filter rejects a node exactly when some NoSchedule or NoExecute taint is tolerated by no toleration', () => {
    fc.assert(
      fc.property(fc.array(taintArb(), { maxLength: 3 }), fc.array(tolerationArb(), { maxLength: 3 }), (taints, tolerations) => {
        const blocked = taints.some((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => toleratesTaint(tol, t)));
        const status = taintTolerationFilter(makePod('p', { tolerations }), makeNode('n', { taints }));
        expect(status.code === 'UnschedulableAndUnresolvable', JSON.stringify({ taints, tolerations })).toBe(blocked);
      }),
      runs(200),
    );
  });

  test('normalised scores lie in 0..100, nodes without intolerable taints get 100 and the worst node gets 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 10 }), (raw) => {
        const got = taintTolerationNormalizeScore(raw);
        expect(got.every((s) => s >= 0 && s <= 100)).toBe(true);
        raw.forEach((r, i) => r === 0 && expect(got[i], 'no intolerable taint').toBe(100));
        const worst = Math.max(...raw);
        if (worst > 0) expect(got[raw.indexOf(worst)], 'the most intolerable taints').toBe(0);
      }),
      runs(200),
    );
  });
});
