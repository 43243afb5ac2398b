import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { logAppend, logDropFront, logEmpty, logGet, logSlice, type ChunkedLog } from './chunked-log';

type Model = { items: number[] };
type Real = { log: ChunkedLog<number> };

function agree(model: Model, real: Real) {
  expect(real.log.size, 'size').toBe(model.items.length);
  expect(logSlice(real.log), 'entries').toEqual(model.items);
  model.items.forEach((item, i) => expect(logGet(real.log, i), `entry ${i}`).toBe(item));
  expect(logGet(real.log, model.items.length)).toBeUndefined();
  expect(real.log.chunks.every((chunk) => chunk.length === real.log.chunkSize), 'every chunk is full').toBe(true);
  expect(real.log.tail.length, 'the tail is shorter than a chunk').toBeLessThan(real.log.chunkSize);
}

class AppendCommand implements fc.Command<Model, Real> {
  constructor(readonly item: number) {}
  check = () => true;
  run(model: Model, real: Real) {
    const before = JSON.stringify(real.log);
    const next = logAppend(real.log, this.item);
    expect(JSON.stringify(real.log), 'append must not change the log it was given').toBe(before);
    model.items.push(this.item);
    real.log = next;
    agree(model, real);
  }
  toString = () => `append(${this.item})`;
}

class DropCommand implements fc.Command<Model, Real> {
  constructor(readonly count: number) {}
  check = () => true;
  run(model: Model, real: Real) {
    real.log = logDropFront(real.log, this.count);
    model.items = model.items.slice(Math.max(0, this.count));
    agree(model, real);
  }
  toString = () => `dropFront(${this.count})`;
}

describe('chunked log', () => {
  test('behaves like an array under appends and drops from the front', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.commands([fc.integer().map((n) => new AppendCommand(n)), fc.integer({ min: -1, max: 12 }).map((n) => new DropCommand(n))], { maxCommands: 80 }), (chunkSize, cmds) => {
        fc.modelRun(() => ({ model: { items: [] }, real: { log: logEmpty<number>(chunkSize) } }), cmds);
      }),
      runs(200),
    );
  });

  test('appending shares every full chunk with the log it was given', () => {
    let log = logEmpty<number>(4);
    for (let i = 0; i < 10; i++) log = logAppend(log, i);
    const next = logAppend(logAppend(log, 10), 11);
    expect(next.chunks.slice(0, log.chunks.length).every((chunk, i) => chunk === log.chunks[i])).toBe(true);
  });

  test('slicing from an index returns the newer entries', () => {
    let log = logEmpty<string>(3);
    for (const s of ['a', 'b', 'c', 'd', 'e']) log = logAppend(log, s);
    expect(logSlice(logDropFront(log, 1), 2)).toEqual(['d', 'e']);
  });
});
