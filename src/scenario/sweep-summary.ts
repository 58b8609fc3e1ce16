// The aggregate of a set of runs: outcome counts, rates with 95% Wilson intervals and
// quantiles of the outcome measures. One function for a grid cell and for the whole sweep.
import type { RunOutcome } from './run-result.ts';
import { DETECTING_TRIGGERS, type RunRecord } from './sweep-record.ts';
import { quantiles, wilson, type Quantiles, type Rate } from './sweep-stats.ts';

/** Every outcome, in the order they are reported. */
export const OUTCOMES: readonly RunOutcome[] = ['promoted', 'rolled-back', 'completed', 'stalled'];

/** The measures a sweep reports quantiles of (run records' field names). */
export const QUANTILE_MEASURES = ['detectionDelayS', 'timeToRestoreS', 'rolloutDurationS', 'affectedRequestsFraction', 'downtimeS', 'extraFraction'] as const;
export type QuantileMeasure = (typeof QUANTILE_MEASURES)[number];

export interface SweepRates {
  /** Runs that ended promoted. */
  promotionRate: Rate;
  /** Runs that ended rolled back, whatever the trigger (drills included). */
  rollbackRate: Rate;
  /**
   * Of the runs whose candidate carries a regression, those rolled back by analysis or by
   * the operator: how often the problem is caught. Null when no run had a regression.
   */
  detectionRate: Rate | null;
  /**
   * Of the runs whose candidate carries no regression, those rolled back by analysis or by
   * the operator: how often a healthy release is thrown away. Null when every run had one.
   */
  falseRollbackRate: Rate | null;
}

export interface SweepSummary {
  runs: number;
  outcomes: Record<RunOutcome, number>;
  rates: SweepRates;
  quantiles: Record<QuantileMeasure, Quantiles>;
}

/**
 * Aggregates `records` (in cell then seed order, so the result does not depend on the order
 * runs finished in); `regression(cell)` says whether that cell's candidate has a regression.
 */
export function summarizeRuns(records: readonly RunRecord[], regression: (cell: number) => boolean): SweepSummary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<RunOutcome, number>;
  let faulty = 0;
  let caught = 0;
  let healthy = 0;
  let thrownAway = 0;
  for (const r of records) {
    outcomes[r.outcome]++;
    const detected = r.outcome === 'rolled-back' && r.trigger !== null && DETECTING_TRIGGERS.has(r.trigger);
    if (regression(r.cell)) {
      faulty++;
      if (detected) caught++;
    } else {
      healthy++;
      if (detected) thrownAway++;
    }
  }
  const n = records.length;
  const q = Object.fromEntries(QUANTILE_MEASURES.map((m) => [m, quantiles(records.map((r) => r[m]))])) as Record<QuantileMeasure, Quantiles>;
  return {
    runs: n,
    outcomes,
    rates: {
      promotionRate: wilson(outcomes.promoted, n),
      rollbackRate: wilson(outcomes['rolled-back'], n),
      detectionRate: faulty > 0 ? wilson(caught, faulty) : null,
      falseRollbackRate: healthy > 0 ? wilson(thrownAway, healthy) : null,
    },
    quantiles: q,
  };
}

/** In how many of `records` each run-level expectation held. */
export function expectationTallies(texts: readonly string[], records: readonly RunRecord[]): { expr: string; held: number; runs: number }[] {
  return texts.map((expr, i) => ({ expr, held: records.filter((r) => r.held[i]).length, runs: records.length }));
}
