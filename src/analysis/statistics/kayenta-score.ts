// Kayenta's WeightedSumScorer: group scores, the weighted summary score, and the Pass/Marginal/Fail verdict.
import type { MetricClassificationLabel } from './kayenta-classifier.ts';

/** One classified metric as the scorer sees it (a subset of Kayenta's CanaryAnalysisResult). */
export interface ScoredMetric {
  name?: string;
  classification: MetricClassificationLabel;
  reason?: string | null;
  /** Set by the classifier when this result must fail the canary on its own. */
  critical?: boolean;
  /** Groups the metric belongs to; a metric in no group affects only the critical and Nodata rules. */
  groups: readonly string[];
}

/** Scoring settings, named as in a Kayenta canary config and Argo's `kayenta.threshold`. */
export interface KayentaScoreConfig {
  /** Weight per group, percent. Groups left out share what remains of 100 equally. Default {}. */
  groupWeights?: Readonly<Record<string, number>>;
  /** Score thresholds, 0–100; both required, e.g. { pass: 95, marginal: 75 }. */
  thresholds: { pass: number; marginal: number };
}

export interface GroupScore {
  name: string;
  /** Pass / (Pass + High + Low + NodataFailMetric) × 100; 0 when `noData` (Kayenta stores 0 there). */
  score: number;
  /** True when the group has no scorable metric; the summary then counts it as 100. */
  noData: boolean;
  labelCounts: Partial<Record<MetricClassificationLabel, number>>;
  numMetrics: number;
}

/** Kayenta's judgement label and the Argo Rollouts AnalysisRun phase it maps to. */
export type ScoreClassification = 'Pass' | 'Marginal' | 'Fail';
export type AnalysisPhase = 'Successful' | 'Inconclusive' | 'Failed';

export interface CanaryScore {
  /** 0–100, rounded half-up to 2 decimals as Kayenta does (commons-math MathUtils.round). */
  summaryScore: number;
  groupScores: GroupScore[];
  /** Why the score was forced to 0, else null. */
  reason: string | null;
  classification: ScoreClassification;
  phase: AnalysisPhase;
  numMetrics: number;
}

/** Share of Nodata metrics, percent, at which the canary fails outright (WeightedSumScorer NODATA_THRESHOLD). */
export const NODATA_THRESHOLD = 50;

function roundHalfUp2(x: number): number {
  // Shift the decimal point in the string form, as BigDecimal(Double.toString(x)) would see it.
  const [mantissa, exponent = '0'] = Math.abs(x).toString().split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + 2}`));
  const [m2, e2 = '0'] = shifted.toString().split('e');
  return Math.sign(x) * Number(`${m2}e${Number(e2) - 2}`);
}

function groupScore(name: string, labels: MetricClassificationLabel[]): GroupScore {
  const labelCounts: Partial<Record<MetricClassificationLabel, number>> = {};
  for (const label of labels) labelCounts[label] = (labelCounts[label] ?? 0) + 1;
  const pass = labelCounts.Pass ?? 0;
  // Nodata is left out of the denominator: a metric that may legitimately be empty neither helps nor hurts.
  const total = pass + (labelCounts.High ?? 0) + (labelCounts.Low ?? 0) + (labelCounts.NodataFailMetric ?? 0);
  const noData = total === 0;
  return { name, score: noData ? 0 : (pass / total) * 100, noData, labelCounts, numMetrics: labels.length };
}

/**
 * Score a canary run from its classified metrics, following kayenta-judge
 * scorers/WeightedSumScorer.scala:
 * - each group scores Pass / (Pass + High + Low + NodataFailMetric) × 100;
 * - the summary is Σ score × weight / 100, where a group with only Nodata counts as 100 and
 *   groups without a configured weight share (100 − Σ configured weights) equally;
 * - the summary is 0 when any critical result is not Pass (checked first), or when
 *   ≥ 50% of all metrics are Nodata; otherwise it is rounded to 2 decimals.
 * The verdict is Kayenta's ThresholdScoreClassifier: score ≥ pass → Pass, ≥ marginal →
 * Marginal, else Fail. `phase` is what Argo Rollouts' kayenta provider reports
 * (metricproviders/kayenta/kayenta.go `evaluateResult`): it truncates the score to an
 * integer first, then ≥ pass → Successful, ≥ marginal → Inconclusive, else Failed.
 */
export function scoreCanary(results: readonly ScoredMetric[], config: KayentaScoreConfig): CanaryScore {
  const byGroup = new Map<string, MetricClassificationLabel[]>();
  for (const result of results) {
    for (const group of result.groups) {
      const labels = byGroup.get(group) ?? [];
      labels.push(result.classification);
      byGroup.set(group, labels);
    }
  }
  const groupScores = [...byGroup].map(([name, labels]) => groupScore(name, labels));

  let summaryScore: number;
  let reason: string | null = null;
  const criticalFailure = results.find((r) => r.critical && r.classification !== 'Pass');
  const nodataCount = results.filter((r) => r.classification === 'Nodata').length;
  if (criticalFailure) {
    // Kayenta prints the first failure's reason (which can be empty); fall back to naming it.
    const why = criticalFailure.reason ?? `${criticalFailure.name ?? 'a critical metric'} was classified as ${criticalFailure.classification}`;
    reason = `Canary Failed: ${why}`;
    summaryScore = 0;
  } else if (results.length > 0 && (nodataCount / results.length) * 100 >= NODATA_THRESHOLD) {
    reason = `Canary Failed: ${NODATA_THRESHOLD}% or more metrics returned NODATA`;
    summaryScore = 0;
  } else {
    const weights = config.groupWeights ?? {};
    const configured = Object.values(weights).reduce((a, b) => a + b, 0);
    const hasWeight = (group: string): boolean => Object.hasOwn(weights, group);
    const unweighted = groupScores.filter((g) => !hasWeight(g.name)).length;
    const sharedWeight = unweighted > 0 ? (100 - configured) / unweighted : 0;
    let sum = 0;
    for (const g of groupScores) {
      const weight = hasWeight(g.name) ? weights[g.name] : sharedWeight;
      sum += (g.noData ? 100 : g.score) * (weight / 100);
    }
    summaryScore = roundHalfUp2(sum);
  }

  const { pass, marginal } = config.thresholds;
  const classification: ScoreClassification =
    summaryScore >= pass ? 'Pass' : summaryScore >= marginal ? 'Marginal' : 'Fail';
  const whole = Math.trunc(summaryScore);
  const phase: AnalysisPhase = whole >= pass ? 'Successful' : whole >= marginal ? 'Inconclusive' : 'Failed';
  return { summaryScore, groupScores, reason, classification, phase, numMetrics: results.length };
}
