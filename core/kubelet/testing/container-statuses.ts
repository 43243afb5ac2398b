/**
 * API container statuses for the phase and condition tests, named as upstream's test helpers
 * name them: a waiting container, one running, one terminated with exit code 0 or -1, one
 * waiting after an earlier termination (crash-loop back-off), a sidecar that has started.
 *
 * Upstream: pkg/kubelet/kubelet_pods_test.go (waitingState, waitingStateWithLastTermination,
 * waitingStateWithNonZeroTermination, runningState, startedState, stoppedState, succeededState,
 * failedState), pkg/kubelet/status/generate_test.go (getReadyStatus, getNotReadyStatus,
 * getStartedStatus, getNotStartedStatus).
 */
import type { ContainerStatus } from '../../api/types/pod';

const base = (name: string): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '' });

/** Waiting, never terminated. */
export const waitingState = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: {} } });
/** Waiting after a termination with exit code 0. */
export const waitingStateWithLastTermination = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: {} }, lastState: { terminated: { exitCode: 0 } } });
/** Waiting after a termination with exit code -1 (a crash loop). */
export const waitingStateWithNonZeroTermination = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: {} }, lastState: { terminated: { exitCode: -1 } } });
/** Running, `started` not set. */
export const runningState = (name: string): ContainerStatus => ({ ...base(name), state: { running: {} } });
/** Running with `started: true` (the startup probe passed). */
export const startedState = (name: string): ContainerStatus => ({ ...runningState(name), started: true });
/** Terminated with an empty terminated state (exit code 0). */
export const stoppedState = (name: string): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode: 0 } } });
/** Terminated with exit code 0. */
export const succeededState = (name: string): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode: 0 } } });
/** Terminated with exit code -1. */
export const failedState = (name: string): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode: -1 } } });
/** A status that only says the container is ready. */
export const readyStatus = (name: string): ContainerStatus => ({ ...base(name), ready: true });
/** A status that only says the container is not ready. */
export const notReadyStatus = (name: string): ContainerStatus => base(name);
/** A status that only says the (sidecar) container has started. */
export const startedStatus = (name: string): ContainerStatus => ({ ...base(name), started: true });
/** A status that only says the (sidecar) container has not started. */
export const notStartedStatus = (name: string): ContainerStatus => ({ ...base(name), started: false });
