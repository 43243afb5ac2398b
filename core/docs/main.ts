/**
 * `npm run docs`: regenerates docs/ from the lessons, the kata manifest, the stubs and the
 * rule files. `npm run docs -- --check` changes nothing and fails if docs/ is out of date.
 */
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { repoRoot } from '../kata/target';
import { generateDocs } from './generate';
import { diffDocs, writeDocs, type DocsDiff } from './write';

const docsDir = path.join(repoRoot, 'docs');

function describe(diff: DocsDiff): string[] {
  return [
    ...diff.missing.map((f) => `docs/${f}: missing`),
    ...diff.changed.map((f) => `docs/${f}: changed`),
    ...diff.stray.map((f) => `docs/${f}: stray (the generator does not make it)`),
  ];
}

const program = new Command('docs')
  .description('Generate docs/ from chapters/, katas/manifest.yaml, the kata stubs and the rule files.')
  .option('--check', 'write nothing; exit 1 if docs/ differs from what would be generated')
  .action((options: { check?: boolean }) => {
    let pages: Map<string, string>;
    try {
      pages = generateDocs();
    } catch (error) {
      console.error(pc.red((error as Error).message));
      process.exit(1);
    }
    if (options.check) {
      const problems = describe(diffDocs(pages, docsDir));
      if (problems.length === 0) return console.log(`docs/ is up to date (${pages.size} files)`);
      console.error(pc.red(`docs/ is out of date; run npm run docs:\n  ${problems.join('\n  ')}`));
      process.exit(1);
    }
    const diff = writeDocs(pages, docsDir);
    const changes = describe(diff);
    console.log(`docs/: ${pages.size} files, ${diff.missing.length + diff.changed.length} written, ${diff.stray.length} removed`);
    for (const line of changes) console.log(pc.dim(`  ${line}`));
  });

program.parse();
