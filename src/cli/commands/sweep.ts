// `rollout-lab sweep <file> --seeds N`: Monte Carlo over seeds and a parameter grid. The runs
// are spread over worker threads; the answer is aggregated by seed index, so it is the same
// for any worker count. `--shard i/n` runs every n-th seed and writes a shard file for merge.
import type { RunResult } from '../../scenario/run-result.ts';
import { formatScenarioError } from '../../scenario/errors.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { errorInArgument, gridAxes, gridCells } from '../../scenario/sweep-grid.ts';
import { sweepShard } from '../../scenario/sweep-shard.ts';
import { MAX_SWEEP_RUNS, planSweep, sweepJobs, sweepResult, type Shard } from '../../scenario/sweep.ts';
import { fidelityFlag, parse, positionals, RUN_OPTIONS, seedFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { InputError, UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { emit, jsonText, OUTPUT_OPTIONS, outputFormat } from '../output.ts';
import { progressBar } from '../progress.ts';
import { loadScenarioFile } from '../read-scenario.ts';
import { defaultWorkers, runJobs } from '../sweep/jobs.ts';
import { printSweep } from './sweep-output.ts';

type Fidelity = RunResult['fidelity'];

const OPTIONS = {
  ...RUN_OPTIONS,
  ...OUTPUT_OPTIONS,
  seeds: { type: 'string' },
  workers: { type: 'string' },
  shard: { type: 'string' },
} as const;

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'Monte Carlo over seeds and parameter grids',
  help: `Usage: rollout-lab sweep <file> --seeds N [options]

Runs the scenario with N seeds (seed = the scenario's seed + k, k = 0…N−1) and
reports, over the runs: outcome counts; the promotion, rollback, detection and
false-rollback rates with 95% Wilson intervals; and p5/p50/p95 of detection
delay, time to restore, rollout duration, affected requests, downtime and extra
infra. Each --set with several values (path=a,b,c) is a grid axis: every
combination is a cell with N seeds of its own.

  promotion rate       runs that ended promoted
  rollback rate        runs that ended rolled back (any trigger, drills too)
  detection rate       when the candidate has a regression: runs rolled back by
                       analysis or the operator
  false-rollback rate  when it has none: runs rolled back by analysis or the
                       operator

Expectations: entries of expect: that read sweep fields are checked on the
sweep (on every cell of a grid): rates.rollbackRate.value (or rollbackRate for
short), rates.detectionRate.low, quantiles.detectionDelayS.p95, outcomes.promoted,
runs. Exit code 1 when one fails. The other entries are about a single run: the
sweep reports in how many runs each held, and they never fail it.

Options:
  --seeds N                  seeds per cell (required)
  --seed N                   the first seed (default: the scenario's)
  --set path=a,b,c           override a field; several values make a grid axis
                             (commas inside [], {} or quotes do not split)
  --workers N                worker threads (default: the CPU count; 1 for
                             small sweeps). The output does not depend on it.
  --shard i/n                run only seeds k ≡ i−1 (mod n) and write a shard
                             file (JSON) for rollout-lab merge
  --fidelity request|aggregate
                             (default: the scenario's if it names one, else
                             aggregate)
  -f, --format FORMAT        table (default), json, junit, markdown
  -o, --out FILE             write to FILE (whole or not at all)
  --no-color                 no ANSI colour
  -h, --help                 this help

A progress bar is drawn on stderr when it is a terminal and CI is unset.

Examples:
  rollout-lab sweep scenarios/automated-canary-analysis.yaml --seeds 1000
  rollout-lab sweep canary.yaml --seeds 200 --set strategy.steps[0].setWeight=1,5,10
  rollout-lab sweep canary.yaml --seeds 1000 --shard 2/4 --out shard-2.json
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals: pos } = parse('sweep', args, OPTIONS);
    if (values.help) {
      io.stdout(this.help);
      return 0;
    }
    const [file] = positionals('sweep', pos, ['file']);
    if (values.seeds === undefined) throw new UsageError('sweep: --seeds: expected the number of seeds, such as --seeds 1000');
    const seeds = countFlag('sweep', 'seeds', values.seeds);
    const seed = seedFlag('sweep', values.seed);
    const fidelityOverride = fidelityFlag('sweep', values.fidelity);
    const workersFlag = values.workers === undefined ? undefined : countFlag('sweep', 'workers', values.workers, 256);
    const shard = shardFlag('sweep', values.shard);
    const format = outputFormat('sweep', values);
    if (shard && format !== 'json') throw new UsageError('sweep: --shard writes a shard file (JSON) for rollout-lab merge; --format must be json or left out');

    const sets = values.set ?? [];
    let cells;
    try {
      cells = gridCells(sets);
    } catch (e) {
      throw new UsageError(`sweep: ${(e as Error).message}`);
    }
    const axes = gridAxes(sets);
    const loaded = loadCells(file, cells, axes);
    if (cells.length * seeds > MAX_SWEEP_RUNS) throw new UsageError(`sweep: ${cells.length} cells × ${seeds} seeds is over ${MAX_SWEEP_RUNS} runs`);
    const fidelity: Fidelity = fidelityOverride ?? sweepFidelity(loaded[0].scenario);
    const plan = planSweep(loaded, axes, { seeds, seed, fidelity });
    const jobs = sweepJobs(plan, shard);

    const progress = progressBar(io, shard ? `sweep ${shard.index}/${shard.count}` : 'sweep', jobs.length);
    const records = await runJobs(
      {
        scenarios: loaded.map((c) => c.scenario),
        runExpect: plan.cells.map((c) => c.runExpect.map((e) => e.index)),
        fidelity,
        jobs,
      },
      { workers: workersFlag ?? defaultWorkers(jobs.length), workerScript: io.workerScript, onProgress: (n) => progress.update(n) },
      file,
    );
    progress.finish();

    if (shard) {
      emit(io, values, jsonText(sweepShard(plan, shard, records)));
      return 0;
    }
    return printSweep(io, values, format, sweepResult(plan, records), file);
  },
};

/** Every cell's scenario; all the problems, each once, as an InputError. */
function loadCells(file: string, cells: ReturnType<typeof gridCells>, axes: ReturnType<typeof gridAxes>): { cell: (typeof cells)[number]; scenario: Scenario }[] {
  const out: { cell: (typeof cells)[number]; scenario: Scenario }[] = [];
  const problems = new Set<string>();
  for (const cell of cells) {
    const loaded = loadScenarioFile(file, cell.sets);
    if (loaded.ok) out.push({ cell, scenario: loaded.scenario });
    else for (const e of loaded.errors) problems.add(formatScenarioError(e.file === '--set' ? errorInArgument(e, cell, axes) : e));
  }
  if (problems.size > 0) throw new InputError([...problems]);
  return out;
}

/** Sweeps are for many runs: aggregate unless the scenario names a fidelity. */
function sweepFidelity(scenario: Scenario): Fidelity {
  return scenario.fidelity === 'auto' ? 'aggregate' : scenario.fidelity;
}

/** A whole number from 1 to `max`. */
export function countFlag(command: string, flag: string, value: string, max = 10_000_000): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`${command}: --${flag}: expected a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `--shard i/n` with 1 ≤ i ≤ n. */
export function shardFlag(command: string, value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count || count > 10_000) throw new UsageError(`${command}: --shard: expected i/n with 1 ≤ i ≤ n, such as 2/4, got ${JSON.stringify(value)}`);
  return { index, count };
}
