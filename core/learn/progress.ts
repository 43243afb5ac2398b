/**
 * `npm run progress`: runs every kata test once against your code and shows, per chapter, how
 * many katas are solved, then the kata to open next.
 */
import { Command } from 'commander';
import pc from 'picocolors';
import { fail, manifestOrExit } from './cli';
import { renderProgress } from './progress-view';
import { repoRoot } from '../kata/target';
import { rememberStatuses } from './solved-cache';
import { currentStatus } from './status';

new Command('npm run progress')
  .description('Show how many katas you have solved per chapter, and which kata comes next.')
  .action(async () => {
    const manifest = manifestOrExit();
    console.log(pc.dim(`running the tests of ${manifest.katas.length} katas against katas/ ...`));
    const statuses = await currentStatus(manifest).catch((error: Error) => fail(error.message));
    rememberStatuses(repoRoot, manifest, statuses);
    console.log(renderProgress(statuses));
  })
  .parseAsync();
