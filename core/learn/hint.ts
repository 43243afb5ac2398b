/**
 * `npm run hint <id> [--level n]`: the kata's hints up to level n (default 1), weakest first.
 */
import { Command } from 'commander';
import { fail, kataOrExit, manifestOrExit, NPM_FLAGS_NOTE } from './cli';
import { renderHints, resolveLevel } from './hints';

const program = new Command('npm run hint')
  .description('Show the hints of a kata, one level at a time (level 1 is the gentlest).')
  .argument('<id>', 'kata id, e.g. 01-store')
  .argument('[level]', 'same as --level (so "npm run hint 01-store 2" works too)')
  .option('-l, --level <n>', 'show hints 1 to n')
  .addHelpText('after', `${NPM_FLAGS_NOTE}\nExamples:\n  npm run hint 01-store\n  npm run hint 01-store -- --level 2\n  npm run hint 01-store --level=2   (read from npm_config_level)`)
  .action((id: string, positional: string | undefined, options: { level?: string }) => {
    const kata = kataOrExit(manifestOrExit(), id);
    const level = resolveLevel(options.level, positional);
    if (typeof level === 'string') fail(level);
    console.log(renderHints(kata, level));
  });

program.parse();
