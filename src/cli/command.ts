// What every subcommand is: a name, a one-line summary for the overview, its --help text,
// and a run function that returns the exit code.
import type { CliIo } from './io.ts';

export interface Command {
  name: string;
  /** One line for `rollout-lab --help`. */
  summary: string;
  /** The full `rollout-lab <name> --help` text. */
  help: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}
