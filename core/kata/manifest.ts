/**
 * `katas/manifest.yaml`: the ordered list of katas, read by the kata runner, the checks and
 * the docs. Loading validates every entry and reports problems with the file and the field
 * path, so a typo in the manifest reads like a kube-apiserver validation error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './target';

/** One kata as the manifest describes it. */
export type KataEntry = {
  id: string;
  /** The chapter folder, `NN-slug`, shared by chapters/, katas/ and solutions/. */
  chapter: string;
  title: string;
  /** File names inside the chapter folder: `katas/<chapter>/<file>` is the stub. */
  files: string[];
  difficulty: 1 | 2 | 3 | 4 | 5;
  minutes: number;
  concepts: string[];
  /** At least two, each stronger than the last. */
  hints: string[];
  /** The Kubernetes source path or doc page the kata mirrors. */
  upstream: string;
  dependsOn?: string[];
  /** Tests allowed to pass on the stub, each with its reason (rare). */
  greenOnStub?: { test: string; reason: string }[];
};

/** The whole manifest. */
export type Manifest = { katas: KataEntry[] };

/** The manifest's path in this repository. */
export const manifestPath = path.join(repoRoot, 'katas', 'manifest.yaml');

const ID = /^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$/;
const CHAPTER = /^\d\d-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Checks a parsed manifest; returns one message per problem, `[]` when it is valid. */
export function validateManifest(data: unknown, file = 'katas/manifest.yaml'): string[] {
  const errors: string[] = [];
  const fail = (field: string, message: string) => errors.push(`${file}: ${field}: ${message}`);
  const list = (data as { katas?: unknown } | null)?.katas;
  if (!Array.isArray(list)) {
    fail('katas', 'Required value: a list of katas');
    return errors;
  }
  const seen = new Set<string>();
  list.forEach((raw: unknown, i) => {
    const at = `katas[${i}]`;
    if (typeof raw !== 'object' || raw === null) return fail(at, 'Invalid value: must be a mapping');
    const k = raw as Record<string, unknown>;
    const str = (f: string) => typeof k[f] === 'string' && (k[f] as string).trim() !== '';
    const strList = (f: string, min: number) =>
      Array.isArray(k[f]) && (k[f] as unknown[]).length >= min && (k[f] as unknown[]).every((s) => typeof s === 'string' && s.trim() !== '');
    if (!str('id') || !ID.test(k.id as string)) fail(`${at}.id`, `Invalid value: ${JSON.stringify(k.id)}: must look like "01-store" (two digits, a dash, lower-case words)`);
    else if (seen.has(k.id as string)) fail(`${at}.id`, `Duplicate value: "${k.id}"`);
    else seen.add(k.id as string);
    if (!str('chapter') || !CHAPTER.test(k.chapter as string)) fail(`${at}.chapter`, `Invalid value: ${JSON.stringify(k.chapter)}: must be a chapter folder such as "01-api-machinery"`);
    else if (str('id') && (k.id as string).slice(0, 2) !== (k.chapter as string).slice(0, 2)) fail(`${at}.id`, `Invalid value: "${k.id}": must start with the chapter number "${(k.chapter as string).slice(0, 2)}"`);
    if (!str('title')) fail(`${at}.title`, 'Required value');
    if (!strList('files', 1)) fail(`${at}.files`, 'Required value: at least one file name');
    if (!Number.isInteger(k.difficulty) || (k.difficulty as number) < 1 || (k.difficulty as number) > 5) fail(`${at}.difficulty`, `Invalid value: ${JSON.stringify(k.difficulty)}: must be an integer from 1 to 5`);
    if (!Number.isInteger(k.minutes) || (k.minutes as number) <= 0) fail(`${at}.minutes`, `Invalid value: ${JSON.stringify(k.minutes)}: must be a positive integer`);
    if (!strList('concepts', 1)) fail(`${at}.concepts`, 'Required value: at least one concept');
    if (!strList('hints', 2)) fail(`${at}.hints`, 'Required value: at least two non-empty hints');
    if (!str('upstream')) fail(`${at}.upstream`, 'Required value: the upstream source path or doc page');
    if (k.dependsOn !== undefined && !strList('dependsOn', 0)) fail(`${at}.dependsOn`, 'Invalid value: must be a list of kata ids');
  });
  list.forEach((raw: unknown, i) => {
    const deps = (raw as { dependsOn?: unknown })?.dependsOn;
    if (!Array.isArray(deps)) return;
    const earlier = new Set(list.slice(0, i).map((k) => (k as { id?: string })?.id));
    deps.forEach((dep, j) => {
      if (!earlier.has(dep)) fail(`katas[${i}].dependsOn[${j}]`, `Invalid value: "${dep}": must name a kata listed earlier`);
    });
  });
  return errors;
}

/** Reads and validates the manifest; throws one error listing every problem. */
export function loadManifest(file = manifestPath): Manifest {
  const shown = path.relative(repoRoot, file) || file;
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shown}: ${(error as Error).message}`);
  }
  const errors = validateManifest(data, shown);
  if (errors.length > 0) throw new Error(`invalid kata manifest:\n  ${errors.join('\n  ')}`);
  return data as Manifest;
}

/** The kata with this id, or an error listing the valid ids. */
export function findKata(manifest: Manifest, id: string): KataEntry {
  const kata = manifest.katas.find((k) => k.id === id);
  if (kata) return kata;
  throw new Error(`unknown kata "${id}": valid ids are ${manifest.katas.map((k) => k.id).join(', ')}`);
}
