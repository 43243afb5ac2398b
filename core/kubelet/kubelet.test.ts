/**
 * Tests of the kubelet chapter's given helpers: Go duration printing, IPv4 arithmetic, image
 * pull policy defaulting, container hashes and the fake runtime.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatGoDuration } from './duration';
import { formatPod, getStableKey, hashContainer } from './hash';
import { formatIPv4, parseIPv4, parseIPv4CIDR } from './ipv4';
import { emptyRuntimePodStatus, imagePullPolicyOf } from './runtime-status';
import { applySyncSteps } from './testing/fake-runtime';
import type { Pod } from '../api/types/pod';

describe('formatGoDuration', () => {
  test.each([
    [0, '0s'],
    [10, '10s'],
    [80, '1m20s'],
    [160, '2m40s'],
    [300, '5m0s'],
    [3600, '1h0m0s'],
  ])('%i seconds print as %s, as Go prints a Duration', (s, want) => {
    expect(formatGoDuration(s)).toBe(want);
  });
});

describe('IPv4', () => {
  test('an address survives a round trip through its number', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(formatIPv4(parseIPv4(ip) as number)).toBe(ip);
      }),
    );
  });

  test('a CIDR with host bits set parses to its network', () => {
    expect(parseIPv4CIDR('10.244.1.77/24')).toEqual({ network: parseIPv4('10.244.1.0'), prefixLength: 24 });
  });

  test.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.256/24', '10.0.0/24', '010.0.0.0/8'])('%s is not a CIDR', (text) => {
    expect(parseIPv4CIDR(text)).toBeUndefined();
  });
});

describe('imagePullPolicyOf', () => {
  test.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef', 'IfNotPresent'],
  ])('%s defaults to %s', (image, want) => {
    expect(imagePullPolicyOf({ name: 'c', image })).toBe(want);
  });

  test('an explicit policy is kept', () => {
    expect(imagePullPolicyOf({ name: 'c', image: 'nginx', imagePullPolicy: 'Never' })).toBe('Never');
  });
});

describe('hashContainer', () => {
  test('only the name and the image change the hash', () => {
    const base = { name: 'app', image: 'nginx:1.27' };
    expect(hashContainer({ ...base, args: ['-v'], env: [{ name: 'A', value: '1' }] })).toBe(hashContainer(base));
    expect(hashContainer({ ...base, image: 'nginx:1.28' })).not.toBe(hashContainer(base));
  });

  test('the back-off key names pod, namespace, uid, container and hash', () => {
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'prod', uid: 'u-1' }, spec: { containers: [] } };
    const c = { name: 'app', image: 'nginx' };
    expect(getStableKey(pod, c)).toBe(`web_prod_u-1_app_${hashContainer(c)}`);
    expect(formatPod(pod)).toBe('web_prod(u-1)');
  });
});

describe('the fake runtime', () => {
  test('a sandbox and a started container show up in the status', () => {
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    const status = applySyncSteps(
      pod,
      emptyRuntimePodStatus(pod),
      [
        { type: 'RunPodSandbox', attempt: 0 },
        { type: 'CreateContainer', name: 'app', kind: 'regular', attempt: 0 },
        { type: 'StartContainer', name: 'app' },
      ],
      '2024-05-01T12:00:00Z',
      { next: 1 },
    );
    expect(status.sandboxStatuses.map((s) => s.state)).toEqual(['SANDBOX_READY']);
    expect(status.containerStatuses.map((c) => [c.name, c.state, c.hash])).toEqual([['app', 'running', hashContainer({ name: 'app', image: 'nginx' })]]);
  });
});
