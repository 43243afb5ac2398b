/**
 * The pages that span chapters: the index (`README.md`), the sidebar (`SUMMARY.md`, in the
 * mdBook/GitBook format), the list of all katas, the instructor guide, and one page per rule
 * file. Every link is relative to the page, so the pages work on a code host and in a static
 * site built from docs/.
 */
import type { KataEntry } from '../kata/manifest';
import { chapterTitle, lessonTitle } from './chapter-page';
import type { Chapter } from './chapters';
import { chapterPage, kataLink, kataTable } from './katas';
import { rulesPage } from './links';
import { code, formatMinutes, generatedNotice, link, relativeLink, stars, table, text } from './markdown';
import { renderRules, type RuleFile } from './rules';
import { fillTemplate } from './templates';

/** What the cross-chapter pages are built from. */
export type Book = {
  chapters: Chapter[];
  katas: KataEntry[];
  byId: Map<string, KataEntry>;
  rules: { chapter: string; file: string; rules: RuleFile }[];
};

const katasOf = (book: Book, chapter: string) => book.katas.filter((k) => k.chapter === chapter);
const minutesOf = (katas: KataEntry[]) => katas.reduce((n, k) => n + k.minutes, 0);
const chapterLink = (page: string, c: Chapter) => link(text(chapterTitle(c)), relativeLink(page, chapterPage(c.id)));

/** `docs/README.md`: what the project is and the chapter list with summaries and times. */
export function indexPage(book: Book): string {
  const page = 'docs/README.md';
  const rows = book.chapters.map((c) => {
    const katas = katasOf(book, c.id);
    return [String(c.number), link(text(lessonTitle(c)), relativeLink(page, chapterPage(c.id))), c.lesson ? text(c.lesson.meta.summary) : '*lesson not written yet*', String(katas.length), katas.length === 0 ? '–' : formatMinutes(minutesOf(katas))];
  });
  const total = `${book.katas.length} katas, ${formatMinutes(minutesOf(book.katas))} of kata time in all.`;
  const chapters = book.chapters.length === 0 ? '*No chapters yet.*' : `${table(['#', 'Chapter', 'What it teaches', 'Katas', 'Time'], rows, ['right', 'left', 'left', 'right', 'right'])}\n\n${total}`;
  return `${generatedNotice(['core/docs/templates/index.md', 'chapters/*/README.md', 'katas/manifest.yaml'])}\n\n${fillTemplate('index.md', { chapters }).trim()}\n`;
}

/** `docs/SUMMARY.md`: every page in reading order, for mdBook or GitBook. */
export function summaryPage(book: Book): string {
  const page = 'docs/SUMMARY.md';
  const lines = ['# Summary', '', `[Introduction](README.md)`, ''];
  for (const c of book.chapters) {
    lines.push(`- ${chapterLink(page, c)}`);
    for (const r of book.rules.filter((x) => x.chapter === c.id)) lines.push(`  - ${link(`Rules: ${text(r.rules.name)}`, relativeLink(page, rulesPage(r.file)))}`);
  }
  lines.push(`- [All katas](katas.md)`, `- [Instructor guide](instructor-guide.md)`);
  return `${lines.join('\n')}\n`;
}

/** `docs/katas.md`: an overview with minutes per chapter, then each chapter's kata table. */
export function katasPage(book: Book): string {
  const page = 'docs/katas.md';
  let running = 0;
  const withKatas = book.chapters.filter((c) => katasOf(book, c.id).length > 0);
  const rows = withKatas.map((c) => {
    const katas = katasOf(book, c.id);
    running += minutesOf(katas);
    return [chapterLink(page, c), String(katas.length), formatMinutes(minutesOf(katas)), formatMinutes(running)];
  });
  const overview = rows.length === 0 ? '*No katas yet.*' : table(['Chapter', 'Katas', 'Time', 'Running total'], rows, ['left', 'right', 'right', 'right']);
  const tables = withKatas.map((c) => `## ${chapterLink(page, c)}\n\n${kataTable(katasOf(book, c.id), page, book.byId)}`).join('\n\n');
  return `${generatedNotice(['core/docs/templates/katas.md', 'katas/manifest.yaml'])}\n\n${fillTemplate('katas.md', { overview, tables }).trim()}\n`;
}

/** Every kata that `katas` need first, directly or through other katas, in manifest order. */
export function prerequisites(book: Book, katas: KataEntry[]): KataEntry[] {
  const own = new Set(katas.map((k) => k.id));
  const needed = new Set<string>();
  const visit = (id: string) => {
    for (const dep of book.byId.get(id)?.dependsOn ?? []) {
      if (needed.has(dep)) continue;
      needed.add(dep);
      visit(dep);
    }
  };
  katas.forEach((k) => visit(k.id));
  return book.katas.filter((k) => needed.has(k.id) && !own.has(k.id));
}

/** How many katas of each difficulty, e.g. `★★ ×2, ★★★ ×3`. */
function spread(katas: KataEntry[]): string {
  const levels = [...new Set(katas.map((k) => k.difficulty))].sort((a, b) => a - b);
  return levels.map((d) => `${stars(d).replace(/☆/g, '')} ×${katas.filter((k) => k.difficulty === d).length}`).join(', ');
}

/** `docs/instructor-guide.md`: timings, difficulty spread and prerequisites per chapter. */
export function instructorGuide(book: Book): string {
  const page = 'docs/instructor-guide.md';
  let running = 0;
  const withKatas = book.chapters.filter((c) => katasOf(book, c.id).length > 0);
  const rows = withKatas.map((c) => {
    const katas = katasOf(book, c.id);
    running += minutesOf(katas);
    const needs = prerequisites(book, katas);
    return [chapterLink(page, c), String(katas.length), formatMinutes(minutesOf(katas)), formatMinutes(running), spread(katas), needs.length === 0 ? 'nothing' : `${needs.length} ${needs.length === 1 ? 'kata' : 'katas'}`];
  });
  const plan = rows.length === 0 ? '*No katas yet.*' : table(['Chapter', 'Katas', 'Time', 'Running total', 'Difficulty', 'Needs first'], rows, ['left', 'right', 'right', 'right']);
  const prereqs = withKatas.map((c) => {
    const katas = katasOf(book, c.id);
    const needs = prerequisites(book, katas);
    const start = `npm run kata -- ${(katas[0] as KataEntry).id}`;
    const head = needs.length === 0 ? `- ${chapterLink(page, c)}: nothing to catch up.` : `- ${chapterLink(page, c)}: ${needs.map((k) => kataLink(page, k)).join(', ')}.`;
    const cmds = [...needs.map((k) => `npm run catch-up ${k.id} --yes`), start].join('\n');
    return `${head}\n\n  \`\`\`sh\n${cmds.replace(/^/gm, '  ')}\n  \`\`\``;
  });
  const prerequisitesText = prereqs.length === 0 ? '*No katas yet.*' : prereqs.join('\n\n');
  return `${generatedNotice(['core/docs/templates/instructor-guide.md', 'katas/manifest.yaml'])}\n\n${fillTemplate('instructor-guide.md', { plan, prerequisites: prerequisitesText }).trim()}\n`;
}

/** `docs/rules/<chapter>-<name>.md`: one rule file on its own page. */
export function rulesFilePage(chapter: Chapter, file: string, rules: RuleFile): string {
  const page = rulesPage(file);
  return [
    generatedNotice([file]),
    `# Rules: ${text(rules.name)}`,
    ...(rules.description ? [rules.description.trim()] : []),
    `From ${link(code(file), relativeLink(page, file))}, used in ${chapterLink(page, chapter)}.`,
    renderRules(rules, 2),
  ].join('\n\n') + '\n';
}
