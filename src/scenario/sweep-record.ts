// What a sweep keeps of each run: the outcome and the measures it reports quantiles of, and
// which run-level expectations held. Small and plain, so worker threads send it back cheaply
// and shard files carry every run (merged shards then give exactly the unsharded answer).
import type { RunOutcome, RunResult } from './run-result.ts';

export interface RunRecord {
  /** Grid cell (0 without a grid). */
  cell: number;
  /** Seed index: the run used seed = the cell's first seed + k. */
  k: number;
  seed: number;
  outcome: RunOutcome;
  /** What triggered the rollback (analysis, operator, drill), or null. */
  trigger: string | null;
  detectionDelayS: number | null;
  timeToRestoreS: number | null;
  rolloutDurationS: number | null;
  affectedRequestsFraction: number;
  downtimeS: number;
  extraFraction: number;
  /** Per run-level expectation of the cell (in order), whether it held. */
  held: boolean[];
}

/** The record of one run. `runExpect` lists which of `result.expectations` are run-level. */
export function recordOf(result: RunResult, cell: number, k: number, runExpect: readonly number[]): RunRecord {
  const s = result.summary;
  return {
    cell,
    k,
    seed: result.seed,
    outcome: result.outcome,
    trigger: s.rollback.triggered ? s.rollback.trigger : null,
    detectionDelayS: s.rollback.detectionDelayS,
    timeToRestoreS: s.rollback.timeToRestoreS,
    rolloutDurationS: s.rolloutDurationS,
    affectedRequestsFraction: s.blastRadius.affectedRequestsFraction,
    downtimeS: s.downtimeS,
    extraFraction: s.infraCost.extraFraction,
    held: runExpect.map((i) => result.expectations[i]?.ok === true),
  };
}

/** Triggers that count as catching a problem: automated analysis or the person on call. */
export const DETECTING_TRIGGERS: ReadonlySet<string> = new Set(['analysis', 'operator']);

/** Records in seed order within cell order: the order every aggregate is computed in. */
export function byCellAndSeed(a: RunRecord, b: RunRecord): number {
  return a.cell - b.cell || a.k - b.k;
}
