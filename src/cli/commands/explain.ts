// `rollout-lab explain <file>`: runs the scenario and tells what happened, event by event,
// with the numbers behind each decision, then the outcome and the expectations.
import { RUN_OPTIONS, fidelityFlag, parse, positionals, seedFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { explainRun } from '../explain.ts';
import type { CliIo } from '../io.ts';
import { exitCodeFor, loadOrThrow, runOrThrow, variantsOf } from '../scenario-run.ts';

const OPTIONS = { ...RUN_OPTIONS, strategy: { type: 'string' } } as const;

export const explainCommand: Command = {
  name: 'explain',
  summary: "a run's events as plain sentences, with the numbers behind each decision",
  help: `Usage: rollout-lab explain <file> [options]

Runs the scenario and prints its events as sentences in time order — instances
becoming ready, traffic weights moving, crashes, analysis verdicts — with the
numbers behind each, the scenario's narration where it has one, then the outcome
measures and the expectations. Exit codes as for run.

Options:
  --seed N                       random seed (default: the scenario's)
  --fidelity request|aggregate   (default: the scenario's)
  --strategy NAME                another strategy: a label from compare:, or a kind
  --set path=value               override a field (repeatable)
  -h, --help                     this help
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('explain', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('explain', pos, ['file']);
    const seed = seedFlag('explain', values.seed);
    const fidelity = fidelityFlag('explain', values.fidelity);
    let scenario = loadOrThrow(file, values.set ?? []);
    if (values.strategy !== undefined) scenario = variantsOf('explain', scenario, [values.strategy])[0].scenario;
    const result = runOrThrow(file, scenario, { seed, fidelity });
    io.stdout(explainRun(result, scenario));
    return exitCodeFor(result);
  },
};
