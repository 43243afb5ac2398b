/**
 * The kubelet's image manager, as data: what it needs to decide whether a container's image
 * must be pulled (the pull policy, what the node has, the pull back-off), and what it decides.
 * The decision itself is kata 05-image-pull.
 *
 * A failed pull starts a back-off per (pod, image): 10 s, doubling up to 300 s. While it
 * holds, the kubelet does not even try: the container waits with reason ImagePullBackOff,
 * whose message repeats the last pull error.
 *
 * Upstream: pkg/kubelet/images/image_manager.go (EnsureImageExists, pullImage,
 * evalCRIPullErr, prevPullErrMsg), pkg/kubelet/images/types.go (ErrImagePullBackOff,
 * ErrImagePull, ErrImageNeverPull), pkg/kubelet/kubelet.go (imageBackOff: backOffPeriod 10 s,
 * MaxImageBackOff 300 s).
 */
import type { Time } from '../api/types/common';
import type { Container } from '../api/types/container';
import type { Pod } from '../api/types/pod';
import type { Intent } from '../runtime/types';
import type { BackOff } from './backoff';
import type { RuntimeState } from './cri';
import type { Stages } from './stages';
import type { ContainerKind } from './sync-plan';

/** The longest image pull back-off, in seconds (`MaxImageBackOff`). */
export const MAX_IMAGE_BACK_OFF_SECONDS = 300;

/** Why a container cannot start for lack of its image; shown as the container's waiting reason. */
export type ImagePullFailureReason = 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull';

/** What became of the image for one container start. */
export type ImagePullOutcome =
  /** The image is on the node: the container can be created. */
  | { type: 'ready'; imageRef: string }
  /** A pull is running until `until`; the pod's sync waits for it. */
  | { type: 'pulling'; until: Time }
  /** The container cannot start now; `message` becomes its waiting message. */
  | { type: 'failed'; reason: ImagePullFailureReason; message: string };

/** Everything the image manager reads. The runtime's clock is the time of the decision. */
export type ImagePullInput = {
  pod: Pod;
  container: Container;
  kind: ContainerKind;
  runtime: RuntimeState;
  /** Pull back-off per `<pod uid>_<image>`. */
  imageBackOff: BackOff;
  /** The last pull error per back-off key, `ErrImagePull: <message>` (upstream prevPullErrMsg). */
  pullErrors: Record<string, string>;
  stages: Stages;
};

/** Everything the image manager changes, and the Events it records. */
export type ImagePullResult = {
  runtime: RuntimeState;
  imageBackOff: BackOff;
  pullErrors: Record<string, string>;
  outcome: ImagePullOutcome;
  events: Intent[];
};
