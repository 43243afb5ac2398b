// Module resolution hook for the command line (tsx): maps `@kata/<path>` to the tree named by
// KATA_TARGET, the same switch vitest.config.ts reads. The CLI defaults to the reference
// solutions; `KATA_TARGET=katas` runs the learner's own code.
// Plain JavaScript because Node loads resolve hooks before any TypeScript loader.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = process.env.KATA_TARGET || 'solutions';
if (target !== 'katas' && target !== 'solutions') {
  throw new Error(`KATA_TARGET: Unsupported value: "${target}": supported values: "katas", "solutions"`);
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('@kata/')) {
    const file = path.join(root, target, specifier.slice('@kata/'.length) + '.ts');
    return nextResolve(pathToFileURL(file).href, context);
  }
  return nextResolve(specifier, context);
}
