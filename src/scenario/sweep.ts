// Monte Carlo over seeds and a parameter grid. A sweep is planned (which cells, which seeds,
// which expectations), its runs are done anywhere — this thread, worker threads, CI jobs far
// apart — and the records are aggregated here in cell and seed order, so the answer is the
// same however the runs were spread. Seeds: seed = the cell's first seed + k, k = 0…N−1.
import type { Fidelity } from '../model/world.ts';
import { RESULTS_SCHEMA_VERSION, type ExpectationResult } from './run-result.ts';
import type { Scenario } from './schema.ts';
import { evaluateSweepExpectations, isSweepExpectation } from './sweep-expectations.ts';
import type { GridAxis, GridCell } from './sweep-grid.ts';
import { byCellAndSeed, type RunRecord } from './sweep-record.ts';
import { expectationTallies, summarizeRuns, type SweepSummary } from './sweep-summary.ts';

/** One grid cell as planned: its settings, seeds and expectations. */
export interface SweepCellPlan {
  /** The value of each grid axis (empty without a grid). */
  set: Record<string, string>;
  firstSeed: number;
  /** Whether the candidate carries a regression: detection rate, else false-rollback rate. */
  regression: boolean;
  /** `expect:` entries about the sweep (rates, quantiles, …). */
  sweepExpect: string[];
  /** `expect:` entries about one run, with their index in the run's expectations. */
  runExpect: { expr: string; index: number }[];
}

/** Everything needed to aggregate and report a sweep, without the scenario file. */
export interface SweepPlan {
  scenario: string;
  title: string;
  fidelity: Fidelity;
  /** Seeds per cell. */
  seeds: number;
  /** The grid's axes (arguments with more than one value). */
  grid: { path: string; values: string[] }[];
  cells: SweepCellPlan[];
}

/** `--shard i/n`: this job runs seeds k ≡ i − 1 (mod n). */
export interface Shard {
  index: number;
  count: number;
}

/** One run to do. */
export interface SweepJob {
  cell: number;
  k: number;
  seed: number;
}

export type RunExpectationTally = { expr: string; held: number; runs: number };

export interface SweepCellResult extends SweepSummary {
  set: Record<string, string>;
  firstSeed: number;
  expectations: ExpectationResult[];
  runExpectations: RunExpectationTally[];
}

export interface SweepResult extends SweepSummary {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  scenario: string;
  title: string;
  fidelity: Fidelity;
  /** Seeds per cell. */
  seeds: number;
  /** The first seed (of the first cell; cells list their own). */
  firstSeed: number;
  /** Sweep expectations; with a grid, each cell's, with the cell's index. */
  expectations: (ExpectationResult & { cell?: number })[];
  /** Run-level expectations: in how many runs each held (information; never fails the sweep). */
  runExpectations: RunExpectationTally[];
  grid?: { path: string; values: string[] }[];
  cells?: SweepCellResult[];
}

/** The sweep's largest run count (cells × seeds). */
export const MAX_SWEEP_RUNS = 10_000_000;

/** Whether the candidate release carries an injected regression. */
export function candidateHasRegression(scenario: Scenario): boolean {
  return scenario.strategy.kind !== 'none' && (scenario.releases.candidate?.regressions.length ?? 0) > 0;
}

/** The plan for `seeds` seeds of each cell's scenario. */
export function planSweep(cells: readonly { cell: GridCell; scenario: Scenario }[], axes: readonly GridAxis[], options: { seeds: number; seed?: number; fidelity: Fidelity }): SweepPlan {
  const first = cells[0].scenario;
  return {
    scenario: first.name,
    title: first.title,
    fidelity: options.fidelity,
    seeds: options.seeds,
    grid: axes.filter((a) => a.values.length > 1).map((a) => ({ path: a.path, values: a.values })),
    cells: cells.map(({ cell, scenario }) => ({
      set: cell.set,
      firstSeed: options.seed ?? scenario.seed,
      regression: candidateHasRegression(scenario),
      sweepExpect: scenario.expect.filter(isSweepExpectation),
      runExpect: scenario.expect.flatMap((expr, index) => (isSweepExpectation(expr) ? [] : [{ expr, index }])),
    })),
  };
}

/** Whether seed index k belongs to `shard`. */
export function inShard(k: number, shard: Shard | undefined): boolean {
  return !shard || k % shard.count === shard.index - 1;
}

/** The runs of the plan (of one shard), cell by cell, seed by seed. */
export function sweepJobs(plan: SweepPlan, shard?: Shard): SweepJob[] {
  const jobs: SweepJob[] = [];
  plan.cells.forEach((c, cell) => {
    for (let k = 0; k < plan.seeds; k++) if (inShard(k, shard)) jobs.push({ cell, k, seed: c.firstSeed + k });
  });
  return jobs;
}

/**
 * The sweep's answer from every run's record (any order). @throws RangeError when a run is
 * missing or repeated — shards that do not add up.
 */
export function sweepResult(plan: SweepPlan, records: readonly RunRecord[]): SweepResult {
  const sorted = [...records].sort(byCellAndSeed);
  const expected = plan.cells.length * plan.seeds;
  if (sorted.length !== expected) throw new RangeError(`expected ${expected} runs (${plan.cells.length} cell${plan.cells.length === 1 ? '' : 's'} × ${plan.seeds} seeds), got ${sorted.length}`);
  sorted.forEach((r, i) => {
    const cell = Math.floor(i / plan.seeds);
    const k = i % plan.seeds;
    if (r.cell !== cell || r.k !== k) throw new RangeError(`run ${k} of cell ${cell} is missing (or another run is there twice)`);
  });
  const regression = (cell: number) => plan.cells[cell].regression;
  const total = summarizeRuns(sorted, regression);
  const cells: SweepCellResult[] = plan.cells.map((c, i) => {
    const runs = sorted.slice(i * plan.seeds, (i + 1) * plan.seeds);
    const summary = summarizeRuns(runs, regression);
    return {
      set: c.set,
      firstSeed: c.firstSeed,
      ...summary,
      expectations: evaluateSweepExpectations(c.sweepExpect, { ...summary, seeds: plan.seeds }),
      runExpectations: expectationTallies(c.runExpect.map((e) => e.expr), runs),
    };
  });
  const gridded = plan.grid.length > 0;
  const sameRunExpect = plan.cells.every((c) => JSON.stringify(c.runExpect) === JSON.stringify(plan.cells[0].runExpect));
  const result: SweepResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    scenario: plan.scenario,
    title: plan.title,
    fidelity: plan.fidelity,
    seeds: plan.seeds,
    firstSeed: plan.cells[0].firstSeed,
    ...total,
    expectations: gridded ? cells.flatMap((c, cell) => c.expectations.map((e) => ({ ...e, cell }))) : cells[0].expectations,
    runExpectations: sameRunExpect ? expectationTallies(plan.cells[0].runExpect.map((e) => e.expr), sorted) : [],
  };
  if (gridded) {
    result.grid = plan.grid;
    result.cells = cells;
  }
  return result;
}

/** Whether every sweep expectation held. */
export function sweepPassed(result: SweepResult): boolean {
  return result.expectations.every((e) => e.ok);
}
