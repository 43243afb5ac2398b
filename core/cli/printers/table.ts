/**
 * Column layout the way kubectl prints tables: each column as wide as its widest cell plus
 * three spaces (at least six), the last column unpadded.
 *
 * Upstream: staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go (GetNewTabWriter:
 * minwidth 6, padding 3), which wraps Go's text/tabwriter.
 */

const MIN_WIDTH = 6;
const PADDING = 3;

/** Renders a header row and data rows as aligned text, one line per row. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) =>
    Math.max(MIN_WIDTH, ...all.map((row) => (row[column] ?? '').length + PADDING)),
  );
  return all
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join(''),
    )
    .join('\n');
}
