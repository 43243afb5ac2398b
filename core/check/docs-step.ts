/**
 * Step 5: `docs/` is exactly what the generator produces from the tested sources today. The
 * generator (`core/docs/generate.ts`, `generateDocs(): Map<path under docs/, content>`) is
 * imported in-process; nothing is written.
 */
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StepResult } from './report';

type Outcome = Omit<StepResult, 'name' | 'what' | 'seconds'>;

/** Compares generated docs with the files on disk; one message per missing, stale or stray file. */
export function compareDocs(generated: Map<string, string>, onDisk: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, content] of [...generated].sort(([a], [b]) => a.localeCompare(b))) {
    const current = onDisk.get(file);
    if (current === undefined) problems.push(`docs/${file}: missing`);
    else if (current !== content) problems.push(`docs/${file}: stale (differs from what the generator makes)`);
  }
  for (const file of [...onDisk.keys()].sort()) {
    if (!generated.has(file)) problems.push(`docs/${file}: stray (the generator does not make it)`);
  }
  return problems;
}

/** Every file under `dir`, keyed by its path relative to `dir` with forward slashes. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** Runs the generator if it exists and compares; skipped (with a notice) while it does not. */
export async function docsStep(root: string): Promise<Outcome> {
  const generator = path.join(root, 'core', 'docs', 'generate.ts');
  if (!fs.existsSync(generator)) {
    return { status: 'skipped', headline: 'skipped: core/docs/generate.ts does not exist yet, so docs/ is not compared', details: [] };
  }
  // The generator may import kata units to render them; they resolve to the reference solutions.
  process.env.KATA_TARGET = 'solutions';
  register('../kata/alias-hooks.mjs', import.meta.url);
  const module = (await import(pathToFileURL(generator).href)) as { generateDocs?: () => Map<string, string> | Promise<Map<string, string>> };
  if (typeof module.generateDocs !== 'function') {
    return { status: 'failed', headline: 'core/docs/generate.ts does not export generateDocs()', details: [] };
  }
  let generated: Map<string, string>;
  try {
    generated = await module.generateDocs();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', headline: 'the docs generator failed (npm run docs shows the same)', details: message.split('\n') };
  }
  const problems = compareDocs(generated, readTree(path.join(root, 'docs')));
  if (problems.length === 0) return { status: 'passed', headline: `docs/ is up to date (${generated.size} files)`, details: [] };
  return { status: 'failed', headline: `docs/ is out of date: run \`npm run docs\` and commit the result`, details: problems };
}
