// A sweep's numbers as short text, shared by its table and Markdown: rates as percentages
// with their 95% interval, quantiles in the measure's unit.
import type { Rate, Quantiles } from '../../scenario/sweep-stats.ts';
import type { QuantileMeasure, SweepRates } from '../../scenario/sweep-summary.ts';
import { duration, number, percent } from './measures.ts';

/** `97.3% (95% CI 95.1–98.6%)`; `—` when there is no rate. */
export function rateText(rate: Rate | null, withLabel = true): string {
  if (!rate) return '—';
  return `${percent(rate.value)} (${withLabel ? '95% CI ' : ''}${number(rate.low * 100)}–${percent(rate.high)})`;
}

export const RATE_LABELS: Record<keyof SweepRates, { label: string; meaning: string }> = {
  promotionRate: { label: 'promotion rate', meaning: 'runs that ended with the new version promoted' },
  rollbackRate: { label: 'rollback rate', meaning: 'runs that ended rolled back, whatever triggered it' },
  detectionRate: { label: 'detection rate', meaning: 'runs with a regression that analysis or the operator rolled back' },
  falseRollbackRate: { label: 'false-rollback rate', meaning: 'runs without a regression that analysis or the operator rolled back' },
};

export const MEASURE_LABELS: Record<QuantileMeasure, { label: string; unit: 'seconds' | 'fraction' }> = {
  detectionDelayS: { label: 'detection delay', unit: 'seconds' },
  timeToRestoreS: { label: 'time to restore', unit: 'seconds' },
  rolloutDurationS: { label: 'rollout duration', unit: 'seconds' },
  affectedRequestsFraction: { label: 'affected requests', unit: 'fraction' },
  downtimeS: { label: 'downtime', unit: 'seconds' },
  extraFraction: { label: 'extra infra', unit: 'fraction' },
};

/** One quantile in the measure's unit; `—` when no run had the measure. */
export function quantileText(measure: QuantileMeasure, value: number | null): string {
  if (value === null) return '—';
  return MEASURE_LABELS[measure].unit === 'seconds' ? duration(value) : percent(value);
}

/** The cells of one measure's row: label, n, p5, p50, p95. */
export function quantileRow(measure: QuantileMeasure, q: Quantiles): string[] {
  return [MEASURE_LABELS[measure].label, number(q.n), quantileText(measure, q.p5), quantileText(measure, q.p50), quantileText(measure, q.p95)];
}

/** `seeds 42–1,041` for `count` seeds from `first`. */
export function seedRange(first: number, count: number): string {
  return count === 1 ? `seed ${first}` : `seeds ${first}–${first + count - 1}`;
}
