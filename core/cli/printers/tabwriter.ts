/**
 * Go's text/tabwriter, which kubectl prints through: text is split into cells at tab
 * characters, and each column is aligned within a "column block", a run of consecutive lines
 * that all have a cell in that column. A line with fewer cells ends the block, so `describe`'s
 * sections each line up on their own. The text after a line's last tab is not aligned.
 *
 * Upstream: Go's src/text/tabwriter/tabwriter.go (Writer.format); kubectl uses it with
 * minwidth 6, padding 3 for tables (cli-runtime printers.GetNewTabWriter) and minwidth 0,
 * padding 2 for describe (kubectl/pkg/describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)).
 */

/** Alignment parameters, as in Go's `tabwriter.NewWriter(output, minwidth, tabwidth, padding, ...)`. */
export type TabwriterOptions = { minWidth: number; padding: number };

/** Aligns tab-separated `text` the way Go's tabwriter does with a space padding character. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      out.push(cells.map((cell, j) => (j < widths.length && j < cells.length - 1 ? cell.padEnd(widths[j]!) : cell)).join(''));
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current]!.length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      writeLines(start, current);
      start = current;
      let width = options.minWidth;
      for (; current < line1; current++) {
        const cells = lines[current]!;
        if (column >= cells.length - 1) break;
        width = Math.max(width, cells[column]!.length + options.padding);
      }
      widths.push(width);
      format(start, current);
      widths.pop();
      start = current;
      current--; // the for-loop's increment must not skip the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
