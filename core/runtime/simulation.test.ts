import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { listObjects } from '@kata/01-api-machinery/store';
import { runs } from '../testing/runs';
import { faultScheduleArbitrary } from './faults';
import { formatTrace, seedCluster, simulate } from './harness';
import { runSimulation, startSimulation } from './simulation';
import type { Controller } from './types';

// A small level-triggered controller for testing the runtime itself: for every ConfigMap
// labelled mirror=yes it keeps a copy named mirror-<name> with the same data.
const mirror: Controller = {
  name: 'mirror',
  watches: ['ConfigMap'],
  keysFor: (o) => [`${o.metadata.namespace}/${o.metadata.name.replace(/^mirror-/, '')}`],
  reconcile: (view, key) => {
    const [namespace, name] = key.split('/') as [string, string];
    const source = view.get('ConfigMap', namespace, name);
    const copy = view.get('ConfigMap', namespace, `mirror-${name}`);
    if (source?.metadata.labels?.mirror !== 'yes') return [];
    const wanted = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `mirror-${name}`, namespace }, data: source.data };
    if (!copy) return [{ type: 'create', object: wanted }];
    if (JSON.stringify(copy.data) !== JSON.stringify(source.data)) return [{ type: 'update', object: { ...copy, data: source.data } }];
    return [];
  },
};

const sources = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${i}`, namespace: 'default', labels: { mirror: 'yes' } }, data: { i: String(i) } }));

const mirrors = (result: ReturnType<typeof simulate>) =>
  listObjects(result.cluster.store, 'ConfigMap', 'default').items.filter((o) => o.metadata.name.startsWith('mirror-'));

describe('simulation runtime', () => {
  test('a controller converges and a restart on the converged cluster writes nothing', () => {
    const result = simulate({ objects: sources(3), runnables: [{ type: 'controller', controller: mirror }] });
    expect(mirrors(result).map((o) => o.metadata.name)).toEqual(['mirror-cm0', 'mirror-cm1', 'mirror-cm2']);
    expect(result.writesAfterStable).toBe(0);
  });

  test('the same seed and schedule give the same trace', () => {
    const options = { objects: sources(2), runnables: [{ type: 'controller' as const, controller: mirror }], faults: [{ type: 'delay' as const, at: 1, by: 2 }] };
    expect(simulate(options).trace).toEqual(simulate(options).trace);
  });

  test('a crash between intents loses the caches but the controller still converges', () => {
    const result = simulate({ objects: sources(3), runnables: [{ type: 'controller', controller: mirror }], faults: [{ type: 'crash', at: 0, afterIntents: 0 }] });
    expect(result.trace.some((line) => line.includes('FAULT crash'))).toBe(true);
    expect(mirrors(result)).toHaveLength(3);
  });

  test('one reconcile can create many objects with generated names', () => {
    const fanOut: Controller = {
      name: 'fan-out',
      watches: ['ConfigMap'],
      keysFor: (o) => (o.metadata.name === 'cm0' ? ['go'] : []),
      reconcile: (view) =>
        view.list('ConfigMap').length > 1
          ? []
          : Array.from({ length: 30 }, () => ({ type: 'create' as const, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', generateName: 'gen-', namespace: 'default' } } })),
    };
    const result = simulate({ objects: sources(1), runnables: [{ type: 'controller', controller: fanOut }] });
    expect(listObjects(result.cluster.store, 'ConfigMap', 'default').items.filter((o) => o.metadata.name.startsWith('gen-'))).toHaveLength(30);
  });

  test('a requeueAfter wakes the component when the clock reaches it', () => {
    let wakes = 0;
    const ticker: Controller = {
      name: 'ticker',
      watches: ['ConfigMap'],
      keysFor: () => ['tick'],
      reconcile: () => {
        wakes++;
        return [{ type: 'requeueAfter', key: 'tick', seconds: 10 }];
      },
    };
    const sim = startSimulation(seedCluster(sources(1)), [{ type: 'controller', controller: ticker }]);
    runSimulation(sim, { until: '2025-01-01T00:00:35Z' });
    // Woken at 0 s by the start-up list, then at 10, 20 and 30 s.
    expect(wakes).toBe(4);
    expect(sim.cluster.now).toBe('2025-01-01T00:00:35Z');
  });

  test('under any fault schedule the mirror converges and stays converged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), faultScheduleArbitrary(30, 6), (n, faults) => {
        const result = simulate({ objects: sources(n), runnables: [{ type: 'controller', controller: mirror }], faults });
        expect(mirrors(result), formatTrace(result)).toHaveLength(n);
        expect(result.writesAfterStable, formatTrace(result)).toBe(0);
      }),
      runs(40),
    );
  });
});
