// The log-normal distribution: latencies and durations, set by their median and p99.
import type { RandomStream } from '../random-stream.ts';
import { normal, normalQuantile } from './normal.ts';

/** Φ⁻¹(0.99): how many standard deviations the 99th percentile sits above the median. */
export const Z_99 = 2.3263478740408408;

/** The parameters of the underlying normal: ln X ~ Normal(mu, sigma). */
export interface LognormalParams {
  /** mean of ln X; e^mu is the median, in the caller's units */
  mu: number;
  /** standard deviation of ln X, dimensionless, ≥ 0 */
  sigma: number;
}

/**
 * A draw from LogNormal(mu, sigma) = e^Normal(mu, sigma), one draw from `rng`.
 *
 * @param mu log of the median; default 0 (median 1)
 * @param sigma spread of the log; default 1; ≥ 0
 */
export function lognormal(rng: RandomStream, mu = 0, sigma = 1): number {
  return Math.exp(normal(rng, mu, sigma));
}

/**
 * The `{mu, sigma}` whose log-normal has the given median and 99th percentile, the two
 * numbers people quote for a latency: mu = ln median, sigma = (ln p99 − mu) / Z_99.
 * `p99 === median` gives sigma 0, a constant.
 *
 * @param median 50th percentile, > 0, in any unit (e.g. milliseconds)
 * @param p99 99th percentile in the same unit, ≥ `median`
 * @throws RangeError when `median` is not a positive finite number or `p99 < median`
 */
export function lognormalParams(median: number, p99: number): LognormalParams {
  if (!(median > 0) || !Number.isFinite(median)) {
    throw new RangeError(`lognormalParams: median must be a positive finite number, got ${median}`);
  }
  if (!(p99 >= median) || !Number.isFinite(p99)) {
    throw new RangeError(
      `lognormalParams: p99 must be a finite number ≥ the median (${median}), got ${p99}`,
    );
  }
  const mu = Math.log(median);
  return { mu, sigma: (Math.log(p99) - mu) / Z_99 };
}

/**
 * The `q` quantile of LogNormal(mu, sigma): e^(mu + sigma·Φ⁻¹(q)).
 * `lognormalQuantile(mu, sigma, 0.99)` gives back the p99 handed to `lognormalParams`.
 *
 * @param q probability, fraction 0–1; 0 gives 0 and 1 gives Infinity
 * @throws RangeError when `q` is outside [0, 1] or NaN
 */
export function lognormalQuantile(mu: number, sigma: number, q: number): number {
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`lognormalQuantile: q must be a probability in [0, 1], got ${q}`);
  }
  // sigma = 0 at q = 0 or 1 would be 0·∞ = NaN; the distribution is the constant e^mu.
  if (sigma === 0) return Math.exp(mu);
  return Math.exp(mu + sigma * normalQuantile(q));
}
