import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../core/api/types/pod';
import { repoRoot } from '../../core/kata/target';
import { nodeNamed } from '../../core/kubelet/testing/builders';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';
import { applyStaticPodDefaults, isMirrorPod, isStaticPod, mirrorPodFor, readStaticPods, syncMirrorPods } from '@kata/05-node-runtime/static-pods';

const exampleDir = path.join(repoRoot, 'chapters/05-node-runtime/examples/static-pods');
const examples = () => Object.fromEntries(readdirSync(exampleDir).map((f) => [f, readFileSync(path.join(exampleDir, f), 'utf8')]));
const manifest = (name: string, image = 'nginx:1.27', extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extra}spec:\n  containers:\n    - name: app\n      image: ${image}\n`;
const node = nodeNamed('node-1');

describe('reading the manifest directory', () => {
  test('the control plane manifests become four static pods named after the node, and the editor swap file is skipped', () => {
    // Seed 000: `ls /etc/kubernetes/manifests/` shows etcd, kube-apiserver, kube-controller-manager, kube-scheduler.
    const { pods, errors } = readStaticPods('control-plane', examples());
    expect(errors).toEqual([]);
    expect(pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'kube-system/etcd-control-plane',
      'kube-system/kube-apiserver-control-plane',
      'kube-system/kube-controller-manager-control-plane',
      'kube-system/kube-scheduler-control-plane',
    ]);
  });

  test('a static pod is bound to the node, annotated with its source and hash, and tolerates every NoExecute taint', () => {
    const [pod] = readStaticPods('node-1', { 'web.yaml': manifest('web') }).pods;
    // config/common.go applyDefaults: namespace default, nodeName, config.hash = UID, toleration {Exists, NoExecute}.
    expect(pod?.metadata).toMatchObject({ name: 'web-node-1', namespace: 'default', annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': pod?.metadata.uid } });
    expect(pod?.metadata.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(pod?.spec?.nodeName).toBe('node-1');
    expect(pod?.spec?.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    expect(pod?.status).toEqual({ phase: 'Pending' });
  });

  test('the node name is lower-cased in the pod name', () => {
    const [pod] = readStaticPods('Node-A', { 'web.yaml': manifest('web') }).pods;
    expect(pod?.metadata.name).toBe('web-node-a');
  });

  test('the UID stays while the file stays, and changes with its content or its node', () => {
    const uid = (nodeName: string, text: string) => readStaticPods(nodeName, { 'web.yaml': text }).pods[0]?.metadata.uid;
    expect(uid('node-1', manifest('web'))).toBe(uid('node-1', manifest('web')));
    expect(uid('node-1', manifest('web', 'nginx:1.28'))).not.toBe(uid('node-1', manifest('web')));
    expect(uid('node-2', manifest('web'))).not.toBe(uid('node-1', manifest('web')));
  });

  test('an existing toleration of every NoExecute taint is not added twice', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [], tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] } } as Pod;
    expect(applyStaticPodDefaults(pod, 'node-1', '/etc/kubernetes/manifests/web.yaml').spec?.tolerations).toHaveLength(1);
  });

  test('a file that does not decode is reported by name and skipped; the others are read', () => {
    const { pods, errors } = readStaticPods('node-1', { 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [oops\n', 'web.yaml': manifest('web') });
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-node-1']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toContain('/etc/kubernetes/manifests/bad.yaml');
  });

  test('a file holding something other than a Pod is reported', () => {
    const { pods, errors } = readStaticPods('node-1', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
    expect(pods).toEqual([]);
    expect(errors).toEqual(['/etc/kubernetes/manifests/cm.yaml: invalid pod: the file holds a ConfigMap, not a Pod']);
  });

  test('a second pod with a name already taken is ignored', () => {
    const { pods, errors } = readStaticPods('node-1', { 'a.yaml': manifest('web'), 'b.yaml': manifest('web', 'nginx:1.28') });
    expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.27']);
    expect(errors).toEqual(['/etc/kubernetes/manifests/b.yaml: Error validating pod web-node-1 from file due to duplicate pod name "web-node-1", ignoring']);
  });

  test('static and mirror pods are told apart by their annotations', () => {
    const [pod] = readStaticPods('node-1', { 'web.yaml': manifest('web') }).pods;
    expect(isStaticPod(pod!)).toBe(true);
    expect(isMirrorPod(pod!)).toBe(false);
    expect(isMirrorPod(mirrorPodFor(pod!, node))).toBe(true);
    expect(isStaticPod({ ...pod!, metadata: { ...pod!.metadata, annotations: { 'kubernetes.io/config.source': 'api' } } })).toBe(false);
  });
});

describe('mirror pods', () => {
  const staticPod = () => readStaticPods('node-1', { 'web.yaml': manifest('web', 'nginx:1.27', '  labels:\n    app: web\n') }).pods[0]!;
  const stored = (pod: Pod, uid = 'mirror-uid', extra: Partial<Pod['metadata']> = {}): Pod => ({ ...pod, metadata: { ...pod.metadata, uid, ...extra } });

  test('a mirror pod carries the static pod hash and a controller reference to the Node', () => {
    const pod = staticPod();
    const mirror = mirrorPodFor(pod, node);
    // pod/mirror_client.go CreateMirrorPod.
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(pod.metadata.annotations?.['kubernetes.io/config.hash']);
    expect(mirror.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-node-1', controller: true }]);
    expect(mirror.metadata.labels).toEqual({ app: 'web' });
    expect(mirror.metadata.uid, 'the API server gives the mirror its own UID').toBeUndefined();
    expect(mirror.spec?.nodeName).toBe('node-1');
  });

  test('a static pod without a mirror gets one', () => {
    expect(syncMirrorPods([staticPod()], [], node)).toEqual([{ type: 'create', object: mirrorPodFor(staticPod(), node) }]);
  });

  test('a current mirror needs nothing', () => {
    expect(syncMirrorPods([staticPod()], [stored(mirrorPodFor(staticPod(), node))], node)).toEqual([]);
  });

  test('a mirror whose file is gone is deleted at once, guarded by its UID', () => {
    expect(syncMirrorPods([], [stored(mirrorPodFor(staticPod(), node))], node)).toEqual([
      { type: 'delete', kind: 'Pod', namespace: 'default', name: 'web-node-1', gracePeriodSeconds: 0, preconditions: { uid: 'mirror-uid' } },
    ]);
  });

  test('a deleted mirror is removed and created again: deleting it does not stop the static pod', () => {
    const terminating = stored(mirrorPodFor(staticPod(), node), 'mirror-uid', { deletionTimestamp: '2025-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
    expect(syncMirrorPods([staticPod()], [terminating], node).map((i) => i.type)).toEqual(['delete', 'create']);
  });

  test('a mirror of an older version of the file is replaced', () => {
    const old = readStaticPods('node-1', { 'web.yaml': manifest('web', 'nginx:1.26', '  labels:\n    app: web\n') }).pods[0]!;
    const intents = syncMirrorPods([staticPod()], [stored(mirrorPodFor(old, node))], node);
    expect(intents.map((i) => i.type)).toEqual(['delete', 'create']);
    expect((intents[1] as Extract<Intent, { type: 'create' }>).object.spec).toMatchObject({ containers: [{ image: 'nginx:1.27' }] });
  });

  test('no mirror is created over a regular pod of the same name', () => {
    const regular: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-node-1', namespace: 'default', uid: 'x' }, spec: { nodeName: 'node-1', containers: [] } };
    expect(syncMirrorPods([staticPod()], [regular], node)).toEqual([]);
  });

  test('no mirror is created for a Node that is being deleted', () => {
    expect(syncMirrorPods([staticPod()], [], { ...node, metadata: { ...node.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } })).toEqual([]);
  });

  test('applying the intents makes the mirrors match the static pods, and a second sync asks for nothing', () => {
    const images = ['nginx:1.26', 'nginx:1.27'];
    const dir = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom(...images), { maxKeys: 4 });
    fc.assert(
      fc.property(dir, dir, fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 2 }), (before, after, deletedByUser) => {
        const read = (d: Record<string, string>) => readStaticPods('node-1', Object.fromEntries(Object.entries(d).map(([n, image]) => [`${n}.yaml`, manifest(n, image)]))).pods;
        let pods: Pod[] = read(before).map((p, i) => stored(mirrorPodFor(p, node), `m${i}`));
        pods = pods.map((p) => (deletedByUser.some((n) => p.metadata.name === `${n}-node-1`) ? { ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:30Z' } } : p));
        const wanted = read(after);
        let serial = 0;
        for (const intent of syncMirrorPods(wanted, pods, node)) {
          if (intent.type === 'delete') pods = pods.filter((p) => p.metadata.name !== intent.name);
          if (intent.type === 'create') pods = [...pods, stored(intent.object as Pod, `new-${serial++}`)];
        }
        const summary = (list: Pod[]) => list.map((p) => `${p.metadata.name}=${p.metadata.annotations?.['kubernetes.io/config.hash'] ?? p.metadata.annotations?.['kubernetes.io/config.mirror']}`).sort();
        expect(summary(pods)).toEqual(summary(wanted));
        expect(syncMirrorPods(wanted, pods, node)).toEqual([]);
      }),
      runs(100),
    );
  });
});
