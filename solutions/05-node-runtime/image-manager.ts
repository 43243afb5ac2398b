/**
 * Kata 05-image-pull: the kubelet's image manager. Before every container start the kubelet
 * makes sure the image is on the node: the pull policy says whether to pull at all, a recent
 * failure holds further attempts back (ImagePullBackOff), and otherwise the runtime pulls.
 * Every step is reported as an Event on the container, in upstream's words, which is what
 * `kubectl describe pod` shows under Events.
 *
 * Upstream: pkg/kubelet/images/image_manager.go (EnsureImageExists, shouldPullImage,
 * pullImage, evalCRIPullErr), pkg/kubelet/events/event.go (Pulling, Pulled, Failed, BackOff,
 * ErrImageNeverPull).
 */
import { match, P } from 'ts-pattern';
import { formatGoDuration } from '../../core/kubelet/duration';
import { normalizeImage, pullRequester, type RuntimeEffect } from '../../core/kubelet/cri';
import {
  BACK_OFF_PULL_IMAGE,
  ERR_IMAGE_NEVER_PULL_POLICY,
  FAILED_TO_PULL_IMAGE,
  PULLED_IMAGE,
  PULLING_IMAGE,
  podEvent,
} from '../../core/kubelet/events';
import type { ImagePullInput, ImagePullResult } from '../../core/kubelet/image-pull';
import { imagePullPolicyOf } from '../../core/kubelet/runtime-status';
import type { Intent } from '../../core/runtime/types';
import { gcBackOff, isInBackOffSince, nextBackOff } from '@kata/04-pod-sandbox/restart-backoff';
import { reduceRuntime } from '@kata/05-node-runtime/cri-runtime';

/**
 * Makes sure `container`'s image is on the node, pulling it if the policy asks for it and no
 * back-off holds. Upstream: imageManager.EnsureImageExists.
 */
export function ensureImageExists(input: ImagePullInput): ImagePullResult {
  const { pod, container, kind, runtime, stages } = input;
  const image = container.image ?? '';
  const now = runtime.now;
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): Intent => podEvent(pod, type, reason, message, { name: container.name, kind });
  const unchanged = { runtime, imageBackOff: input.imageBackOff, pullErrors: input.pullErrors };

  // 1. The pull policy: Never and IfNotPresent use what the node has. A pull this container
  //    started is seen through to its end, even if the image arrived meanwhile.
  const requester = pullRequester(pod.metadata.uid ?? '', container.name);
  const alreadyStarted = runtime.pulls[requester]?.image === image;
  const present = runtime.images[normalizeImage(image)];
  const policy = imagePullPolicyOf(container);
  const shouldPull = alreadyStarted || policy === 'Always' || (policy === 'IfNotPresent' && present === undefined);
  if (!shouldPull) {
    if (present) {
      return { ...unchanged, outcome: { type: 'ready', imageRef: present.ref }, events: [event('Normal', PULLED_IMAGE, `Container image "${image}" already present on machine`)] };
    }
    const message = `Container image "${image}" is not present with pull policy of Never`;
    return { ...unchanged, outcome: { type: 'failed', reason: 'ErrImageNeverPull', message }, events: [event('Warning', ERR_IMAGE_NEVER_PULL_POLICY, message)] };
  }

  // 2. A recent failure holds the next attempt back; the message repeats the last error.
  const backOffKey = `${pod.metadata.uid ?? ''}_${image}`;
  const entry = input.imageBackOff.perItemBackoff[backOffKey];
  if (entry && isInBackOffSince(input.imageBackOff, backOffKey, entry.lastUpdate, now)) {
    const shown = `Back-off pulling image "${image}"`;
    const previous = input.pullErrors[backOffKey];
    const message = previous === undefined ? shown : `${shown}: ${previous}`;
    return { ...unchanged, outcome: { type: 'failed', reason: 'ImagePullBackOff', message }, events: [event('Normal', BACK_OFF_PULL_IMAGE, shown)] };
  }
  const { [backOffKey]: _forgotten, ...pullErrors } = input.pullErrors;

  // 3. Ask the runtime. A pull already under way reports progress, then its outcome once.
  const sandboxConfig = {
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    uid: pod.metadata.uid ?? '',
    labels: pod.metadata.labels ?? {},
    annotations: pod.metadata.annotations ?? {},
  };
  const [nextRuntime, effects] = reduceRuntime(runtime, { type: 'PullImage', image, requester, sandboxConfig }, stages);
  const pulling = alreadyStarted ? [] : [event('Normal', PULLING_IMAGE, `Pulling image "${image}"`)];
  const answer = effects.find(isPullAnswer) ?? { type: 'error', request: 'PullImage', message: `no answer from the runtime for image "${image}"` };
  return match(answer)
    .with({ type: P.union('image/pullStarted', 'image/stillPulling') }, (a): ImagePullResult => ({
      runtime: nextRuntime,
      imageBackOff: input.imageBackOff,
      pullErrors,
      outcome: { type: 'pulling', until: a.doneAt },
      events: pulling,
    }))
    .with({ type: 'image/pulled' }, (a): ImagePullResult => {
      const message = `Successfully pulled image "${image}" in ${formatGoDuration(a.pullSeconds)} (${formatGoDuration(a.waitedSeconds)} including waiting). Image size: ${a.sizeBytes} bytes.`;
      return {
        runtime: nextRuntime,
        imageBackOff: gcBackOff(input.imageBackOff, now),
        pullErrors,
        outcome: { type: 'ready', imageRef: a.imageRef },
        events: [...pulling, event('Normal', PULLED_IMAGE, message)],
      };
    })
    // 4. A failure: record it, start (or lengthen) the back-off, remember the message.
    .with({ type: P.union('image/pullFailed', 'error') }, (a): ImagePullResult => ({
      runtime: nextRuntime,
      imageBackOff: nextBackOff(input.imageBackOff, backOffKey, now, now),
      pullErrors: { ...pullErrors, [backOffKey]: `ErrImagePull: ${a.message}` },
      outcome: { type: 'failed', reason: 'ErrImagePull', message: a.message },
      events: [...pulling, event('Warning', FAILED_TO_PULL_IMAGE, `Failed to pull image "${image}": ${a.message}`)],
    }))
    .exhaustive();
}

type PullAnswer = Extract<RuntimeEffect, { type: 'image/pullStarted' | 'image/stillPulling' | 'image/pulled' | 'image/pullFailed' | 'error' }>;
const PULL_ANSWERS: readonly string[] = ['image/pullStarted', 'image/stillPulling', 'image/pulled', 'image/pullFailed', 'error'];
const isPullAnswer = (e: RuntimeEffect): e is PullAnswer => PULL_ANSWERS.includes(e.type);
