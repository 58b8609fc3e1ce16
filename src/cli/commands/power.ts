// `rollout-lab power <file> --effect …`: how likely the scenario's canary analysis is to
// catch a regression of a given size, and to throw away a healthy release, against canary
// weight and hold time — the question no deployment tool answers today.
import type { RunResult } from '../../scenario/run-result.ts';
import { EFFECT_KINDS, parseEffect, parseHold, parseWeight, powerJobs, powerResult, powerScenarios } from '../../scenario/power.ts';
import { powerPlan } from '../../scenario/power-plan.ts';
import { fidelityFlag, parse, positionals, RUN_OPTIONS, seedFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { formatPowerMarkdown, formatPowerTable } from '../format/power.ts';
import type { CliIo } from '../io.ts';
import { emit, jsonText, OUTPUT_OPTIONS, outputFormat, tablePaint } from '../output.ts';
import { progressBar } from '../progress.ts';
import { loadOrThrow } from '../scenario-run.ts';
import { defaultWorkers, runJobs } from '../sweep/jobs.ts';
import { countFlag } from './sweep.ts';

type Fidelity = RunResult['fidelity'];

const OPTIONS = {
  ...RUN_OPTIONS,
  ...OUTPUT_OPTIONS,
  effect: { type: 'string' },
  weights: { type: 'string' },
  holds: { type: 'string' },
  seeds: { type: 'string' },
  workers: { type: 'string' },
} as const;

const DEFAULT_WEIGHTS = '1,5,10,25';
const DEFAULT_HOLDS = '5m,10m,30m';
const DEFAULT_SEEDS = 100;

export const powerCommand: Command = {
  name: 'power',
  summary: 'odds that analysis catches a regression of a given size',
  help: `Usage: rollout-lab power <file> --effect KIND=SIZE [options]

For the scenario's canary analysis (the first analysis template its strategy
uses), estimates over many seeds:
  - the chance it catches a regression of the given size (detection), and
  - the chance it rolls back the same release without it (false rollback),
for each canary weight × hold time. Each cell runs the canary as two steps,
setWeight <weight> then analysis {template, duration: <hold>}; the candidate's own
regressions, the operator and rollback drills are removed, so the effect is the
only difference and only the analysis can roll back. Runs with and without the
effect use the same seeds. Rates come with 95% Wilson intervals.

Effects:
${Object.entries(EFFECT_KINDS)
  .map(([k, v]) => `  ${`${k}=SIZE`.padEnd(19)}${v}`)
  .join('\n')}

Options:
  --effect KIND=SIZE         the regression (required)
  --weights 1,5,10,25        canary weights, percent (default ${DEFAULT_WEIGHTS})
  --holds 5m,10m,30m         hold times (default ${DEFAULT_HOLDS})
  --seeds N                  runs per cell, with and without the effect (default ${DEFAULT_SEEDS})
  --seed N                   the first seed (default: the scenario's)
  --workers N                worker threads (default: the CPU count)
  --fidelity request|aggregate   (default aggregate)
  --set path=value           override a field first (repeatable)
  -f, --format FORMAT        table (default), json, markdown
  -o, --out FILE             write to FILE (whole or not at all)
  --no-color                 no ANSI colour
  -h, --help                 this help

Exit code 0, or 2 on bad input (power checks no expectations).

Example:
  rollout-lab power scenarios/automated-canary-analysis.yaml --effect error-rate=0.002 --seeds 200
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals: pos } = parse('power', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('power', pos, ['file']);
    if (values.effect === undefined) throw new UsageError('power: --effect: expected the regression to detect, such as --effect error-rate=0.001 or --effect latency=1.2');
    const effect = wrap('effect', () => parseEffect(values.effect as string));
    const weights = list('weights', values.weights ?? DEFAULT_WEIGHTS, parseWeight);
    const holdsS = list('holds', values.holds ?? DEFAULT_HOLDS, parseHold);
    const seeds = values.seeds === undefined ? DEFAULT_SEEDS : countFlag('power', 'seeds', values.seeds, 1_000_000);
    const seed = seedFlag('power', values.seed);
    const fidelity: Fidelity = fidelityFlag('power', values.fidelity) ?? 'aggregate';
    const workersFlag = values.workers === undefined ? undefined : countFlag('power', 'workers', values.workers, 256);
    const format = outputFormat('power', values, ['table', 'json', 'markdown']);

    const scenario = loadOrThrow(file, values.set ?? []);
    const plan = powerPlan(scenario, { effect, weights, holdsS, seeds, seed, fidelity });
    if (!plan) throw new UsageError(`power: ${file}: expected an analysis template in the scenario's analysis: section to judge the canary with`);
    const scenarios = powerScenarios(scenario, plan);
    const jobs = powerJobs(plan);
    const progress = progressBar(io, 'power', jobs.length);
    const records = await runJobs(
      { scenarios, runExpect: scenarios.map(() => []), fidelity, jobs },
      { workers: workersFlag ?? defaultWorkers(jobs.length), workerScript: io.workerScript, onProgress: (n) => progress.update(n) },
      file,
    );
    progress.finish();
    const result = powerResult(plan, records);
    const text = format === 'json' ? jsonText(result) : format === 'markdown' ? formatPowerMarkdown(result) : formatPowerTable(result, tablePaint(io, values));
    emit(io, values, text);
    return 0;
  },
};

function wrap<T>(flag: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`power: --${flag}: ${e.message}`);
    throw e;
  }
}

/** A comma-separated list, each item parsed, none repeated. */
function list<T>(flag: string, text: string, item: (t: string) => T): T[] {
  const items = text.split(',').map((t) => t.trim());
  const out = items.map((t) => wrap(flag, () => item(t)));
  if (new Set(out.map(String)).size !== out.length) throw new UsageError(`power: --${flag}: expected each value once, got ${JSON.stringify(text)}`);
  if (out.length > 50) throw new UsageError(`power: --${flag}: expected at most 50 values`);
  return out;
}
