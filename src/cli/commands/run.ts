// `rollout-lab run <file>`: one simulation, its results in the chosen format, and an exit
// code that says whether every expectation held.
import { parse, choice, fidelityFlag, positionals, RUN_OPTIONS, seedFlag } from '../args.ts';
import { paint, wantsColor } from '../color.ts';
import type { Command } from '../command.ts';
import { formatJson } from '../format/json.ts';
import { formatJunit } from '../format/junit.ts';
import { formatMarkdown } from '../format/markdown.ts';
import { actualText } from '../format/measures.ts';
import { formatTable } from '../format/table.ts';
import type { CliIo } from '../io.ts';
import { exitCodeFor, loadOrThrow, runOrThrow } from '../scenario-run.ts';
import { writeFileAtomic } from '../write-output.ts';

export const FORMATS = ['table', 'json', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

const OPTIONS = {
  ...RUN_OPTIONS,
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
} as const;

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario and check its expectations',
  help: `Usage: rollout-lab run <file> [options]

Runs the scenario once and prints its results. Exit code 0 when every expectation
in its expect: block holds, 1 when one fails, 2 when the input is invalid.

Options:
  --seed N                   random seed (default: the scenario's seed)
  --fidelity request|aggregate
                             every request an event, or counts per tick
                             (default: the scenario's; auto picks by size)
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
    const format = choice('run', 'format', values.format, FORMATS) ?? formatForPath(values.out) ?? 'table';
    const scenario = loadOrThrow(file, values.set ?? []);
    const result = runOrThrow(file, scenario, { seed, fidelity });

    let text: string;
    switch (format) {
      case 'json':
        text = formatJson(result);
        break;
      case 'junit':
        text = formatJunit(result);
        break;
      case 'markdown':
        text = formatMarkdown(result, scenario);
        break;
      default:
        text = formatTable(result, paint(wantsColor(io, { noColor: values['no-color'], toFile: values.out !== undefined })));
    }
    if (values.out !== undefined) writeFileAtomic(values.out, text);
    else io.stdout(text);

    // Failed expectations also go to stderr when the output itself is not a table on screen.
    if (values.out !== undefined || format !== 'table') {
      for (const e of result.expectations) if (!e.ok) io.stderr(`${file}: expectation failed: ${e.expr} (${actualText(e)})\n`);
    }
    return exitCodeFor(result);
  },
};

/** The format an --out file's extension implies, if any. */
export function formatForPath(path: string | undefined): Format | undefined {
  if (!path) return undefined;
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'json' ? 'json' : ext === 'xml' ? 'junit' : ext === 'md' || ext === 'markdown' ? 'markdown' : undefined;
}
