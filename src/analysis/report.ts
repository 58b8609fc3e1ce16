// What an analysis round reports per metric: the numbers it judged and the verdict, in the
// shape of the `analysis` event's `metrics` entries (numbers rounded, NaN as null, for JSON).
import type { MeasurementPhase } from './phase.ts';

/** A measurement's verdict as the event log words it. */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'error';

export function verdictOf(phase: MeasurementPhase): Verdict {
  return phase === 'Successful' ? 'pass' : phase === 'Failed' ? 'fail' : phase === 'Inconclusive' ? 'inconclusive' : 'error';
}

/** Worst first: a round's verdict is the worst of its metrics'. */
const VERDICT_ORDER: readonly Verdict[] = ['pass', 'inconclusive', 'error', 'fail'];

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  let worst: Verdict = 'pass';
  for (const v of verdicts) if (VERDICT_ORDER.indexOf(v) > VERDICT_ORDER.indexOf(worst)) worst = v;
  return worst;
}

/** One metric's line in an `analysis` event. */
export interface MetricReport {
  name: string;
  /** What was measured (errorRate, latency.p99, …). */
  metric: string;
  /** Query range, seconds. */
  window: number;
  /** The canary's value in the metric's unit; null when there was no data. */
  canary: number | null;
  /** The baseline's value; null when there was no data or no baseline. */
  baseline: number | null;
  canaryRequests: number;
  baselineRequests: number | null;
  successCondition?: string;
  failureCondition?: string;
  thresholdRange?: { min?: number; max?: number };
  verdict: Verdict;
  /** Why, when the verdict is not a plain pass (no data, an expression error, a judge's reason). */
  reason?: string;
  [detail: string]: unknown;
}

/** A number for the event log: 6 significant digits; NaN and ±Infinity become null. */
export function reportNumber(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  return Number(x.toPrecision(6));
}
