// Kayenta's Mann-Whitney shift interval and estimate: R's asymptotic wilcox.test conf.int, solved by root finding as Kayenta does.
import jstatPkg from 'jstat';
import { brentRoot } from './brent-root.ts';
import type { HodgesLehmannResult } from './hodges-lehmann.ts';
import { sortedCopy } from './sorted-sample.ts';

const { jStat } = jstatPkg;

/**
 * R's `wdiff(d, zq)` for ascending samples: the continuity-corrected, tie-corrected
 * standardised rank-sum of (canary − d) against baseline, minus `zq`.
 *
 * Kayenta re-ranks `canary.map(_ - d) ++ baseline` on every call; merging the two sorted
 * arrays gives the same average ranks in O(m + n), because subtracting d keeps the canary
 * sorted. Rank sums are sums of half-integers, so they are exact and the value matches
 * Kayenta's bit for bit.
 *
 * @throws RangeError when every pooled value is tied at this d (σ = 0), as Kayenta does
 */
export function wilcoxonDiff(xs: Float64Array, ys: Float64Array, d: number, zq: number): number {
  const m = xs.length;
  const n = ys.length;
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumX = 0;
  let ties = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && xs[i] - d <= ys[j]) ? xs[i] - d : ys[j];
    let cx = 0;
    let cy = 0;
    while (i < m && xs[i] - d === v) { i++; cx++; }
    while (j < n && ys[j] === v) { j++; cy++; }
    const t = cx + cy;
    rankSumX += cx * (rank + (t + 1) / 2);
    ties += t * t * t - t;
    rank += t;
  }
  const dz = rankSumX - (m * (m + 1)) / 2 - (m * n) / 2;
  const correction = Math.sign(dz) * 0.5;
  const sigma = Math.sqrt(((m * n) / 12) * (m + n + 1 - ties / ((m + n) * (m + n - 1))));
  if (sigma === 0) throw new RangeError('cannot compute confidence interval when all observations are tied');
  return (dz - correction) / sigma - zq;
}

/**
 * Shift interval and estimate for canary − baseline exactly as Kayenta's
 * `MannWhitney.mannWhitneyUTest` returns them (kayenta-mannwhitney MannWhitney.scala):
 * - each bound is a root of {@link wilcoxonDiff} on [min(canary) − max(baseline),
 *   max(canary) − min(baseline)], with zq = ±Φ⁻¹(1 − (1 − confidence)/2); if the function is
 *   already ≤ 0 at the left end the bound is that end, if ≥ 0 at the right end, that end;
 * - the estimate is the root with zq = 0 (no endpoint shortcut, as in Kayenta);
 * - roots come from {@link brentRoot} with tolerance 1e-4.
 *
 * Because the statistic is a step function, the roots sit within about 5e-5 of the exact
 * order statistics that `hodges-lehmann.ts` returns, but on either side of them. That matters
 * when a bound falls on a difference of exactly 0 (metrics that are mostly zeros): Kayenta's
 * bound can then land a hair above 0 and count as "outside the band", and its own tests rely
 * on that (ClassifierSuite "High Metric (Large Input)"). The classifier therefore uses this
 * function, not the exact order statistics, to reproduce Kayenta's verdicts.
 *
 * @param confidence two-sided level, fraction in (0, 1); default 0.95 (Kayenta's default)
 * @throws RangeError on an empty sample, a non-finite value, or samples that are both
 *   constant (Kayenta adds noise first in that case; see kayenta-classifier.ts)
 */
export function kayentaShiftInterval(
  canary: ArrayLike<number>,
  baseline: ArrayLike<number>,
  confidence = 0.95,
): HodgesLehmannResult {
  return kayentaShiftIntervalSorted(sortedCopy(canary, 'canary'), sortedCopy(baseline, 'baseline'), confidence);
}

/** {@link kayentaShiftInterval} on samples that are already ascending `Float64Array`s. */
export function kayentaShiftIntervalSorted(xs: Float64Array, ys: Float64Array, confidence = 0.95): HodgesLehmannResult {
  const m = xs.length;
  const n = ys.length;
  if (m === 0 || n === 0) throw new RangeError('the shift interval needs at least one value in each sample');
  const muMin = xs[0] - ys[n - 1];
  const muMax = xs[m - 1] - ys[0];
  if (!Number.isFinite(muMin) || !Number.isFinite(muMax)) throw new RangeError('the shift interval needs finite values');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);

  const f = (zq: number) => (d: number) => wilcoxonDiff(xs, ys, d, zq);
  const findRoot = (zq: number): number => {
    const fLower = f(zq)(muMin);
    const fUpper = f(zq)(muMax);
    if (fLower <= 0) return muMin;
    if (fUpper >= 0) return muMax;
    return brentRoot(f(zq), muMin, muMax, fLower, fUpper);
  };

  const z = -jStat.normal.inv((1 - confidence) / 2, 0, 1); // Kayenta negates Φ⁻¹(α/2)
  const lowerConfidence = findRoot(z);
  const upperConfidence = findRoot(-z);
  const estimate = brentRoot(f(0), muMin, muMax, f(0)(muMin), f(0)(muMax));
  return { estimate, lowerConfidence, upperConfidence, confidence };
}
