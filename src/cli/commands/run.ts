// `rollout-lab run <file>`: one simulation, its results in the chosen format, and an exit
// code that says whether every expectation held.
import { fidelityFlag, parse, positionals, RUN_OPTIONS, seedFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { formatJunit } from '../format/junit.ts';
import { formatMarkdown } from '../format/markdown.ts';
import { actualText } from '../format/measures.ts';
import { formatTable } from '../format/table.ts';
import type { CliIo } from '../io.ts';
import { echoFailures, emit, jsonText, OUTPUT_OPTIONS, outputFormat, tablePaint } from '../output.ts';
import { exitCodeFor, loadOrThrow, runOrThrow, variantsOf } from '../scenario-run.ts';

const OPTIONS = { ...RUN_OPTIONS, ...OUTPUT_OPTIONS, strategy: { type: 'string' } } as const;

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario and check its expectations',
  help: `Usage: rollout-lab run <file> [options]

Runs the scenario once and prints its results. Exit code 0 when every expectation
in its expect: block holds, 1 when one fails, 2 when the input is invalid.
(Expectations about sweeps, such as rollbackRate >= 0.95, are left to sweep.)

Options:
  --seed N                   random seed (default: the scenario's seed)
  --fidelity request|aggregate
                             every request an event, or counts per tick
                             (default: the scenario's; auto picks by size)
  --strategy NAME            run another strategy on the same fleet, traffic and
                             faults: a label from the scenario's compare: list, or
                             a kind (recreate, rolling, blue-green, canary) — its
                             compare: entry if it has one, else its defaults.
                             The expectations are checked on that run.
  --set path=value           override a field, e.g. --set fleet.replicas=40 or
                             --set strategy.steps[2].setWeight=50 (repeatable;
                             the value is YAML: 40, true, "40", {a: 1}, [1, 2])
  -f, --format FORMAT        table (default), json (the results contract),
                             junit (JUnit XML), markdown (for $GITHUB_STEP_SUMMARY);
                             with --out, the file's extension picks it
                             (.json, .xml, .md)
  -o, --out FILE             write to FILE (whole or not at all) instead of stdout
  --no-color                 no ANSI colour (also: NO_COLOR=1, TERM=dumb)
  -h, --help                 this help

Examples:
  rollout-lab run scenarios/automated-canary-analysis.yaml
  rollout-lab run canary.yaml --seed 7 --set fleet.replicas=40 --format json
  rollout-lab run scenarios/four-strategies-compared.yaml --strategy blue-green
  rollout-lab run canary.yaml --format junit --out reports/canary.xml
  rollout-lab run canary.yaml --format markdown >> "$GITHUB_STEP_SUMMARY"
`,
  run(args: string[], io: CliIo): number {
    const { values, positionals: pos } = parse('run', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('run', pos, ['file']);
    const seed = seedFlag('run', values.seed);
    const fidelity = fidelityFlag('run', values.fidelity);
    const format = outputFormat('run', values);
    let scenario = loadOrThrow(file, values.set ?? []);
    let label: string | undefined;
    if (values.strategy !== undefined) {
      const [variant] = variantsOf('run', scenario, [values.strategy]);
      scenario = variant.scenario;
      label = variant.label;
    }
    const run = runOrThrow(file, scenario, { seed, fidelity });
    const result = label === undefined ? run : { ...run, label };

    let text: string;
    if (format === 'json') text = jsonText(result);
    else if (format === 'junit') text = formatJunit(result);
    else if (format === 'markdown') text = formatMarkdown(result, scenario);
    else text = formatTable(result, tablePaint(io, values));
    emit(io, values, text);

    // Failed expectations also go to stderr when the output itself is not a table on screen.
    if (echoFailures(values, format)) {
      for (const e of result.expectations) if (!e.ok) io.stderr(`${file}: expectation failed: ${e.expr} (${actualText(e)})\n`);
    }
    return exitCodeFor(result);
  },
};
