// Printing a sweep's answer, shared by `sweep` and `merge` (so merged shards print exactly
// what the unsharded sweep prints), and its exit code.
import { sweepPassed, type SweepResult } from '../../scenario/sweep.ts';
import { EXIT_FAILED, EXIT_OK } from '../errors.ts';
import { formatSweepJunit, formatSweepMarkdown, formatSweepTable, sweepFailures } from '../format/sweep.ts';
import type { CliIo } from '../io.ts';
import { echoFailures, emit, jsonText, tablePaint, type Format, type OutputFlags } from '../output.ts';

export function printSweep(io: CliIo, values: OutputFlags, format: Format, result: SweepResult, file: string): number {
  let text: string;
  if (format === 'json') text = jsonText(result);
  else if (format === 'junit') text = formatSweepJunit(result);
  else if (format === 'markdown') text = formatSweepMarkdown(result);
  else text = formatSweepTable(result, tablePaint(io, values));
  emit(io, values, text);
  if (echoFailures(values, format)) for (const line of sweepFailures(result, file)) io.stderr(`${line}\n`);
  return sweepPassed(result) ? EXIT_OK : EXIT_FAILED;
}
