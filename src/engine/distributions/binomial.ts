// The binomial distribution: how many of n independent trials succeed.
//
// Why not d3-random's `randomBinomial`: each `randomBinomial(n, p)` call makes a closure,
// and each draw with n·p and n·(1 − p) above 16 builds a beta generator (two gamma
// closures) per step of its splitting loop and a geometric closure at the end. The
// simulator draws with a different (n, p) every tick, so here each call does O(1) work on
// plain numbers and allocates nothing. jStat has binomial pdf and cdf but no sampler.
import type { RandomStream } from '../random-stream.ts';
import { stirlingCorrection } from './stirling-correction.ts';

/**
 * A count from Binomial(n, p): mean n·p, variance n·p·(1 − p), always in 0…n.
 *
 * With p′ = min(p, 1 − p): n·p′ below 10 goes by inversion (one draw from `rng`), 10 and
 * above by Hörmann's BTRD (1.4 draws on average at n = 10⁶, p = 0.4), whose cost does not
 * grow with n; its exact test loses ~n·1e-16 to rounding, negligible for any n a run
 * will see. p > ½ draws the failures and returns n minus them. `n = 0` or `p = 0`
 * returns 0 and `p = 1` returns n, without drawing.
 *
 * @param n number of trials, an integer ≥ 0 (e.g. instances, requests)
 * @param p success probability of each trial, fraction 0–1
 * @throws RangeError when `n` is not a non-negative safe integer or `p` is outside [0, 1]
 */
export function binomial(rng: RandomStream, n: number, p: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomial: n must be an integer ≥ 0, got ${n}`);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`binomial: p must be a probability in [0, 1], got ${p}`);
  }
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  return p <= 0.5 ? binomialLow(rng, n, p) : n - binomialLow(rng, n, 1 - p);
}

// p ≤ ½ from here on: both methods below assume it.
function binomialLow(rng: RandomStream, n: number, p: number): number {
  return n * p < 10 ? binomialInversion(rng, n, p) : binomialBtrd(rng, n, p);
}

// Sequential search of the CDF from 0, pmf(x) = pmf(x − 1)·((n + 1)/x − 1)·p/q.
// The search gives up past mean + 10·sd (mass < 1e-12 for n·p < 10) and starts over with
// a fresh uniform, so rounding in the running sums can never make it walk off to n.
function binomialInversion(rng: RandomStream, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const pmf0 = Math.exp(n * Math.log1p(-p)); // qⁿ without the rounding of q = 1 − p
  const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
  for (;;) {
    let u = rng.next();
    let pmf = pmf0;
    let x = 0;
    while (u > pmf && x <= bound) {
      u -= pmf;
      x++;
      pmf *= a / x - s;
    }
    if (x <= bound) return x;
  }
}

// W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul.
// 46 (1993), 101–110, algorithm BTRD (transformed rejection with decomposition), in the
// arrangement of Boost.Random's binomial_distribution.
function binomialBtrd(rng: RandomStream, n: number, p: number): number {
  const q = 1 - p;
  const m = Math.floor((n + 1) * p); // the mode
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const sqrtNpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sqrtNpq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * sqrtNpq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = rng.next();
    let u: number;
    // Step 1: the central box, where the hat lies under the pmf; accept with one uniform
    // (79 % of tries when n·p·q is large, 26–40 % near n·p = 10).
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor((2 * a / (0.5 - Math.abs(u)) + b) * u + c);
    }
    // Step 2: decomposition; reuse v where it still carries an unused uniform.
    if (v >= vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Step 3.1: near the mode, pmf(k)/pmf(m) by the recurrence, no logs.
      let f = 1;
      if (m < k) for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      else if (m > k) for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      if (v <= f) return k;
      continue;
    }
    // Step 3.2: squeeze on ln(pmf(k)/pmf(m)) from a normal-like bound, then 3.3 the exact test.
    v = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    // ln(pmf(k)/pmf(m)) by Stirling. Rounding costs ~n·1e-16 here: nothing at n = 10⁷.
    const nm = n - m + 1;
    const nk = n - k + 1;
    const h =
      (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
    const lnRatio =
      h +
      (n + 1) * Math.log1p((k - m) / nk) + // ln(nm/nk), nm/nk being close to 1
      (k + 0.5) * Math.log((nk * r) / (k + 1)) -
      stirlingCorrection(k) -
      stirlingCorrection(n - k);
    if (v <= lnRatio) return k;
  }
}
