/**
 * One chapter's page: the lesson with its directives expanded, then the chapter's kata table
 * and kata sections, then its rule files, then links to the neighbouring chapters.
 */
import type { KataEntry } from '../kata/manifest';
import type { Chapter } from './chapters';
import { expandDirectives } from './directives';
import { chapterPage, kataSection, kataTable } from './katas';
import { pageForSource, rulesPage } from './links';
import { code, formatMinutes, generatedNotice, link, relativeLink, text } from './markdown';
import { renderRules, type RuleFile } from './rules';

/** The lesson's title, or the folder's slug as words while there is no lesson. */
export function lessonTitle(chapter: Chapter): string {
  if (chapter.lesson) return chapter.lesson.meta.title;
  const words = chapter.id.slice(3).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A chapter's title for headings and links, such as "Chapter 1: API machinery". */
export function chapterTitle(chapter: Chapter): string {
  return `Chapter ${chapter.number}: ${lessonTitle(chapter)}`;
}

/** Everything a chapter page needs besides the chapter itself. */
export type ChapterPageInput = {
  root: string;
  chapter: Chapter;
  katas: KataEntry[];
  byId: Map<string, KataEntry>;
  rules: { file: string; rules: RuleFile }[];
  previous?: Chapter;
  next?: Chapter;
  errors: string[];
};

/** The page's Markdown. */
export function renderChapterPage(input: ChapterPageInput): string {
  const { chapter, katas } = input;
  const page = chapterPage(chapter.id);
  const lesson = chapter.lesson;
  const sources = [lesson ? lesson.file : undefined, katas.length > 0 ? 'katas/manifest.yaml' : undefined, ...input.rules.map((r) => r.file)];

  let body = lesson
    ? expandDirectives(lesson.body, { root: input.root, file: lesson.file, lineOffset: lesson.bodyOffset, page, pages: pageForSource, errors: input.errors })
    : '*The lesson for this chapter is not written yet; its katas are below.*';
  body = body.replace(/^\s*\n/, '');
  // A lesson that opens with its own H1 keeps it as the page title.
  const h1 = /^# .*(?:\n|$)/.exec(body);
  const title = h1 ? h1[0].trim() : `# ${text(chapterTitle(chapter))}`;
  if (h1) body = body.slice(h1[0].length);

  const minutes = katas.reduce((n, k) => n + k.minutes, 0);
  const facts = [
    katas.length > 0 ? `${katas.length} ${katas.length === 1 ? 'kata' : 'katas'}, ${formatMinutes(minutes)}` : 'no katas yet',
    ...(lesson && lesson.meta.seeds.length > 0 ? [`seed notes ${lesson.meta.seeds.join(', ')}`] : []),
  ];
  const parts = [generatedNotice(sources.filter((s): s is string => s !== undefined)), title];
  if (lesson) parts.push(`> ${text(lesson.meta.summary)}`);
  parts.push(`*${facts.join(' · ')}*`, body.trim());

  if (katas.length > 0) {
    parts.push('## Kata reference', kataTable(katas, page, input.byId));
    parts.push(...katas.map((k) => kataSection(input.root, page, k, input.byId)));
  }
  if (input.rules.length > 0) {
    parts.push('## Rules');
    for (const r of input.rules) {
      const own = rulesPage(r.file);
      parts.push(
        `### ${text(r.rules.name)}`,
        ...(r.rules.description ? [r.rules.description.trim()] : []),
        `From ${link(code(r.file), relativeLink(page, r.file))} (also on ${link('its own page', relativeLink(page, own))}).`,
        renderRules(r.rules, 4),
      );
    }
  }
  parts.push('---', navigation(page, input.previous, input.next));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** Previous, index and next links. */
function navigation(page: string, previous: Chapter | undefined, next: Chapter | undefined): string {
  const to = (c: Chapter) => link(text(chapterTitle(c)), relativeLink(page, chapterPage(c.id)));
  return [
    previous ? `Previous: ${to(previous)}` : undefined,
    link('Index', relativeLink(page, 'docs/README.md')),
    next ? `Next: ${to(next)}` : undefined,
  ]
    .filter((s) => s !== undefined)
    .join(' · ');
}
