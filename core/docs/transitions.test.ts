import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { transitions as fixtureTable } from './fixtures/pod-phase';
import { readTransitions, renderTransitions } from './transitions';

const fixtureFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pod-phase.ts');
const source = fs.readFileSync(fixtureFile, 'utf8');

describe('readTransitions', () => {
  test('reads a literal table from the syntax tree exactly as the module exports it', () => {
    expect(readTransitions('pod-phase.ts', source, 'transitions')).toEqual(fixtureTable);
  });

  test('refuses a table that is computed rather than written out', () => {
    expect(() => readTransitions('pod-phase.ts', source, 'computed')).toThrow(/export "computed" \(line \d+\) must be an array literal/);
  });

  test('names the entry and field that is not a string literal', () => {
    const text = "const x = 'a';\nexport const t = [\n  { from: 'A', event: 'e', to: 'B' },\n  { from: x, event: 'e', to: 'B' },\n];\n";
    expect(() => readTransitions('t.ts', text, 't')).toThrow('t[1].from (line 4) must be a string literal');
  });

  test('reports an export that does not exist', () => {
    expect(() => readTransitions('pod-phase.ts', source, 'nothing')).toThrow('no exported const "nothing"');
  });
});

describe('renderTransitions', () => {
  const out = renderTransitions([
    { from: '[*]', event: 'pod/created', to: 'Pending' },
    { from: 'Pending', event: 'pod/bound: node "a"', to: 'Running (ready)' },
  ]);

  test('draws a Mermaid stateDiagram-v2 with [*] as the start state', () => {
    expect(out.startsWith('```mermaid\nstateDiagram-v2\n')).toBe(true);
    expect(out).toContain('    [*] --> s0: pod/created');
  });

  test('gives states stable ids and keeps their names as labels, so any name is safe', () => {
    expect(out).toContain('    state "Pending" as s0\n    state "Running (ready)" as s1');
    expect(out).toContain('    s0 --> s1: pod/bound#58; node #quot;a#quot;');
  });

  test('repeats the edges as a table for hosts that do not draw Mermaid', () => {
    expect(out).toContain('| From | Event | To |');
    expect(out).toContain('| `Pending` | `pod/bound: node "a"` | `Running (ready)` |');
  });
});
