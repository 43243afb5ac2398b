/**
 * The learner's test configuration: only kata tests, with `@kata/...` pointing at the
 * learner's stubs (`katas/`) unless `KATA_TARGET=solutions` asks for the reference.
 * Core plumbing has its own config (`core/vitest.config.ts`) so a learner's watch run shows
 * nothing but katas.
 */
import { defineConfig } from 'vitest/config';
import { kataRoot, kataTarget } from './core/kata/target.ts';

export default defineConfig({
  resolve: {
    alias: [{ find: /^@kata\/(.*)$/, replacement: `${kataRoot(kataTarget())}/$1` }],
  },
  test: {
    include: ['katas/**/*.test.ts'],
    // Property tests do real work; one slow file must not hide behind a short default.
    testTimeout: 30_000,
  },
});
