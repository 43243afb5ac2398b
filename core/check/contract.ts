/**
 * The kata contract, checked on the files alone (nothing runs): the manifest, the stubs, the
 * solutions, the tests and the lessons agree, and nothing else sits in the kata trees.
 * Every problem is one line naming the file and what would be right.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { validateManifest, type KataEntry } from '../kata/manifest';
import { isRuleFileKata, kataFiles } from '../kata/paths';
import { clockOrRandom, exportedNames, focusedOrSkipped, importsOf, notImplementedIds } from './source-scan';

/** Folders never searched for test files. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'docs', '.cluster', '.kata-progress', 'coverage']);

/** Checks the whole contract under `root`; returns one message per problem, `[]` when all is well. */
export function checkContract(root: string): string[] {
  const problems: string[] = [];
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
  const exists = (rel: string) => fs.existsSync(path.join(root, rel));

  let data: unknown;
  try {
    data = parse(read('katas/manifest.yaml'));
  } catch (error) {
    return [`katas/manifest.yaml: ${(error as Error).message.split('\n')[0]}`];
  }
  problems.push(...validateManifest(data));
  const katas = usableEntries(data);

  for (const kata of katas) {
    kata.files.forEach((name, j) => {
      if (!/^[a-z0-9][a-z0-9.-]*(\.ts|\.rules\.yaml)$/.test(name) || name.endsWith('.test.ts')) {
        problems.push(`katas/manifest.yaml: ${kata.id}.files[${j}]: Invalid value: "${name}": must be a file name in the chapter folder, such as "store.ts" (or "policy.rules.yaml" for a rules kata)`);
      }
    });
    (kata.greenOnStub ?? []).forEach((g, j) => {
      if (typeof g?.test !== 'string' || g.test.trim() === '' || typeof g.reason !== 'string' || g.reason.trim() === '') {
        problems.push(`katas/manifest.yaml: ${kata.id}.greenOnStub[${j}]: Required value: a test name and the reason it may pass on the stub`);
      }
    });
    for (const file of kataFiles(kata)) {
      if (!exists(file.stub)) problems.push(`${file.stub}: Not found: the stub of kata ${kata.id} (listed in katas/manifest.yaml)`);
      if (!exists(file.solution)) problems.push(`${file.solution}: Not found: the reference solution of kata ${kata.id}`);
      if (!exists(file.test)) problems.push(`${file.test}: Not found: the tests of kata ${kata.id} (beside its stub)`);
      if (isRuleFileKata(file.stub)) {
        // A rules kata: the stub says what to write; there is no code to compare.
        if (exists(file.stub) && !read(file.stub).includes('TODO(kata)')) problems.push(`${file.stub}: must contain a '# TODO(kata): ...' comment saying what to write`);
        if (exists(file.solution) && read(file.solution).includes('TODO(kata)')) problems.push(`${file.solution}: a reference solution must not contain 'TODO(kata)'`);
      } else {
        if (exists(file.stub)) problems.push(...checkStub(file.stub, read(file.stub), kata.id));
        if (exists(file.solution)) problems.push(...checkSolution(file.solution, read(file.solution)));
        if (exists(file.stub) && exists(file.solution)) problems.push(...compareExports(file.stub, read(file.stub), file.solution, read(file.solution)));
      }
      if (exists(file.test) && !importsOf(read(file.test), file.test).some((i) => i.specifier === file.specifier)) {
        problems.push(`${file.test}: must import the unit under test as '${file.specifier}'`);
      }
    }
  }

  const chapters = [...new Set(katas.map((k) => k.chapter))];
  for (const chapter of chapters) {
    if (!exists(`chapters/${chapter}/README.md`)) problems.push(`chapters/${chapter}/README.md: Not found: every chapter needs its lesson`);
  }
  problems.push(...strayFiles(root, katas));
  problems.push(...checkImports(root, katas));

  for (const file of listFiles(root, '.', (f) => f.endsWith('.test.ts'))) {
    for (const f of focusedOrSkipped(read(file), file)) problems.push(`${file}:${f.line}: ${f.text}: every test must run (no .only, .skip, .todo)`);
  }
  for (const tree of ['katas', 'solutions']) {
    for (const file of listFiles(root, tree, (f) => f.endsWith('.ts'))) {
      for (const f of clockOrRandom(read(file), file)) problems.push(`${file}:${f.line}: ${f.text}: time and randomness must be inputs, not read here`);
    }
  }
  return problems;
}

/** Manifest entries complete enough to locate files, even when other fields are invalid. */
function usableEntries(data: unknown): KataEntry[] {
  const list = (data as { katas?: unknown } | null)?.katas;
  if (!Array.isArray(list)) return [];
  return list.filter((k): k is KataEntry => {
    const e = k as Partial<KataEntry> | null;
    return typeof e?.id === 'string' && typeof e.chapter === 'string' && Array.isArray(e.files) && e.files.every((f) => typeof f === 'string');
  });
}

function checkStub(file: string, text: string, id: string): string[] {
  const problems: string[] = [];
  if (!text.includes('TODO(kata)')) problems.push(`${file}: must contain a '// TODO(kata): ...' comment saying what to build`);
  const ids = notImplementedIds(text, file);
  if (!ids.includes(id)) problems.push(`${file}: must call notImplemented('${id}') where the learner's code goes`);
  for (const other of new Set(ids.filter((i) => i !== id))) problems.push(`${file}: calls notImplemented('${other}'), but this file belongs to kata ${id}`);
  return problems;
}

function checkSolution(file: string, text: string): string[] {
  const problems: string[] = [];
  if (text.includes('TODO(kata)')) problems.push(`${file}: a reference solution must not contain 'TODO(kata)'`);
  if (notImplementedIds(text, file).length > 0) problems.push(`${file}: a reference solution must not call notImplemented(...)`);
  return problems;
}

function compareExports(stubFile: string, stub: string, solutionFile: string, solution: string): string[] {
  const problems: string[] = [];
  const a = exportedNames(stub, stubFile);
  const b = exportedNames(solution, solutionFile);
  for (const [name, kind] of a) {
    if (!b.has(name)) problems.push(`${solutionFile}: does not export '${name}', which the stub exports`);
    else if (b.get(name) !== kind) problems.push(`${solutionFile}: exports '${name}' as a ${b.get(name)}, the stub as a ${kind}`);
  }
  for (const name of b.keys()) {
    if (!a.has(name)) problems.push(`${stubFile}: does not export '${name}', which the solution exports`);
  }
  return problems;
}

/** Files in the kata trees that no manifest entry lists; given code belongs in core/. */
function strayFiles(root: string, katas: KataEntry[]): string[] {
  const allowed = new Set(['katas/manifest.yaml']);
  const chapters = new Set(katas.map((k) => k.chapter));
  for (const kata of katas) for (const file of kataFiles(kata)) allowed.add(file.stub).add(file.solution).add(file.test);
  const problems: string[] = [];
  const entries = (dir: string) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir), { withFileTypes: true }) : []);
  for (const tree of ['katas', 'solutions']) {
    for (const top of entries(tree)) {
      const rel = `${tree}/${top.name}`;
      if (top.isDirectory() && chapters.has(top.name)) {
        for (const entry of entries(rel)) {
          const file = `${rel}/${entry.name}`;
          if (entry.isDirectory() || !allowed.has(file)) {
            problems.push(`${file}${entry.isDirectory() ? '/' : ''}: not listed by any kata in katas/manifest.yaml (given code belongs in core/)`);
          }
        }
      } else if (top.isDirectory()) problems.push(`${rel}/: no kata in katas/manifest.yaml uses this chapter folder`);
      else if (!allowed.has(rel)) problems.push(`${rel}: not part of the kata contract (only manifest.yaml and chapter folders belong here)`);
    }
  }
  return problems;
}

/**
 * Imports inside the kata trees: another kata's unit only through `@kata/...` (so the
 * learner's own code is what runs), a real unit, and a kata listed in `dependsOn` when the
 * import runs code (type-only imports do not run a stub).
 */
function checkImports(root: string, katas: KataEntry[]): string[] {
  const owner = new Map<string, KataEntry>();
  for (const kata of katas) for (const file of kataFiles(kata)) owner.set(file.specifier, kata);
  const byId = new Map(katas.map((k) => [k.id, k]));
  const needs = (kata: KataEntry, seen = new Set<string>()): Set<string> => {
    for (const dep of kata.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      const entry = byId.get(dep);
      if (entry) needs(entry, seen);
    }
    return seen;
  };
  const problems: string[] = [];
  for (const kata of katas) {
    for (const file of kataFiles(kata)) {
      for (const rel of [file.stub, file.solution, file.test]) {
        const full = path.join(root, rel);
        if (!fs.existsSync(full)) continue;
        for (const ref of importsOf(fs.readFileSync(full, 'utf8'), rel)) {
          if (ref.specifier.startsWith('.')) {
            const target = path.relative(root, path.resolve(path.dirname(full), ref.specifier)).split(path.sep).join('/');
            if (/^(katas|solutions)\//.test(target)) {
              problems.push(`${rel}:${ref.line}: imports '${ref.specifier}': import kata units through '@kata/${target.replace(/^(katas|solutions)\//, '').replace(/\.ts$/, '')}'`);
            }
          } else if (ref.specifier.startsWith('@kata/')) {
            const other = owner.get(ref.specifier.replace(/\.ts$/, ''));
            if (!other) problems.push(`${rel}:${ref.line}: imports '${ref.specifier}', which is no file of any kata in katas/manifest.yaml`);
            else if (other.id !== kata.id && !ref.typeOnly && !needs(kata).has(other.id)) {
              problems.push(`${rel}:${ref.line}: runs code of kata ${other.id} ('${ref.specifier}'): add it to dependsOn of ${kata.id} in katas/manifest.yaml, or import types only`);
            }
          }
        }
      }
    }
  }
  return problems;
}

/** Files under `dir` (relative to root) that `keep` accepts, skipping generated and vendored folders. */
function listFiles(root: string, dir: string, keep: (file: string) => boolean): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP_DIRS.has(entry.name)) return [];
    const rel = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(root, rel, keep);
    return keep(rel) ? [rel] : [];
  });
}
