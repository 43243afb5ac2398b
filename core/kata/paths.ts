/**
 * Where a kata's files live. One manifest entry names file names only; the stub, the reference
 * solution, the test and the `@kata/...` specifier all follow from the chapter folder.
 */
import path from 'node:path';
import type { KataEntry } from './manifest';

/** The paths of one file of a kata, relative to the repository root (always with `/`). */
export type KataFile = {
  /** `katas/<chapter>/<file>`: the learner's stub. */
  stub: string;
  /** `solutions/<chapter>/<file>`: the reference implementation. */
  solution: string;
  /** `katas/<chapter>/<name>.test.ts`: the tests beside the stub. */
  test: string;
  /** `@kata/<chapter>/<name>`: how tests import the unit. */
  specifier: string;
};

/** The paths of every file of `kata`, in manifest order. */
export function kataFiles(kata: Pick<KataEntry, 'chapter' | 'files'>): KataFile[] {
  return kata.files.map((file) => {
    // A rules kata's stub is a rule file (`site-policy.rules.yaml`); its tests import the
    // text as `@kata/<chapter>/site-policy.rules.yaml?raw` and sit in `site-policy.rules.test.ts`.
    const rules = isRuleFileKata(file);
    const name = rules ? file.replace(/\.yaml$/, '') : file.replace(/\.ts$/, '');
    return {
      stub: `katas/${kata.chapter}/${file}`,
      solution: `solutions/${kata.chapter}/${file}`,
      test: `katas/${kata.chapter}/${name}.test.ts`,
      specifier: rules ? `@kata/${kata.chapter}/${file}?raw` : `@kata/${kata.chapter}/${name}`,
    };
  });
}

/** Whether a kata file is a rule file (policy as data) rather than TypeScript. */
export function isRuleFileKata(file: string): boolean {
  return file.endsWith('.rules.yaml');
}

/** The test files of `kata`, relative to the repository root. */
export function kataTestFiles(kata: Pick<KataEntry, 'chapter' | 'files'>): string[] {
  return kataFiles(kata).map((f) => f.test);
}

/** A path relative to `root`, with forward slashes, for matching against manifest paths. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
