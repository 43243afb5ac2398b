/**
 * The toleration operators. Expected results come from upstream's
 * staging/src/k8s.io/api/core/v1/toleration_test.go (TestTolerationToleratesTaint) and the
 * TaintToleration filter (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go:
 * only NoSchedule and NoExecute taints keep a pod off a node).
 */
import { describe, expect, test } from 'vitest';
import { evaluateOperator } from './operators/definition';
import { TOLERATION_OPERATORS, toleratesTaint } from './operators/tolerations';

const tolerates = TOLERATION_OPERATORS.find((o) => o.name === 'tolerates')!;
const toleratesBlocking = TOLERATION_OPERATORS.find((o) => o.name === 'toleratesBlockingTaints')!;
const taint = (key: string, effect: string, value = '') => ({ key, value, effect });

describe('toleratesTaint', () => {
  test.each([
    ['same key and effect, Exists, taint without value', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, taint('foo', 'NoSchedule'), true],
    ['same key and effect, Exists, taint with a value', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, taint('foo', 'NoSchedule', 'bar'), true],
    ['empty key with Exists matches every key', { key: '', operator: 'Exists', effect: 'NoSchedule' }, taint('foo', 'NoSchedule', 'bar'), true],
    ['same key, effect and value with Equal', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, taint('foo', 'NoSchedule', 'bar'), true],
    ['different values with Equal', { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }, taint('foo', 'NoSchedule', 'value2'), false],
    ['different effects', { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, taint('foo', 'NoExecute', 'bar'), false],
    ['Gt with a smaller taint value', { key: 'sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', '800'), false],
    ['Gt with a greater taint value', { key: 'sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', '950'), true],
    ['Lt with a greater taint value', { key: 'sla', operator: 'Lt', value: '800', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', '950'), false],
    ['Lt with a smaller taint value', { key: 'sla', operator: 'Lt', value: '950', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', '800'), true],
    ['Gt with an equal taint value', { key: 'sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', '950'), false],
    ['Gt with a non-numeric taint value', { key: 'sla', operator: 'Gt', value: '950', effect: 'NoSchedule' }, taint('sla', 'NoSchedule', 'high'), false],
    ['Gt with negative values', { key: 'k', operator: 'Gt', value: '-100', effect: 'NoSchedule' }, taint('k', 'NoSchedule', '-200'), false],
    ['Gt with a large int64 bound', { key: 'k', operator: 'Gt', value: '9223372036854775806', effect: 'NoSchedule' }, taint('k', 'NoSchedule', '100'), false],
  ])('%s: tolerated is %s', (_description, toleration, t, expected) => {
    expect(toleratesTaint(toleration, t)).toBe(expected);
  });

  test('an empty effect matches every effect, and no operator means Equal', () => {
    expect(toleratesTaint({ key: 'foo', value: 'bar' }, taint('foo', 'NoExecute', 'bar'))).toBe(true);
  });
});

describe('tolerates', () => {
  test('every taint in the list must be tolerated by some toleration', () => {
    const tolerations = [{ key: 'a', operator: 'Exists' }, { key: 'b', value: 'x' }];
    expect(evaluateOperator(tolerates, tolerations, [taint('a', 'NoSchedule'), taint('b', 'NoExecute', 'x')])).toBe(true);
    expect(evaluateOperator(tolerates, tolerations, [taint('a', 'NoSchedule'), taint('c', 'NoExecute')])).toBe(false);
  });

  test('a single taint may be given without a list', () => {
    expect(evaluateOperator(tolerates, [{ operator: 'Exists' }], taint('a', 'NoSchedule'))).toBe(true);
  });

  test('missing tolerations tolerate nothing, and missing taints need no toleration', () => {
    expect(evaluateOperator(tolerates, undefined, taint('a', 'NoSchedule'))).toBe(false);
    expect(evaluateOperator(tolerates, undefined, undefined)).toBe(true);
  });

  test('tolerations that are not a list tolerate nothing', () => {
    expect(evaluateOperator(tolerates, { key: 'a', operator: 'Exists' }, taint('a', 'NoSchedule'))).toBe(false);
  });
});

describe('toleratesBlockingTaints', () => {
  test('PreferNoSchedule taints never block', () => {
    expect(evaluateOperator(toleratesBlocking, [], [taint('a', 'PreferNoSchedule')])).toBe(true);
  });

  test('an untolerated NoSchedule or NoExecute taint blocks', () => {
    expect(evaluateOperator(toleratesBlocking, [], [taint('a', 'NoSchedule')])).toBe(false);
    expect(evaluateOperator(toleratesBlocking, [{ key: 'a', operator: 'Exists' }], [taint('a', 'NoSchedule'), taint('b', 'NoExecute')])).toBe(false);
  });

  test('a node without taints blocks nothing', () => {
    expect(evaluateOperator(toleratesBlocking, undefined, undefined)).toBe(true);
  });
});
