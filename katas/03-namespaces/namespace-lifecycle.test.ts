/**
 * Kata 03-namespace-lifecycle.
 *
 * Examples: pkg/registry/core/namespace/strategy_test.go (TestNamespaceStrategy: "Namespace
 * should not allow create on update", status Active, the kubernetes finalizer), storage_test.go
 * (TestDeleteNamespaceWithIncompleteFinalizers, TestDeleteNamespaceWithCompleteFinalizers),
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission_test.go
 * (TestAdmissionNamespaceDoesNotExist, ...Active, ...Terminating with the NamespaceTerminating
 * cause), and a model-based test of the whole lifecycle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  deleteNamespace,
  finalizeNamespace,
  namespaceLifecycleAdmission,
  prepareNamespaceForCreate,
  shouldDeleteNamespaceDuringUpdate,
} from '@kata/03-namespaces/namespace-lifecycle';
import type { Namespace } from '../../core/api/types';
import { CHAPTER_POLICIES, compilePolicy } from '../../core/apiserver/policy';
import { admissionCreate, admissionDelete, admissionUpdate } from '../../core/apiserver/requests';
import { NOW, namespace, object, pod } from '../../core/apiserver/testing';
import { repoRoot } from '../../core/kata/target';
import { parseRuleFile } from '../../core/rules';
import { runs } from '../../core/testing/runs';

const manifest = (name: string, spec?: Namespace['spec'], status?: Namespace['status']): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
  ...(spec && { spec }),
  ...(status && { status }),
});

describe('prepareNamespaceForCreate (strategy.go PrepareForCreate, defaults.go SetDefaults_Namespace)', () => {
  test('a new namespace is Active and held by the kubernetes finalizer', () => {
    const created = prepareNamespaceForCreate(manifest('team-a'));
    expect(created.status).toEqual({ phase: 'Active' });
    expect(created.spec?.finalizers).toEqual(['kubernetes']);
  });

  test('kubernetes is appended after the finalizers the manifest names, and never twice', () => {
    expect(prepareNamespaceForCreate(manifest('a', { finalizers: ['example.com/x'] })).spec?.finalizers).toEqual(['example.com/x', 'kubernetes']);
    expect(prepareNamespaceForCreate(manifest('a', { finalizers: ['kubernetes', 'example.com/x'] })).spec?.finalizers).toEqual(['kubernetes', 'example.com/x']);
  });

  test('a status in the manifest is replaced: clients cannot create a Terminating namespace', () => {
    expect(prepareNamespaceForCreate(manifest('a', undefined, { phase: 'Terminating' })).status).toEqual({ phase: 'Active' });
  });

  test('the namespace is labelled kubernetes.io/metadata.name with its own name, next to its own labels', () => {
    const created = prepareNamespaceForCreate({ ...manifest('team-a'), metadata: { name: 'team-a', labels: { env: 'prod' } } });
    expect(created.metadata.labels).toEqual({ env: 'prod', 'kubernetes.io/metadata.name': 'team-a' });
  });
});

describe('deleteNamespace (storage.go REST.Delete)', () => {
  test('the first delete marks the namespace Terminating at now and keeps it', () => {
    const outcome = deleteNamespace(namespace('team-a'), NOW);
    expect(outcome.type).toBe('terminate');
    if (outcome.type !== 'terminate') return;
    expect(outcome.namespace.metadata.deletionTimestamp).toBe(NOW);
    expect(outcome.namespace.status?.phase).toBe('Terminating');
    expect(outcome.namespace.spec?.finalizers, 'the finalizer stays until the content is gone').toEqual(['kubernetes']);
  });

  test('a delete while spec.finalizers remain changes nothing (TestDeleteNamespaceWithIncompleteFinalizers)', () => {
    expect(deleteNamespace(namespace('team-a', { terminating: NOW }), '2025-01-01T12:05:00Z')).toEqual({ type: 'wait' });
  });

  test('a delete once spec.finalizers is empty removes the namespace (TestDeleteNamespaceWithCompleteFinalizers)', () => {
    expect(deleteNamespace(namespace('team-a', { terminating: NOW, finalizers: [] }), NOW)).toEqual({ type: 'remove' });
  });

  test('deleting again never moves the deletion timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3600 }), (later) => {
        const first = deleteNamespace(namespace('team-a'), NOW);
        if (first.type !== 'terminate') throw new Error(`expected terminate, got ${first.type}`);
        const again = deleteNamespace(first.namespace, new Date(Date.parse(NOW) + later * 1000).toISOString());
        expect(again.type).toBe('wait');
        expect(first.namespace.metadata.deletionTimestamp).toBe(NOW);
      }),
      runs(20),
    );
  });
});

describe('finalizeNamespace and shouldDeleteNamespaceDuringUpdate', () => {
  test('finalizing takes out only the kubernetes token and leaves the rest sorted and unique', () => {
    const held = namespace('a', { terminating: NOW, finalizers: ['z.example/x', 'kubernetes', 'a.example/y', 'z.example/x'] });
    expect(finalizeNamespace(held).spec?.finalizers).toEqual(['a.example/y', 'z.example/x']);
  });

  test('finalizing with another token takes out that token', () => {
    expect(finalizeNamespace(namespace('a', { finalizers: ['kubernetes', 'example.com/x'] }), 'example.com/x').spec?.finalizers).toEqual(['kubernetes']);
  });

  test('finalizing twice is the same as finalizing once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('kubernetes', 'example.com/a', 'example.com/b'), { maxLength: 5 }), (finalizers) => {
        const once = finalizeNamespace(namespace('a', { finalizers }));
        expect(finalizeNamespace(once)).toEqual(once);
      }),
      runs(50),
    );
  });

  test('an update that empties spec.finalizers of a deleting namespace removes it', () => {
    const deleting = namespace('a', { terminating: NOW });
    expect(shouldDeleteNamespaceDuringUpdate(finalizeNamespace(deleting), deleting)).toBe(true);
  });

  test('a metadata finalizer, a spec finalizer left, or a namespace not being deleted keeps it', () => {
    const deleting = namespace('a', { terminating: NOW });
    const withMetadataFinalizer = { ...finalizeNamespace(deleting), metadata: { ...deleting.metadata, finalizers: ['example.com/audit'] } };
    expect(shouldDeleteNamespaceDuringUpdate(withMetadataFinalizer, deleting)).toBe(false);
    expect(shouldDeleteNamespaceDuringUpdate(deleting, deleting)).toBe(false);
    const active = namespace('a');
    expect(shouldDeleteNamespaceDuringUpdate(finalizeNamespace(active), active)).toBe(false);
  });
});

describe('NamespaceLifecycle admission (lifecycle/admission_test.go)', () => {
  test('deleting default, kube-system or kube-public is forbidden: namespaces "default" is forbidden: this namespace may not be deleted', () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const status = namespaceLifecycleAdmission(admissionDelete('Namespace', '', name), undefined);
      expect(status).toMatchObject({ code: 403, reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
    }
  });

  test('deleting any other namespace, kube-node-lease included, is allowed', () => {
    expect(namespaceLifecycleAdmission(admissionDelete('Namespace', '', 'kube-node-lease'), undefined)).toBeUndefined();
    expect(namespaceLifecycleAdmission(admissionDelete('Namespace', '', 'team-a'), undefined)).toBeUndefined();
  });

  test('creating a pod in a namespace that does not exist is NotFound: namespaces "test" not found', () => {
    const status = namespaceLifecycleAdmission(admissionCreate(pod('123', 'test')), undefined);
    expect(status).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "test" not found' });
  });

  test('updating in a missing namespace is refused as well, deleting is not (TestAdmissionNamespaceDoesNotExist)', () => {
    const p = pod('123', 'test');
    expect(namespaceLifecycleAdmission(admissionUpdate(p, p), undefined)?.code).toBe(404);
    expect(namespaceLifecycleAdmission(admissionDelete('Pod', 'test', '123'), undefined)).toBeUndefined();
  });

  test('creating a pod in an Active namespace is allowed (TestAdmissionNamespaceActive)', () => {
    expect(namespaceLifecycleAdmission(admissionCreate(pod('123', 'test')), namespace('test'))).toBeUndefined();
  });

  test('creating in a Terminating namespace is forbidden, with the NamespaceTerminating cause on metadata.namespace', () => {
    const status = namespaceLifecycleAdmission(admissionCreate(pod('123', 'test')), namespace('test', { terminating: NOW }));
    expect(status).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "123" is forbidden: unable to create new content in namespace test because it is being terminated',
    });
    expect(status?.details?.causes).toEqual([{ field: 'metadata.namespace', message: 'namespace test is being terminated' }]);
  });

  test('updates and deletes in a Terminating namespace go through, so it can be emptied', () => {
    const p = pod('123', 'test');
    const terminating = namespace('test', { terminating: NOW });
    expect(namespaceLifecycleAdmission(admissionUpdate(p, p), terminating)).toBeUndefined();
    expect(namespaceLifecycleAdmission(admissionDelete('Pod', 'test', '123'), terminating)).toBeUndefined();
  });

  test('any kind of content is refused in a Terminating namespace, a binding of an existing pod included', () => {
    const terminating = namespace('test', { terminating: NOW });
    const status = namespaceLifecycleAdmission(admissionCreate(object('ConfigMap', 'settings', 'test')), terminating);
    expect(status?.message).toBe('configmaps "settings" is forbidden: unable to create new content in namespace test because it is being terminated');
    expect(namespaceLifecycleAdmission(admissionCreate(pod('web', 'test'), 'binding'), terminating)?.code).toBe(403);
  });

  test('a pod created with generateName is named by its prefix in the refusal (extractResourceName)', () => {
    const generated = { ...pod('', 'test'), metadata: { generateName: 'web-', namespace: 'test', name: '' } };
    const status = namespaceLifecycleAdmission(admissionCreate(generated), namespace('test', { terminating: NOW }));
    expect(status?.message).toBe('pods "web-" is forbidden: unable to create new content in namespace test because it is being terminated');
  });

  test('cluster-scoped kinds and namespaces themselves are never refused for a namespace', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } };
    expect(namespaceLifecycleAdmission(admissionCreate(node), undefined)).toBeUndefined();
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } };
    expect(namespaceLifecycleAdmission(admissionCreate(ns), undefined)).toBeUndefined();
  });

  test('the wording and the immortal list come from the policy, not from the code', () => {
    const text = readFileSync(path.join(repoRoot, CHAPTER_POLICIES.namespaceLifecycle.file), 'utf8')
      .replace('this namespace may not be deleted', 'ask the platform team first')
      .replace('[default, kube-system, kube-public]', '[default, platform]');
    const policy = compilePolicy(parseRuleFile(text, 'custom.rules.yaml'));
    expect(namespaceLifecycleAdmission(admissionDelete('Namespace', '', 'platform'), undefined, policy)?.message).toBe(
      'namespaces "platform" is forbidden: ask the platform team first',
    );
    expect(namespaceLifecycleAdmission(admissionDelete('Namespace', '', 'kube-system'), undefined, policy)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based test: the registry, admission and finalization together behave like a four-state
// model (Active, Terminating, Terminating and empty, gone) with a count of content.
// ---------------------------------------------------------------------------------------------

type Model = { exists: boolean; terminating: boolean; content: number };
type Real = { namespace: Namespace | undefined; content: string[]; clock: number; created: number };

const at = (real: Real) => new Date(Date.parse(NOW) + real.clock * 1000).toISOString().replace('.000Z', 'Z');

function expectSame(model: Model, real: Real): void {
  expect(real.namespace !== undefined, 'the namespace exists').toBe(model.exists);
  if (!real.namespace) return;
  expect(real.namespace.status?.phase, 'phase').toBe(model.terminating ? 'Terminating' : 'Active');
  expect(real.namespace.metadata.deletionTimestamp !== undefined, 'deletionTimestamp is set exactly while Terminating').toBe(model.terminating);
  expect(real.content.length, 'content count').toBe(model.content);
}

const createContent: fc.Command<Model, Real> = {
  check: (m) => m.exists,
  run: (m, r) => {
    r.clock++;
    const name = `pod-${r.created++}`;
    const refused = namespaceLifecycleAdmission(admissionCreate(pod(name, 'team-a')), r.namespace);
    expect(refused === undefined, 'a create is admitted exactly while the namespace is Active').toBe(!m.terminating);
    if (!refused) {
      r.content.push(name);
      m.content++;
    }
    expectSame(m, r);
  },
  toString: () => 'create a pod in team-a',
};

const updateContent: fc.Command<Model, Real> = {
  check: (m) => m.exists && m.content > 0,
  run: (m, r) => {
    const p = pod(r.content[0]!, 'team-a');
    expect(namespaceLifecycleAdmission(admissionUpdate(p, p), r.namespace), 'updates are always admitted').toBeUndefined();
    expectSame(m, r);
  },
  toString: () => 'update a pod in team-a',
};

const deleteContent: fc.Command<Model, Real> = {
  check: (m) => m.exists && m.content > 0,
  run: (m, r) => {
    const name = r.content.shift()!;
    expect(namespaceLifecycleAdmission(admissionDelete('Pod', 'team-a', name), r.namespace), 'deletes are always admitted').toBeUndefined();
    m.content--;
    expectSame(m, r);
  },
  toString: () => 'delete a pod in team-a',
};

const deleteTheNamespace: fc.Command<Model, Real> = {
  check: (m) => m.exists,
  run: (m, r) => {
    r.clock++;
    expect(namespaceLifecycleAdmission(admissionDelete('Namespace', '', 'team-a'), undefined)).toBeUndefined();
    const outcome = deleteNamespace(r.namespace!, at(r));
    if (outcome.type === 'terminate') r.namespace = outcome.namespace;
    if (outcome.type === 'remove') r.namespace = undefined;
    // The spec finalizer only goes when the content is gone, so a delete never removes it here.
    m.terminating = true;
    expectSame(m, r);
  },
  toString: () => 'kubectl delete namespace team-a',
};

const finalize: fc.Command<Model, Real> = {
  check: (m) => m.exists && m.terminating && m.content === 0,
  run: (m, r) => {
    const existing = r.namespace!;
    const updated = finalizeNamespace(existing);
    r.namespace = shouldDeleteNamespaceDuringUpdate(updated, existing) ? undefined : updated;
    m.exists = false;
    expectSame(m, r);
  },
  toString: () => 'the namespace controller finalizes team-a (content is gone)',
};

test('the namespace lifecycle behaves like its model under any sequence of creates, updates, deletes and finalizations', () => {
  fc.assert(
    fc.property(
      fc.commands([fc.constant(createContent), fc.constant(updateContent), fc.constant(deleteContent), fc.constant(deleteTheNamespace), fc.constant(finalize)], {
        maxCommands: 25,
      }),
      (commands) => {
        const real: Real = { namespace: prepareNamespaceForCreate(manifest('team-a')), content: [], clock: 0, created: 0 };
        fc.modelRun(() => ({ model: { exists: true, terminating: false, content: 0 }, real }), commands);
      },
    ),
    runs(100),
  );
});
