// The continuous uniform distribution: every value in [min, max) equally likely.
import type { RandomStream } from '../random-stream.ts';

/**
 * A draw from Uniform[min, max), in the caller's units (seconds, requests/s, …).
 *
 * Takes exactly one draw from `rng`, so it keeps in step with other samplers that do
 * the same (inversion). `min === max` returns `min`. Because `rng` has 32 bits of
 * resolution the draws lie on a grid of (max − min)·2⁻³², and for very wide ranges
 * rounding can land on `max` itself.
 *
 * @param min lower bound, inclusive; default 0
 * @param max upper bound, exclusive; default 1; must be ≥ `min`
 * @throws RangeError when `min > max` or either bound is not finite
 */
export function uniform(rng: RandomStream, min = 0, max = 1): number {
  if (!(min <= max) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new RangeError(`uniform: need finite min ≤ max, got min=${min}, max=${max}`);
  }
  return min + (max - min) * rng.next();
}
