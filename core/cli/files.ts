/**
 * Reading `-f` arguments: a file, a directory (its .yaml, .yml and .json files in name order,
 * not recursing, as kubectl does without -R), or `-` for standard input. Relative paths are
 * taken from where the user ran `npm run`, not from the package folder npm switches to.
 */
import fs from 'node:fs';
import path from 'node:path';

/** One manifest file: its name as the user should see it, and its text. */
export type ManifestFile = { name: string; text: string };

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The directory relative `-f` paths are resolved from. */
export function userCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/** Reads every manifest named by `-f` values; throws a kubectl-like error for a missing path. */
export function readManifestFiles(paths: string[], readStdin: () => string = () => fs.readFileSync(0, 'utf8')): ManifestFile[] {
  const files: ManifestFile[] = [];
  for (const given of paths) {
    if (given === '-') {
      files.push({ name: 'STDIN', text: readStdin() });
      continue;
    }
    const full = path.resolve(userCwd(), given);
    if (!fs.existsSync(full)) throw new Error(`error: the path "${given}" does not exist`);
    if (fs.statSync(full).isDirectory()) {
      const names = fs.readdirSync(full).filter((n) => MANIFEST_EXTENSIONS.has(path.extname(n))).sort();
      for (const name of names) files.push({ name: path.join(given, name), text: fs.readFileSync(path.join(full, name), 'utf8') });
    } else {
      files.push({ name: given, text: fs.readFileSync(full, 'utf8') });
    }
  }
  return files;
}
