// Rank statistics and Kayenta-style canary judgement: re-exports only.
export { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.ts';
export { hodgesLehmann, hodgesLehmannSorted, type HodgesLehmannResult } from './hodges-lehmann.ts';
export { kayentaShiftInterval, kayentaShiftIntervalSorted, wilcoxonDiff } from './kayenta-mann-whitney.ts';
export { brentRoot, WILCOX_ROOT_TOLERANCE, WILCOX_ROOT_MAX_ITERATIONS } from './brent-root.ts';
export { kthSmallestDifference, countDifferencesAtMost } from './pairwise-differences.ts';
export { sortedCopy, tieTerm, pooledRanks, sameSorted, type PooledRanks } from './sorted-sample.ts';
export { meanRatio, cles, effectSize, neutralEffect, type EffectSizeMeasure } from './effect-size.ts';
export {
  classifyMetric,
  type KayentaMetricConfig,
  type MetricClassification,
  type MetricClassificationLabel,
  type MetricDirection,
  type NanStrategy,
} from './kayenta-classifier.ts';
export {
  scoreCanary,
  NODATA_THRESHOLD,
  type ScoredMetric,
  type KayentaScoreConfig,
  type GroupScore,
  type CanaryScore,
  type ScoreClassification,
  type AnalysisPhase,
} from './kayenta-score.ts';
