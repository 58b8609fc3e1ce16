// Weighted-sum canary score and verdict: Kayenta's ScorerSuite cases, then hand-computed ones for the newer rules.
import { describe, expect, it } from 'vitest';
import { scoreCanary, type ScoredMetric } from '../../../src/analysis/statistics/kayenta-score.ts';

const THRESHOLDS = { pass: 95, marginal: 75 };
const metric = (classification: ScoredMetric['classification'], groups: string[], extra: Partial<ScoredMetric> = {}): ScoredMetric => ({
  classification, groups, ...extra,
});

// Source: spinnaker/kayenta kayenta-judge/src/test/scala/com/netflix/kayenta/judge/ScorerSuite.scala
// (WeightedSumScorer cases; that version marked critical metrics with `criticality("critical")`,
// which the current scorer reads as the result's `critical` flag).
describe('scoreCanary on Kayenta ScorerSuite cases', () => {
  it('scores a single passing metric 100 and a single failing one 0', () => {
    expect(scoreCanary([metric('Pass', ['test-group'])], { thresholds: THRESHOLDS }).summaryScore).toBe(100);
    expect(scoreCanary([metric('High', ['test-group'])], { thresholds: THRESHOLDS }).summaryScore).toBe(0);
  });

  it('scores a group as its share of passing metrics', () => {
    // "One Group, Two Metrics" -> 50; "One Group, Three Metrics" -> 33.33 ± 1e-2
    expect(scoreCanary([metric('Pass', ['g']), metric('High', ['g'])], { thresholds: THRESHOLDS }).summaryScore).toBe(50);
    const three = scoreCanary([metric('Pass', ['g']), metric('High', ['g']), metric('Low', ['g'])], { thresholds: THRESHOLDS });
    expect(Math.abs(three.summaryScore - 33.33)).toBeLessThanOrEqual(1e-2);
  });

  it('weights the groups', () => {
    // "Two Groups, Three Metrics": weights 75/25, group-1 = 2 × Pass, group-2 = High -> 75
    const weighted = scoreCanary(
      [metric('Pass', ['group-1']), metric('Pass', ['group-1']), metric('High', ['group-2'])],
      { groupWeights: { 'group-1': 75, 'group-2': 25 }, thresholds: THRESHOLDS },
    );
    expect(weighted.summaryScore).toBe(75);
    // "Two Groups, Three Metrics (Equal Weight)": group-1 = Pass + High (50), group-2 = High (0) -> 25
    const equal = scoreCanary(
      [metric('Pass', ['group-1']), metric('High', ['group-1']), metric('High', ['group-2'])],
      { groupWeights: { 'group-1': 50, 'group-2': 50 }, thresholds: THRESHOLDS },
    );
    expect(equal.summaryScore).toBe(25);
  });

  it('scores a canary whose only metric has no data 0', () => {
    // "No Data" -> 0.0 (today that is the ≥ 50% Nodata rule)
    const res = scoreCanary([metric('Nodata', ['test-group'])], { thresholds: THRESHOLDS });
    expect(res.summaryScore).toBe(0);
    expect(res.reason).toBe('Canary Failed: 50% or more metrics returned NODATA');
  });

  it('zeroes the score when a critical metric fails, and only then', () => {
    // "Two metrics, one good (normal), one fail (critical)" -> 0
    const failed = scoreCanary(
      [metric('Pass', ['g']), metric('High', ['g'], { critical: true, reason: 'The metric latency was classified as High (Critical)' })],
      { thresholds: THRESHOLDS },
    );
    expect(failed).toMatchObject({ summaryScore: 0, reason: 'Canary Failed: The metric latency was classified as High (Critical)' });
    // "Two metrics, one low (normal), one good (critical)" -> 50
    const fine = scoreCanary([metric('Low', ['g']), metric('Pass', ['g'], { critical: true })], { thresholds: THRESHOLDS });
    expect(fine).toMatchObject({ summaryScore: 50, reason: null });
  });
});

// Hand-computed cases for WeightedSumScorer.scala as it is now (NodataFailMetric, all-Nodata
// groups counted as 100, shared weights, rounding, the 50% Nodata rule).
describe('scoreCanary rules beyond the suite', () => {
  it('counts an all-Nodata group as 100 in the summary', () => {
    // group a: Pass + High = 50, weight 50; group b: only Nodata -> effective 100, weight 50.
    // Nodata share 1/3 < 50%. Summary = 50 × 0.5 + 100 × 0.5 = 75.
    const res = scoreCanary(
      [metric('Pass', ['a']), metric('High', ['a']), metric('Nodata', ['b'])],
      { groupWeights: { a: 50, b: 50 }, thresholds: THRESHOLDS },
    );
    expect(res.summaryScore).toBe(75);
    expect(res.groupScores).toEqual([
      { name: 'a', score: 50, noData: false, labelCounts: { Pass: 1, High: 1 }, numMetrics: 2 },
      { name: 'b', score: 0, noData: true, labelCounts: { Nodata: 1 }, numMetrics: 1 },
    ]);
  });

  it('counts NodataFailMetric as a failure and plain Nodata as nothing', () => {
    // Pass / (Pass + NodataFailMetric) = 1/2 -> 50; the Nodata metric is outside the ratio (1/4 < 50%).
    const res = scoreCanary(
      [metric('Pass', ['g']), metric('NodataFailMetric', ['g']), metric('Nodata', ['g']), metric('Pass', ['h'])],
      { groupWeights: { g: 100 }, thresholds: THRESHOLDS },
    );
    expect(res.summaryScore).toBe(50); // h gets (100 − 100) / 1 = 0 weight
  });

  it('shares the weight left over by configured groups equally among the rest', () => {
    // a = 100 with weight 60; b = 0 and c = 100 share (100 − 60) / 2 = 20 each: 60 + 0 + 20 = 80.
    const res = scoreCanary(
      [metric('Pass', ['a']), metric('High', ['b']), metric('Pass', ['c'])],
      { groupWeights: { a: 60 }, thresholds: THRESHOLDS },
    );
    expect(res).toMatchObject({ summaryScore: 80, classification: 'Marginal', phase: 'Inconclusive' });
  });

  it('rounds the summary half-up to two decimals', () => {
    // 2 of 3 pass: 66.666… -> 66.67.
    expect(scoreCanary([metric('Pass', ['g']), metric('Pass', ['g']), metric('Low', ['g'])], { thresholds: THRESHOLDS }).summaryScore).toBe(66.67);
    // One passing group of weight 1.005 (the other weight-0): 100 × 1.005 / 100 = 1.005, which
    // BigDecimal("1.005") rounds half-up to 1.01 (a plain Math.round(x × 100) / 100 gives 1.00).
    const res = scoreCanary([metric('Pass', ['g']), metric('Pass', ['rest'])], { groupWeights: { g: 1.005, rest: 0 }, thresholds: THRESHOLDS });
    expect(res.summaryScore).toBe(1.01);
  });

  it('fails the canary when half or more of the metrics have no data', () => {
    // 2 of 4 Nodata = 50% -> 0, even though both scorable metrics pass.
    const res = scoreCanary(
      [metric('Pass', ['g']), metric('Pass', ['g']), metric('Nodata', ['g']), metric('Nodata', ['g'])],
      { thresholds: THRESHOLDS },
    );
    expect(res).toMatchObject({ summaryScore: 0, classification: 'Fail', phase: 'Failed' });
  });

  it('fails the canary when a critical metric has no data', () => {
    const res = scoreCanary(
      [metric('Pass', ['g']), metric('Pass', ['g']), metric('Nodata', ['g'], { critical: true, reason: 'Missing data for errors' })],
      { thresholds: THRESHOLDS },
    );
    expect(res).toMatchObject({ summaryScore: 0, reason: 'Canary Failed: Missing data for errors' });
  });

  it('maps the score to Pass / Marginal / Fail and to the Argo Rollouts phase', () => {
    const score = (passes: number, total: number) =>
      scoreCanary(
        Array.from({ length: total }, (_, i) => metric(i < passes ? 'Pass' : 'High', ['g'])),
        { thresholds: THRESHOLDS },
      );
    expect(score(20, 20)).toMatchObject({ summaryScore: 100, classification: 'Pass', phase: 'Successful' });
    expect(score(19, 20)).toMatchObject({ summaryScore: 95, classification: 'Pass', phase: 'Successful' }); // inclusive
    expect(score(15, 20)).toMatchObject({ summaryScore: 75, classification: 'Marginal', phase: 'Inconclusive' });
    expect(score(14, 20)).toMatchObject({ summaryScore: 70, classification: 'Fail', phase: 'Failed' });
  });

  it('truncates the score before comparing, as Argo does', () => {
    // 66.67 ≥ 66.5 is a Pass for Kayenta, but Argo compares int(66.67) = 66 and reports Inconclusive.
    const res = scoreCanary([metric('Pass', ['g']), metric('Pass', ['g']), metric('Low', ['g'])], {
      thresholds: { pass: 66.5, marginal: 50 },
    });
    expect(res).toMatchObject({ classification: 'Pass', phase: 'Inconclusive' });
  });

  it('does not confuse a group named like an object property with a configured weight', () => {
    const res = scoreCanary([metric('Pass', ['constructor']), metric('High', ['x'])], { groupWeights: { x: 50 }, thresholds: THRESHOLDS });
    expect(res.summaryScore).toBe(50); // constructor takes the remaining 50 at score 100
  });
});
