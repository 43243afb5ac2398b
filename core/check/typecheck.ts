/**
 * Step 1: the whole repository type-checks (`tsc --noEmit -p tsconfig.json`). tsc runs in a
 * child process started first, so it overlaps with the steps that follow it.
 */
import path from 'node:path';
import { spawnCollect } from '../kata/run-vitest';
import type { StepResult } from './report';

/** Starts tsc now; the returned promise settles when it is done. */
export function startTypecheck(root: string): Promise<Omit<StepResult, 'name' | 'what' | 'seconds'>> {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return spawnCollect(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: root }).then(({ code, output }) => {
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    const errors = lines.filter((line) => /error TS\d+/.test(line)).length;
    if (code === 0) return { status: 'passed', headline: 'no type errors', details: [] };
    return {
      status: 'failed',
      headline: errors > 0 ? `${errors} type error${errors === 1 ? '' : 's'} (npm run typecheck)` : `tsc exited with code ${code}`,
      details: lines,
    };
  });
}
