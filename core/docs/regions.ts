/**
 * Region markers: the way a lesson shows tested code without pasting it. A source file marks
 * a block with `// #region name` ... `// #endregion name` (or `# #region name` in YAML), and
 * the docs cut that block out. Markers of other regions inside the block are dropped, so
 * regions can nest and overlap freely.
 */

const MARKER = /^\s*(?:\/\/|#)\s*#(region|endregion)\b[ \t]*(\S*)\s*$/;

/** A region's lines, or why it could not be cut out. */
export type RegionResult = { ok: true; lines: string[] } | { ok: false; reason: string };

/** Lines between the markers of `name`, without any marker lines, dedented. */
export function extractRegion(source: string, name: string): RegionResult {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let start = -1;
  let end = -1;
  for (const [i, line] of lines.entries()) {
    const m = MARKER.exec(line);
    if (!m || m[2] !== name) continue;
    if (m[1] === 'region') {
      if (start !== -1) return { ok: false, reason: `region "${name}" is opened twice (lines ${start + 1} and ${i + 1})` };
      start = i;
    } else if (start === -1) {
      return { ok: false, reason: `region "${name}" is closed on line ${i + 1} before it is opened` };
    } else if (end === -1) {
      end = i;
    }
  }
  if (start === -1) return { ok: false, reason: `region "${name}" not found` };
  if (end === -1) return { ok: false, reason: `region "${name}" opened on line ${start + 1} is never closed (// #endregion ${name})` };
  return { ok: true, lines: dedent(withoutMarkers(lines.slice(start + 1, end))) };
}

/** The whole file, without any region markers. */
export function wholeFile(source: string): string[] {
  return dedent(withoutMarkers(source.replace(/\r\n?/g, '\n').split('\n')));
}

/** Drops marker lines, then blank lines at either end. */
function withoutMarkers(lines: string[]): string[] {
  const kept = lines.filter((l) => !MARKER.test(l)).map((l) => l.replace(/\s+$/, ''));
  while (kept.length > 0 && kept[0] === '') kept.shift();
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept;
}

/** Removes the indentation every non-blank line shares. */
function dedent(lines: string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const common = widths.length > 0 ? Math.min(...widths) : 0;
  return lines.map((l) => l.slice(common));
}

/** The fence language for a file, from its extension (empty when unknown). */
export function languageOf(file: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const known: Record<string, string> = {
    ts: 'ts', mts: 'ts', cts: 'ts', tsx: 'tsx', js: 'js', mjs: 'js', cjs: 'js',
    yaml: 'yaml', yml: 'yaml', json: 'json', md: 'markdown', sh: 'sh', go: 'go', txt: 'text',
  };
  return known[ext] ?? '';
}
