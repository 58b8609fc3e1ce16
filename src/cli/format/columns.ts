// Aligned columns for the terminal and pipe tables for Markdown, shared by the multi-row
// reports (compare, sweep grids, power). Widths ignore ANSI colour codes.
import { escapeMarkdown } from './markdown.ts';

export type Align = 'left' | 'right';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

function visible(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Rows as lines of aligned columns, two spaces apart; the header first. */
export function columns(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - visible(c)));
        return align[i] === 'right' ? pad + c : i === cells.length - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A GitHub-flavoured Markdown table; cells are escaped, `raw` cells (already Markdown) are not. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = [], raw = false): string[] {
  const cell = (c: string) => (raw ? c : escapeMarkdown(c)).replace(/\r?\n/g, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map((_, i) => (align[i] === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}
