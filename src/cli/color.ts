// ANSI colour for the table, only where a person is reading: stdout is a terminal, NO_COLOR
// is unset or empty (no-color.org) and TERM is not dumb — or FORCE_COLOR asks for it.
import type { CliIo } from './io.ts';

export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** Whether to colour stdout; `--no-color` and writing to a file always turn it off. */
export function wantsColor(io: CliIo, options: { noColor?: boolean; toFile?: boolean } = {}): boolean {
  if (options.noColor || options.toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const ansi: Paint = { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) };

const same = (text: string) => text;
export const plain: Paint = { green: same, red: same, yellow: same, bold: same, dim: same };

export function paint(color: boolean): Paint {
  return color ? ansi : plain;
}
