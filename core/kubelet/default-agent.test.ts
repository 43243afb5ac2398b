import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listObjects } from '@kata/01-api-machinery/store';
import { repoRoot } from '../kata/target';
import type { Pod } from '../api/types/pod';
import { seedCluster } from '../runtime/harness';
import { runSimulation, startSimulation } from '../runtime/simulation';
import { kubeletRunnable, readManifestDir } from './default-agent';

describe('the kubelet as the cluster runs it', () => {
  test('with the default rules and a static pod directory, a node runs its pods and its control plane', () => {
    const manifests = { 'node-1': readManifestDir(path.join(repoRoot, 'chapters/05-node-runtime/examples/static-pods')) };
    expect(Object.keys(manifests['node-1'])).toContain('.kube-apiserver.yaml.swp');
    const objects = [
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    ];
    const sim = startSimulation(seedCluster(objects), [kubeletRunnable({ manifests })]);
    runSimulation(sim, { until: '2025-01-01T00:01:00Z' });
    const phases = (listObjects(sim.cluster.store, 'Pod').items as Pod[]).map((p) => `${p.metadata.name}=${p.status?.phase}`);
    expect(phases).toEqual([
      'web=Running',
      'etcd-node-1=Running',
      'kube-apiserver-node-1=Running',
      'kube-controller-manager-node-1=Running',
      'kube-scheduler-node-1=Running',
    ]);
  });
});
