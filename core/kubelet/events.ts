/**
 * The reasons the kubelet gives its Events, and the shape of an Event intent about a pod, one
 * of its containers, or a node. `kubectl describe pod` shows these lines; the wording of each
 * message is the kata's job and is checked against upstream in the tests.
 *
 * Upstream: pkg/kubelet/events/event.go (reason constants), pkg/kubelet/container/ref.go
 * (GenerateContainerRef: fieldPath `spec.containers{name}`), pkg/kubelet/kubelet.go (nodeRef:
 * kind Node, name and UID both the node name).
 */
import type { Pod } from '../api/types/pod';
import type { Intent, ObjectReference } from '../runtime/types';
import type { ContainerKind } from './sync-plan';

/** Reasons of container events. */
export const CREATED_CONTAINER = 'Created';
export const STARTED_CONTAINER = 'Started';
export const FAILED_TO_CREATE_CONTAINER = 'Failed';
export const KILLING_CONTAINER = 'Killing';
export const BACK_OFF_START_CONTAINER = 'BackOff';

/** Reasons of image events. */
export const PULLING_IMAGE = 'Pulling';
export const PULLED_IMAGE = 'Pulled';
export const FAILED_TO_PULL_IMAGE = 'Failed';
export const ERR_IMAGE_NEVER_PULL_POLICY = 'ErrImageNeverPull';
export const BACK_OFF_PULL_IMAGE = 'BackOff';

/** Reasons of pod sandbox events. */
export const FAILED_CREATE_POD_SANDBOX = 'FailedCreatePodSandBox';
export const SANDBOX_CHANGED = 'SandboxChanged';

/** Reasons of node events. */
export const NODE_READY = 'NodeReady';
export const NODE_NOT_READY = 'NodeNotReady';

/** The component name kubelet events carry as `source.component`. */
export const KUBELET_SOURCE = 'kubelet';

/** The `fieldPath` of a container: `spec.containers{app}`, `spec.initContainers{init}`. Upstream: GenerateContainerRef. */
export function containerFieldPath(name: string, kind: ContainerKind = 'regular'): string {
  const list = kind === 'init' ? 'initContainers' : kind === 'ephemeral' ? 'ephemeralContainers' : 'containers';
  return `spec.${list}{${name}}`;
}

/** An Event about `pod` (or one of its containers when `container` is given), recorded by the kubelet. */
export function podEvent(
  pod: Pod,
  eventType: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container?: { name: string; kind?: ContainerKind },
): Extract<Intent, { type: 'event' }> {
  const involvedObject: ObjectReference = {
    kind: 'Pod',
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    apiVersion: 'v1',
    ...(container ? { fieldPath: containerFieldPath(container.name, container.kind) } : {}),
  };
  return { type: 'event', involvedObject, eventType, reason, message, source: KUBELET_SOURCE };
}

/** An Event about node `nodeName`, as the kubelet records it (its node reference's UID is the node name). */
export function nodeEvent(nodeName: string, eventType: 'Normal' | 'Warning', reason: string, message: string): Extract<Intent, { type: 'event' }> {
  return { type: 'event', involvedObject: { kind: 'Node', name: nodeName, uid: nodeName }, eventType, reason, message, source: KUBELET_SOURCE };
}
