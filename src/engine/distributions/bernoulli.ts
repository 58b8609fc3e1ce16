// The Bernoulli distribution: one yes/no trial that succeeds with probability p.
import type { RandomStream } from '../random-stream.ts';

/**
 * `true` with probability `p`, else `false`.
 *
 * Takes exactly one draw from `rng` whatever `p` is (even 0 or 1), so a component
 * whose probability changes mid-run does not shift the draws that follow. Compares
 * `next() < p`: with `next()` in [0, 1), `p = 0` is never true and `p = 1` always is.
 *
 * @param p success probability, fraction 0–1
 * @throws RangeError when `p` is outside [0, 1] or NaN
 */
export function bernoulli(rng: RandomStream, p: number): boolean {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`bernoulli: p must be a probability in [0, 1], got ${p}`);
  }
  return rng.next() < p;
}
