import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hashContainer } from '../../core/kubelet/hash';
import { normalizeImage, pullRequester, type PodSandboxConfig, type RuntimeEffect, type RuntimeState } from '../../core/kubelet/cri';
import { NO_STAGES, type Stages } from '../../core/kubelet/stages';
import { chapterStages, stagesFrom } from '../../core/kubelet/testing/stage-files';
import { effectOf, runActions, sandboxConfig, T0, tickBy } from '../../core/kubelet/testing/runtime-driver';
import { addSeconds } from '../../core/data/rfc3339';
import { runs } from '../../core/testing/runs';
import { newRuntime, nextEventAt, reduceRuntime, runtimePodStatus } from '@kata/05-node-runtime/cri-runtime';

const fresh = (podCIDR = '10.244.1.0/24') => newRuntime({ nodeName: 'node-1', nodeIP: '172.18.0.2', podCIDR, now: T0 });
const run = (state: RuntimeState, actions: Parameters<typeof runActions>[2], stages: Stages = NO_STAGES) => runActions(reduceRuntime, state, actions, stages);

/** A ready sandbox for `config`: returns the state and its ID. */
function sandbox(state: RuntimeState, config: PodSandboxConfig = sandboxConfig('web')): [RuntimeState, string] {
  const [next, effects] = run(state, [{ type: 'RunPodSandbox', config, attempt: 0 }]);
  return [next, effectOf(effects, 'sandbox/ready').podSandboxID];
}

/** Pulls `image` to completion for `config`'s container `name` (ticking past the pull). */
function pulled(state: RuntimeState, image: string, config: PodSandboxConfig, name: string, stages: Stages = NO_STAGES): RuntimeState {
  const pull = { type: 'PullImage' as const, image, requester: pullRequester(config.uid, name), sandboxConfig: config };
  let [next, effects] = run(state, [pull], stages);
  const started = effects.find((e) => e.type === 'image/pullStarted');
  if (started && started.type === 'image/pullStarted') [next] = run(next, [{ type: 'runtime/ticked', now: started.doneAt }, pull], stages);
  return next;
}

/** A running container `name` (image `image`) in a new sandbox of pod `config`. */
function running(stages: Stages = NO_STAGES, config = sandboxConfig('web'), name = 'app', image = 'nginx', attempt = 0): [RuntimeState, string] {
  let [state, sandboxID] = sandbox(fresh(), config);
  state = pulled(state, image, config, name, stages);
  const [created, effects] = run(state, [{ type: 'CreateContainer', podSandboxID: sandboxID, config: { name, image, attempt, hash: hashContainer({ name, image }) } }], stages);
  const containerID = effectOf(effects, 'container/created').containerID;
  const [started] = run(created, [{ type: 'StartContainer', containerID }], stages);
  return [started, containerID];
}

const statusOf = (state: RuntimeState, config = sandboxConfig('web')) => runtimePodStatus(state, config);

describe('sandboxes', () => {
  test('a new runtime knows the pause image and nothing else', () => {
    const state = fresh();
    expect(Object.keys(state.images)).toEqual([normalizeImage('registry.k8s.io/pause:3.10')]);
    expect(statusOf(state)).toMatchObject({ sandboxStatuses: [], containerStatuses: [], ips: [] });
  });

  test('RunPodSandbox gives the pod the first free address of the node range (host-local skips the gateway .1)', () => {
    // host-local: rangeStart is network+1, which is also the gateway and never handed out.
    const [state, id] = sandbox(fresh('10.244.1.0/24'));
    const status = statusOf(state);
    expect(status.ips).toEqual(['10.244.1.2']);
    expect(status.sandboxStatuses).toEqual([
      expect.objectContaining({ id, state: 'SANDBOX_READY', network: { ip: '10.244.1.2' }, metadata: { name: 'web', namespace: 'default', uid: 'uid-web', attempt: 0 } }),
    ]);
  });

  test('a hostNetwork sandbox uses the node IP and the node network namespace', () => {
    const [state] = sandbox(fresh(), sandboxConfig('web', { hostNetwork: true }));
    const status = statusOf(state);
    expect(status.ips).toEqual(['172.18.0.2']);
    expect(status.sandboxStatuses[0]?.linux?.namespaces?.options?.network).toBe('NODE');
    expect(state.ipam.reserved, 'hostNetwork pods take no address from the pod range').toEqual({});
  });

  test('RunPodSandbox fails with the CNI error when the range is used up', () => {
    // A /30 has two usable addresses; the first is the gateway, so one pod fits.
    let [state] = sandbox(fresh('10.0.0.0/30'), sandboxConfig('a'));
    const [after, effects] = run(state, [{ type: 'RunPodSandbox', config: sandboxConfig('b'), attempt: 0 }]);
    state = after;
    expect(effectOf(effects, 'error').message).toMatch(/failed to allocate for range 0: no IP addresses available in range set: 10\.0\.0\.1-10\.0\.0\.2$/);
    expect(statusOf(state, sandboxConfig('b')).sandboxStatuses, 'no sandbox is left behind').toEqual([]);
  });

  test('StopPodSandbox kills what still runs in it with 137, releases its IP and marks it not ready', () => {
    const [state, containerID] = running();
    const sandboxID = statusOf(state).sandboxStatuses[0]!.id;
    const [stopped, effects] = run(state, [{ type: 'StopPodSandbox', podSandboxID: sandboxID }]);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ containerID, exitCode: 137, reason: 'Error' });
    expect(statusOf(stopped)).toMatchObject({ ips: [], sandboxStatuses: [expect.objectContaining({ state: 'SANDBOX_NOTREADY' })] });
    expect(stopped.ipam.reserved).toEqual({});
  });

  test('RemovePodSandbox removes the sandbox with its containers, and is idempotent', () => {
    const [state, containerID] = running();
    const sandboxID = statusOf(state).sandboxStatuses[0]!.id;
    const [removed, effects] = run(state, [{ type: 'RemovePodSandbox', podSandboxID: sandboxID }, { type: 'RemovePodSandbox', podSandboxID: sandboxID }]);
    expect(effects.filter((e) => e.type === 'container/removed')).toEqual([{ type: 'container/removed', containerID }]);
    expect(statusOf(removed)).toMatchObject({ sandboxStatuses: [], containerStatuses: [] });
    expect(effects.some((e) => e.type === 'error')).toBe(false);
  });
});

describe('image pulls', () => {
  const config = sandboxConfig('web');
  const pull = (image = 'nginx') => ({ type: 'PullImage' as const, image, requester: pullRequester(config.uid, 'app'), sandboxConfig: config });

  test('with no rule a pull takes 2 s: started, still pulling, then pulled once', () => {
    let state = fresh();
    let effects: RuntimeEffect[];
    [state, effects] = run(state, [pull()]);
    expect(effects[0]).toEqual({ type: 'image/pullStarted', image: 'nginx', doneAt: '2025-01-01T00:00:02Z' });
    [state, effects] = run(state, [tickBy(state, 1), pull()]);
    expect(effects).toContainEqual({ type: 'image/stillPulling', image: 'nginx', doneAt: '2025-01-01T00:00:02Z' });
    [state, effects] = run(state, [tickBy(state, 1), pull()]);
    expect(effectOf(effects, 'image/pulled')).toMatchObject({ image: 'nginx', pullSeconds: 2, waitedSeconds: 2 });
    expect(state.images[normalizeImage('nginx')]?.name).toBe('docker.io/library/nginx:latest');
  });

  test('pulling an image the node already has only checks the registry and finishes at once', () => {
    let state = pulled(fresh(), 'nginx', config, 'app');
    let effects: RuntimeEffect[];
    [state, effects] = run(state, [pull()]);
    expect(effectOf(effects, 'image/pulled')).toMatchObject({ pullSeconds: 0, waitedSeconds: 0 });
  });

  test('a pull rule sets the duration and the reported size', () => {
    const stages = stagesFrom(`  - name: slow\n    conditions: { all: [ { fact: image, operator: equal, value: nginx } ] }\n    event: { type: pull, params: { seconds: 30, sizeBytes: 1234 } }\n`);
    let [state, effects] = run(fresh(), [pull()], stages);
    expect(effectOf(effects, 'image/pullStarted').doneAt).toBe('2025-01-01T00:00:30Z');
    [state, effects] = run(state, [tickBy(state, 30), pull()], stages);
    expect(effectOf(effects, 'image/pulled')).toMatchObject({ pullSeconds: 30, sizeBytes: 1234 });
  });

  test('a pullFailure rule fails the pull after its delay with the registry message, and the image stays absent', () => {
    const stages = chapterStages('pull-failure.rules.yaml');
    let [state, effects] = run(fresh(), [pull('nginx:does-not-exist')], stages);
    expect(effectOf(effects, 'image/pullStarted').doneAt).toBe('2025-01-01T00:00:01Z');
    [state, effects] = run(state, [tickBy(state, 1), pull('nginx:does-not-exist')], stages);
    expect(effectOf(effects, 'image/pullFailed').message).toContain('docker.io/library/nginx:does-not-exist: not found');
    expect(state.images[normalizeImage('nginx:does-not-exist')]).toBeUndefined();
  });

  test('the image is present for everyone once the pull time has passed, before the requester asks again', () => {
    let [state] = run(fresh(), [pull()]);
    [state] = run(state, [tickBy(state, 2)]);
    expect(state.images[normalizeImage('nginx')]).toBeDefined();
  });
});

describe('containers', () => {
  test('CreateContainer fails while the image is not on the node', () => {
    const [state, sandboxID] = sandbox(fresh());
    const [, effects] = run(state, [{ type: 'CreateContainer', podSandboxID: sandboxID, config: { name: 'app', image: 'nginx', attempt: 0, hash: 'h' } }]);
    expect(effectOf(effects, 'error').message).toContain('docker.io/library/nginx:latest');
  });

  test('a started container runs until stopped when no rule says otherwise', () => {
    const [state, containerID] = running();
    const [later] = run(state, [tickBy(state, 86_400)]);
    expect(statusOf(later).containerStatuses).toEqual([expect.objectContaining({ id: containerID, state: 'running', startedAt: state.now, restartCount: 0, image: 'docker.io/library/nginx:latest' })]);
    expect(nextEventAt(later)).toBeUndefined();
  });

  test('the container status carries the spec hash and the image digest', () => {
    const [state] = running();
    const status = statusOf(state).containerStatuses[0]!;
    expect(status.hash).toBe(hashContainer({ name: 'app', image: 'nginx' }));
    expect(status.imageRef).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  test('an exit rule ends the container after its delay with its exit code and reason Error', () => {
    const stages = chapterStages('crashloop.rules.yaml');
    const [state, containerID] = running(stages, sandboxConfig('web', { labels: { app: 'crashloop' } }));
    const [early] = run(state, [tickBy(state, 1)], stages);
    expect(statusOf(early).containerStatuses[0]?.state).toBe('running');
    const [late, effects] = run(early, [tickBy(early, 1)], stages);
    // containerd reports reason "Completed" for exit code 0 and "Error" otherwise.
    expect(effectOf(effects, 'container/exited')).toMatchObject({ containerID, exitCode: 1, reason: 'Error', at: '2025-01-01T00:00:04Z' });
    expect(statusOf(late).containerStatuses[0]).toMatchObject({ state: 'exited', exitCode: 1, finishedAt: '2025-01-01T00:00:04Z' });
  });

  test('a start announces when the container will exit with a wakeAt effect', () => {
    const stages = chapterStages('crashloop.rules.yaml');
    const config = sandboxConfig('web', { labels: { app: 'crashloop' } });
    let [state, sandboxID] = sandbox(fresh(), config);
    state = pulled(state, 'busybox', config, 'app');
    const [created, c] = run(state, [{ type: 'CreateContainer', podSandboxID: sandboxID, config: { name: 'app', image: 'busybox', attempt: 0, hash: 'h' } }], stages);
    const [, effects] = run(created, [{ type: 'StartContainer', containerID: effectOf(c, 'container/created').containerID }], stages);
    expect(effects).toContainEqual({ type: 'wakeAt', at: addSeconds(created.now, 2) });
  });

  test('the restartCount fact lets a rule change its answer after some restarts', () => {
    const stages = chapterStages('crashloop.rules.yaml');
    const [state] = running(stages, sandboxConfig('web', { labels: { app: 'crashloop' } }), 'app', 'nginx', 5);
    expect(nextEventAt(state), 'from the fifth restart on the container stays up').toBeUndefined();
  });

  test('an exit due at once is announced for now and happens at the next tick of the same instant', () => {
    const stages = stagesFrom(`  - name: instant\n    conditions: { all: [ { fact: image, operator: equal, value: nginx } ] }\n    event: { type: exit, params: { afterSeconds: 0, exitCode: 3 } }\n`);
    const [state] = running(stages);
    expect(nextEventAt(state), 'a tick is still needed').toBe(state.now);
    const [after, effects] = run(state, [{ type: 'runtime/ticked', now: state.now }], stages);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ exitCode: 3, at: state.now });
    expect(nextEventAt(after)).toBeUndefined();
  });

  test('an OOM-killed container reports the reason the rule gives', () => {
    const stages = chapterStages('crashloop.rules.yaml');
    const [state] = running(stages, sandboxConfig('web', { labels: { app: 'oom' } }));
    const [later] = run(state, [tickBy(state, 10)], stages);
    expect(statusOf(later).containerStatuses[0]).toMatchObject({ state: 'exited', exitCode: 137, reason: 'OOMKilled' });
  });
});

describe('stopping containers', () => {
  const stopRule = (seconds: number, exitCode = 0) => stagesFrom(`  - name: slow-stop\n    conditions: { all: [ { fact: image, operator: equal, value: nginx } ] }\n    event: { type: stop, params: { afterSeconds: ${seconds}, exitCode: ${exitCode} } }\n`);

  test('with no rule TERM ends the container at once with exit code 0 (Completed)', () => {
    const [state, containerID] = running();
    const [, effects] = run(state, [{ type: 'StopContainer', containerID, timeoutSeconds: 30 }]);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ containerID, exitCode: 0, reason: 'Completed', at: state.now });
  });

  test('a container that takes longer than the timeout is KILLed at the timeout with 137', () => {
    const stages = stopRule(3600);
    const [state, containerID] = running(stages);
    let [next, effects] = run(state, [{ type: 'StopContainer', containerID, timeoutSeconds: 30 }], stages);
    expect(effectOf(effects, 'container/stopStarted').until).toBe(addSeconds(state.now, 30));
    expect(statusOf(next).containerStatuses[0]?.state, 'a stopping container still runs').toBe('running');
    [next, effects] = run(next, [tickBy(next, 30)], stages);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  test('a container that handles TERM within the timeout exits when it is done, with its own code', () => {
    const stages = stopRule(5, 143);
    const [state, containerID] = running(stages);
    const [next] = run(state, [{ type: 'StopContainer', containerID, timeoutSeconds: 30 }], stages);
    const [, effects] = run(next, [tickBy(next, 5)], stages);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ exitCode: 143, reason: 'Error' });
  });

  test('asking to stop a stopping container again reports progress and does not restart the countdown', () => {
    const stages = stopRule(3600);
    const [state, containerID] = running(stages);
    let [next] = run(state, [{ type: 'StopContainer', containerID, timeoutSeconds: 30 }, tickBy(state, 10)], stages);
    let effects: RuntimeEffect[];
    [next, effects] = run(next, [{ type: 'StopContainer', containerID, timeoutSeconds: 30 }], stages);
    expect(effectOf(effects, 'container/stillStopping').until).toBe(addSeconds(state.now, 30));
  });

  test('a timeout of 0 kills at once', () => {
    const [state, containerID] = running();
    const [, effects] = run(state, [{ type: 'StopContainer', containerID, timeoutSeconds: 0 }]);
    expect(effectOf(effects, 'container/exited')).toMatchObject({ exitCode: 137 });
  });
});

describe('the runtime clock', () => {
  test('a tick to an earlier time changes nothing', () => {
    const state = fresh();
    const [next, effects] = run(state, [{ type: 'runtime/ticked', now: '2024-12-31T23:59:00Z' }]);
    expect(next.now).toBe(T0);
    expect(effects).toEqual([]);
  });

  test('newest first: a restarted container lists its new instance before the old one', () => {
    const stages = chapterStages('crashloop.rules.yaml');
    const config = sandboxConfig('web', { labels: { app: 'crashloop' } });
    let [state] = running(stages, config);
    const sandboxID = statusOf(state, config).sandboxStatuses[0]!.id;
    [state] = run(state, [tickBy(state, 2)], stages);
    const [created, effects] = run(state, [{ type: 'CreateContainer', podSandboxID: sandboxID, config: { name: 'app', image: 'nginx', attempt: 1, hash: 'h' } }], stages);
    const statuses = statusOf(created, config).containerStatuses;
    expect(statuses.map((s) => [s.id, s.state, s.restartCount])).toEqual([
      [effectOf(effects, 'container/created').containerID, 'created', 1],
      [statuses[1]!.id, 'exited', 0],
    ]);
  });

  test('exits scheduled at random times all happen at their time, in order, whatever the ticks', () => {
    const stages = stagesFrom(
      [1, 2, 3, 5, 8].map((s) => `  - name: exit-${s}\n    conditions: { all: [ { fact: container, path: $.name, operator: equal, value: c${s} } ] }\n    event: { type: exit, params: { afterSeconds: ${s}, exitCode: ${s} } }\n`).join(''),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }), (steps) => {
        let [state, sandboxID] = sandbox(fresh());
        state = pulled(state, 'nginx', sandboxConfig('web'), 'x');
        for (const s of [1, 2, 3, 5, 8]) {
          const [created, e] = run(state, [{ type: 'CreateContainer', podSandboxID: sandboxID, config: { name: `c${s}`, image: 'nginx', attempt: 0, hash: 'h' } }], stages);
          [state] = run(created, [{ type: 'StartContainer', containerID: effectOf(e, 'container/created').containerID }], stages);
        }
        const start = state.now;
        const exits: Extract<RuntimeEffect, { type: 'container/exited' }>[] = [];
        for (const step of [...steps, 10]) {
          const [next, effects] = run(state, [tickBy(state, step)], stages);
          state = next;
          exits.push(...effects.filter((e): e is Extract<RuntimeEffect, { type: 'container/exited' }> => e.type === 'container/exited'));
        }
        expect(exits.map((e) => [e.name, e.at])).toEqual([1, 2, 3, 5, 8].map((s) => [`c${s}`, addSeconds(start, s)]));
      }),
      runs(60),
    );
  });
});

// A model of the runtime, deliberately simpler than the reducer: containers with a state and
// the time they will end, sandboxes that are ready or not, pulls with the time they finish.
// The rules: containers named "crasher" exit with 1 three seconds after they start; containers
// named "slow" take five seconds to exit after TERM; pulls of "big" take 10 s, pulls of "bad"
// fail after 1 s, other pulls take the default 2 s.
type ModelContainer = { id: string; uid: string; name: string; state: 'created' | 'running' | 'exited'; endsAt?: number; endCode?: number; exitCode?: number };
type Model = {
  now: number;
  sandboxes: { id: string; uid: string; ready: boolean }[];
  containers: ModelContainer[];
  pulls: Record<string, { image: string; doneAt: number; ok: boolean }>;
  images: string[];
};
type Real = { state: RuntimeState };

const mbtStages = stagesFrom(
  [
    `  - name: crasher\n    conditions: { all: [ { fact: container, path: $.name, operator: equal, value: crasher } ] }\n    event: { type: exit, params: { afterSeconds: 3, exitCode: 1 } }\n`,
    `  - name: slow\n    conditions: { all: [ { fact: container, path: $.name, operator: equal, value: slow } ] }\n    event: { type: stop, params: { afterSeconds: 5, exitCode: 0 } }\n`,
    `  - name: big\n    conditions: { all: [ { fact: image, operator: equal, value: big } ] }\n    event: { type: pull, params: { seconds: 10 } }\n`,
    `  - name: bad\n    conditions: { all: [ { fact: image, operator: equal, value: bad } ] }\n    event: { type: pullFailure, params: { afterSeconds: 1, message: denied } }\n`,
  ].join(''),
);
const at = (m: Model) => addSeconds(T0, m.now);
const step = (r: Real, action: Parameters<typeof reduceRuntime>[1]) => {
  const [state, effects] = reduceRuntime(r.state, action, mbtStages);
  r.state = state;
  return effects;
};
const endContainer = (c: ModelContainer, code: number) => Object.assign(c, { state: 'exited', exitCode: code, endsAt: undefined, endCode: undefined });

/** Compares every container the model knows with what the runtime reports. */
function agree(m: Model, r: Real): void {
  expect(r.state.now).toBe(at(m));
  for (const sandbox of m.sandboxes) {
    const status = runtimePodStatus(r.state, { uid: sandbox.uid, name: sandbox.uid, namespace: 'default' });
    expect(status.sandboxStatuses.map((s) => s.state), `sandbox ${sandbox.id.slice(0, 8)}`).toEqual([sandbox.ready ? 'SANDBOX_READY' : 'SANDBOX_NOTREADY']);
    const expected = m.containers.filter((c) => c.uid === sandbox.uid).reverse();
    expect(status.containerStatuses.map((c) => [c.name, c.state, c.exitCode])).toEqual(expected.map((c) => [c.name, c.state, c.exitCode]));
  }
}

const mbtCommands = [
  fc.constant(null).map(() => ({
    check: () => true,
    run(m: Model, r: Real) {
      const uid = `p${m.sandboxes.length}`;
      const id = effectOf(step(r, { type: 'RunPodSandbox', config: sandboxConfig(uid, { uid }), attempt: 0 }), 'sandbox/ready').podSandboxID;
      m.sandboxes.push({ id, uid, ready: true });
      agree(m, r);
    },
    toString: () => 'RunPodSandbox',
  })),
  fc.nat().map((i) => ({
    check: (m: Readonly<Model>) => m.sandboxes.length > 0,
    run(m: Model, r: Real) {
      const sandbox = m.sandboxes[i % m.sandboxes.length]!;
      step(r, { type: 'StopPodSandbox', podSandboxID: sandbox.id });
      if (sandbox.ready) for (const c of m.containers.filter((c) => c.uid === sandbox.uid && c.state !== 'exited')) endContainer(c, 137);
      sandbox.ready = false;
      agree(m, r);
    },
    toString: () => `StopPodSandbox #${i}`,
  })),
  fc.tuple(fc.nat(), fc.constantFrom('nginx', 'big', 'bad')).map(([i, image]) => ({
    check: (m: Readonly<Model>) => m.sandboxes.length > 0,
    run(m: Model, r: Real) {
      const sandbox = m.sandboxes[i % m.sandboxes.length]!;
      const requester = `${sandbox.uid}/c`;
      const effects = step(r, { type: 'PullImage', image, requester, sandboxConfig: sandboxConfig(sandbox.uid, { uid: sandbox.uid }) });
      const pending = m.pulls[requester];
      if (pending && pending.image === image && pending.doneAt > m.now) {
        expect(effects[0]).toMatchObject({ type: 'image/stillPulling', image });
      } else if (pending && pending.image === image) {
        delete m.pulls[requester];
        expect(effects[0]?.type).toBe(pending.ok ? 'image/pulled' : 'image/pullFailed');
        if (pending.ok && !m.images.includes(image)) m.images.push(image);
      } else {
        const ok = image !== 'bad';
        const seconds = image === 'bad' ? 1 : m.images.includes(image) ? 0 : image === 'big' ? 10 : 2;
        if (seconds === 0) expect(effects[0]?.type).toBe('image/pulled');
        else {
          expect(effects[0]).toMatchObject({ type: 'image/pullStarted', doneAt: addSeconds(T0, m.now + seconds) });
          m.pulls[requester] = { image, doneAt: m.now + seconds, ok };
        }
      }
      agree(m, r);
    },
    toString: () => `PullImage ${image} for sandbox #${i}`,
  })),
  fc.tuple(fc.nat(), fc.constantFrom('web', 'crasher', 'slow')).map(([i, name]) => ({
    check: (m: Readonly<Model>) => m.sandboxes.some((s) => s.ready) && m.images.includes('nginx'),
    run(m: Model, r: Real) {
      const ready = m.sandboxes.filter((s) => s.ready);
      const sandbox = ready[i % ready.length]!;
      const effects = step(r, { type: 'CreateContainer', podSandboxID: sandbox.id, config: { name, image: 'nginx', attempt: 0, hash: 'h' } });
      m.containers.push({ id: effectOf(effects, 'container/created').containerID, uid: sandbox.uid, name, state: 'created' });
      agree(m, r);
    },
    toString: () => `CreateContainer ${name} in ready sandbox #${i}`,
  })),
  fc.nat().map((i) => ({
    check: (m: Readonly<Model>) => m.containers.some((c) => c.state === 'created'),
    run(m: Model, r: Real) {
      const created = m.containers.filter((c) => c.state === 'created');
      const c = created[i % created.length]!;
      step(r, { type: 'StartContainer', containerID: c.id });
      Object.assign(c, { state: 'running' }, c.name === 'crasher' ? { endsAt: m.now + 3, endCode: 1 } : {});
      agree(m, r);
    },
    toString: () => `StartContainer created #${i}`,
  })),
  fc.tuple(fc.nat(), fc.constantFrom(0, 2, 10, 30)).map(([i, timeout]) => ({
    check: (m: Readonly<Model>) => m.containers.some((c) => c.state === 'running'),
    run(m: Model, r: Real) {
      const live = m.containers.filter((c) => c.state === 'running');
      const c = live[i % live.length]!;
      step(r, { type: 'StopContainer', containerID: c.id, timeoutSeconds: timeout });
      const stopping = c.endCode !== undefined && c.name === 'slow';
      if (!stopping) {
        const [after, code] = c.name === 'slow' ? (5 >= timeout ? [timeout, 137] : [5, 0]) : [0, timeout === 0 ? 137 : 0];
        const ownEnd = c.endsAt;
        if (ownEnd !== undefined && ownEnd <= m.now + after) {
          // It ends by itself first.
        } else if (after === 0) endContainer(c, code);
        else Object.assign(c, { endsAt: m.now + after, endCode: code });
      }
      agree(m, r);
    },
    toString: () => `StopContainer running #${i} timeout ${timeout}s`,
  })),
  fc.integer({ min: 0, max: 6 }).map((seconds) => ({
    check: () => true,
    run(m: Model, r: Real) {
      m.now += seconds;
      step(r, { type: 'runtime/ticked', now: at(m) });
      for (const c of m.containers) if (c.state === 'running' && c.endsAt !== undefined && c.endsAt <= m.now) endContainer(c, c.endCode ?? 0);
      for (const pull of Object.values(m.pulls)) if (pull.ok && pull.doneAt <= m.now && !m.images.includes(pull.image)) m.images.push(pull.image);
      agree(m, r);
    },
    toString: () => `tick +${seconds}s`,
  })),
];

describe('the runtime against a model', () => {
  test('any sequence of CRI calls and ticks leaves containers in the states and exit codes the model predicts', () => {
    fc.assert(
      fc.property(fc.commands(mbtCommands as unknown as fc.Arbitrary<fc.Command<Model, Real>>[], { maxCommands: 40, size: 'max' }), (cmds) => {
        fc.modelRun(() => ({ model: { now: 0, sandboxes: [], containers: [], pulls: {}, images: [] }, real: { state: fresh() } }), cmds);
      }),
      runs(150),
    );
  });
});
