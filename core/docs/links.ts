/**
 * Relative links in lessons. A lesson links relative to its own folder (`rules/x.rules.yaml`,
 * `../02-labels-selectors/README.md`, `../../katas/...`); its page lives elsewhere under
 * docs/, so each relative link is resolved in the repository and pointed again from the page,
 * at the generated page when the target has one.
 */
import path from 'node:path';
import { relativeLink } from './markdown';

/** The repository-relative docs page generated from a repository file, if any. */
export type LinkMap = (repoPath: string) => string | undefined;

/** The docs page of a chapter folder, its README, or one of its rule files. */
export const pageForSource: LinkMap = (repoPath) => {
  const chapter = /^chapters\/(\d\d-[a-z0-9-]+)(?:\/|\/README\.md)?$/.exec(repoPath);
  if (chapter) return `docs/chapters/${chapter[1]}.md`;
  const rules = /^chapters\/(\d\d-[a-z0-9-]+)\/rules\/([^/]+)\.rules\.yaml$/.exec(repoPath);
  if (rules) return `docs/rules/${rules[1]}-${rules[2]}.md`;
  return undefined;
};

/** The docs page of a rule file (repository-relative). */
export function rulesPage(ruleFile: string): string {
  return pageForSource(ruleFile) ?? `docs/rules/${path.posix.basename(ruleFile, '.rules.yaml')}.md`;
}

function decoded(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Code spans first (left untouched), then inline links and images, then reference definitions.
const LINK = /(`+)[\s\S]*?\1|(!?\[[^\]]*\]\()([^)\s]+)((?:\s+"[^"]*")?\))|^( {0,3}\[[^\]]+\]:[ \t]*)(\S+)/g;

/** One line of Markdown with its relative link targets re-pointed from `page`. */
export function rewriteLinks(line: string, sourceFile: string, page: string, pages: LinkMap): string {
  const fix = (target: string): string => {
    if (SCHEME.test(target) || target.startsWith('#') || target.startsWith('/')) return target;
    const hash = target.indexOf('#');
    const pathPart = hash === -1 ? target : target.slice(0, hash);
    const frag = hash === -1 ? '' : target.slice(hash);
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(sourceFile), decoded(pathPart)));
    if (resolved.startsWith('..')) return target;
    const dest = pages(resolved.replace(/\/$/, '')) ?? resolved;
    return encodeURI(relativeLink(page, dest)) + frag;
  };
  return line.replace(LINK, (whole, ticks, open, target, close, refOpen, refTarget) => {
    if (ticks) return whole;
    if (open) return `${open}${fix(target)}${close}`;
    return `${refOpen}${fix(refTarget)}`;
  });
}
