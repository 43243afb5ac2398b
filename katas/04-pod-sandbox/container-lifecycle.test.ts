/**
 * Kata 04-container-lifecycle.
 *
 * Expected values come from the kubelet's code paths: startContainer (create, internal
 * PreStartContainer, start, postStart; a failed postStart kills with reason
 * FailedPostStartHook), killContainer (preStop only when there is one and gracePeriod > 0;
 * grace -= preStop time; `if gracePeriod < minimumGracePeriodInSeconds` (2) raise it; then
 * StopContainer), executePreStopHook (waits at most the grace period), in
 * pkg/kubelet/kuberuntime/kuberuntime_container.go; and from
 * website: concepts/containers/container-lifecycle-hooks.md (a container is not Running until
 * postStart completes; the grace countdown starts before preStop).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialContainer, reduceContainer, toContainerState, transitions } from '@kata/04-pod-sandbox/container-lifecycle';
import type {
  ContainerLifecycle,
  ContainerLifecycleEffect,
  ContainerLifecycleEvent,
  ContainerLifecycleSpec,
  ContainerPhase,
} from '../../core/kubelet/container-lifecycle';
import type { TransitionTable } from '../../core/docs/transitions';
import { runs } from '../../core/testing/runs';

/** Read through the general type: a stub's empty table is typed as a tuple of nothing. */
const table: TransitionTable = transitions;

const T0 = '2024-05-01T12:00:00Z';
const T1 = '2024-05-01T12:00:30Z';
const spec = (over: Partial<ContainerLifecycleSpec> = {}): ContainerLifecycleSpec => ({
  name: 'app',
  hasPostStart: false,
  hasPreStop: false,
  terminationGracePeriodSeconds: 30,
  ...over,
});

/** Runs events from the initial state; returns the final state and every effect, in order. */
function run(s: ContainerLifecycleSpec, events: ContainerLifecycleEvent[]): [ContainerLifecycle, ContainerLifecycleEffect[]] {
  let state = initialContainer(s);
  const effects: ContainerLifecycleEffect[] = [];
  for (const e of events) {
    const [next, out] = reduceContainer(state, e);
    state = next;
    effects.push(...out);
  }
  return [state, effects];
}

const startEvents: ContainerLifecycleEvent[] = [
  { type: 'container/startRequested' },
  { type: 'container/created', containerID: 'c-1' },
  { type: 'container/started', at: T0 },
];
const running = (s: ContainerLifecycleSpec) => run(s, s.hasPostStart ? [...startEvents, { type: 'postStart/succeeded' }] : startEvents)[0];
const types = (effects: ContainerLifecycleEffect[]) => effects.map((e) => e.type);

describe('starting', () => {
  test('a new container is Waiting with reason ContainerCreating', () => {
    expect(initialContainer(spec())).toMatchObject({ phase: 'Waiting', reason: 'ContainerCreating' });
  });

  test('asking to start it issues CreateContainer', () => {
    expect(reduceContainer(initialContainer(spec()), { type: 'container/startRequested' })[1]).toEqual([{ type: 'CreateContainer' }]);
  });

  test('once created, the kubelet runs PreStartContainer and then StartContainer', () => {
    const [created, effects] = run(spec(), startEvents.slice(0, 2));
    expect(created).toMatchObject({ phase: 'Created', containerID: 'c-1' });
    expect(types(effects)).toEqual(['CreateContainer', 'PreStartContainer', 'StartContainer']);
  });

  test('without a postStart hook the started container is Running', () => {
    expect(run(spec(), startEvents)[0]).toMatchObject({ phase: 'Running', containerID: 'c-1', startedAt: T0 });
  });

  test('with a postStart hook the container waits for the hook before it counts as Running', () => {
    const [state, effects] = run(spec({ hasPostStart: true }), startEvents);
    expect(state.phase).toBe('PostStartHook');
    expect(effects.at(-1)).toEqual({ type: 'RunPostStartHook' });
    expect(toContainerState(state), 'the API still shows it waiting').toEqual({ waiting: { reason: 'ContainerCreating' } });
  });

  test('the start sequence is CreateContainer, PreStart, StartContainer, PostStart (seed 004)', () => {
    const [state, effects] = run(spec({ hasPostStart: true }), [...startEvents, { type: 'postStart/succeeded' }]);
    expect(types(effects)).toEqual(['CreateContainer', 'PreStartContainer', 'StartContainer', 'RunPostStartHook']);
    expect(state.phase).toBe('Running');
  });

  test('a failed postStart hook kills the container with reason FailedPostStartHook', () => {
    const [state, effects] = run(spec({ hasPostStart: true }), [...startEvents, { type: 'postStart/failed' }]);
    expect(state).toMatchObject({ phase: 'Stopping', killReason: 'FailedPostStartHook', timeoutSeconds: 30 });
    expect(effects.at(-1)).toEqual({ type: 'StopContainer', timeoutSeconds: 30 });
  });

  test('a failed postStart hook still runs the preStop hook first', () => {
    const [state, effects] = run(spec({ hasPostStart: true, hasPreStop: true }), [...startEvents, { type: 'postStart/failed' }]);
    expect(state).toMatchObject({ phase: 'PreStopHook', killReason: 'FailedPostStartHook' });
    expect(effects.at(-1)).toEqual({ type: 'RunPreStopHook', timeoutSeconds: 30 });
  });

  test('the entrypoint may exit while the postStart hook still runs', () => {
    const [state] = run(spec({ hasPostStart: true }), [...startEvents, { type: 'container/exited', exitCode: 1, at: T1 }]);
    expect(state).toMatchObject({ phase: 'Terminated', exitCode: 1 });
  });
});

describe('stopping', () => {
  const stop = (s: ContainerLifecycleSpec, events: ContainerLifecycleEvent[]) => {
    let state = running(s);
    const effects: ContainerLifecycleEffect[] = [];
    for (const e of events) {
      const [next, out] = reduceContainer(state, e);
      state = next;
      effects.push(...out);
    }
    return [state, effects] as const;
  };

  test('without a preStop hook, a kill sends StopContainer with the whole grace period', () => {
    const [state, effects] = stop(spec(), [{ type: 'container/killRequested' }]);
    expect(state).toMatchObject({ phase: 'Stopping', timeoutSeconds: 30 });
    expect(effects).toEqual([{ type: 'StopContainer', timeoutSeconds: 30 }]);
  });

  test('with a preStop hook, the hook runs first, bounded by the grace period', () => {
    const [state, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested' }]);
    expect(state).toMatchObject({ phase: 'PreStopHook', gracePeriodSeconds: 30 });
    expect(effects).toEqual([{ type: 'RunPreStopHook', timeoutSeconds: 30 }]);
  });

  test("the preStop hook's time is taken from the grace period", () => {
    const [, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested' }, { type: 'preStop/completed', elapsedSeconds: 10 }]);
    expect(effects.at(-1)).toEqual({ type: 'StopContainer', timeoutSeconds: 20 });
  });

  test('a preStop hook that outlives the grace period leaves a single 2 s extension', () => {
    const [state, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested' }, { type: 'preStop/timedOut' }]);
    expect(state).toMatchObject({ phase: 'Stopping', timeoutSeconds: 2 });
    expect(effects.at(-1)).toEqual({ type: 'StopContainer', timeoutSeconds: 2 });
  });

  test('TERM always gets at least 2 s, even when preStop used nearly all of the grace', () => {
    const [, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested' }, { type: 'preStop/completed', elapsedSeconds: 29 }]);
    expect(effects.at(-1)).toEqual({ type: 'StopContainer', timeoutSeconds: 2 });
  });

  test('a grace period of 0 skips the preStop hook', () => {
    const [state, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested', gracePeriodSeconds: 0 }]);
    expect(state.phase).toBe('Stopping');
    expect(effects).toEqual([{ type: 'StopContainer', timeoutSeconds: 2 }]);
  });

  test("a deletion's grace period overrides the pod's", () => {
    const [, effects] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested', gracePeriodSeconds: 5 }]);
    expect(effects).toEqual([{ type: 'RunPreStopHook', timeoutSeconds: 5 }]);
  });

  test('the stop sequence is PreStop, StopContainer, PostStop (seed 004)', () => {
    const [state, effects] = stop(spec({ hasPreStop: true }), [
      { type: 'container/killRequested' },
      { type: 'preStop/completed', elapsedSeconds: 3 },
      { type: 'container/exited', exitCode: 0, at: T1 },
    ]);
    expect(types(effects)).toEqual(['RunPreStopHook', 'StopContainer', 'PostStopContainer']);
    expect(state.phase).toBe('Terminated');
  });

  test('a process that ignores TERM is killed after the timeout, exit code 137', () => {
    const [state] = stop(spec(), [{ type: 'container/killRequested' }, { type: 'container/killed', at: T1 }]);
    expect(state).toMatchObject({ phase: 'Terminated', exitCode: 137, reason: 'Error', finishedAt: T1 });
  });

  test('a process exiting 0 is Completed', () => {
    const [state, effects] = stop(spec(), [{ type: 'container/exited', exitCode: 0, at: T1 }]);
    expect(state).toMatchObject({ phase: 'Terminated', exitCode: 0, reason: 'Completed' });
    expect(effects).toEqual([{ type: 'PostStopContainer' }]);
  });

  test('a second kill while the preStop hook runs changes nothing', () => {
    const [before] = stop(spec({ hasPreStop: true }), [{ type: 'container/killRequested' }]);
    expect(reduceContainer(before, { type: 'container/killRequested', gracePeriodSeconds: 1 })).toEqual([before, []]);
  });

  test('a kill before the container exists changes nothing', () => {
    const waiting = initialContainer(spec());
    expect(reduceContainer(waiting, { type: 'container/killRequested' })).toEqual([waiting, []]);
  });

  test('a terminated container ignores everything', () => {
    const [done] = stop(spec(), [{ type: 'container/exited', exitCode: 2, at: T1 }]);
    expect(reduceContainer(done, { type: 'container/startRequested' })).toEqual([done, []]);
  });
});

describe('the API view', () => {
  test('a container stays running in the API while its preStop hook and TERM are under way', () => {
    const [state] = reduceContainer(running(spec({ hasPreStop: true })), { type: 'container/killRequested' });
    expect(toContainerState(state)).toEqual({ running: { startedAt: T0 } });
  });

  test('a terminated container reports exit code, reason, times and container ID', () => {
    const [state] = reduceContainer(running(spec()), { type: 'container/exited', exitCode: 1, at: T1 });
    expect(toContainerState(state)).toEqual({ terminated: { exitCode: 1, reason: 'Error', startedAt: T0, finishedAt: T1, containerID: 'c-1' } });
  });

  test('a waiting container reports its reason', () => {
    expect(toContainerState(initialContainer(spec()))).toEqual({ waiting: { reason: 'ContainerCreating' } });
  });
});

// ---------------------------------------------------------------------------------------
// The transition table and the model.

const sampleEvents: ContainerLifecycleEvent[] = [
  { type: 'container/startRequested' },
  { type: 'container/created', containerID: 'c-1' },
  { type: 'container/started', at: T0 },
  { type: 'postStart/succeeded' },
  { type: 'postStart/failed' },
  { type: 'container/killRequested' },
  { type: 'container/killRequested', gracePeriodSeconds: 0 },
  { type: 'preStop/completed', elapsedSeconds: 4 },
  { type: 'preStop/timedOut' },
  { type: 'container/exited', exitCode: 0, at: T1 },
  { type: 'container/killed', at: T1 },
];

/** Every (from, event type, to) the reducer makes, found by exploring from the initial states of a few specs. */
function observedEdges(): Set<string> {
  const edges = new Set<string>();
  for (const hasPostStart of [false, true]) {
    for (const hasPreStop of [false, true]) {
      const seen = new Set<string>();
      const queue = [initialContainer(spec({ hasPostStart, hasPreStop }))];
      while (queue.length > 0) {
        const state = queue.shift() as ContainerLifecycle;
        if (seen.has(JSON.stringify(state))) continue;
        seen.add(JSON.stringify(state));
        for (const e of sampleEvents) {
          const [next, effects] = reduceContainer(state, e);
          if (next === state && effects.length === 0) continue;
          edges.add(`${state.phase} --${e.type}--> ${next.phase}`);
          queue.push(next);
        }
      }
    }
  }
  return edges;
}

describe('transitions', () => {
  test('the table starts at the initial phase', () => {
    expect(table.some((t) => t.from === '[*]' && t.to === 'Waiting'), 'a row { from: "[*]", ..., to: "Waiting" }').toBe(true);
  });

  test('the table lists exactly the transitions the reducer makes', () => {
    const listed = new Set(table.filter((t) => t.from !== '[*]').map((t) => `${t.from} --${t.event.split(' ')[0]}--> ${t.to}`));
    expect([...listed].sort(), 'rows of `transitions` (event label up to the first space)').toEqual([...observedEdges()].sort());
  });
});

/** The model: the phase, what the grace period is, and every effect so far. */
type Model = { phase: ContainerPhase; spec: ContainerLifecycleSpec; grace: number; effects: string[] };
type Real = { state: ContainerLifecycle };

/** Expected [phase, effects] for an event, or `undefined` when the event must be ignored. */
function expected(m: Model, e: ContainerLifecycleEvent): [ContainerPhase, ContainerLifecycleEffect[]] | undefined {
  const stopNow = (grace: number): [ContainerPhase, ContainerLifecycleEffect[]] => ['Stopping', [{ type: 'StopContainer', timeoutSeconds: Math.max(grace, 2) }]];
  const killWith = (grace: number): [ContainerPhase, ContainerLifecycleEffect[]] =>
    m.spec.hasPreStop && grace > 0 ? ['PreStopHook', [{ type: 'RunPreStopHook', timeoutSeconds: grace }]] : stopNow(grace);
  const gone: [ContainerPhase, ContainerLifecycleEffect[]] = ['Terminated', [{ type: 'PostStopContainer' }]];
  const byPhase: Record<ContainerPhase, Partial<Record<ContainerLifecycleEvent['type'], () => [ContainerPhase, ContainerLifecycleEffect[]]>>> = {
    Waiting: { 'container/startRequested': () => ['Creating', [{ type: 'CreateContainer' }]] },
    Creating: { 'container/created': () => ['Created', [{ type: 'PreStartContainer' }, { type: 'StartContainer' }]] },
    Created: { 'container/started': () => (m.spec.hasPostStart ? ['PostStartHook', [{ type: 'RunPostStartHook' }]] : ['Running', []]) },
    PostStartHook: { 'postStart/succeeded': () => ['Running', []], 'postStart/failed': () => killWith(m.spec.terminationGracePeriodSeconds), 'container/exited': () => gone },
    Running: { 'container/killRequested': () => killWith(e.type === 'container/killRequested' ? (e.gracePeriodSeconds ?? m.spec.terminationGracePeriodSeconds) : 0), 'container/exited': () => gone },
    PreStopHook: { 'preStop/completed': () => stopNow(m.grace - (e.type === 'preStop/completed' ? e.elapsedSeconds : 0)), 'preStop/timedOut': () => stopNow(0), 'container/exited': () => gone },
    Stopping: { 'container/exited': () => gone, 'container/killed': () => gone },
    Terminated: {},
  };
  return byPhase[m.phase][e.type]?.();
}

const eventCommand = (e: ContainerLifecycleEvent): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, r) => {
    const want = expected(m, e);
    const [next, effects] = reduceContainer(r.state, e);
    if (!want) {
      expect([next, effects], `${m.phase} ignores ${e.type}`).toEqual([r.state, []]);
      return;
    }
    expect(next.phase, `${m.phase} --${e.type}-->`).toBe(want[0]);
    expect(effects, `effects of ${m.phase} --${e.type}-->`).toEqual(want[1]);
    if (e.type === 'container/killRequested' || e.type === 'postStart/failed') m.grace = e.type === 'container/killRequested' ? (e.gracePeriodSeconds ?? m.spec.terminationGracePeriodSeconds) : m.spec.terminationGracePeriodSeconds;
    m.phase = want[0];
    m.effects.push(...effects.map((x) => x.type));
    r.state = next;
    // Hook order over the whole life: each effect appears at most once and in this order.
    const order = ['CreateContainer', 'PreStartContainer', 'StartContainer', 'RunPostStartHook', 'RunPreStopHook', 'StopContainer', 'PostStopContainer'];
    const positions = m.effects.map((x) => order.indexOf(x));
    expect(positions, `effects so far: ${m.effects.join(' -> ')}`).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(m.effects).size, `no effect twice: ${m.effects.join(' -> ')}`).toBe(m.effects.length);
  },
  toString: () => JSON.stringify(e),
});

const eventArb: fc.Arbitrary<ContainerLifecycleEvent> = fc.oneof(
  fc.constant({ type: 'container/startRequested' as const }),
  fc.constant({ type: 'container/created' as const, containerID: 'c-1' }),
  fc.constant({ type: 'container/started' as const, at: T0 }),
  fc.constant({ type: 'postStart/succeeded' as const }),
  fc.constant({ type: 'postStart/failed' as const }),
  fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }).map((g) => ({ type: 'container/killRequested' as const, ...(g === undefined ? {} : { gracePeriodSeconds: g }) })),
  fc.integer({ min: 0, max: 40 }).map((elapsedSeconds) => ({ type: 'preStop/completed' as const, elapsedSeconds })),
  fc.constant({ type: 'preStop/timedOut' as const }),
  fc.integer({ min: 0, max: 255 }).map((exitCode) => ({ type: 'container/exited' as const, exitCode, at: T1 })),
  fc.constant({ type: 'container/killed' as const, at: T1 }),
);

describe('model', () => {
  test('the reducer agrees with a phase-table model, and hooks never run out of order', () => {
    const specArb = fc.record({
      name: fc.constant('app'),
      hasPostStart: fc.boolean(),
      hasPreStop: fc.boolean(),
      terminationGracePeriodSeconds: fc.constantFrom(0, 1, 2, 30),
    });
    fc.assert(
      fc.property(specArb, fc.commands([eventArb.map(eventCommand)], { maxCommands: 30 }), (s, cmds) => {
        fc.modelRun(() => ({ model: { phase: 'Waiting' as ContainerPhase, spec: s, grace: s.terminationGracePeriodSeconds, effects: [] }, real: { state: initialContainer(s) } }), cmds);
      }),
      runs(300),
    );
  });
});
