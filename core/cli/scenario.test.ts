import { describe, expect, test } from 'vitest';
import { listObjects } from '@kata/01-api-machinery/store';
import type { KubeObject } from '../api/meta';
import type { ClusterState } from '../cluster/state';
import { runScenario, scenarioNames, splitWords } from './scenario';

const names = (cluster: ClusterState, kind: string) => listObjects(cluster.store, kind, 'default').items.map((o) => o.metadata.name);
const live = (cluster: ClusterState, kind: string) => listObjects(cluster.store, kind, 'default').items.filter((o) => !o.metadata.deletionTimestamp);
const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string }).nodeName;

describe('scenarios', () => {
  test('every shipped scenario is listed', () => {
    expect(scenarioNames()).toEqual(expect.arrayContaining(['blue-green', 'daemonset-nodes', 'rolling-update', 'spark-1000', 'statefulset-scale']));
  });

  test('command lines split on spaces but keep quoted words together', () => {
    expect(splitWords(`get pods -l "app=web,version=green" -o wide`)).toEqual(['get', 'pods', '-l', 'app=web,version=green', '-o', 'wide']);
  });

  test('statefulset-scale: scaling down keeps web-0 and every claim', () => {
    const cluster = runScenario('statefulset-scale', () => {});
    expect(names(cluster, 'Pod')).toEqual(['web-0']);
    expect(names(cluster, 'PersistentVolumeClaim')).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4']);
  });

  test('statefulset-scale: pods start in ordinal order, each after the previous is running', () => {
    let printed = '';
    runScenario('statefulset-scale', (text) => (printed += text));
    // After the first 3 s only web-0 exists (and is running); web-1 follows, then web-2.
    const firstListing = printed.split('$ kubectl get pods -l app=nginx')[1] ?? '';
    expect(firstListing).toContain('web-0');
    expect(firstListing).not.toContain('web-2');
  });

  test('daemonset-nodes: one daemon pod on every node that is still there', () => {
    const cluster = runScenario('daemonset-nodes', () => {});
    const nodes = listObjects(cluster.store, 'Node').items.map((n) => n.metadata.name).sort();
    expect(nodes).toEqual(['node-1', 'node-3', 'node-4']);
    const onNodes = live(cluster, 'Pod').map(nodeOf).filter((n): n is string => n !== undefined && nodes.includes(n)).sort();
    expect(onNodes).toEqual(nodes);
    // The pod of the node that left is removed by the pod garbage collector.
    expect(live(cluster, 'Pod')).toHaveLength(3);
  });
});
