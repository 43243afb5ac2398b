/**
 * Finds the chapters: every `chapters/NN-slug/` folder, plus every chapter the kata manifest
 * names even if its lesson is not written yet, so the docs always cover every kata.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Manifest } from '../kata/manifest';
import { byCodeUnit } from './markdown';

/** A lesson's front matter. */
export type LessonMeta = {
  number: number;
  slug: string;
  title: string;
  /** The seed notes the lesson draws on, such as "000". */
  seeds: string[];
  summary: string;
};

/** A lesson file: its front matter and the Markdown after it. */
export type Lesson = {
  /** Repository-relative path of the README. */
  file: string;
  meta: LessonMeta;
  body: string;
  /** How many lines precede the body in the file, to report lesson line numbers. */
  bodyOffset: number;
};

/** One chapter as the docs see it. */
export type Chapter = {
  /** The folder name, `NN-slug`, shared by chapters/, katas/ and solutions/. */
  id: string;
  number: number;
  /** Absent while the lesson is not written yet. */
  lesson?: Lesson;
  /** Repository-relative rule files, sorted. */
  rules: string[];
};

const FOLDER = /^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Splits front matter from the body and checks its fields; problems go to `errors`. */
export function parseLesson(file: string, source: string, errors: string[]): Lesson | undefined {
  const text = source.replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    errors.push(`${file}:1: front matter: Required value: the lesson must start with a "---" block (number, slug, title, seeds, summary)`);
    return undefined;
  }
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (error) {
    errors.push(`${file}: front matter: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const meta = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const before = errors.length;
  const fail = (field: string, message: string) => errors.push(`${file}: front matter: ${field}: ${message}`);
  const str = (field: string) => typeof meta[field] === 'string' && (meta[field] as string).trim() !== '';
  if (!Number.isInteger(meta.number) || (meta.number as number) < 1) fail('number', `Invalid value: ${JSON.stringify(meta.number)}: must be a positive integer`);
  if (!str('slug')) fail('slug', 'Required value');
  if (!str('title')) fail('title', 'Required value');
  if (!str('summary')) fail('summary', 'Required value: one sentence');
  const seeds = meta.seeds;
  if (!Array.isArray(seeds) || !seeds.every((s) => typeof s === 'string')) {
    fail('seeds', `Invalid value: ${JSON.stringify(seeds)}: must be a list of quoted seed numbers such as ["000", "002"]`);
  }
  if (errors.length > before) return undefined;
  const bodyOffset = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0);
  return { file, meta: meta as LessonMeta, body: text.slice(match[0].length), bodyOffset };
}

/** Every chapter, ordered by folder name; problems go to `errors`. */
export function readChapters(root: string, manifest: Manifest, errors: string[]): Chapter[] {
  const dir = path.join(root, 'chapters');
  const folders = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    : [];
  const ids = new Set<string>(manifest.katas.map((k) => k.chapter));
  for (const name of folders) {
    if (FOLDER.test(name)) ids.add(name);
    else errors.push(`chapters/${name}: Invalid value: a chapter folder is named like "01-api-machinery" (two digits, a dash, lower-case words)`);
  }
  return [...ids].sort(byCodeUnit).map((id) => readChapter(root, id, folders.includes(id), errors));
}

function readChapter(root: string, id: string, hasFolder: boolean, errors: string[]): Chapter {
  const number = Number(id.slice(0, 2));
  if (!hasFolder) return { id, number, rules: [] };
  const folder = path.join(root, 'chapters', id);
  const readme = `chapters/${id}/README.md`;
  let lesson: Lesson | undefined;
  if (!fs.existsSync(path.join(root, readme))) {
    errors.push(`chapters/${id}: Required value: README.md with the lesson (front matter: number, slug, title, seeds, summary)`);
  } else {
    lesson = parseLesson(readme, fs.readFileSync(path.join(root, readme), 'utf8'), errors);
    const slug = id.slice(3);
    if (lesson && lesson.meta.number !== number) errors.push(`${readme}: front matter: number: Invalid value: ${lesson.meta.number}: must be ${number}, as in the folder name`);
    if (lesson && lesson.meta.slug !== slug) errors.push(`${readme}: front matter: slug: Invalid value: "${lesson.meta.slug}": must be "${slug}", as in the folder name`);
  }
  const rulesDir = path.join(folder, 'rules');
  const rules = fs.existsSync(rulesDir)
    ? fs
        .readdirSync(rulesDir)
        .filter((f) => f.endsWith('.rules.yaml'))
        .sort(byCodeUnit)
        .map((f) => `chapters/${id}/rules/${f}`)
    : [];
  return lesson ? { id, number, lesson, rules } : { id, number, rules };
}
