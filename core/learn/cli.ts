/**
 * What every learner command shares: reading the manifest, naming a kata by id (an unknown id
 * lists the valid ones), npm's habit of eating flags, and asking before overwriting work.
 */
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import pc from 'picocolors';
import { loadManifest, type KataEntry, type Manifest } from '../kata/manifest';

/** Prints a problem in red and ends the command with exit code 1. */
export function fail(message: string): never {
  console.error(pc.red(message));
  process.exit(1);
}

/** The manifest, or a clear exit when it cannot be read. */
export function manifestOrExit(): Manifest {
  try {
    return loadManifest();
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** The list of valid ids, one per line with its title, for "unknown kata" messages. */
export function validIds(manifest: Manifest): string {
  return manifest.katas.map((k) => `  ${k.id.padEnd(24)} ${pc.dim(k.title)}`).join('\n');
}

/** The kata with this id, or an exit listing the valid ids. */
export function kataOrExit(manifest: Manifest, id: string): KataEntry {
  const kata = manifest.katas.find((k) => k.id === id);
  return kata ?? fail(`unknown kata "${id}". Valid ids:\n${validIds(manifest)}`);
}

/**
 * Whether the user said yes up front. `npm run reset x --yes` hands `--yes` to npm, not to
 * the script; npm passes it on as `npm_config_yes=true`, so that counts too.
 */
export function saidYes(option: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return option === true || env.npm_config_yes === 'true';
}

/** Help text appended to commands that take flags, since npm eats flags given before `--`. */
export const NPM_FLAGS_NOTE =
  '\nnpm keeps flags written before "--" for itself: write npm run <command> <id> -- --flag.\n' +
  'A flag npm kept still arrives (as npm_config_<flag>), so npm run <command> <id> --flag works too.\n';

/**
 * Asks a yes/no question on the terminal. Without a terminal (a pipe, CI) it never assumes
 * an answer: the caller must pass --yes.
 */
export async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!stdin.isTTY) fail(`${question}\nNo terminal to ask on: run the command again with --yes to confirm.`);
  const rl = createInterface({ input: stdin, output: stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
