/**
 * Remembers which katas were green, so `npm start` need not rerun every solved kata's tests
 * before it can show the next one. An entry holds only while nothing it depends on changed: the
 * kata's files and tests, those of the katas it depends on, the manifest, and the committed
 * core/ tree. `npm run progress` and `npm run verify` always run everything and refresh it.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { KataEntry, Manifest } from '../kata/manifest';
import { kataFiles } from '../kata/paths';
import type { KataStatus } from '../kata/test-results';

/** A solved kata: the fingerprint it was solved at and how many tests it had. */
type Entry = { fingerprint: string; tests: number };
type Cache = Record<string, Entry>;

const cacheFile = (root: string) => path.join(root, '.kata-progress', 'solved.json');

function coreTree(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD:core'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'no-git';
  }
}

/** A hash of everything a kata's result depends on (see the file comment). */
export function fingerprints(root: string, manifest: Manifest): Map<string, string> {
  const byId = new Map(manifest.katas.map((k) => [k.id, k]));
  const base = createHash('sha1').update(coreTree(root)).update(fs.readFileSync(path.join(root, 'katas', 'manifest.yaml')));
  const read = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file)) : Buffer.from('missing'));
  const closure = (kata: KataEntry, seen = new Set<string>()): Set<string> => {
    if (seen.has(kata.id)) return seen;
    seen.add(kata.id);
    for (const dep of kata.dependsOn ?? []) {
      const entry = byId.get(dep);
      if (entry) closure(entry, seen);
    }
    return seen;
  };
  return new Map(
    manifest.katas.map((kata) => {
      const hash = base.copy();
      for (const id of [...closure(kata)].sort()) {
        for (const f of kataFiles(byId.get(id) as KataEntry)) hash.update(f.stub).update(read(f.stub)).update(f.test).update(read(f.test));
      }
      return [kata.id, hash.digest('hex')];
    }),
  );
}

/** The katas still solved according to the cache: id to number of tests. */
export function cachedSolved(root: string, manifest: Manifest): Map<string, number> {
  let cache: Cache = {};
  try {
    cache = JSON.parse(fs.readFileSync(cacheFile(root), 'utf8')) as Cache;
  } catch {
    return new Map();
  }
  const now = fingerprints(root, manifest);
  return new Map(Object.entries(cache).flatMap(([id, entry]) => (now.get(id) === entry.fingerprint ? [[id, entry.tests] as const] : [])));
}

/** Records fresh results: solved katas are stored, unsolved ones dropped. Never fails the command. */
export function rememberStatuses(root: string, manifest: Manifest, statuses: KataStatus[]): void {
  try {
    let cache: Cache = {};
    try {
      cache = JSON.parse(fs.readFileSync(cacheFile(root), 'utf8')) as Cache;
    } catch {
      // no cache yet
    }
    const now = fingerprints(root, manifest);
    for (const s of statuses) {
      const fingerprint = now.get(s.kata.id);
      if (s.solved && fingerprint) cache[s.kata.id] = { fingerprint, tests: s.total };
      else delete cache[s.kata.id];
    }
    fs.mkdirSync(path.dirname(cacheFile(root)), { recursive: true });
    fs.writeFileSync(cacheFile(root), JSON.stringify(cache, null, 2) + '\n');
  } catch {
    // The cache only saves time; a read-only checkout simply runs everything each time.
  }
}
