// Shared statistical checks for the distribution tests: moment bounds and a χ² fit.
//
// How the bounds are derived. For N independent draws with mean μ, variance σ² and fourth
// central moment μ₄:
// - the sample mean has standard error √(σ²/N);
// - the unbiased sample variance s² has Var(s²) = μ₄/N − σ⁴(N − 3)/(N(N − 1)) (the
//   textbook result, e.g. Kendall & Stuart), so its standard error is the square root;
// - both are close to normal at N = 10⁵ (central limit theorem), so a 5-standard-error
//   band is wrong by chance with odds of ~6e-7 per check. The seeds are fixed, so the
//   tests are deterministic; a failure means a sampler changed its distribution, not luck.
import { expect } from 'vitest';

/** The exact moments a sampler should reproduce. */
export interface TrueMoments {
  mean: number;
  variance: number;
  /** fourth central moment E[(X − μ)⁴] */
  mu4: number;
}

/** Mean and unbiased variance of `n` draws, by Welford's update (no cancellation). */
export function sampleMoments(n: number, draw: () => number): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const x = draw();
    const delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
  }
  return { mean, variance: m2 / (n - 1) };
}

/** Asserts the sample mean and variance of `n` draws lie within 5 standard errors. */
export function expectMoments(n: number, draw: () => number, truth: TrueMoments): void {
  const { mean, variance } = sampleMoments(n, draw);
  const seMean = Math.sqrt(truth.variance / n);
  const s4 = truth.variance * truth.variance;
  const seVariance = Math.sqrt(truth.mu4 / n - (s4 * (n - 3)) / (n * (n - 1)));
  expect(Math.abs(mean - truth.mean), `sample mean ${mean} vs ${truth.mean}`).toBeLessThanOrEqual(
    5 * seMean,
  );
  expect(
    Math.abs(variance - truth.variance),
    `sample variance ${variance} vs ${truth.variance}`,
  ).toBeLessThanOrEqual(5 * seVariance);
}

/**
 * Asserts that integer draws follow `pmf` by Pearson's χ² test. Neighbouring values are
 * pooled into bins that each expect at least 20 draws (so the χ² approximation holds),
 * and the statistic must stay under the χ² quantile for z = 5 (Wilson–Hilferty:
 * df·(1 − 2/9df + 5·√(2/9df))³, exceeded by chance with odds of ~3e-7).
 *
 * @param pmf probabilities of the values lo…hi (index 0 is lo), summing to 1; make the
 *   range wide enough that the mass outside is negligible: draws outside it are counted
 *   in the end bins
 */
export function expectPmfFit(n: number, draw: () => number, lo: number, pmf: number[]): void {
  const last = pmf.length - 1;
  const observed = new Float64Array(pmf.length);
  for (let i = 0; i < n; i++) {
    const x = draw();
    if (!Number.isInteger(x)) expect.fail(`draw ${x} is not an integer`);
    observed[Math.min(Math.max(x - lo, 0), last)]++;
  }
  // Expected counts still to come after index i, to keep the last bin from running short.
  const after = new Float64Array(pmf.length);
  for (let i = last - 1; i >= 0; i--) after[i] = after[i + 1] + pmf[i + 1] * n;

  let chi2 = 0;
  let bins = 0;
  let o = 0;
  let e = 0;
  for (let i = 0; i <= last; i++) {
    o += observed[i];
    e += pmf[i] * n;
    if ((e >= 20 && after[i] >= 20) || i === last) {
      chi2 += ((o - e) * (o - e)) / e;
      bins++;
      o = 0;
      e = 0;
    }
  }
  const df = bins - 1;
  const a = 2 / (9 * df);
  const limit = df * (1 - a + 5 * Math.sqrt(a)) ** 3;
  expect(df, 'enough bins for a χ² test').toBeGreaterThanOrEqual(5);
  expect(chi2, `χ² = ${chi2.toFixed(1)} on ${df} degrees of freedom`).toBeLessThan(limit);
}

/**
 * Normalised probabilities of the values lo…hi from a ratio recurrence
 * pmf(k + 1) = pmf(k)·ratio(k), started at 1 at the mode and scaled to sum to 1,
 * so no factorials or log-gammas are needed (they would share code with the samplers).
 */
export function pmfFromRatios(
  lo: number,
  hi: number,
  mode: number,
  ratio: (k: number) => number,
): number[] {
  const p = new Array<number>(hi - lo + 1).fill(0);
  p[mode - lo] = 1;
  for (let k = mode; k < hi; k++) p[k + 1 - lo] = p[k - lo] * ratio(k);
  for (let k = mode; k > lo; k--) p[k - 1 - lo] = p[k - lo] / ratio(k - 1);
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / sum);
}
