// SLO burn rate over two windows (Google SRE workbook, "Alerting on SLOs", ch. 5, approach 6):
// burn rate = error ratio / (1 − availability target); page only when both a long and a short
// window burn faster than the threshold, so a fast burn fires within minutes and stops firing
// soon after it ends, while a slow burn (that the budget can absorb) does not fire at all.
import { readMetric, type MetricReading, type MetricsSource } from './metric-query.ts';
import type { BurnRateConfig } from './schema.ts';

export interface BurnRateReading {
  /** Error ratio / error budget over each window; NaN when the window had no requests. */
  short: number;
  long: number;
  shortWindow: MetricReading;
  longWindow: MetricReading;
  /** The availability target used, fraction 0–1. */
  availability: number;
  /** Both windows above the threshold. */
  firing: boolean;
}

/**
 * Burn rates of replica set `pool` at `now`. With the defaults (5 m and 1 h, threshold 14.4) a
 * 99.9% SLO fires when the error ratio exceeds 1.44% in both windows: 2% of a 30-day budget
 * spent in one hour. The long window covers only the traffic the pool has had, so for a young
 * canary both windows read the same recent requests.
 */
export function burnRate(world: MetricsSource, pool: number, now: number, config: BurnRateConfig, sloAvailability: number): BurnRateReading {
  const availability = config.availability ?? sloAvailability;
  const budget = 1 - availability;
  const shortWindow = readMetric(world, pool, 'errorRate', now, config.shortWindow);
  const longWindow = readMetric(world, pool, 'errorRate', now, config.longWindow);
  // A 100% target has no budget: any error burns it infinitely fast.
  const rate = (errorRatio: number) => (budget > 0 || Number.isNaN(errorRatio) ? errorRatio / budget : errorRatio > 0 ? Infinity : 0);
  const short = rate(shortWindow.value);
  const long = rate(longWindow.value);
  return { short, long, shortWindow, longWindow, availability, firing: short > config.threshold && long > config.threshold };
}
