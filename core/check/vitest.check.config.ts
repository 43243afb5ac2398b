/**
 * One vitest run for "every test passes": the kata tests (with `@kata` at whatever
 * `KATA_TARGET` says; the check sets `solutions`) and the core tests, as two projects, so the
 * check pays vitest's start-up once.
 */
import { defineConfig } from 'vitest/config';
import { repoRoot } from '../kata/target';

export default defineConfig({
  root: repoRoot,
  test: {
    projects: [
      { extends: './vitest.config.ts', test: { name: 'katas' } },
      { extends: './core/vitest.config.ts', test: { name: 'core' } },
    ],
  },
});
