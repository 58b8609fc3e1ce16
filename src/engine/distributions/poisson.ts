// The Poisson distribution: how many events a Poisson process produces in a window.
//
// Why not d3-random's `randomPoisson`: it is built for one mean drawn many times. Each
// `randomPoisson(λ)` call makes a closure, and every draw with λ > 16 builds new gamma
// (and, at the end, binomial → beta → gamma) generator closures inside its reduction loop,
// O(log λ) of them. The aggregate simulator draws a count with a different mean every
// tick, up to ~10⁶, so here each call does O(1) work on plain numbers and allocates
// nothing. jStat's `poisson.sample` is not seedable per stream (one global RNG).
import type { RandomStream } from '../random-stream.ts';
import { stirlingCorrection } from './stirling-correction.ts';

const HALF_LN_2PI = 0.9189385332046728;

/**
 * A count from Poisson(mean): variance `mean` as well.
 *
 * Means below 10 go by inversion (one draw from `rng`, ~mean + 1 steps); 10 and above by
 * Hörmann's transformed rejection PTRS (2 draws a try; 1.3 tries at mean 10, 1.12 at 10⁶).
 * `mean = 0` returns 0 without drawing.
 *
 * @param mean expected count, ≥ 0 and finite (e.g. requests/s × seconds)
 * @throws RangeError when `mean` is negative, NaN or infinite
 */
export function poisson(rng: RandomStream, mean: number): number {
  if (!(mean >= 0) || mean === Infinity) {
    throw new RangeError(`poisson: mean must be a finite number ≥ 0, got ${mean}`);
  }
  if (mean === 0) return 0;
  return mean < 10 ? poissonInversion(rng, mean) : poissonPtrs(rng, mean);
}

// Sequential search of the CDF. One uniform; terminates because u ≤ 1 − 2⁻³² while the
// summed pmf reaches that within a few dozen terms for mean < 10 (rounding ~1e-15).
function poissonInversion(rng: RandomStream, mean: number): number {
  let u = rng.next();
  let pmf = Math.exp(-mean);
  let k = 0;
  while (u > pmf) {
    u -= pmf;
    k++;
    pmf *= mean / k;
  }
  return k;
}

// W. Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12 (1993), 39–45, algorithm PTRS,
// with the constants of the paper (as numpy's random_poisson_ptrs also uses).
function poissonPtrs(rng: RandomStream, mean: number): number {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    // Squeeze: in this box the hat lies under the pmf, so accept without a log (80 % of
    // tries for large means, 35 % at mean 10).
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // Exact test: ln(v·hat) ≤ ln pmf(k). ln pmf(k) = k ln λ − λ − ln k! is written with
    // Stirling so the large terms cancel analytically: for λ = 10⁶, k ln λ is ~1.4e7 and
    // subtracting it directly would leave an error of ~1e-9; this way it is ~1e-13.
    const lnPmf =
      k * Math.log1p((mean - k - 1) / (k + 1)) + (k + 1 - mean) -
      0.5 * Math.log(k + 1) - HALF_LN_2PI - stirlingCorrection(k);
    if (Math.log((v * invAlpha) / (a / (us * us) + b)) <= lnPmf) return k;
  }
}
