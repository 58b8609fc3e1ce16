// One Kayenta measurement: each judge metric's per-scrape canary series is classified against
// the baseline's (NetflixACAJudge / MannWhitneyClassifier), the classifications are scored
// (WeightedSumScorer), and the score becomes a phase the way Argo's kayenta provider maps it
// (AR metricproviders/kayenta/kayenta.go: ≥ pass Successful, ≥ marginal Inconclusive, else Failed).
import { classifyMetric, type MetricClassificationLabel } from './statistics/kayenta-classifier.ts';
import { scoreCanary, type ScoredMetric } from './statistics/kayenta-score.ts';
import type { MeasureContext } from './measure-metric.ts';
import { metricSeries } from './metric-query.ts';
import type { MeasurementPhase } from './phase.ts';
import { reportNumber, verdictOf, type MetricReport, type Verdict } from './report.ts';
import type { AnalysisMetric, AnalysisTemplate } from './schema.ts';

/** The score of one Kayenta measurement, for the event log. */
export interface KayentaReport {
  score: number;
  pass: number;
  marginal: number;
  classification: 'Pass' | 'Marginal' | 'Fail';
  /** Why the score was forced to 0 (a critical metric failed, too many Nodata), else absent. */
  reason?: string;
  groupScores: Record<string, number>;
  verdict: Verdict;
}

const LABEL_VERDICT: Record<MetricClassificationLabel, Verdict> = {
  Pass: 'pass',
  High: 'fail',
  Low: 'fail',
  NodataFailMetric: 'fail',
  Nodata: 'inconclusive',
};

function mean(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

/**
 * Judges `metrics` (each with a `judge`) at `now`. A metric with a `window` compares the
 * scrapes of that sliding range; without one, every scrape since the run started (`startedAt`),
 * like the growing lookback of Spinnaker's canary stage — Kayenta wants ≥ 50 points a side.
 */
export function kayentaMeasurement(
  ctx: MeasureContext,
  metrics: readonly AnalysisMetric[],
  template: AnalysisTemplate,
  now: number,
  startedAt: number,
): { phase: MeasurementPhase; reports: MetricReport[]; kayenta: KayentaReport } {
  const scored: ScoredMetric[] = [];
  const reports: MetricReport[] = [];
  for (const m of metrics) {
    const judge = m.judge!;
    const metric = m.metric!;
    const since = m.window !== undefined ? now - m.window : startedAt;
    const canary = metricSeries(ctx.world, ctx.canary, metric, now, since);
    const baseline = ctx.baseline !== null ? metricSeries(ctx.world, ctx.baseline, metric, now, since) : null;
    const c = classifyMetric(canary.values, baseline?.values ?? [], {
      name: m.name,
      direction: judge.direction,
      confidence: judge.confidence,
      effectSizeMeasure: judge.effectSizeMeasure,
      allowedIncrease: judge.allowedIncrease,
      allowedDecrease: judge.allowedDecrease,
      criticalIncrease: judge.criticalIncrease,
      criticalDecrease: judge.criticalDecrease,
      critical: judge.critical,
      mustHaveData: judge.mustHaveData,
      nanStrategy: judge.nanStrategy,
    });
    scored.push({ name: m.name, classification: c.classification, reason: c.reason, critical: c.critical, groups: judge.groups ?? [m.name] });
    const report: MetricReport = {
      name: m.name,
      metric,
      window: now - since,
      canary: reportNumber(mean(canary.values)),
      baseline: baseline ? reportNumber(mean(baseline.values)) : null,
      canaryRequests: canary.requests,
      baselineRequests: baseline ? baseline.requests : null,
      judge: {
        kind: judge.kind,
        classification: c.classification,
        estimate: reportNumber(c.estimate),
        lowerConfidence: reportNumber(c.lowerConfidence),
        upperConfidence: reportNumber(c.upperConfidence),
        effectSize: reportNumber(c.effectSize),
        pValue: reportNumber(c.pValue),
        canaryPoints: c.canaryCount,
        baselinePoints: c.baselineCount,
      },
      verdict: LABEL_VERDICT[c.classification],
    };
    if (ctx.baseline === null) report.reason = 'the run has no baseline replica set';
    else if (c.reason) report.reason = c.reason;
    reports.push(report);
  }
  const k = template.kayenta ?? { pass: 95, marginal: 75, groupWeights: {} };
  const score = scoreCanary(scored, { groupWeights: k.groupWeights, thresholds: { pass: k.pass, marginal: k.marginal } });
  const groupScores: Record<string, number> = {};
  for (const g of score.groupScores) groupScores[g.name] = g.noData ? 100 : (reportNumber(g.score) ?? 0);
  const kayenta: KayentaReport = {
    score: score.summaryScore,
    pass: k.pass,
    marginal: k.marginal,
    classification: score.classification,
    groupScores,
    verdict: verdictOf(score.phase),
  };
  if (score.reason) kayenta.reason = score.reason;
  return { phase: score.phase, reports, kayenta };
}
