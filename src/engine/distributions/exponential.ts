// The exponential distribution: the waiting time between events of a Poisson process.
import type { RandomStream } from '../random-stream.ts';

/**
 * A waiting time from Exponential(rate), mean `1 / rate`, by inversion:
 * −ln(1 − U) / rate with one draw U from `rng`.
 *
 * `1 − U` rather than `U` because `next()` is in [0, 1): `1 − U` is in (0, 1], so the
 * logarithm is always finite and no draw is retried (d3-random's `randomExponential`
 * does the same). With 32-bit uniforms the largest possible draw is 32·ln 2 ≈ 22.2 means.
 *
 * @param rate events per unit time (e.g. requests/s gives a gap in seconds); default 1; > 0
 * @throws RangeError when `rate` is not a positive finite number
 */
export function exponential(rng: RandomStream, rate = 1): number {
  if (!(rate > 0) || rate === Infinity) {
    throw new RangeError(`exponential: rate must be a positive finite number, got ${rate}`);
  }
  return -Math.log1p(-rng.next()) / rate;
}
