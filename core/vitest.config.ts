/**
 * Tests of the given plumbing (rules engine, CLI, docs, runtime). They run against the
 * reference solutions, whatever the learner has done, because they test core, not katas.
 */
import { defineConfig } from 'vitest/config';
import { kataRoot } from './kata/target.ts';

export default defineConfig({
  root: kataRoot('solutions') + '/..',
  resolve: {
    alias: [{ find: /^@kata\/(.*)$/, replacement: `${kataRoot('solutions')}/$1` }],
  },
  test: {
    include: ['core/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
