// Subcommands the design names that are not built yet (compare, sweep, merge, power,
// import): they say so plainly and exit 2 rather than pretend.
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';

function unavailable(name: string, summary: string): Command {
  return {
    name,
    summary: `${summary} (not available yet)`,
    help: '',
    run() {
      throw new UsageError(`'${name}' is not available yet`);
    },
  };
}

export const unavailableCommands: Command[] = [
  unavailable('compare', 'the same scenario under each strategy, side by side'),
  unavailable('sweep', 'Monte Carlo over seeds and parameter grids'),
  unavailable('merge', 'join the shards of a sweep'),
  unavailable('power', 'odds that analysis catches a regression of a given size'),
  unavailable('import', 'an Argo Rollout, Flagger Canary or Deployment as a strategy block'),
];
