/**
 * Kata 06-node-affinity, the NodeName filter.
 *
 * Examples are upstream's TestNodeName (pkg/scheduler/framework/plugins/nodename/node_name_test.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nodeNameFilter, nodeNameFits } from '@kata/06-scheduler/node-name';
import { makeNode, makePod } from '../../core/scheduler/builders';
import { runs } from '../../core/testing/runs';

describe('NodeName filter: upstream TestNodeName', () => {
  const foo = makeNode('foo');

  test('no host specified', () => {
    expect(nodeNameFilter(makePod('p'), foo).code).toBe('Success');
  });

  test('host matches', () => {
    expect(nodeNameFilter(makePod('p', { nodeName: 'foo' }), foo).code).toBe('Success');
  });

  test("host doesn't match", () => {
    expect(nodeNameFilter(makePod('p', { nodeName: 'bar' }), foo)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match the requested node name"],
    });
  });
});

describe('properties', () => {
  test('a pod that names a node fits exactly that node', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(name, name, (wanted, actual) => {
        expect(nodeNameFits(makePod('p', { nodeName: wanted }), makeNode(actual))).toBe(wanted === actual);
      }),
      runs(50),
    );
  });
});
