/**
 * `npm start` / `npm run kata [id]`: shows your progress, then watches the first unsolved kata
 * (or the one you name). Every save reruns its tests; a failure shows what was expected and a
 * hint, and a green kata hands over to the next.
 */
import { Command } from 'commander';
import { kataOrExit, manifestOrExit } from './cli';
import { repoRoot } from '../kata/target';
import { watchKatas } from './watch';

new Command('npm run kata')
  .description('Watch the next unsolved kata: rerun its tests on every save, show the first failure and a hint, move on when it is green.')
  .argument('[id]', 'start at this kata instead of the first unsolved one')
  .option('--no-clear', 'keep the previous result on screen instead of clearing it on each save')
  .addHelpText('after', '\nExamples:\n  npm start\n  npm run kata -- 01-store')
  .action(async (id: string | undefined, options: { clear: boolean }) => {
    const manifest = manifestOrExit();
    const startAt = id === undefined ? undefined : kataOrExit(manifest, id);
    await watchKatas({ root: repoRoot, manifest, clear: options.clear && process.stdout.isTTY === true, ...(startAt ? { startAt } : {}) });
  })
  .parseAsync();
