/**
 * `npm run verify`: runs each kata's tests against your code in manifest order and stops at the
 * first kata that is not green, saying which test failed and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { kataTestFiles } from '../kata/paths';
import { repoRoot } from '../kata/target';
import { kataStatuses } from '../kata/test-results';
import { manifestOrExit } from './cli';
import { renderFailure } from './failure-view';
import { rememberStatuses } from './solved-cache';
import { fromTestModules, kataVitest } from './vitest-api';

new Command('npm run verify')
  .description('Run every kata in order against your code; stop at the first that is not green and say why.')
  .action(async () => {
    const manifest = manifestOrExit();
    const vitest = await kataVitest(repoRoot, {}, false);
    let code = 0;
    try {
      for (const [i, kata] of manifest.katas.entries()) {
        const files = kataTestFiles(kata).map((f) => path.join(repoRoot, f)).filter((f) => fs.existsSync(f));
        const run = files.length > 0 ? await vitest.runTestFiles(files) : { testModules: [] };
        const [status] = kataStatuses({ katas: [kata] }, fromTestModules(run.testModules, repoRoot));
        if (status) rememberStatuses(repoRoot, manifest, [status]);
        if (status?.solved) {
          console.log(`${pc.green('✓')} ${kata.id.padEnd(24)} ${pc.dim(`${status.total} tests`)}`);
          continue;
        }
        code = 1;
        console.log(['', ...(status ? (renderFailure(status) ?? []) : [])].join('\n'));
        const others = (status?.files ?? []).flatMap((f) => f.tests).filter((t) => t.state !== 'passed').slice(1);
        if (others.length > 0) console.log(pc.dim(`\n  also failing: ${others.slice(0, 8).map((t) => t.name).join('; ')}${others.length > 8 ? ` and ${others.length - 8} more` : ''}`));
        console.log(`\n${pc.red(`stopped at ${kata.id}`)} (${i} of ${manifest.katas.length} katas green before it). Work on it with: npm run kata -- ${kata.id}`);
        break;
      }
      if (code === 0) console.log(pc.green(pc.bold(`\nall ${manifest.katas.length} katas green`)));
    } finally {
      await vitest.close();
    }
    process.exitCode = code;
  })
  .parseAsync();
