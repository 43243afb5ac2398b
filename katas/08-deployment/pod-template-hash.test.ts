/**
 * Kata 08-pod-template-hash.
 *
 * FNV values are Go's hash/fnv golden32a vectors (fnv_test.go). The safe encoding follows
 * rand.go's SafeEncodeString (`alphanums[int(r) % len(alphanums)]`, alphabet
 * "bcdfghjklmnpqrstvwxz2456789"). Hash tables: TestComputeHash
 * (pkg/controller/controller_utils_test.go), TestPodTemplateSpecHash
 * (pkg/controller/deployment/util/hash_test.go), TestEqualIgnoreHash (deployment_util_test.go).
 * The collision-count bytes are checked against an independent FNV-1a written with BigInt.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeHash, equalIgnoreHash, fnv32a, replicaSetIdentity, safeEncodeString } from '@kata/08-deployment/pod-template-hash';
import type { Deployment, PodTemplateSpec } from '../../core/api/types';
import { canonicalJson } from '../../core/controllers/canonical-json';
import { generateDeployment, generatePodTemplateSpec } from '../../core/controllers/deployment-fixtures';
import { runs } from '../../core/testing/runs';

const bytes = (text: string) => new TextEncoder().encode(text);
const HASH = 'pod-template-hash';

/** FNV-1a, 32 bits, as the FNV specification writes it (offset basis 2166136261, prime 16777619). */
function referenceFnv32a(data: Uint8Array): number {
  let hash = 2166136261n;
  for (const b of data) hash = ((hash ^ BigInt(b)) * 16777619n) % 4294967296n;
  return Number(hash);
}

describe('fnv32a', () => {
  // Go hash/fnv golden32a.
  test.each<[string, number]>([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['ab', 0x4d2505ca],
    ['abc', 0x1a47e90b],
  ])('FNV-32a of %j is Go golden value %i', (text, expected) => {
    expect(fnv32a(bytes(text))).toBe(expected);
  });

  test('agrees with the FNV-1a specification on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        expect(fnv32a(data)).toBe(referenceFnv32a(data));
      }),
      runs(100),
    );
  });

  test('continues from a given hash as a streaming hasher does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), fc.uint8Array({ maxLength: 32 }), (a, b) => {
        expect(fnv32a(b, fnv32a(a))).toBe(referenceFnv32a(new Uint8Array([...a, ...b])));
      }),
      runs(50),
    );
  });
});

describe('safeEncodeString', () => {
  test('decimal digits map onto the end and the start of the alphabet', () => {
    // '0' is code point 48, 48 % 27 = 21: the 22nd letter of "bcdfghjklmnpqrstvwxz2456789".
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  test('letters are encoded by code point too', () => {
    // 'a' = 97, 97 % 27 = 16 → 'v'; 'z' = 122, 122 % 27 = 14 → 's'.
    expect(safeEncodeString('az')).toBe('vs');
  });

  test('an empty string stays empty', () => {
    expect(safeEncodeString('')).toBe('');
  });
});

describe('computeHash', () => {
  const empty: PodTemplateSpec = {};

  // TestComputeHash: "simple" and "using math.MaxInt64" (the latter with MaxInt32 against nil).
  test('different collision counts give different hashes', () => {
    expect(computeHash(empty, 1)).not.toBe(computeHash(empty, 2));
  });

  test('no collision count and the largest one give different hashes', () => {
    expect(computeHash(empty, undefined)).not.toBe(computeHash(empty, 2147483647));
  });

  test('is FNV-32a over the canonical JSON, safe-encoded in decimal', () => {
    const template = generateDeployment('nginx').spec!.template;
    expect(computeHash(template)).toBe(safeEncodeString(String(referenceFnv32a(bytes(canonicalJson(template))))));
  });

  test('mixes the collision count in as 4 little-endian bytes and 4 zero bytes', () => {
    const template = generateDeployment('nginx').spec!.template;
    const data = new Uint8Array([...bytes(canonicalJson(template)), 3, 1, 0, 0, 0, 0, 0, 0]);
    expect(computeHash(template, 259)).toBe(safeEncodeString(String(referenceFnv32a(data))));
  });

  test('only uses the safe alphabet and at most 10 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.option(fc.nat({ max: 2147483647 }), { nil: undefined }), (image, count) => {
        const hash = computeHash({ spec: { containers: [{ name: 'c', image }] } }, count);
        expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
      }),
      runs(100),
    );
  });

  test('an empty label map and no labels are the same template and hash the same', () => {
    expect(computeHash({ metadata: { labels: {} }, spec: { containers: [] } })).toBe(computeHash({ spec: { containers: [] } }));
  });

  // TestPodTemplateSpecHash: 1000 versions of one template, no collision.
  test('1000 versions of one template get 1000 different hashes', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const template: PodTemplateSpec = {
        metadata: { labels: { app: 'cats' } },
        spec: {
          containers: [
            {
              name: 'cats',
              image: `registry/test/cats:v0.${i}.0`,
              ports: [{ name: 'http', containerPort: 9077, protocol: 'TCP' }],
              env: [
                { name: 'DEPLOYMENT_ENVIRONMENT', value: 'cats-stubbed-functional' },
                { name: 'APP_NAME', value: 'cats' },
              ],
              resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } },
              terminationMessagePath: '/dev/termination-log',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
        },
      };
      const hash = computeHash(template);
      expect(seen.has(hash), `versions ${seen.get(hash)} and ${i} collide on ${hash}`).toBe(false);
      seen.set(hash, i);
    }
  });
});

describe('equalIgnoreHash', () => {
  const t = generatePodTemplateSpec;
  // TestEqualIgnoreHash, each case in both orders.
  const cases: [string, PodTemplateSpec, PodTemplateSpec, boolean][] = [
    ['Same spec, same labels', t('foo', 'foo-node', {}, { [HASH]: 'value-1', something: 'else' }), t('foo', 'foo-node', {}, { [HASH]: 'value-1', something: 'else' }), true],
    ['Same spec, only pod-template-hash label value is different', t('foo', 'foo-node', {}, { [HASH]: 'value-1', something: 'else' }), t('foo', 'foo-node', {}, { [HASH]: 'value-2', something: 'else' }), true],
    ["Same spec, the former doesn't have pod-template-hash label", t('foo', 'foo-node', {}, { something: 'else' }), t('foo', 'foo-node', {}, { [HASH]: 'value-2', something: 'else' }), true],
    ["Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels", t('foo', 'foo-node', {}, { something: 'else' }), t('foo', 'foo-node', {}, { [HASH]: 'value-2' }), false],
    ["Same spec, the label is different, the latter doesn't have pod-template-hash label, same number of labels", t('foo', 'foo-node', {}, { [HASH]: 'value-1' }), t('foo', 'foo-node', {}, { something: 'else' }), false],
    ['Same spec, the label is different, and the pod-template-hash label value is the same', t('foo', 'foo-node', {}, { [HASH]: 'value-1' }), t('foo', 'foo-node', {}, { [HASH]: 'value-1', something: 'else' }), false],
    ['Different spec, same labels', t('foo', 'foo-node', { former: 'value' }, { [HASH]: 'value-1', something: 'else' }), t('foo', 'foo-node', { latter: 'value' }, { [HASH]: 'value-1', something: 'else' }), false],
    ['Different spec, different pod-template-hash label value', t('foo-1', 'foo-node', {}, { [HASH]: 'value-1', something: 'else' }), t('foo-2', 'foo-node', {}, { [HASH]: 'value-2', something: 'else' }), false],
    ["Different spec, the former doesn't have pod-template-hash label", t('foo-1', 'foo-node-1', {}, { something: 'else' }), t('foo-2', 'foo-node-2', {}, { [HASH]: 'value-2', something: 'else' }), false],
    ['Different spec, different labels', t('foo', 'foo-node-1', {}, { something: 'else' }), t('foo', 'foo-node-2', {}, { nothing: 'else' }), false],
  ];
  test.each(cases)('%s', (_name, former, latter, expected) => {
    expect(equalIgnoreHash(former, latter), 'in the given order').toBe(expected);
    expect(equalIgnoreHash(latter, former), 'in reverse order').toBe(expected);
  });

  test('leaves both templates untouched', () => {
    const a = t('foo', 'n', {}, { [HASH]: 'x' });
    const b = t('foo', 'n', {}, { [HASH]: 'y' });
    equalIgnoreHash(a, b);
    expect(a.metadata?.labels).toEqual({ [HASH]: 'x' });
    expect(b.metadata?.labels).toEqual({ [HASH]: 'y' });
  });
});

describe('replicaSetIdentity', () => {
  const d = generateDeployment('nginx');

  test('names the ReplicaSet <deployment>-<hash of the template>', () => {
    const id = replicaSetIdentity(d);
    expect(id.hash).toBe(computeHash(d.spec!.template));
    expect(id.name).toBe(`nginx-${id.hash}`);
  });

  test('labels the template and extends the selector with the hash', () => {
    const id = replicaSetIdentity(d);
    expect(id.template.metadata?.labels).toEqual({ name: 'nginx', [HASH]: id.hash });
    expect(id.selector.matchLabels).toEqual({ name: 'nginx', [HASH]: id.hash });
  });

  test('keeps the selector expressions and leaves the Deployment untouched', () => {
    const withExpressions: Deployment = { ...d, spec: { ...d.spec!, selector: { matchExpressions: [{ key: 'name', operator: 'In', values: ['nginx'] }] } } };
    const before = structuredClone(withExpressions);
    const id = replicaSetIdentity(withExpressions);
    expect(id.selector).toEqual({ matchExpressions: [{ key: 'name', operator: 'In', values: ['nginx'] }], matchLabels: { [HASH]: id.hash } });
    expect(withExpressions).toEqual(before);
  });

  test('a collision count in the status moves the ReplicaSet to another name', () => {
    const bumped: Deployment = { ...d, status: { collisionCount: 1 } };
    expect(replicaSetIdentity(bumped).name).not.toBe(replicaSetIdentity(d).name);
    expect(replicaSetIdentity(bumped).hash).toBe(computeHash(d.spec!.template, 1));
  });

  test("the new ReplicaSet's template equals its Deployment's, ignoring the hash", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.dictionary(fc.constantFrom('app', 'tier', 'track'), fc.constantFrom('web', 'db', 'canary')), (image, labels) => {
        const made: Deployment = { ...d, spec: { ...d.spec!, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image }] } } } };
        expect(equalIgnoreHash(replicaSetIdentity(made).template, made.spec!.template)).toBe(true);
      }),
      runs(50),
    );
  });
});
