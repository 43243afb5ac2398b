import { describe, expect, test } from 'vitest';
import { imageRefFor, normalizeImage } from './cri';
import { microTime } from './lease';
import { podQOSClass } from './qos';
import type { Pod } from '../api/types/pod';

describe('image names', () => {
  test('short names are qualified as Docker does: docker.io, library/ for official images, tag latest', () => {
    // github.com/distribution/reference ParseNormalizedNamed examples.
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('bitnami/nginx')).toBe('docker.io/bitnami/nginx:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeImage('nginx@sha256:abc')).toBe('docker.io/library/nginx@sha256:abc');
  });

  test('the image ID is the repository with a sha256 digest', () => {
    expect(imageRefFor('docker.io/library/nginx:1.27')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageRefFor('localhost:5000/app:latest')).toMatch(/^localhost:5000\/app@sha256:/);
  });
});

describe('lease times', () => {
  test('renewTime is written with microseconds, as metav1.MicroTime is', () => {
    expect(microTime('2025-01-01T00:00:10Z')).toBe('2025-01-01T00:00:10.000000Z');
  });
});

describe('QoS class', () => {
  const pod = (resources: { requests?: Record<string, string>; limits?: Record<string, string> }[]): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) },
  });

  test('no requests or limits is BestEffort; limits equal to requests everywhere is Guaranteed; anything else is Burstable', () => {
    // website: concepts/workloads/pods/pod-qos.md; pkg/apis/core/v1/helper/qos/qos.go.
    expect(podQOSClass(pod([{}]))).toBe('BestEffort');
    expect(podQOSClass(pod([{ limits: { cpu: '1', memory: '1Gi' } }]))).toBe('Guaranteed');
    expect(podQOSClass(pod([{ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } }]))).toBe('Guaranteed');
    expect(podQOSClass(pod([{ requests: { cpu: '100m' } }]))).toBe('Burstable');
    expect(podQOSClass(pod([{ limits: { cpu: '1', memory: '1Gi' } }, {}]))).toBe('Burstable');
    expect(podQOSClass(pod([{ limits: { cpu: '1' } }]))).toBe('Burstable');
  });
});
