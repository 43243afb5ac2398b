/**
 * Kata 04-pod-phase.
 *
 * The tables are upstream's (pkg/kubelet/kubelet_pods_test.go: TestPodPhaseWithRestartAlways,
 * TestPodPhaseWithRestartAlwaysInitContainers, TestPodPhaseWithRestartAlwaysRestartableInitContainers,
 * TestPodPhaseWithRestartAlwaysAndPodHasRun, TestPodPhaseWithRestartNever,
 * TestPodPhaseWithRestartNeverInitContainers, TestPodPhaseWithRestartNeverRestartableInitContainers,
 * TestPodPhaseWithRestartOnFailure), with the same status helpers
 * (core/kubelet/testing/container-statuses). Each row: init statuses, regular statuses,
 * podIsTerminal, podHasInitialized, expected phase.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPhase } from '@kata/04-pod-sandbox/pod-phase';
import type { Container } from '../../core/api/types/container';
import type { ContainerStatus, Pod, PodPhase, RestartPolicy } from '../../core/api/types/pod';
import {
  failedState,
  runningState,
  startedState,
  stoppedState,
  succeededState,
  waitingState,
  waitingStateWithLastTermination,
  waitingStateWithNonZeroTermination,
} from '../../core/kubelet/testing/container-statuses';
import { runs } from '../../core/testing/runs';

const A = 'containerA';
const B = 'containerB';
const X = 'containerX';
const Y = 'containerY';

function pod(policy: RestartPolicy, initContainers: Container[] = [], containers: Container[] = [{ name: A }, { name: B }]): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'machine', restartPolicy: policy, initContainers, containers } };
}

type Row = [name: string, init: ContainerStatus[], regular: ContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean, want: PodPhase];
const check = (p: Pod) => (_: string, init: ContainerStatus[], regular: ContainerStatus[], terminal: boolean, initialized: boolean, want: PodPhase) => {
  expect(getPhase(p, [...init, ...regular], terminal, initialized)).toBe(want);
};

describe('TestPodPhaseWithRestartAlways', () => {
  test.each<Row>([
    ['waiting', [], [], false, false, 'Pending'],
    ['all running', [], [runningState(A), runningState(B)], false, false, 'Running'],
    ['all stopped with restart always', [], [stoppedState(A), stoppedState(B)], false, false, 'Running'],
    ['all succeeded with restart always, but the pod is terminal', [], [succeededState(A), succeededState(B)], true, false, 'Succeeded'],
    ['all stopped with restart always, but the pod is terminal', [], [succeededState(A), failedState(B)], true, false, 'Failed'],
    ['mixed state #1 with restart always', [], [runningState(A), stoppedState(B)], false, false, 'Running'],
    ['mixed state #2 with restart always', [], [runningState(A)], false, false, 'Pending'],
    ['mixed state #3 with restart always', [], [runningState(A), waitingState(B)], false, false, 'Pending'],
    ['backoff crashloop container with restart always', [], [runningState(A), waitingStateWithLastTermination(B)], false, false, 'Running'],
  ])('%s', check(pod('Always')));
});

describe('TestPodPhaseWithRestartAlwaysInitContainers', () => {
  test.each<Row>([
    ['empty, waiting', [], [], false, false, 'Pending'],
    ['init container running', [runningState(X)], [], false, false, 'Pending'],
    ['init container terminated non-zero', [failedState(X)], [], false, false, 'Pending'],
    ['init container waiting, terminated zero', [waitingStateWithLastTermination(X)], [], false, false, 'Pending'],
    ['init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], [], false, false, 'Pending'],
    ['init container waiting, not terminated', [waitingState(X)], [], false, false, 'Pending'],
    ['init container succeeded', [succeededState(X)], [runningState(A), runningState(B)], false, false, 'Running'],
  ])('%s', check(pod('Always', [{ name: X }])));
});

describe('TestPodPhaseWithRestartAlwaysRestartableInitContainers', () => {
  test.each<Row>([
    ['empty, waiting', [], [], false, false, 'Pending'],
    ['restartable init container running', [runningState(X)], [], false, false, 'Pending'],
    ['restartable init container stopped', [stoppedState(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, terminated zero', [waitingStateWithLastTermination(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, not terminated', [waitingState(X)], [], false, false, 'Pending'],
    ['restartable init container started, 1/2 regular container running', [startedState(X)], [runningState(A)], false, true, 'Pending'],
    ['restartable init container started, all regular containers running', [startedState(X)], [runningState(A), runningState(B)], false, true, 'Running'],
    ['restartable init container running, all regular containers running', [runningState(X)], [runningState(A), runningState(B)], false, true, 'Running'],
    ['restartable init container stopped, all regular containers running', [stoppedState(X)], [runningState(A), runningState(B)], false, true, 'Running'],
    ['backoff crashloop restartable init container, all regular containers running', [waitingStateWithLastTermination(X)], [runningState(A), runningState(B)], false, true, 'Running'],
    ['all regular containers succeeded and restartable init container failed with restart always, but the pod is terminal', [failedState(X)], [succeededState(A), succeededState(B)], true, true, 'Succeeded'],
    ['all regular containers succeeded and restartable init container succeeded with restart always, but the pod is terminal', [succeededState(X)], [succeededState(A), succeededState(B)], true, true, 'Succeeded'],
    ['re-initializing the pod after the sandbox is recreated', [runningState(X)], [runningState(A), runningState(B)], false, false, 'Pending'],
  ])('%s', check(pod('Always', [{ name: X, restartPolicy: 'Always' }])));
});

describe('TestPodPhaseWithRestartAlwaysAndPodHasRun', () => {
  test.each<Row>([
    ['regular init containers, restartable init container and regular container are all running', [runningState(X), runningState(Y)], [runningState(A)], false, false, 'Pending'],
    ['regular containers is stopped, restartable init container and regular int container are both running', [runningState(X), runningState(Y)], [stoppedState(A)], false, false, 'Pending'],
    ['re-created sandbox: regular init container is succeeded, restartable init container is running, old regular containers is stopped', [succeededState(X), runningState(Y)], [stoppedState(A)], false, false, 'Pending'],
    ['regular init container is succeeded, restartable init container is running, regular containers is stopped', [succeededState(X), runningState(Y)], [stoppedState(A)], false, true, 'Running'],
    ['regular init container is succeeded, restartable init container and regular containers are both running', [succeededState(X), runningState(Y)], [runningState(A)], false, true, 'Running'],
  ])('%s', check(pod('Always', [{ name: X }, { name: Y, restartPolicy: 'Always' }], [{ name: A }])));
});

describe('TestPodPhaseWithRestartNever', () => {
  test.each<Row>([
    ['waiting', [], [], false, false, 'Pending'],
    ['all running with restart never', [], [runningState(A), runningState(B)], false, false, 'Running'],
    ['all succeeded with restart never', [], [succeededState(A), succeededState(B)], false, false, 'Succeeded'],
    ['all failed with restart never', [], [failedState(A), failedState(B)], false, false, 'Failed'],
    ['mixed state #1 with restart never', [], [runningState(A), succeededState(B)], false, false, 'Running'],
    ['mixed state #2 with restart never', [], [runningState(A)], false, false, 'Pending'],
    ['mixed state #3 with restart never', [], [runningState(A), waitingState(B)], false, false, 'Pending'],
  ])('%s', check(pod('Never')));
});

describe('TestPodPhaseWithRestartNeverInitContainers', () => {
  test.each<Row>([
    ['empty, waiting', [], [], false, false, 'Pending'],
    ['init container running', [runningState(X)], [], false, false, 'Pending'],
    ['init container terminated non-zero', [failedState(X)], [], false, false, 'Failed'],
    ['init container waiting, terminated zero', [waitingStateWithLastTermination(X)], [], false, false, 'Pending'],
    ['init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], [], false, false, 'Failed'],
    ['init container waiting, not terminated', [waitingState(X)], [], false, false, 'Pending'],
    ['init container succeeded', [succeededState(X)], [runningState(A), runningState(B)], false, false, 'Running'],
  ])('%s', check(pod('Never', [{ name: X }])));
});

describe('TestPodPhaseWithRestartNeverRestartableInitContainers', () => {
  test.each<Row>([
    ['empty, waiting', [], [], false, false, 'Pending'],
    ['restartable init container running', [runningState(X)], [], false, false, 'Pending'],
    ['restartable init container stopped', [stoppedState(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, terminated zero', [waitingStateWithLastTermination(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], [], false, false, 'Pending'],
    ['restartable init container waiting, not terminated', [waitingState(X)], [], false, false, 'Pending'],
    ['restartable init container started, one main container running', [startedState(X)], [runningState(A)], false, true, 'Pending'],
    ['restartable init container started, main containers succeeded', [startedState(X)], [succeededState(A), succeededState(B)], false, true, 'Running'],
    ['restartable init container re-running, main containers succeeded', [runningState(X)], [succeededState(A), succeededState(B)], false, true, 'Running'],
    ['all containers succeeded', [succeededState(X)], [succeededState(A), succeededState(B)], false, true, 'Succeeded'],
    ['restartable init container terminated non-zero, main containers succeeded', [failedState(X)], [succeededState(A), succeededState(B)], false, true, 'Succeeded'],
    ['backoff crashloop restartable init container, main containers succeeded', [waitingStateWithLastTermination(X)], [succeededState(A), succeededState(B)], false, true, 'Succeeded'],
    ['backoff crashloop with non-zero restartable init container, main containers succeeded', [waitingStateWithNonZeroTermination(X)], [succeededState(A), succeededState(B)], false, true, 'Succeeded'],
  ])('%s', check(pod('Never', [{ name: X, restartPolicy: 'Always' }])));
});

describe('TestPodPhaseWithRestartOnFailure', () => {
  test.each<Row>([
    ['waiting', [], [], false, false, 'Pending'],
    ['all running with restart onfailure', [], [runningState(A), runningState(B)], false, false, 'Running'],
    ['all succeeded with restart onfailure', [], [succeededState(A), succeededState(B)], false, false, 'Succeeded'],
    ['all failed with restart onfailure', [], [failedState(A), failedState(B)], false, false, 'Running'],
    ['mixed state #1 with restart onfailure', [], [runningState(A), succeededState(B)], false, false, 'Running'],
    ['mixed state #2 with restart onfailure', [], [runningState(A)], false, false, 'Pending'],
    ['mixed state #3 with restart onfailure', [], [runningState(A), waitingState(B)], false, false, 'Pending'],
    ['backoff crashloop container with restart onfailure', [], [runningState(A), waitingStateWithLastTermination(B)], false, false, 'Running'],
  ])('%s', check(pod('OnFailure')));
});

describe('terminal pods', () => {
  test('a static pod does not become terminal through podIsTerminal', () => {
    const p = pod('Always');
    p.metadata.annotations = { 'kubernetes.io/config.source': 'file' };
    expect(getPhase(p, [succeededState(A), succeededState(B)], true, false)).toBe('Running');
  });

  test('a pod from the API server with config.source "api" does become terminal', () => {
    const p = pod('Always');
    p.metadata.annotations = { 'kubernetes.io/config.source': 'api' };
    expect(getPhase(p, [succeededState(A), succeededState(B)], true, false)).toBe('Succeeded');
  });
});

describe('properties', () => {
  const state = fc.constantFrom(runningState, startedState, stoppedState, succeededState, failedState, waitingState, waitingStateWithLastTermination, waitingStateWithNonZeroTermination);
  const statuses = (names: string[]) => fc.tuple(...names.map((n) => fc.option(state.map((f) => f(n)), { nil: undefined }))).map((xs) => xs.filter((x): x is ContainerStatus => x !== undefined));
  const policy = fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never');

  test('getPhase never answers Unknown', () => {
    fc.assert(
      fc.property(policy, statuses([X, A, B]), fc.boolean(), fc.boolean(), fc.boolean(), (pol, info, sidecar, terminal, initialized) => {
        const p = pod(pol, [{ name: X, ...(sidecar ? { restartPolicy: 'Always' as const } : {}) }]);
        expect(['Pending', 'Running', 'Succeeded', 'Failed']).toContain(getPhase(p, info, terminal, initialized));
      }),
      runs(300),
    );
  });

  test('a pod with a regular container that has no status yet is Pending', () => {
    fc.assert(
      fc.property(policy, statuses([A]), fc.boolean(), (pol, info, terminal) => {
        const phase = getPhase(pod(pol), info, terminal, false);
        expect(phase, 'containerB has no status').toBe('Pending');
      }),
      runs(200),
    );
  });

  test('with restartPolicy Always and no terminal pod, every container stopped means Running', () => {
    fc.assert(
      fc.property(fc.constantFrom(stoppedState, succeededState, failedState, waitingStateWithLastTermination), fc.constantFrom(stoppedState, succeededState, failedState), (a, b) => {
        expect(getPhase(pod('Always'), [a(A), b(B)], false, false)).toBe('Running');
      }),
      runs(50),
    );
  });
});
