/**
 * The shared body of `reset` and `catch-up`: show what will be replaced, ask, then write.
 */
import { Command } from 'commander';
import pc from 'picocolors';
import type { KataEntry } from '../kata/manifest';
import { repoRoot } from '../kata/target';
import { confirm, fail, kataOrExit, manifestOrExit, NPM_FLAGS_NOTE, saidYes } from './cli';
import { applyRewrites, type Rewrite } from './files';

/** What differs between the two commands. */
export type RewriteCommand = {
  name: string;
  description: string;
  /** The planned rewrites for a kata (may throw with a message for the learner). */
  plan: (root: string, kata: KataEntry) => Rewrite[];
  /** The question asked before writing. */
  question: (kata: KataEntry, files: string[]) => string;
  /** Said when nothing would change. */
  unchanged: string;
  /** Said after writing. */
  done: (kata: KataEntry) => string;
};

/** Builds and runs the command line of a rewrite command. */
export function runRewriteCommand(spec: RewriteCommand): void {
  new Command(`npm run ${spec.name}`)
    .description(spec.description)
    .argument('<id>', 'kata id, e.g. 01-store')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', `${NPM_FLAGS_NOTE}\nExamples:\n  npm run ${spec.name} 01-store\n  npm run ${spec.name} 01-store -- --yes`)
    .action(async (id: string, options: { yes?: boolean }) => {
      const kata = kataOrExit(manifestOrExit(), id);
      let rewrites: Rewrite[];
      try {
        rewrites = spec.plan(repoRoot, kata);
      } catch (error) {
        return fail((error as Error).message);
      }
      const changing = rewrites.filter((r) => r.changes).map((r) => r.file);
      if (changing.length === 0) {
        console.log(`${kata.id}: ${spec.unchanged}`);
        return;
      }
      if (!(await confirm(spec.question(kata, changing), saidYes(options.yes)))) {
        console.log('Nothing changed.');
        return;
      }
      const backups = applyRewrites(repoRoot, rewrites);
      console.log(pc.green(spec.done(kata)));
      for (const file of changing) console.log(`  rewrote ${file}`);
      if (backups.length > 0) console.log(pc.dim(`  your previous version: ${backups.join(', ')}`));
    })
    .parse();
}
