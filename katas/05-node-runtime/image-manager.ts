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
import { notImplemented } from '../../core/kata/not-implemented';
import type { ImagePullInput, ImagePullResult } from '../../core/kubelet/image-pull';

// TODO(kata): follow EnsureImageExists.
// 1. imagePullPolicyOf(container) (core/kubelet/runtime-status): Never and IfNotPresent use an
//    image the node has (runtime.images[normalizeImage(image)]) with a Normal "Pulled" event
//    `Container image "<image>" already present on machine`; Never without it fails
//    (ErrImageNeverPull, Warning event of that reason: `Container image "<image>" is not present
//    with pull policy of Never`). A pull this container (requester) already has under way is
//    always asked about again, whatever the policy: it ends as "Successfully pulled".
// 2. Back-off key `<pod uid>_<image>`: while less than its delay has passed since the entry's
//    lastUpdate (isInBackOffSince, @kata/04-pod-sandbox/restart-backoff), fail with
//    ImagePullBackOff: Normal "BackOff" event `Back-off pulling image "<image>"`, message that
//    plus `: <the remembered pull error>`.
// 3. Otherwise forget the remembered error and send PullImage (reduceRuntime,
//    @kata/05-node-runtime/cri-runtime; requester pullRequester(uid, name)). Record a Normal
//    "Pulling" event `Pulling image "<image>"` unless this requester's pull was already under way.
//    Still running: `pulling`. Pulled: `Successfully pulled image "<image>" in <pull> (<waited>
//    including waiting). Image size: <bytes> bytes.` (durations as Go prints them,
//    core/kubelet/duration) and gcBackOff. Failed: Warning "Failed" `Failed to pull image
//    "<image>": <message>`, nextBackOff(key, now, now), remember `ErrImagePull: <message>`.

/**
 * Makes sure `container`'s image is on the node, pulling it if the policy asks for it and no
 * back-off holds. Upstream: imageManager.EnsureImageExists.
 */
export function ensureImageExists(input: ImagePullInput): ImagePullResult {
  return notImplemented('05-image-pull');
}
