// Where a command's data goes and in which format: `--format`, or the `--out` file's
// extension, or the table; written whole to `--out` or to stdout. Shared by every command
// that prints results.
import { choice } from './args.ts';
import { paint, wantsColor, type Paint } from './color.ts';
import type { CliIo } from './io.ts';
import { writeFileAtomic } from './write-output.ts';

export const FORMATS = ['table', 'json', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** The flags of every command that prints results. */
export const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
} as const;

export interface OutputFlags {
  format?: string;
  out?: string;
  'no-color'?: boolean;
}

/** The format asked for: `--format`, else what `--out`'s extension implies, else the table. */
export function outputFormat(command: string, values: OutputFlags, allowed: readonly Format[] = FORMATS): Format {
  return choice(command, 'format', values.format, allowed) ?? formatForPath(values.out, allowed) ?? 'table';
}

/** The format an --out file's extension implies, if any. */
export function formatForPath(path: string | undefined, allowed: readonly Format[] = FORMATS): Format | undefined {
  if (!path) return undefined;
  const ext = path.toLowerCase().split('.').pop();
  const format: Format | undefined = ext === 'json' ? 'json' : ext === 'xml' ? 'junit' : ext === 'md' || ext === 'markdown' ? 'markdown' : undefined;
  return format && allowed.includes(format) ? format : undefined;
}

/** Colour for the table: on a terminal, not to a file, unless turned off. */
export function tablePaint(io: CliIo, values: OutputFlags): Paint {
  return paint(wantsColor(io, { noColor: values['no-color'], toFile: values.out !== undefined }));
}

/** Writes the data to `--out` (whole or not at all) or to stdout. */
export function emit(io: CliIo, values: OutputFlags, text: string): void {
  if (values.out !== undefined) writeFileAtomic(values.out, text);
  else io.stdout(text);
}

/** Whether failures should also be listed on stderr: the output is not a table on screen. */
export function echoFailures(values: OutputFlags, format: Format): boolean {
  return values.out !== undefined || format !== 'table';
}

export { jsonText } from '../scenario/json-text.ts';
