// Kayenta's two effect-size measures for the High/Low gate: mean ratio and common-language effect size.
import { pooledRanks, sortedCopy } from './sorted-sample.ts';

/** Which effect size the classifier gates on (Kayenta `effectSize.measure`). */
export type EffectSizeMeasure = 'meanRatio' | 'cles';

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * mean(canary) / mean(baseline), unitless; 1 means no change.
 *
 * NaN when either mean is 0, as in Kayenta's `EffectSizes.meanRatio`
 * (kayenta-judge stats/EffectSizes.scala); the classifier then skips the effect-size gate
 * rather than failing it, so a metric that goes from all zeros to errors can still be High.
 */
export function meanRatio(canary: ArrayLike<number>, baseline: ArrayLike<number>): number {
  const baselineMean = mean(baseline);
  const canaryMean = mean(canary);
  return baselineMean === 0 || canaryMean === 0 ? NaN : canaryMean / baselineMean;
}

/**
 * Common-language effect size: the share of (canary, baseline) pairs in which the canary
 * value is larger, ties counting ½ (Vargha & Delaney's A). Fraction 0–1; 0.5 means no change.
 *
 * Kayenta's `EffectSizes.cles` computes it from the canary's rank sum,
 * (2·R₁ − m(m+1)) / (2mn), which is U / (mn); it stays defined when means are 0, which is
 * why the Spinnaker docs suggest it for error counts.
 */
export function cles(canary: ArrayLike<number>, baseline: ArrayLike<number>): number {
  const xs = sortedCopy(canary, 'canary');
  const ys = sortedCopy(baseline, 'baseline');
  const m = xs.length;
  const n = ys.length;
  const { rankSumX } = pooledRanks(xs, ys);
  return (2 * rankSumX - m * (m + 1)) / (2 * n * m);
}

/** The effect size named by `measure`. */
export function effectSize(measure: EffectSizeMeasure, canary: ArrayLike<number>, baseline: ArrayLike<number>): number {
  return measure === 'cles' ? cles(canary, baseline) : meanRatio(canary, baseline);
}

/** Default allowed/critical thresholds for a measure: 1.0 for meanRatio, 0.5 for cles (NetflixACAJudge.scala). */
export function neutralEffect(measure: EffectSizeMeasure): number {
  return measure === 'cles' ? 0.5 : 1.0;
}
