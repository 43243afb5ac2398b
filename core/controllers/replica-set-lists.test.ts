import { describe, expect, test } from 'vitest';
import type { ReplicaSet } from '../api/types';
import { byCreationTimestamp, byRevision, bySizeNewer, bySizeOlder, nonNegativeInt32Annotation, revisionOf, sortedBy } from './replica-set-lists';

const rs = (name: string, replicas: number, created?: string, revision?: string): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, ...(created && { creationTimestamp: created }), ...(revision !== undefined && { annotations: { 'deployment.kubernetes.io/revision': revision } }) },
  spec: { replicas, selector: {} },
});
const names = (list: ReplicaSet[]) => list.map((r) => r.metadata.name);
const T1 = '2025-01-01T00:00:00Z';
const T2 = '2025-01-02T00:00:00Z';

describe('ReplicaSet orders (controller_utils.go)', () => {
  test('by creation: oldest first, then by name; no timestamp is the oldest', () => {
    expect(names(sortedBy([rs('b', 1, T1), rs('c', 1, T2), rs('a', 1, T1), rs('z', 1)], byCreationTimestamp))).toEqual(['z', 'a', 'b', 'c']);
  });

  test('by size: largest first; equal sizes newer first (BySizeNewer) or older first (BySizeOlder)', () => {
    const list = [rs('old', 2, T1), rs('new', 2, T2), rs('big', 5, T1)];
    expect(names(sortedBy(list, bySizeNewer))).toEqual(['big', 'new', 'old']);
    expect(names(sortedBy(list, bySizeOlder))).toEqual(['big', 'old', 'new']);
  });

  test('by revision: lowest first; unreadable or equal revisions by creation', () => {
    expect(names(sortedBy([rs('r3', 0, T1, '3'), rs('r1', 0, T2, '1'), rs('x', 0, T1, 'x'), rs('none', 0, T2)], byRevision))).toEqual(['x', 'none', 'r1', 'r3']);
  });
});

describe('annotations', () => {
  test('a missing revision is 0, an unreadable one undefined', () => {
    expect([revisionOf(rs('a', 0)), revisionOf(rs('b', 0, T1, '4')), revisionOf(rs('c', 0, T1, 'four'))]).toEqual([0, 4, undefined]);
  });

  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['invalid', undefined],
    ['-1', undefined],
    ['0', 0],
    ['13', 13],
    ['2147483647', 2147483647],
    ['2147483648', undefined],
  ])('a non-negative int32 annotation %j reads as %j (TestGetNonNegativeInt32FromAnnotation)', (value, expected) => {
    const r: ReplicaSet = { ...rs('a', 0), metadata: { name: 'a', annotations: value === undefined ? {} : { test: value } } };
    expect(nonNegativeInt32Annotation(r, 'test')).toBe(expected);
  });
});
