// Per-metric canary classification (Pass / High / Low / Nodata) the way Kayenta's NetflixACAJudge and MannWhitneyClassifier do it.
import { effectSize as measureEffect, neutralEffect, type EffectSizeMeasure } from './effect-size.ts';
import { hodgesLehmannSorted } from './hodges-lehmann.ts';
import { kayentaShiftIntervalSorted } from './kayenta-mann-whitney.ts';
import { mannWhitneyU } from './mann-whitney.ts';
import { sameSorted, sortedCopy } from './sorted-sample.ts';

/** Which way a metric is allowed to fail (Kayenta `canary.direction`). */
export type MetricDirection = 'increase' | 'decrease' | 'either';
/** What to do with NaN points (Kayenta `canary.nanStrategy`): drop them, or count them as 0. */
export type NanStrategy = 'remove' | 'replace';
/** Kayenta's metric classification labels (its `Error` label is not produced here). */
export type MetricClassificationLabel = 'Pass' | 'High' | 'Low' | 'Nodata' | 'NodataFailMetric';

/** Per-metric analysis settings, named as in a Kayenta canary config's `analysisConfigurations.canary`. */
export interface KayentaMetricConfig {
  /** Metric name, used only in reasons. Default 'metric'. */
  name?: string;
  /** Default 'either'; with 'increase' a Low counts as Pass, with 'decrease' a High does. */
  direction?: MetricDirection;
  /** Two-sided confidence level of the shift interval, fraction 0–1. Default 0.98 (hard-coded in NetflixACAJudge). */
  confidence?: number;
  /** Tolerance band half-width as a fraction of |Hodges–Lehmann estimate|. Default 0.25 (hard-coded in NetflixACAJudge). */
  tolerance?: number;
  /** Default 'meanRatio'. */
  effectSizeMeasure?: EffectSizeMeasure;
  /** High needs effect size ≥ this. Default 1.0 (meanRatio) or 0.5 (cles). */
  allowedIncrease?: number;
  /** Low needs effect size ≤ this. Default 1.0 (meanRatio) or 0.5 (cles). */
  allowedDecrease?: number;
  /** On a critical metric, a High with effect size ≥ this fails the whole canary. Default as allowedIncrease's. */
  criticalIncrease?: number;
  /** On a critical metric, a Low with effect size ≤ this fails the whole canary. Default as allowedDecrease's. */
  criticalDecrease?: number;
  /** Missing data counts against the group score (NodataFailMetric). Default false. */
  mustHaveData?: boolean;
  /** A failure of this metric zeroes the canary score. Default false. */
  critical?: boolean;
  /** Default 'remove'. */
  nanStrategy?: NanStrategy;
}

/** One metric's verdict and the statistics behind it (NaN where the test was not run). */
export interface MetricClassification {
  classification: MetricClassificationLabel;
  reason: string | null;
  /** True when this result alone fails the canary (Kayenta `critical` on the analysis result). */
  critical: boolean;
  /** Hodges–Lehmann shift canary − baseline, metric units. */
  estimate: number;
  lowerConfidence: number;
  upperConfidence: number;
  /** Mean ratio or CLES (Kayenta reports it as `deviation` / `resultMetadata.ratio`). */
  effectSize: number;
  /** Two-sided Mann-Whitney p-value, fraction 0–1 (informational; not part of Kayenta's decision). */
  pValue: number;
  /** Points left after NaN handling. */
  canaryCount: number;
  baselineCount: number;
}

function cleanNaNs(values: ArrayLike<number>, strategy: NanStrategy): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) out.push(v);
    else if (strategy === 'replace') out.push(0);
  }
  return out;
}

/**
 * Classify one metric of a canary against its baseline.
 *
 * Follows kayenta-judge NetflixACAJudge.scala (defaults, NaN handling) and
 * classifiers/metric/MannWhitneyClassifier.scala (decision), in this order:
 * 1. No data on either side: with `nanStrategy` 'remove', NodataFailMetric if `mustHaveData`
 *    and not `critical`, else Nodata (a critical Nodata still fails the canary in the
 *    scorer); with 'replace', Pass.
 * 2. Same multiset of values, or a single distinct value overall: Pass, effect size 1.
 * 3. Shift interval (kayenta-mann-whitney.ts) against the band ±tolerance·|estimate|: High when the
 *    lower bound is above the band and the effect size ≥ allowedIncrease; Low when the upper
 *    bound is below it and the effect size ≤ allowedDecrease; the direction must allow it.
 *    A NaN effect size (a zero mean) skips the effect-size gate, as Kayenta's tests require.
 * 4. On a critical metric a High/Low beyond criticalIncrease/criticalDecrease is critical.
 *
 * Kayenta adds tiny Gaussian noise when both samples are constant but different so that its
 * root finder has something to bracket; here that case uses the exact interval (both bounds
 * equal the difference), so no randomness is needed. Outlier removal (`outliers.strategy`,
 * off by default in Kayenta) is not applied.
 *
 * @throws RangeError when a sample holds ±Infinity and the interval has to be computed
 */
export function classifyMetric(
  canary: ArrayLike<number>,
  baseline: ArrayLike<number>,
  config: KayentaMetricConfig = {},
): MetricClassification {
  const name = config.name ?? 'metric';
  const direction = config.direction ?? 'either';
  const nanStrategy = config.nanStrategy ?? 'remove';
  const measure = config.effectSizeMeasure ?? 'meanRatio';
  const neutral = neutralEffect(measure);
  const isCritical = config.critical ?? false;

  const xs = sortedCopy(cleanNaNs(canary, nanStrategy), 'canary');
  const ys = sortedCopy(cleanNaNs(baseline, nanStrategy), 'baseline');
  const base = {
    estimate: NaN, lowerConfidence: NaN, upperConfidence: NaN, effectSize: 1, pValue: NaN,
    canaryCount: xs.length, baselineCount: ys.length,
  };

  if (xs.length === 0 || ys.length === 0) {
    if (nanStrategy === 'replace') return { ...base, classification: 'Pass', reason: null, critical: false };
    const reason = `Missing data for ${name}`;
    if (config.mustHaveData && !isCritical) return { ...base, classification: 'NodataFailMetric', reason, critical: false };
    return { ...base, classification: 'Nodata', reason, critical: isCritical };
  }
  if (sameSorted(xs, ys)) {
    return { ...base, classification: 'Pass', reason: 'The Canary and Baseline data are identical', critical: false };
  }
  if (xs[0] === xs[xs.length - 1] && ys[0] === ys[ys.length - 1] && xs[0] === ys[0]) {
    return { ...base, classification: 'Pass', reason: null, critical: false };
  }

  const confidence = config.confidence ?? 0.98;
  // Both samples constant (but different): Kayenta jitters them with Gaussian noise so its
  // root finder can run; the exact interval [difference, difference] is what that converges to.
  const bothConstant = xs[0] === xs[xs.length - 1] && ys[0] === ys[ys.length - 1];
  const interval = bothConstant
    ? hodgesLehmannSorted(xs, ys, confidence)
    : kayentaShiftIntervalSorted(xs, ys, confidence);
  const { pValue } = mannWhitneyU(xs, ys);
  const effect = measureEffect(measure, xs, ys);
  const band = (config.tolerance ?? 0.25) * Math.abs(interval.estimate);
  const stats = {
    ...base, estimate: interval.estimate, lowerConfidence: interval.lowerConfidence,
    upperConfidence: interval.upperConfidence, effectSize: effect, pValue,
  };

  const isHigh =
    direction !== 'decrease' &&
    interval.lowerConfidence > band &&
    (Number.isNaN(effect) || effect >= (config.allowedIncrease ?? neutral));
  const isLow =
    direction !== 'increase' &&
    interval.upperConfidence < -band &&
    (Number.isNaN(effect) || effect <= (config.allowedDecrease ?? neutral));

  if (isHigh) {
    if (isCritical && (Number.isNaN(effect) || effect >= (config.criticalIncrease ?? neutral))) {
      return { ...stats, classification: 'High', reason: `The metric ${name} was classified as High (Critical)`, critical: true };
    }
    return { ...stats, classification: 'High', reason: `${name} was classified as High`, critical: false };
  }
  if (isLow) {
    if (isCritical && (Number.isNaN(effect) || effect <= (config.criticalDecrease ?? neutral))) {
      return { ...stats, classification: 'Low', reason: `The metric ${name} was classified as Low (Critical)`, critical: true };
    }
    return { ...stats, classification: 'Low', reason: `${name} was classified as Low`, critical: false };
  }
  return { ...stats, classification: 'Pass', reason: null, critical: false };
}
