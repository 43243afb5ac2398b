/**
 * What a learner sees when a kata is red: the first failing test, what was expected and what
 * came back, fast-check's shrunk counterexample when a property failed, and the first hint.
 */
import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import type { KataEntry } from '../kata/manifest';
import { KATA_NOT_IMPLEMENTED } from '../kata/not-implemented';
import { kataFiles } from '../kata/paths';
import { firstFailure, rootCause, type KataStatus, type TestError } from '../kata/test-results';
import { firstHint } from './hints';

/** What fast-check reports about a failed property. */
export type PropertyFailure = { counterexample: string; shrunk?: number; seed?: string; path?: string };

/** Reads fast-check's failure message ("Property failed after ...\nCounterexample: ..."). */
export function parsePropertyFailure(message: string): PropertyFailure | undefined {
  const found = /Counterexample: ([\s\S]*?)(?:\nShrunk (\d+) time|\nGot error|\n\n|$)/.exec(message);
  if (!found || found[1] === undefined) return undefined;
  const seed = /seed: (-?\d+)/.exec(message)?.[1];
  const replayPath = /path: "([^"]*)"/.exec(message)?.[1];
  return {
    counterexample: found[1].trim(),
    ...(found[2] !== undefined ? { shrunk: Number(found[2]) } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(replayPath !== undefined ? { path: replayPath } : {}),
  };
}

/** The kata id named by a KataNotImplemented error, if that is what this is. */
export function stubIdOf(error: TestError): string | undefined {
  const id = /kata (\S+) is not implemented yet/.exec(error.message)?.[1];
  return error.name === KATA_NOT_IMPLEMENTED || id !== undefined ? id : undefined;
}

const indent = (text: string, by = '    ') => text.split('\n').map((line) => by + line);
const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)} ...` : text);

/** The lines explaining one error: the assertion, expected/received, or which stub is in the way. */
export function renderError(error: TestError, kata: Pick<KataEntry, 'id' | 'chapter' | 'files'>): string[] {
  // fast-check wraps the error that broke the property; the wrapper carries the counterexample.
  const cause = rootCause(error);
  const property = parsePropertyFailure(error.message);
  const stubId = stubIdOf(cause);
  if (stubId === kata.id) {
    const where = cause.where ?? error.where ?? kataFiles(kata).map((f) => f.stub).join(', ');
    return [`    still the stub: replace notImplemented('${kata.id}') in ${where} with your code`];
  }
  if (stubId !== undefined) {
    return [`    this kata runs your kata ${stubId}, which is still a stub: finish it first (npm run kata -- ${stubId}),`, `    or copy its reference in with npm run catch-up ${stubId}`];
  }
  const lines: string[] = [];
  if (cause !== error || !property) {
    lines.push(...indent(clip(cause.message.split('\n').slice(0, 8).join('\n'))).map((l) => pc.red(l)));
    // vitest colours its diff itself; drop the colours where picocolors would not use any.
    const diff = cause.diff && (pc.isColorSupported ? cause.diff : stripVTControlCharacters(cause.diff));
    if (diff) lines.push(...indent(diff.split('\n').slice(0, 24).join('\n')));
    else if (cause.expected !== undefined || cause.actual !== undefined) {
      lines.push(`    expected: ${pc.green(clip(cause.expected ?? ''))}`, `    received: ${pc.red(clip(cause.actual ?? ''))}`);
    }
  } else {
    lines.push(pc.red('    the property does not hold for this input'));
  }
  if (property) {
    const shrunk = property.shrunk !== undefined ? ` (shrunk ${property.shrunk} time${property.shrunk === 1 ? '' : 's'})` : '';
    lines.push(`    ${pc.bold('counterexample')}${shrunk}: ${clip(property.counterexample, 1200)}`);
    if (property.seed !== undefined) lines.push(pc.dim(`    seed ${property.seed}, path "${property.path ?? ''}" (give both to fc.assert to replay this run)`));
  }
  return lines;
}

/** The full report of a red kata, or undefined when it is green. */
export function renderFailure(status: KataStatus): string[] | undefined {
  const failure = firstFailure(status);
  if (!failure) return undefined;
  const { kata } = status;
  const lines = [`${pc.red('✗')} ${pc.bold(kata.id)} · ${kata.title}  ${pc.dim(`${status.passed}/${status.total} tests green`)}`];
  if (failure.loadError !== undefined) {
    lines.push(`  ${pc.red('✗')} ${failure.file} could not run:`, ...indent(clip(failure.loadError)).map((l) => pc.red(l)));
    const stubId = stubIdOf({ message: failure.loadError });
    if (stubId !== undefined && stubId !== kata.id) lines.push(`    (kata ${stubId} is still a stub: npm run kata -- ${stubId}, or npm run catch-up ${stubId})`);
  } else if (failure.test) {
    lines.push(`  ${pc.red('✗')} ${failure.test.name}`);
    const error = failure.test.errors[0];
    lines.push(...(error ? renderError(error, kata) : ['    (failed without an error message)']));
  }
  lines.push('', `  ${firstHint(kata)}`);
  return lines;
}
