// The `rollout-lab` command: picks the subcommand and turns every failure into an exit code
// and one line on stderr — never a stack trace, unless ROLLOUT_LAB_DEBUG=1 asks for one.
import pkg from '../../package.json' with { type: 'json' };
import { oneLine } from '../scenario/errors.ts';
import type { Command } from './command.ts';
import { compareCommand } from './commands/compare.ts';
import { explainCommand } from './commands/explain.ts';
import { importCommand } from './commands/import.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { powerCommand } from './commands/power.ts';
import { runCommand } from './commands/run.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { EXIT_INVALID, EXIT_OK, InputError, UsageError } from './errors.ts';
import type { CliIo } from './io.ts';

export const COMMANDS: readonly Command[] = [validateCommand, runCommand, compareCommand, sweepCommand, mergeCommand, powerCommand, importCommand, listCommand, explainCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `rollout-lab ${pkg.version} — a seeded simulator of deployment strategies, for CI and for learning

Usage: rollout-lab <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Exit codes: 0 every expectation holds, 1 an expectation failed,
            2 invalid input or usage (one line on stderr: file:line:col: field: what was expected).
Data goes to stdout, messages to stderr. ROLLOUT_LAB_DEBUG=1 prints stack traces of internal errors.

rollout-lab <command> --help shows a command's options.
`;
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch([...argv], io);
  } catch (e) {
    return report(e, io);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  const names = COMMANDS.filter((c) => c.help).map((c) => c.name).join(', ');
  if (first === undefined) throw new UsageError(`expected a command (${names}); see rollout-lab --help`);
  if (first === '--help' || first === '-h' || first === 'help') {
    const wanted = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !wanted) throw new UsageError(`help: unknown command ${JSON.stringify(rest[0])}; expected one of ${names}`);
    if (wanted && !wanted.help) return wanted.run([], io);
    io.stdout(wanted ? wanted.help : overview());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.stdout(`${pkg.version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? `expected a command before ${JSON.stringify(first)}` : `unknown command ${JSON.stringify(first)}`;
    throw new UsageError(`${what}; expected one of ${names}`);
  }
  return await command.run(rest, io);
}

function report(e: unknown, io: CliIo): number {
  if (e instanceof InputError) {
    for (const line of e.lines) io.stderr(`${oneLine(line)}\n`);
    return EXIT_INVALID;
  }
  if (e instanceof UsageError) {
    io.stderr(`rollout-lab: ${oneLine(e.message)}\n`);
    return EXIT_INVALID;
  }
  const debug = Boolean(io.env.ROLLOUT_LAB_DEBUG) && io.env.ROLLOUT_LAB_DEBUG !== '0';
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`rollout-lab: internal error: ${oneLine(message)}${debug ? '' : ' (ROLLOUT_LAB_DEBUG=1 prints the stack trace)'}\n`);
  if (debug) {
    for (let err: unknown = e; err; err = (err as Error).cause) io.stderr(`${(err as Error).stack ?? String(err)}\n`);
  }
  return EXIT_INVALID;
}
