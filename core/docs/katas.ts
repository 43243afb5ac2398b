/**
 * The kata parts of the docs: the kata table, and one section per kata saying what to build
 * (the TSDoc of the stub's exports), how to run it, how many hints there are (never the hints
 * themselves: they are spoilers) and which upstream code or page it mirrors.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KataEntry } from '../kata/manifest';
import { kataFiles } from '../kata/paths';
import { code, fence, formatMinutes, indent, link, relativeLink, stars, table, text } from './markdown';
import { exportDocs } from './tsdoc';

/** The repository-relative docs page that holds a chapter's kata sections. */
export const chapterPage = (chapter: string) => `docs/chapters/${chapter}.md`;

/** A link from `page` to the section of kata `id` in `chapter`. */
export function kataLink(page: string, kata: Pick<KataEntry, 'id' | 'chapter'>): string {
  const target = chapterPage(kata.chapter);
  return link(kata.id, target === page ? `#${kata.id}` : `${relativeLink(page, target)}#${kata.id}`);
}

const GITHUB = 'https://github.com/kubernetes/kubernetes/blob/master/';

/** One upstream reference as a URL: source paths go to GitHub, doc pages to kubernetes.io. */
export function upstreamUrl(ref: string): string {
  if (/^https?:\/\//.test(ref)) return ref;
  if (/^(kubernetes\.io|github\.com)\//.test(ref)) return `https://${ref}`;
  const website = /^website:\s*(?:content\/en\/)?(?:docs\/)?(.*?)(?:\/_index)?(?:\.md)?$/.exec(ref);
  if (website) return `https://kubernetes.io/docs/${website[1]}${website[1] ? '/' : ''}`;
  const docs = /^\/?docs\/(.*)$/.exec(ref);
  if (docs) return `https://kubernetes.io/docs/${docs[1]}`;
  return `${GITHUB}${ref.replace(/^\//, '')}`;
}

/** The manifest's `upstream` as links; several references may be separated by commas. */
export function upstreamLinks(upstream: string): string {
  const refs = upstream.split(/,\s*/).map((r) => r.trim()).filter((r) => r !== '');
  if (refs.some((r) => /\s/.test(r) && !r.startsWith('website:'))) return text(upstream);
  return refs
    .map((r) => {
      const url = upstreamUrl(r);
      const source = url.startsWith(GITHUB) ? url.slice(GITHUB.length) : undefined;
      return link(code(source ?? url.replace(/^https?:\/\//, '')), url);
    })
    .join(', ');
}

/** The table of `katas` as seen from `page`. */
export function kataTable(katas: KataEntry[], page: string, byId: Map<string, KataEntry>): string {
  const rows = katas.map((k) => [
    kataLink(page, k),
    text(k.title),
    stars(k.difficulty),
    String(k.minutes),
    k.concepts.map(text).join(', '),
    (k.dependsOn ?? []).map((d) => kataLink(page, byId.get(d) ?? { id: d, chapter: k.chapter })).join(', ') || '–',
  ]);
  const total = katas.reduce((n, k) => n + k.minutes, 0);
  const note = `${katas.length} ${katas.length === 1 ? 'kata' : 'katas'}, ${formatMinutes(total)} in all.`;
  return `${table(['Kata', 'Title', 'Difficulty', 'Minutes', 'Concepts', 'Depends on'], rows, ['left', 'left', 'left', 'right'])}\n\n${note}`;
}

/** The leading `#` comment of a YAML file, as the description of a rules kata. */
function yamlHeader(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines.join('\n').trim();
}

/** What the learner builds in one file of the kata. */
function whatToBuild(root: string, page: string, stub: string): string {
  const from = link(code(stub), relativeLink(page, stub));
  const abs = path.join(root, stub);
  if (!fs.existsSync(abs)) return `The stub ${code(stub)} is not written yet.`;
  const source = fs.readFileSync(abs, 'utf8').replace(/\r\n?/g, '\n');
  if (!/\.[cm]?tsx?$/.test(stub)) {
    const header = yamlHeader(source);
    return header === '' ? `Complete ${from}.` : `Complete ${from}:\n\n${header}`;
  }
  // Re-exports pass given material along; they are not part of what the learner builds.
  const exports = exportDocs(stub, source).filter((e) => e.kind !== 're-export');
  if (exports.length === 0) return `Complete ${from}.`;
  const items = exports.map((e) => {
    const doc = e.doc === '' ? '' : `\n\n${indent(e.doc)}`;
    return `- ${code(e.signature)}${doc}`;
  });
  return `In ${from}:\n\n${items.join('\n\n')}`;
}

/** The full section of one kata, with its heading at `level` (3 = `###`). */
export function kataSection(root: string, page: string, kata: KataEntry, byId: Map<string, KataEntry>, level = 3): string {
  const files = kataFiles(kata);
  const deps = (kata.dependsOn ?? []).map((d) => kataLink(page, byId.get(d) ?? { id: d, chapter: kata.chapter }));
  const facts = [
    `Difficulty ${stars(kata.difficulty)}`,
    formatMinutes(kata.minutes),
    `concepts: ${kata.concepts.map(text).join(', ')}`,
    ...(deps.length > 0 ? [`after ${deps.join(', ')}`] : []),
  ];
  const tests = files.map((f) => f.test).filter((t) => fs.existsSync(path.join(root, t)));
  const target = tests.length > 0 ? tests.join(' ') : `katas/${kata.chapter}/`;
  return [
    `${'#'.repeat(level)} <a id="${kata.id}"></a>${kata.id}: ${text(kata.title)}`,
    facts.join(' · '),
    '**What to build.** ' + files.map((f) => whatToBuild(root, page, f.stub)).join('\n\n'),
    `**Run it.** Watch the tests while you work (or run \`npm run kata\` to be taken through the katas in order):`,
    fence(`npx vitest --watch ${target}`, 'sh'),
    `**Stuck?** ${kata.hints.length} hints, each stronger than the last: \`npm run hint ${kata.id}\`.`,
    `**Upstream.** ${upstreamLinks(kata.upstream)}`,
  ].join('\n\n');
}
