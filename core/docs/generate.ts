/**
 * The docs generator: reads the lessons, the kata manifest, the stubs' TSDoc and the rule
 * files, and returns every page of docs/ as a map from path (relative to docs/) to content.
 * It writes nothing (`main.ts` does), so `npm test` can compare the result with docs/.
 *
 * The output depends only on the repository's files: no dates, no absolute paths, chapters
 * and rule files sorted by name, katas in manifest order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadManifest, type KataEntry } from '../kata/manifest';
import { repoRoot } from '../kata/target';
import { renderChapterPage } from './chapter-page';
import { readChapters } from './chapters';
import { indexPage, instructorGuide, katasPage, rulesFilePage, summaryPage, type Book } from './pages';
import { rulesPage } from './links';
import { parseRuleFile } from './rules';

/** Where to read from; tests point `root` at a small repository in a temporary folder. */
export type GenerateOptions = { root?: string };

/** Every docs page, keyed by its path under docs/ (forward slashes); throws listing every problem. */
export function generateDocs(options: GenerateOptions = {}): Map<string, string> {
  const root = options.root ?? repoRoot;
  const manifest = loadManifest(path.join(root, 'katas', 'manifest.yaml'));
  const errors: string[] = [];
  const chapters = readChapters(root, manifest, errors);
  const byId = new Map<string, KataEntry>(manifest.katas.map((k) => [k.id, k]));
  const rules = chapters.flatMap((c) =>
    c.rules.flatMap((file) => {
      const parsed = parseRuleFile(file, fs.readFileSync(path.join(root, file), 'utf8'), errors);
      return parsed ? [{ chapter: c.id, file, rules: parsed }] : [];
    }),
  );
  const book: Book = { chapters, katas: manifest.katas, byId, rules };

  const pages = new Map<string, string>();
  const put = (repoPath: string, content: string) => pages.set(repoPath.replace(/^docs\//, ''), content);
  put('docs/README.md', indexPage(book));
  put('docs/SUMMARY.md', summaryPage(book));
  put('docs/katas.md', katasPage(book));
  put('docs/instructor-guide.md', instructorGuide(book));
  chapters.forEach((chapter, i) => {
    const own = rules.filter((r) => r.chapter === chapter.id);
    const previous = chapters[i - 1];
    const next = chapters[i + 1];
    put(
      `docs/chapters/${chapter.id}.md`,
      renderChapterPage({
        root,
        chapter,
        katas: manifest.katas.filter((k) => k.chapter === chapter.id),
        byId,
        rules: own,
        errors,
        ...(previous ? { previous } : {}),
        ...(next ? { next } : {}),
      }),
    );
    for (const r of own) put(rulesPage(r.file), rulesFilePage(chapter, r.file, r.rules));
  });

  if (errors.length > 0) throw new Error(`docs: ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n  ${errors.join('\n  ')}`);
  // Sorted keys, so iterating the map is the same on every machine.
  return new Map([...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
