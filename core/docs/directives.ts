/**
 * Lesson directives: HTML comments, each alone on a line, that pull tested material into a
 * lesson so nothing is pasted by hand.
 *
 * - `<!-- include: <file>#<region> -->` the region's lines as a fenced block with a caption;
 * - `<!-- include: <file> -->` the whole file the same way;
 * - `<!-- include-file: <file.md> -->` another Markdown file, inlined as written;
 * - `<!-- diagram: <file.ts>#<export> -->` a transition table as a Mermaid state diagram;
 * - `<!-- invariants: <file.invariants.ts> -->` the named invariants with their TSDoc.
 *
 * Paths are relative to the repository root. Directives inside fenced code blocks are left
 * alone, so a lesson can show the syntax. Any problem is reported as `<lesson>:<line>: ...`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { code, fence, indent, link, relativeLink } from './markdown';
import { extractRegion, languageOf, wholeFile } from './regions';
import { readTransitions, renderTransitions } from './transitions';
import { exportDocs } from './tsdoc';
import { rewriteLinks, type LinkMap } from './links';

/** Where a Markdown text comes from and where it is going. */
export type ExpandContext = {
  /** Absolute repository root. */
  root: string;
  /** Repository-relative file the text was read from (named in errors). */
  file: string;
  /** Lines of that file before the text (front matter), added to reported line numbers. */
  lineOffset: number;
  /** Repository-relative path of the page being written, for relative links. */
  page: string;
  /** Maps repository files that have their own docs page to that page. */
  pages: LinkMap;
  /** Problems found so far; expansion goes on after one so every problem is reported. */
  errors: string[];
  /** Markdown files being inlined, outermost first, to catch an include cycle. */
  stack?: string[];
};

const DIRECTIVE = /^\s*<!--\s*(include|include-file|diagram|invariants):\s*(.*?)\s*-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** Expands every directive in `markdown` and fixes its relative links for the page. */
export function expandDirectives(markdown: string, ctx: ExpandContext): string {
  const out: string[] = [];
  let open: string | undefined;
  for (const [i, line] of markdown.replace(/\r\n?/g, '\n').split('\n').entries()) {
    const f = FENCE.exec(line)?.[1];
    if (open !== undefined) {
      const close = CLOSING.exec(line)?.[1];
      if (close && close[0] === open[0] && close.length >= open.length) open = undefined;
      out.push(line);
      continue;
    }
    if (f) {
      open = f;
      out.push(line);
      continue;
    }
    const d = DIRECTIVE.exec(line);
    if (!d) {
      out.push(rewriteLinks(line, ctx.file, ctx.page, ctx.pages));
      continue;
    }
    const where = `${ctx.file}:${ctx.lineOffset + i + 1}: ${d[1]}`;
    const problem = (m: string) => {
      ctx.errors.push(`${where}: ${m}`);
      return '';
    };
    out.push(expandOne(d[1] as string, d[2] as string, ctx, problem));
  }
  return out.join('\n');
}

function expandOne(kind: string, arg: string, ctx: ExpandContext, problem: (m: string) => string): string {
  const hash = arg.indexOf('#');
  const file = path.posix.normalize(hash === -1 ? arg : arg.slice(0, hash));
  const fragment = hash === -1 ? undefined : arg.slice(hash + 1);
  if (arg === '' || path.posix.isAbsolute(file) || file.startsWith('..')) {
    return problem(`Invalid value: "${arg}": must be a path relative to the repository root`);
  }
  const abs = path.join(ctx.root, file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) return problem(`${file}: file not found`);
  const source = fs.readFileSync(abs, 'utf8').replace(/\r\n?/g, '\n');
  const from = link(code(file), relativeLink(ctx.page, file));

  if (kind === 'include') {
    if (fragment === '') return problem(`Invalid value: "${arg}": the region name after # is empty`);
    if (fragment === undefined) return `From ${from}:\n\n${fence(wholeFile(source).join('\n'), languageOf(file))}`;
    const region = extractRegion(source, fragment);
    if (!region.ok) return problem(`${file}: ${region.reason}`);
    return `From ${from} (region ${code(fragment)}):\n\n${fence(region.lines.join('\n'), languageOf(file))}`;
  }
  if (kind === 'include-file') {
    const stack = ctx.stack ?? [ctx.file];
    if (stack.includes(file)) return problem(`${file}: include cycle: ${[...stack, file].join(' -> ')}`);
    return expandDirectives(source.replace(/\n+$/, ''), { ...ctx, file, lineOffset: 0, stack: [...stack, file] });
  }
  if (kind === 'diagram') {
    try {
      return `${renderTransitions(readTransitions(file, source, fragment || 'transitions'))}\n\n*Transitions from ${from}.*`;
    } catch (error) {
      return problem(`${file}: ${(error as Error).message}`);
    }
  }
  // invariants
  const invariants = exportDocs(file, source).filter((e) => e.kind === 'function' || e.kind === 'const');
  if (invariants.length === 0) return problem(`${file}: no exported predicates found`);
  const items = invariants.map((e) => {
    const [first = '*(no description yet)*', ...rest] = e.doc === '' ? [] : e.doc.split('\n\n');
    const more = rest.length > 0 ? `\n\n${indent(rest.join('\n\n'))}` : '';
    return `- ${code(e.name)}: ${first.replace(/\n/g, '\n  ')}${more}`;
  });
  return `${items.join('\n')}\n\n*Invariants from ${from}.*`;
}
