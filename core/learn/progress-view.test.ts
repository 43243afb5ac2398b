import { stripVTControlCharacters as plain } from 'node:util';
import { expect, test } from 'vitest';
import type { KataEntry } from '../kata/manifest';
import type { KataStatus } from '../kata/test-results';
import { bar, renderChapters, renderNext, renderProgress } from './progress-view';

const kata = (id: string, chapter: string): KataEntry => ({ id, chapter, title: `Title ${id}`, files: [`${id.slice(3)}.ts`], difficulty: 3, minutes: 45, concepts: ['watch'], hints: ['a', 'b'], upstream: 'x' });
const status = (id: string, chapter: string, solved: boolean): KataStatus => ({ kata: kata(id, chapter), solved, passed: solved ? 4 : 1, total: 4, files: [], missing: [] });

const statuses = [status('01-a', '01-one', true), status('01-b', '01-one', false), status('02-c', '02-two', false)];

test('a bar fills in proportion and keeps its width', () => {
  expect(plain(bar(1, 2))).toBe('██████████░░░░░░░░░░');
  expect(plain(bar(0, 0))).toHaveLength(20);
});

test('each chapter gets one line with solved/total, in manifest order', () => {
  const lines = renderChapters(statuses).map(plain);
  expect(lines).toEqual(['  01-one  ██████████░░░░░░░░░░  1/2', '  02-two  ░░░░░░░░░░░░░░░░░░░░  0/1']);
});

test('the next kata card names its id, title, difficulty, minutes and file', () => {
  const lines = renderNext(statuses[1]!).map(plain);
  expect(lines[0]).toBe('Next: 01-b · Title 01-b');
  expect(lines[1]).toBe('  difficulty ●●●○○   about 45 min');
  expect(lines[2]).toBe('  open       katas/01-one/b.ts');
});

test('the progress screen counts solved katas and shows the first unsolved one', () => {
  const text = plain(renderProgress(statuses));
  expect(text.split('\n')[0]).toBe('Progress: 1/3 katas solved');
  expect(text).toContain('Next: 01-b');
});

test('when every kata is solved the screen says so', () => {
  expect(plain(renderProgress([status('01-a', '01-one', true)]))).toContain('Every kata is solved');
});
