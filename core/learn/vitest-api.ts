/**
 * vitest in-process (its Node API), for the commands that run tests more than once: the watch
 * runner and verify. One vitest server keeps its module graph warm between runs, which is what
 * makes a rerun after a save fast.
 */
import path from 'node:path';
import { createVitest, type Reporter, type TestModule, type Vitest } from 'vitest/node';
import { relativeTo } from '../kata/paths';
import { learnerFrame, type FileOutcome, type TestError, type TestOutcome } from '../kata/test-results';

type SerializedError = { name?: string; message?: string; stack?: string; expected?: string; actual?: string; diff?: string; cause?: unknown };

function toTestError(error: unknown): TestError {
  const e = (error ?? {}) as SerializedError;
  const where = learnerFrame(e.stack);
  return {
    message: e.message ?? String(error),
    ...(e.name !== undefined ? { name: e.name } : {}),
    ...(e.expected !== undefined ? { expected: e.expected } : {}),
    ...(e.actual !== undefined ? { actual: e.actual } : {}),
    ...(e.diff ? { diff: e.diff } : {}),
    ...(e.cause !== undefined && e.cause !== null ? { cause: toTestError(e.cause) } : {}),
    ...(where !== undefined ? { where } : {}),
  };
}

/** Converts vitest's test modules into the shape the reports share. */
export function fromTestModules(modules: ReadonlyArray<TestModule>, root: string): FileOutcome[] {
  return modules.map((module) => {
    const file = relativeTo(root, module.moduleId);
    const tests: TestOutcome[] = [...module.children.allTests()].map((test) => {
      const result = test.result();
      const state = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
      return { file, title: test.name, name: test.fullName, state, errors: result.state === 'failed' ? result.errors.map(toTestError) : [] };
    });
    const errors = module.errors();
    if (tests.length === 0 && (errors.length > 0 || module.state() === 'failed')) {
      return { file, tests, loadError: errors.map((e) => toTestError(e).message).join('\n') || 'the file failed to load' };
    }
    return { file, tests };
  });
}

/**
 * A vitest instance over the kata tests with `@kata` pointing at the learner's katas/.
 * `watch` keeps it alive and rerunning on saves.
 */
export async function kataVitest(root: string, reporter: Reporter, watch: boolean): Promise<Vitest> {
  process.env.KATA_TARGET = 'katas';
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  return createVitest('test', {
    root,
    config: path.join(root, 'vitest.config.ts'),
    watch,
    reporters: [reporter],
    passWithNoTests: true,
    // Reruns reuse one worker and its loaded modules (fast-check, vitest's runtime); vitest
    // still reloads every file that changed. This is what keeps feedback well under a second.
    isolate: false,
    pool: 'threads',
  });
}
