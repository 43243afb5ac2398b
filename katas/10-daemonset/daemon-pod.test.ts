/**
 * Kata 10-daemon-pod.
 *
 * Examples follow upstream's pkg/controller/daemon/util/daemonset_util_test.go
 * (TestReplaceDaemonSetPodNodeNameNodeAffinity, TestGetTargetNodeName, TestIsPodUpdated,
 * TestCreatePodTemplate) and daemon_controller_test.go
 * (TestSimpleDaemonSetScheduleDaemonSetPodsLaunchesPods: what a created pod looks like).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createPodTemplate, getTargetNodeName, getTemplateGeneration, isPodUpdated, newDaemonPod, replaceDaemonSetPodNodeNameNodeAffinity } from '@kata/10-daemonset/daemon-pod';
import type { Affinity, NodeSelectorTerm, Pod, Toleration } from '../../core/api/types';
import { daemonSetLook, daemonSetWithLook } from '../../core/controllers/daemonset-arbitraries';
import { daemonPod, newDaemonSet, SIMPLE_DAEMONSET_LABEL } from '../../core/controllers/daemonset-fixtures';
import { targetNodeOf } from '../../core/controllers/daemonset-testing';
import { runs } from '../../core/testing/runs';

const nameIs = (...values: string[]): NodeSelectorTerm => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values }] });
const required = (...terms: NodeSelectorTerm[]): Affinity => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const hostnameIs = (key: string, value: string): NodeSelectorTerm => ({ matchExpressions: [{ key, operator: 'In', values: [value] }] });

describe('replaceDaemonSetPodNodeNameNodeAffinity: TestReplaceDaemonSetPodNodeNameNodeAffinity', () => {
  test('no affinity: a required term with matchFields metadata.name In [host_1]', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(undefined, 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('a required kubernetes.io/hostname term is replaced by the metadata.name term', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(required(hostnameIs('kubernetes.io/hostname', 'host_1')), 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('preferred terms are kept and the required term is added', () => {
    const preferred = [{ weight: 1, preference: hostnameIs('kubernetes.io/hostname', 'host_1') }];
    expect(replaceDaemonSetPodNodeNameNodeAffinity({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } }, 'host_1')).toEqual({
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nameIs('host_1')] } },
    });
  });

  test('a metadata.name term naming two nodes is narrowed to the one', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(required(nameIs('host_1', 'host_2')), 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('every required term goes, a label term and a metadata.name term for another node alike', () => {
    expect(replaceDaemonSetPodNodeNameNodeAffinity(required(hostnameIs('hostname', 'host_1'), nameIs('host_2')), 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('a NotIn metadata.name term is replaced', () => {
    const notIn: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['host_2'] }] };
    expect(replaceDaemonSetPodNodeNameNodeAffinity(required(notIn), 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('a matchFields term on another field is replaced', () => {
    const foo: NodeSelectorTerm = { matchFields: [{ key: 'metadata.foo', operator: 'In', values: ['bar'] }] };
    expect(replaceDaemonSetPodNodeNameNodeAffinity(required(foo), 'host_1')).toEqual(required(nameIs('host_1')));
  });

  test('pod affinity is kept and the input is not changed', () => {
    const affinity: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] }, ...required(nameIs('x')) };
    const copy = structuredClone(affinity);
    const out = replaceDaemonSetPodNodeNameNodeAffinity(affinity, 'host_1');
    expect(out.podAntiAffinity).toEqual(affinity.podAntiAffinity);
    expect(affinity).toEqual(copy);
  });
});

describe('getTargetNodeName: TestGetTargetNodeName', () => {
  const pod = (name: string, spec: Pod['spec']): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });

  test('a bound pod belongs to its spec.nodeName', () => {
    expect(getTargetNodeName(pod('pod1', { containers: [], nodeName: 'node-1' }))).toEqual({ nodeName: 'node-1' });
  });

  test('an unbound pod belongs to the node its metadata.name term names', () => {
    expect(getTargetNodeName(pod('pod2', { containers: [], affinity: required(nameIs('node-1')) }))).toEqual({ nodeName: 'node-1' });
  });

  test('a metadata.name term with two names is an error', () => {
    expect(getTargetNodeName(pod('pod3', { containers: [], affinity: required(nameIs('node-1', 'node-2')) }))).toEqual({ error: "the matchFields value of 'metadata.name' is not unique for pod default/pod3" });
  });

  test('a pod without node name or affinity is an error', () => {
    expect(getTargetNodeName(pod('pod4', { containers: [] }))).toEqual({ error: 'no spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution for pod default/pod4' });
  });

  test('required affinity without terms, and terms without a metadata.name In, are errors', () => {
    expect(getTargetNodeName(pod('pod5', { containers: [], affinity: required() }))).toEqual({ error: 'no nodeSelectorTerms in requiredDuringSchedulingIgnoredDuringExecution of pod default/pod5' });
    expect(getTargetNodeName(pod('pod6', { containers: [], affinity: required(hostnameIs('zone', 'a')) }))).toEqual({ error: 'no node name found for pod default/pod6' });
  });
});

describe('isPodUpdated: TestIsPodUpdated', () => {
  // Upstream's table builds the "doesn't match" generation as a second pointer and compares
  // it printed (an address); the cases below mean what the table's names say: another value.
  const generation = 12345n;
  const hash = '55555';
  const labels = { 'pod-template-generation': '12345', 'controller-revision-hash': hash };
  const labelsNoHash = { 'pod-template-generation': '12345' };
  const pod = (l: Record<string, string> | undefined): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod1', namespace: 'default', ...(l && { labels: l }) }, spec: { containers: [], nodeName: 'node1' } });
  const cases: [string, bigint, Pod, string, boolean][] = [
    ['templateGeneration and hash both match', generation, pod(labels), hash, true],
    ["templateGeneration matches, hash doesn't", generation, pod(labels), `${hash}123`, true],
    ['templateGeneration matches, no hash label, has hash', generation, pod(labelsNoHash), hash, true],
    ['templateGeneration matches, no hash label, no hash', generation, pod(labelsNoHash), '', true],
    ['templateGeneration matches, has hash label, no hash', generation, pod(labels), '', true],
    ["templateGeneration doesn't match, hash does", generation + 1n, pod(labels), hash, true],
    ["templateGeneration and hash don't match", generation + 1n, pod(labels), `${hash}123`, false],
    ['empty labels, no hash', generation, pod({}), '', false],
    ['empty labels', generation, pod({}), hash, false],
    ['no labels', generation, pod(undefined), hash, false],
  ];
  for (const [name, g, p, h, want] of cases) {
    test(`${name}: ${want ? 'updated' : 'not updated'}`, () => expect(isPodUpdated(p, h, g)).toBe(want));
  }

  test('without a template generation only the hash counts', () => {
    expect(isPodUpdated(pod(labels), hash, undefined)).toBe(true);
    expect(isPodUpdated(pod(labelsNoHash), hash, undefined)).toBe(false);
  });
});

describe('getTemplateGeneration and createPodTemplate', () => {
  test('the generation comes from the deprecated.daemonset.template.generation annotation; absent or not an integer is none', () => {
    const ds = newDaemonSet('foo');
    const annotated = (value: string) => ({ ...ds, metadata: { ...ds.metadata, annotations: { 'deprecated.daemonset.template.generation': value } } });
    expect(getTemplateGeneration(annotated('7'))).toBe(7n);
    expect(getTemplateGeneration(ds)).toBeUndefined();
    expect(getTemplateGeneration(annotated('seven'))).toBeUndefined();
  });

  test('TestCreatePodTemplate: generation 1 and no hash give a generation label and no hash label', () => {
    const labels = createPodTemplate({}, 1n, '').metadata?.labels;
    expect(labels).toEqual({ 'pod-template-generation': '1' });
  });

  test('TestCreatePodTemplate: generation 2 and hash 3242341807 give both labels', () => {
    expect(createPodTemplate({}, 2n, '3242341807').metadata?.labels).toEqual({ 'pod-template-generation': '2', 'controller-revision-hash': '3242341807' });
  });

  test('the template gets the daemon tolerations, keeps its own labels, and is not changed', () => {
    const template = newDaemonSet('foo').spec!.template;
    const copy = structuredClone(template);
    const out = createPodTemplate(template, undefined, 'h');
    expect(out.metadata?.labels).toEqual({ ...SIMPLE_DAEMONSET_LABEL, 'controller-revision-hash': 'h' });
    expect(out.spec?.tolerations).toHaveLength(6);
    expect(template).toEqual(copy);
  });
});

describe('newDaemonPod: TestSimpleDaemonSetScheduleDaemonSetPodsLaunchesPods', () => {
  const made = () => newDaemonPod(newDaemonSet('foo'), 'node-3', 'abc');

  test('the pod is not bound: no spec.nodeName', () => {
    expect(made().spec?.nodeName).toBeUndefined();
  });

  test('exactly one required term with exactly one field: metadata.name In [the node]', () => {
    expect(made().spec?.affinity).toEqual(required(nameIs('node-3')));
  });

  test('the name is generated from `<daemonset>-` in the DaemonSet\'s namespace', () => {
    const pod = made();
    expect(pod.metadata.name).toBe('');
    expect(pod.metadata.generateName).toBe('foo-');
    expect(pod.metadata.namespace).toBe('default');
  });

  test('the controller reference names the DaemonSet (apps/v1, controller: true)', () => {
    expect(made().metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'uid-foo', controller: true, blockOwnerDeletion: true }]);
  });

  test('the labels are the template\'s plus controller-revision-hash, and the spec has the daemon tolerations', () => {
    expect(made().metadata.labels).toEqual({ ...SIMPLE_DAEMONSET_LABEL, 'controller-revision-hash': 'abc' });
    expect((made().spec?.tolerations ?? []).map((t: Toleration) => t.key)).toContain('node.kubernetes.io/not-ready');
  });

  test('a pod made for a node is recognised as up to date with the hash it was made with', () => {
    expect(isPodUpdated(made(), 'abc', undefined)).toBe(true);
    expect(isPodUpdated(made(), 'xyz', undefined)).toBe(false);
  });
});

describe('properties', () => {
  test('whatever the template\'s affinity, the pod made for a node targets exactly that node', () => {
    fc.assert(
      fc.property(daemonSetLook(), fc.constantFrom('node-0', 'a.b.c', 'constructor'), (look, nodeName) => {
        const pod = newDaemonPod(daemonSetWithLook('ds', look), nodeName, 'h');
        expect(getTargetNodeName(pod)).toEqual({ nodeName });
        expect(targetNodeOf(pod)).toBe(nodeName);
        expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toHaveLength(1);
      }),
      runs(100),
    );
  });

  test('a bound pod belongs to its node whatever its affinity says', () => {
    fc.assert(
      fc.property(fc.constantFrom('node-0', 'node-1'), fc.constantFrom('node-0', 'node-2'), (bound, named) => {
        const pod = daemonPod('p', named, {}, undefined, { unbound: true });
        expect(getTargetNodeName({ ...pod, spec: { ...pod.spec!, nodeName: bound } })).toEqual({ nodeName: bound });
      }),
      runs(20),
    );
  });
});
