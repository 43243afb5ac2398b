/**
 * Kata 04-backoff.
 *
 * Examples are client-go's flowcontrol tests (staging/src/k8s.io/client-go/util/flowcontrol/
 * backoff_test.go: TestSlowBackoff, TestBackoffReset, TestBackoffHighWaterMark, TestBackoffGC,
 * all with a 1 s step), the kubelet's constants (pkg/kubelet/kubelet.go: backOffPeriod = 10 s,
 * MaxContainerBackOff = 300 s) and doBackOff in pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * (no exited instance: no back-off; in back-off: do not start; else Next and start).
 * hasExpired is `eventTime.Sub(lastUpdate) > maxDuration*2`: strictly more than 600 s.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  gcBackOff,
  getBackOff,
  isInBackOffSince,
  newBackOff,
  nextBackOff,
  resetBackOff,
  restartBackOff,
} from '@kata/04-pod-sandbox/restart-backoff';
import type { BackOff } from '../../core/kubelet/backoff';
import { addSeconds } from '../../core/data/rfc3339';
import { runs } from '../../core/testing/runs';

const T0 = '2024-05-01T12:00:00Z';
const at = (s: number) => addSeconds(T0, s);

describe('flowcontrol.Backoff', () => {
  test('an unknown key has no delay', () => {
    expect(getBackOff(newBackOff(), 'id')).toBe(0);
  });

  test('the kubelet starts at 10 s and stops at 300 s', () => {
    expect(newBackOff()).toEqual({ defaultDurationSeconds: 10, maxDurationSeconds: 300, perItemBackoff: {} });
  });

  test('the delay doubles from the initial step to the cap (TestSlowBackoff: 0 1 2 4 8 16 32 50 50 50)', () => {
    let b = newBackOff(1, 50);
    const seen: number[] = [];
    for (let i = 1; i <= 10; i++) {
      seen.push(getBackOff(b, '_idSlow'));
      b = nextBackOff(b, '_idSlow', at(i), at(i));
    }
    expect(seen).toEqual([0, 1, 2, 4, 8, 16, 32, 50, 50, 50]);
  });

  test('Reset clears the delay', () => {
    const b = nextBackOff(nextBackOff(newBackOff(1, 50), 'id', at(1), at(1)), 'id', at(2), at(2));
    expect(getBackOff(resetBackOff(b, 'id'), 'id')).toBe(0);
  });

  test('the kubelet sequence is 10, 20, 40, 80, 160, 300, 300 seconds', () => {
    let b = newBackOff();
    const seen: number[] = [];
    for (let i = 1; i <= 7; i++) {
      b = nextBackOff(b, 'k', at(i), at(i));
      seen.push(getBackOff(b, 'k'));
    }
    expect(seen).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  test('at the cap, an event just after the update is in back-off (TestBackoffReset)', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, '_idReset', at(i), at(i));
    expect(isInBackOffSince(b, '_idReset', at(6), at(6))).toBe(true);
  });

  test('once the delay has passed since the event, it is no longer in back-off (TestBackoffReset)', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, '_idReset', at(i), at(i));
    expect(isInBackOffSince(b, '_idReset', at(6), at(17))).toBe(false);
  });

  test('an unknown key is never in back-off', () => {
    expect(isInBackOffSince(newBackOff(), 'nobody', at(0), at(0))).toBe(false);
  });

  test('the high water mark holds for up to twice the cap (TestBackoffHighWaterMark)', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, '_idHiWaterMark', at(i), at(i));
    b = nextBackOff(b, '_idHiWaterMark', at(12), at(12));
    expect(getBackOff(b, '_idHiWaterMark')).toBe(5);
  });

  test('an event more than twice the cap after the last update starts over', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, 'id', at(i), at(i));
    b = nextBackOff(b, 'id', at(17), at(17));
    expect(getBackOff(b, 'id')).toBe(1);
  });

  test('GC keeps an entry updated within twice the cap (TestBackoffGC)', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, '_idGC', at(i), at(i));
    expect(getBackOff(gcBackOff(b, at(12)), '_idGC')).toBe(5);
  });

  test('GC drops an entry not updated for more than twice the cap (TestBackoffGC)', () => {
    let b = newBackOff(1, 5);
    for (let i = 1; i <= 6; i++) b = nextBackOff(b, '_idGC', at(i), at(i));
    expect(gcBackOff(b, at(18)).perItemBackoff).toEqual({});
  });

  test('Next records when the delay moved', () => {
    expect(nextBackOff(newBackOff(), 'k', at(3), at(5)).perItemBackoff).toEqual({ k: { backoffSeconds: 10, lastUpdate: at(5) } });
  });
});

describe('restartBackOff (doBackOff)', () => {
  test('a container that never exited starts without back-off and leaves the table alone', () => {
    const b = newBackOff();
    expect(restartBackOff(b, 'k', undefined, at(0))).toEqual([b, { inBackOff: false }]);
  });

  test('the first restart after a crash is immediate', () => {
    const [b, decision] = restartBackOff(newBackOff(), 'k', at(5), at(5));
    expect(decision).toEqual({ inBackOff: false });
    expect(getBackOff(b, 'k')).toBe(10);
  });

  test('a second crash must wait 10 s after it exited', () => {
    const [b] = restartBackOff(newBackOff(), 'k', at(5), at(5));
    expect(restartBackOff(b, 'k', at(8), at(17))[1]).toEqual({ inBackOff: true, backoffSeconds: 10 });
  });

  test('10 s after the exit the container may start again, and the next delay is 20 s', () => {
    const [b] = restartBackOff(newBackOff(), 'k', at(5), at(5));
    const [after, decision] = restartBackOff(b, 'k', at(8), at(18));
    expect(decision).toEqual({ inBackOff: false });
    expect(getBackOff(after, 'k')).toBe(20);
  });

  test('a container that ran more than 10 minutes starts over at 10 s', () => {
    let b = newBackOff();
    for (let i = 0; i < 6; i++) b = nextBackOff(b, 'k', at(i), at(i));
    const [after, decision] = restartBackOff(b, 'k', at(5 + 601), at(5 + 601));
    expect(decision).toEqual({ inBackOff: false });
    expect(getBackOff(after, 'k')).toBe(10);
  });

  test('exactly 10 minutes of running is not enough to start over', () => {
    let b = newBackOff();
    for (let i = 0; i < 6; i++) b = nextBackOff(b, 'k', at(i), at(i));
    expect(restartBackOff(b, 'k', at(5 + 600), at(5 + 600))[1]).toEqual({ inBackOff: true, backoffSeconds: 300 });
  });
});

// ---------------------------------------------------------------------------------------
// Properties and the model: a container that keeps crashing after running r seconds.

/** Drives crash/restart cycles: each run lasts runs[i] seconds, each restart happens as soon as allowed. */
function crashLoop(runSeconds: number[]): { delays: number[]; b: BackOff } {
  let b = newBackOff();
  let clock = 0;
  const delays: number[] = [];
  for (const r of runSeconds) {
    const finished = clock + r;
    let t = finished;
    for (;;) {
      const [next, decision] = restartBackOff(b, 'k', at(finished), at(t));
      if (!decision.inBackOff) {
        b = next;
        break;
      }
      t = finished + decision.backoffSeconds;
    }
    delays.push(t - finished);
    clock = t;
  }
  return { delays, b };
}

describe('properties', () => {
  test('the delay never exceeds 300 s', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 30 }), (r) => {
        const { delays, b } = crashLoop(r);
        expect(Math.max(0, ...delays), `delays ${delays}`).toBeLessThanOrEqual(300);
        expect(getBackOff(b, 'k')).toBeLessThanOrEqual(300);
      }),
      runs(100),
    );
  });

  test('without a reset (every run at most 600 s) the delays never go down', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 30 }), (r) => {
        const { delays } = crashLoop(r);
        expect(delays, 'delays between exit and restart').toEqual([...delays].sort((a, b) => a - b));
      }),
      runs(100),
    );
  });
});

/** The model: crashes since the last reset; the k-th restart waits 0, 10, 20, ... capped at 300. */
type Model = { crashes: number; clock: number };
type Real = { b: BackOff };
const modelDelay = (crashes: number) => (crashes === 0 ? 0 : Math.min(10 * 2 ** (crashes - 1), 300));

const runThenCrash = (r: number): fc.Command<Model, Real> => ({
  check: () => true,
  run: (m, real) => {
    const finished = m.clock + r;
    if (r > 600) m.crashes = 0;
    const delay = modelDelay(m.crashes);
    if (delay > 0) {
      const [same, decision] = restartBackOff(real.b, 'k', at(finished), at(finished + delay - 1));
      expect(decision, `${delay - 1} s after crash #${m.crashes + 1} it must still wait`).toEqual({ inBackOff: true, backoffSeconds: delay });
      expect(same).toBe(real.b);
    }
    const [next, decision] = restartBackOff(real.b, 'k', at(finished), at(finished + delay));
    expect(decision, `${delay} s after crash #${m.crashes + 1} it may restart`).toEqual({ inBackOff: false });
    real.b = next;
    m.crashes++;
    m.clock = finished + delay;
  },
  toString: () => `runFor(${r}s).crash()`,
});

describe('model', () => {
  test('restarts wait 0, 10, 20, ... 300 s, and start over after a run of more than 10 minutes', () => {
    const run = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 590, max: 700 }));
    fc.assert(
      fc.property(fc.commands([run.map(runThenCrash)], { maxCommands: 25 }), (cmds) => {
        fc.modelRun(() => ({ model: { crashes: 0, clock: 0 }, real: { b: newBackOff() } }), cmds);
      }),
      runs(200),
    );
  });
});
