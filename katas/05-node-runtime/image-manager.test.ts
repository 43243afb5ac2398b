import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Container } from '../../core/api/types/container';
import type { BackOff } from '../../core/kubelet/backoff';
import type { RuntimeState } from '../../core/kubelet/cri';
import type { ImagePullResult } from '../../core/kubelet/image-pull';
import { NO_STAGES, type Stages } from '../../core/kubelet/stages';
import { podWith } from '../../core/kubelet/testing/builders';
import { T0 } from '../../core/kubelet/testing/runtime-driver';
import { chapterStages } from '../../core/kubelet/testing/stage-files';
import { addSeconds } from '../../core/data/rfc3339';
import type { Intent } from '../../core/runtime/types';
import { runs } from '../../core/testing/runs';
import { newRuntime, reduceRuntime } from '@kata/05-node-runtime/cri-runtime';
import { ensureImageExists } from '@kata/05-node-runtime/image-manager';

// The kubelet's image back-off: 10 s doubling to 300 s (pkg/kubelet/kubelet.go, imageBackOff).
const imageBackOff = (): BackOff => ({ defaultDurationSeconds: 10, maxDurationSeconds: 300, perItemBackoff: {} });
const fresh = () => newRuntime({ nodeName: 'node-1', nodeIP: '172.18.0.2', podCIDR: '10.244.1.0/24', now: T0 });
const tick = (runtime: RuntimeState, seconds: number) => reduceRuntime(runtime, { type: 'runtime/ticked', now: addSeconds(runtime.now, seconds) }, NO_STAGES)[0];
const lines = (events: Intent[]) => events.map((e) => (e.type === 'event' ? `${e.eventType} ${e.reason} ${e.message}` : e.type));

type Step = { runtime: RuntimeState; imageBackOff: BackOff; pullErrors: Record<string, string> };
const start = (): Step => ({ runtime: fresh(), imageBackOff: imageBackOff(), pullErrors: {} });

function ensure(step: Step, container: Container, stages: Stages = NO_STAGES, pod = podWith('web', [container])): ImagePullResult {
  return ensureImageExists({ pod, container, kind: 'regular', runtime: step.runtime, imageBackOff: step.imageBackOff, pullErrors: step.pullErrors, stages });
}

/** Pulls to the end: asks, ticks to the end of the pull, asks again. */
function pullFully(step: Step, container: Container, stages: Stages = NO_STAGES): ImagePullResult[] {
  const first = ensure(step, container, stages);
  if (first.outcome.type !== 'pulling') return [first];
  const later = { ...first, runtime: reduceRuntime(first.runtime, { type: 'runtime/ticked', now: first.outcome.until }, stages)[0] };
  return [first, ensure(later, container, stages)];
}

describe('the pull policy', () => {
  test('IfNotPresent uses an image the node has, and says so', () => {
    const [pulled] = pullFully(start(), { name: 'app', image: 'nginx:1.27' }).slice(-1);
    const again = ensure(pulled!, { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' });
    expect(again.outcome).toMatchObject({ type: 'ready' });
    // image_manager.go: `Container image %q already present on machine` (reason Pulled).
    expect(lines(again.events)).toEqual(['Normal Pulled Container image "nginx:1.27" already present on machine']);
  });

  test('Never without the image fails with ErrImageNeverPull', () => {
    const result = ensure(start(), { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'Never' });
    // image_manager.go: `Container image %q is not present with pull policy of Never`.
    expect(result.outcome).toEqual({ type: 'failed', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' });
    expect(lines(result.events)).toEqual(['Warning ErrImageNeverPull Container image "nginx:1.27" is not present with pull policy of Never']);
  });

  test('an untagged image defaults to Always and is pulled even when present, at once', () => {
    const [, done] = pullFully(start(), { name: 'app', image: 'nginx' });
    const again = ensure(done!, { name: 'app', image: 'nginx' });
    expect(again.outcome).toMatchObject({ type: 'ready' });
    expect(lines(again.events)).toEqual([
      'Normal Pulling Pulling image "nginx"',
      'Normal Pulled Successfully pulled image "nginx" in 0s (0s including waiting). Image size: 50000000 bytes.',
    ]);
  });
});

describe('pulling', () => {
  test('an IfNotPresent pull that was under way ends as "Successfully pulled", not "already present"', () => {
    const [, done] = pullFully(start(), { name: 'app', image: 'nginx:1.27' });
    expect(lines(done!.events)).toEqual(['Normal Pulled Successfully pulled image "nginx:1.27" in 2s (2s including waiting). Image size: 50000000 bytes.']);
  });

  test('a pull is announced, waited for, then reported with its duration and size', () => {
    const [first, second] = pullFully(start(), { name: 'app', image: 'nginx' });
    expect(first!.outcome).toEqual({ type: 'pulling', until: '2025-01-01T00:00:02Z' });
    // image_manager.go: `Pulling image %q`, then
    // `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.`
    expect(lines(first!.events)).toEqual(['Normal Pulling Pulling image "nginx"']);
    expect(lines(second!.events)).toEqual(['Normal Pulled Successfully pulled image "nginx" in 2s (2s including waiting). Image size: 50000000 bytes.']);
    expect(second!.outcome).toMatchObject({ type: 'ready', imageRef: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:/) });
  });

  test('asking again while the pull runs records no second Pulling event', () => {
    const first = ensure(start(), { name: 'app', image: 'nginx' });
    const halfway = ensure({ ...first, runtime: tick(first.runtime, 1) }, { name: 'app', image: 'nginx' });
    expect(halfway.outcome).toEqual({ type: 'pulling', until: '2025-01-01T00:00:02Z' });
    expect(halfway.events).toEqual([]);
  });

  test('the events name the container by its field path', () => {
    const first = ensure(start(), { name: 'app', image: 'nginx' });
    expect(first.events[0]).toMatchObject({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'uid-web', fieldPath: 'spec.containers{app}' }, source: 'kubelet' });
  });
});

describe('failures and back-off', () => {
  const stages = chapterStages('pull-failure.rules.yaml');
  const missing: Container = { name: 'app', image: 'nginx:does-not-exist' };
  const registryMessage =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:does-not-exist": failed to resolve reference "docker.io/library/nginx:does-not-exist": docker.io/library/nginx:does-not-exist: not found';

  test('a failed pull is ErrImagePull with the runtime message and a Warning Failed event', () => {
    const [, failed] = pullFully(start(), missing, stages);
    expect(failed!.outcome).toEqual({ type: 'failed', reason: 'ErrImagePull', message: registryMessage });
    // image_manager.go: `Failed to pull image %q: %v` (reason Failed).
    expect(lines(failed!.events)).toEqual([`Warning Failed Failed to pull image "nginx:does-not-exist": ${registryMessage}`]);
    expect(failed!.imageBackOff.perItemBackoff['uid-web_nginx:does-not-exist']?.backoffSeconds, 'the first back-off is 10 s').toBe(10);
  });

  test('within the back-off the kubelet does not pull: ImagePullBackOff, repeating the last error', () => {
    const [, failed] = pullFully(start(), missing, stages);
    const held = ensure({ ...failed!, runtime: tick(failed!.runtime, 5) }, missing, stages);
    // image_manager.go: `Back-off pulling image %q`, wrapped with the previous pull error for the status message.
    expect(held.outcome).toEqual({ type: 'failed', reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:does-not-exist": ErrImagePull: ${registryMessage}` });
    expect(lines(held.events)).toEqual(['Normal BackOff Back-off pulling image "nginx:does-not-exist"']);
    expect(held.runtime.pulls, 'no pull was started').toEqual({});
  });

  test('when the back-off is over the kubelet pulls again', () => {
    const [, failed] = pullFully(start(), missing, stages);
    const retry = ensure({ ...failed!, runtime: tick(failed!.runtime, 10) }, missing, stages);
    expect(retry.outcome.type).toBe('pulling');
    expect(lines(retry.events)).toEqual(['Normal Pulling Pulling image "nginx:does-not-exist"']);
  });

  test('the back-off belongs to one pod: another pod pulling the same image is not held back', () => {
    const [, failed] = pullFully(start(), missing, stages);
    const other = podWith('other', [missing]);
    const result = ensureImageExists({ pod: other, container: missing, kind: 'regular', runtime: failed!.runtime, imageBackOff: failed!.imageBackOff, pullErrors: failed!.pullErrors, stages });
    expect(result.outcome.type).toBe('pulling');
  });

  test('a success clears the remembered error', () => {
    const step = { ...start(), pullErrors: { 'uid-web_nginx': 'ErrImagePull: old' } };
    const [, done] = pullFully(step, { name: 'app', image: 'nginx' });
    expect(done!.pullErrors).toEqual({});
  });

  test('repeated failures back off 10, 20, 40 ... seconds, never more than 300', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), (failures) => {
        let step: Step = start();
        const delays: number[] = [];
        for (let i = 0; i < failures; i++) {
          const [, failed] = pullFully(step, missing, stages);
          const delay = failed!.imageBackOff.perItemBackoff['uid-web_nginx:does-not-exist']!.backoffSeconds;
          delays.push(delay);
          step = { ...failed!, runtime: tick(failed!.runtime, delay) };
        }
        expect(delays).toEqual(delays.map((_, i) => Math.min(10 * 2 ** i, 300)));
      }),
      runs(20),
    );
  });
});
