/**
 * The chapter 03 lesson states facts that live in code; these tests keep the two in step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { KINDS } from '../api/kinds';
import { SYSTEM_NAMESPACES } from '../cluster/state';
import { repoRoot } from '../kata/target';
import { chapterPolicy } from './policy';

const lesson = readFileSync(path.join(repoRoot, 'chapters', '03-namespaces', 'README.md'), 'utf8');

test('the lesson\'s table of namespaced and cluster-scoped kinds is core/api/kinds.ts', () => {
  const row = lesson.split('\n').find((line) => line.startsWith('| Pod,'));
  expect(row, 'the table row starting "| Pod," is in the lesson').toBeDefined();
  const [namespaced, clusterScoped] = row!.split('|').slice(1, 3).map((cell) => cell.split(',').map((k) => k.trim()));
  expect(namespaced).toEqual(KINDS.filter((k) => k.namespaced).map((k) => k.kind));
  expect(clusterScoped).toEqual(KINDS.filter((k) => !k.namespaced).map((k) => k.kind));
});

test('the namespaces the lesson says a cluster starts with, and the immortal ones, are the code\'s', () => {
  for (const name of SYSTEM_NAMESPACES) expect(lesson).toContain(`\`${name}\``);
  const rule = chapterPolicy('namespaceLifecycle').ruleFile.rules.find((r) => r.name === 'immortal-namespaces');
  expect(JSON.stringify(rule?.conditions)).toContain('["default","kube-system","kube-public"]');
  expect(lesson).toContain('The first three are *immortal*');
});
