// The analysis checks of a run, read from its `analysis` events: per metric and round, the
// canary's and baseline's numbers, the verdict, and the limit the condition put on the canary
// (so the metrics view can draw the threshold the canary had to stay under).
import { Expression } from '../../analysis/expression.ts';
import type { RunEvent } from './run-types.ts';

export type CheckVerdict = 'pass' | 'fail' | 'inconclusive' | 'error';

/** One metric of one analysis round. */
export interface Check {
  /** Simulated seconds. */
  t: number;
  /** Index of the `analysis` event in the run's events. */
  eventIndex: number;
  run: string;
  round: number;
  /** The metric's name in the template (e.g. errors-vs-baseline). */
  name: string;
  /** What it measured: errorRate, latency.p99, … */
  metric: string;
  canary: number | null;
  baseline: number | null;
  verdict: CheckVerdict;
  condition: string | null;
  /** The canary had to stay below (or at) this value, in the metric's unit; null when unbounded. */
  upper: number | null;
  /** The canary had to stay above (or at) this value; null when unbounded. */
  lower: number | null;
}

export interface Limits {
  upper: number | null;
  lower: number | null;
}

const COMPARISON = /^\s*(canary|result)\s*(<=|<|>=|>)\s*(.+?)\s*$/;

/**
 * The bounds a success condition such as `canary <= baseline * 1.10` (or several joined by
 * `&&`) puts on the canary, given the baseline's value. Parts of other shapes are ignored.
 */
export function conditionLimits(condition: string, baseline: number | null): Limits {
  const out: Limits = { upper: null, lower: null };
  for (const part of condition.split('&&')) {
    const m = COMPARISON.exec(part);
    if (!m) continue;
    let value: number;
    try {
      const { value: v } = Expression.parse(m[3]).evaluate({ baseline });
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      value = v;
    } catch {
      continue;
    }
    if (m[2].startsWith('<')) out.upper = out.upper === null ? value : Math.min(out.upper, value);
    else out.lower = out.lower === null ? value : Math.max(out.lower, value);
  }
  return out;
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function verdictOf(x: unknown): CheckVerdict {
  return x === 'pass' || x === 'fail' || x === 'inconclusive' || x === 'error' ? x : 'error';
}

/** The limits of one metric report: its success condition, else its threshold range. */
export function reportLimits(report: Record<string, unknown>): Limits & { condition: string | null } {
  const baseline = num(report.baseline);
  if (typeof report.successCondition === 'string') {
    return { ...conditionLimits(report.successCondition, baseline), condition: report.successCondition };
  }
  const range = report.thresholdRange as { min?: unknown; max?: unknown } | undefined;
  if (range && typeof range === 'object') {
    const lower = num(range.min);
    const upper = num(range.max);
    const parts = [lower !== null ? `canary ≥ ${lower}` : '', upper !== null ? `canary ≤ ${upper}` : ''].filter(Boolean);
    return { upper, lower, condition: parts.join(' and ') || null };
  }
  return { upper: null, lower: null, condition: typeof report.failureCondition === 'string' ? `not (${report.failureCondition})` : null };
}

/** Every metric of every `analysis` event, in time order. */
export function analysisChecks(events: readonly RunEvent[]): Check[] {
  const out: Check[] = [];
  events.forEach((e, eventIndex) => {
    if (e.kind !== 'analysis' || !Array.isArray(e.metrics)) return;
    for (const raw of e.metrics as Record<string, unknown>[]) {
      const limits = reportLimits(raw);
      out.push({
        t: e.t,
        eventIndex,
        run: String(e.run ?? ''),
        round: num(e.round) ?? 0,
        name: String(raw.name ?? raw.metric ?? ''),
        metric: String(raw.metric ?? raw.name ?? ''),
        canary: num(raw.canary),
        baseline: num(raw.baseline),
        verdict: verdictOf(raw.verdict),
        condition: limits.condition,
        upper: limits.upper,
        lower: limits.lower,
      });
    }
  });
  return out;
}

/** The checks on one kind of metric: `errorRate`, or `latency` for every latency percentile. */
export function checksOf(checks: readonly Check[], metric: 'errorRate' | 'latency.p99'): Check[] {
  return checks.filter((c) => c.metric === metric);
}
