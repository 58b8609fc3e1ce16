// Which of a scenario's `expect:` entries are about a sweep rather than one run, and their
// evaluation. An expectation is a sweep expectation when it reads a sweep field: `rates`,
// `quantiles`, `outcomes`, `runs`, `seeds`, or a rate's short name, which stands for its
// point estimate:
//   rollbackRate >= 0.95                      (= rates.rollbackRate.value)
//   rates.detectionRate.low >= 0.9            (the lower end of the 95% interval)
//   quantiles.detectionDelayS.p95 < 120
//   outcomes.promoted == 0
// `run`, `compare` and `explain` check the others and leave these to `sweep`; `sweep` checks
// these and reports, for the others, in how many runs each held.
import { Expression } from '../analysis/expression.ts';
import type { ExpectationResult } from './run-result.ts';
import { Expectation } from './expectations.ts';
import type { SweepSummary } from './sweep-summary.ts';

/** The short names of the rates, usable as the whole path: `rollbackRate >= 0.95`. */
export const RATE_NAMES = ['promotionRate', 'rollbackRate', 'detectionRate', 'falseRollbackRate'] as const;

const SWEEP_ROOTS: ReadonlySet<string> = new Set(['rates', 'quantiles', 'outcomes', 'runs', 'seeds', ...RATE_NAMES]);

/** Whether `text` reads a sweep field. Text that does not parse is a run expectation (the loader reports it). */
export function isSweepExpectation(text: string): boolean {
  let roots: ReadonlySet<string>;
  try {
    roots = Expression.parse(text).roots;
  } catch {
    return false;
  }
  for (const r of roots) if (SWEEP_ROOTS.has(r)) return true;
  return false;
}

/** The run-level results of a run, without the sweep expectations it could not evaluate. */
export function runExpectations<T extends { expectations: ExpectationResult[] }>(result: T): T {
  const kept = result.expectations.filter((e) => !isSweepExpectation(e.expr));
  return kept.length === result.expectations.length ? result : { ...result, expectations: kept };
}

/** Evaluates sweep expectations against one summary (a grid cell's or the whole sweep's). */
export function evaluateSweepExpectations(texts: readonly string[], summary: SweepSummary & { seeds: number }): ExpectationResult[] {
  const subject: Record<string, unknown> = { ...summary };
  for (const name of RATE_NAMES) subject[name] = summary.rates[name]?.value ?? null;
  return texts.map((expr) => {
    const { ok, actual, error } = Expectation.parse(expr).evaluate(subject);
    return error ? { expr, ok, actual, error: error.replace('no result field', 'no sweep field') } : { expr, ok, actual };
  });
}
