/**
 * Kata 03-admission-policy: a rule file, not code. The learner's file (or the reference, with
 * KATA_TARGET=solutions) is imported as text through `@kata`, parsed with the facts the site
 * policy offers, and run the way the admission chain runs it (core/apiserver/site-policy.ts).
 *
 * The policy is this project's own example, so its expected messages are the kata's statement;
 * the message shapes follow kube-apiserver's field errors (`<path>: Required value: ...`,
 * `<path>: Invalid value: ...`, staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import text from '@kata/03-namespaces/admission-policy.rules.yaml?raw';
import type { KubeObject } from '../../core/api/meta';
import type { Namespace, Pod, ResourceList } from '../../core/api/types';
import { compilePolicy, parseKataRuleFile, SITE_POLICY } from '../../core/apiserver/policy';
import { admissionCreate, admissionDelete, admissionUpdate } from '../../core/apiserver/requests';
import { sitePolicyAdmission } from '../../core/apiserver/site-policy';
import { container, namespace, object, pod } from '../../core/apiserver/testing';
import { runs } from '../../core/testing/runs';

/** The kata's rule file, loaded as the chain loads it (a file still carrying its to-do marker is a stub). */
const load = () => compilePolicy(parseKataRuleFile(text, 'admission-policy.rules.yaml', SITE_POLICY.kata, SITE_POLICY.facts));

const prod = namespace('shop', { labels: { env: 'prod' } });
const exempt = namespace('shop', { labels: { env: 'prod', 'policy.example.com/exempt': 'true' } });
const dev = namespace('shop', { labels: { env: 'dev' } });

const limited = (name: string, limits: ResourceList) => container(name, { requests: limits, limits });
const teamPod = (containers = [limited('app', { cpu: '1', memory: '1Gi' })], extra: Partial<Pod['spec']> = {}): Pod => {
  const p = pod('web', 'shop', containers, extra);
  return { ...p, metadata: { ...p.metadata, labels: { team: 'payments' } } };
};
const decide = (object: KubeObject, ns: Namespace | undefined) => sitePolicyAdmission(admissionCreate(object), ns, load())?.message;
const denied = (why: string, resource = 'pods "web"') => `${resource} is forbidden: admission-policy denied request: ${why}`;

describe('the admission policy for env=prod namespaces', () => {
  test('a pod with a team label and limited containers is admitted in prod', () => {
    expect(decide(teamPod(), prod)).toBeUndefined();
  });

  test('a container without a memory limit is refused, naming its field path', () => {
    const p = teamPod([limited('app', { cpu: '1', memory: '1Gi' }), limited('sidecar', { cpu: '100m' })]);
    expect(decide(p, prod)).toBe(denied('spec.containers[1].resources.limits.memory: Required value: containers in namespaces labelled env=prod must set a memory limit'));
  });

  test('init containers are held to the same rule', () => {
    const p = teamPod(undefined, { initContainers: [container('migrate')] });
    expect(decide(p, prod)).toBe(denied('spec.initContainers[0].resources.limits.memory: Required value: containers in namespaces labelled env=prod must set a memory limit'));
  });

  test('a cpu limit of 4 is allowed, 4500m is not', () => {
    expect(decide(teamPod([limited('app', { cpu: '4', memory: '1Gi' })]), prod)).toBeUndefined();
    expect(decide(teamPod([limited('app', { cpu: '4500m', memory: '1Gi' })]), prod)).toBe(
      denied('spec.containers[0].resources.limits.cpu: Invalid value: must be at most 4 in namespaces labelled env=prod'),
    );
  });

  test('every object in prod needs a team label, pods and config maps alike', () => {
    const unlabelled = { ...teamPod(), metadata: { name: 'web', namespace: 'shop' } };
    expect(decide(unlabelled, prod)).toBe(denied('metadata.labels: Required value: objects in namespaces labelled env=prod need a team label'));
    expect(decide(object('ConfigMap', 'settings', 'shop'), prod)).toBe(
      denied('metadata.labels: Required value: objects in namespaces labelled env=prod need a team label', 'configmaps "settings"'),
    );
  });

  test('a namespace labelled policy.example.com/exempt=true is exempt', () => {
    expect(decide(pod('web', 'shop', [container('app')]), exempt)).toBeUndefined();
  });

  test('other namespaces are not touched: env=dev, or no labels at all', () => {
    expect(decide(pod('web', 'shop', [container('app', { limits: { cpu: '16' } })]), dev)).toBeUndefined();
    expect(decide(pod('web', 'shop', [container('app')]), namespace('shop'))).toBeUndefined();
  });

  test('updates are judged like creates; deletes never are', () => {
    const unlimited = teamPod([container('app')]);
    expect(sitePolicyAdmission(admissionUpdate(unlimited, unlimited), prod, load())?.code).toBe(403);
    expect(sitePolicyAdmission(admissionDelete('Pod', 'shop', 'web'), prod, load())).toBeUndefined();
  });

  test('outside namespaces labelled env=prod the policy never refuses anything', () => {
    const labels = fc.dictionary(fc.constantFrom('env', 'team', 'tier'), fc.constantFrom('dev', 'staging', 'qa', 'payments'), { noNullPrototype: true });
    const resources = fc.record({ cpu: fc.constantFrom('100m', '8'), memory: fc.constantFrom('1Gi') }, { requiredKeys: [] }) as fc.Arbitrary<ResourceList>;
    fc.assert(
      fc.property(labels, fc.array(resources, { minLength: 1, maxLength: 3 }), (nsLabels, limits) => {
        const ns = namespace('shop', { labels: nsLabels });
        const p = pod('web', 'shop', limits.map((l, i) => container(`c${i}`, { limits: l })));
        expect(decide(p, ns)).toBeUndefined();
      }),
      runs(50),
    );
  });
});
