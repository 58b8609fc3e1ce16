// Kayenta's judge inside an analysis run: the per-scrape series of canary and baseline are
// classified and scored each round; a doubled error rate fails, equal versions pass, a
// missing baseline is Nodata, and a fresh baseline cancels the cold-start bias of warm production.
import { describe, expect, it } from 'vitest';
import { runAnalysis } from './world-fixture.ts';

const ACA = {
  interval: '5m',
  count: 2,
  kayenta: { pass: 95, marginal: 75, groupWeights: { errors: 50, latency: 50 } },
  metrics: [
    { name: 'error-rate', metric: 'errorRate', judge: { direction: 'increase', groups: ['errors'] } },
    { name: 'p99', metric: 'latency.p99', judge: { direction: 'increase', groups: ['latency'] } },
  ],
};
const busy = { rps: 20_000, freshBaseline: true, durationS: 800 };

type Entry = Record<string, unknown> & { judge: Record<string, unknown> };

describe('an analysis run with Kayenta’s Mann-Whitney judge', () => {
  it('fails a doubled error rate against a fresh baseline at 5% weight: High, group score 0, summary 50', () => {
    const r = runAnalysis({ ...busy, candidate: { errorRate: 0.002 } }, ACA);
    expect(r.phase).toBe('Failed');
    expect(r.doneAt).toBe(90 + 300);
    const round = r.events[1];
    expect(round.kayenta).toEqual({
      score: 50, pass: 95, marginal: 75, classification: 'Fail', groupScores: { errors: 0, latency: 100 }, verdict: 'fail',
    });
    const [errors, p99] = round.metrics as Entry[];
    expect(errors).toMatchObject({ name: 'error-rate', metric: 'errorRate', verdict: 'fail', reason: 'error-rate was classified as High' });
    expect(errors.judge).toMatchObject({ kind: 'mann-whitney', classification: 'High', canaryPoints: 20, baselinePoints: 20 });
    expect(errors.judge.effectSize as number).toBeGreaterThan(1.6);
    expect(errors.judge.lowerConfidence as number).toBeGreaterThan(0);
    expect(p99).toMatchObject({ verdict: 'pass', judge: { classification: 'Pass' } });
    expect(r.detail!.metrics).toEqual([{ name: 'kayenta', phase: 'Failed', count: 1, successful: 0, failed: 1, inconclusive: 0, error: 0, consecutiveError: 0 }]);
  });

  it('passes equal versions, comparing a growing window of scrapes each round', () => {
    const r = runAnalysis(busy, ACA);
    expect(r.phase).toBe('Successful');
    const rounds = r.events.filter((e) => e.kind === 'analysis');
    expect(rounds.map((e) => (e.kayenta as { score: number }).score)).toEqual([100, 100]);
    expect(rounds.map((e) => (e.metrics as Entry[])[0].judge.canaryPoints)).toEqual([20, 40]);
    expect(rounds.map((e) => (e.metrics as Entry[])[0].window)).toEqual([300, 600]);
  });

  it('slides the window when a metric sets one', () => {
    const sliding = { ...ACA, metrics: ACA.metrics.map((m) => ({ ...m, window: '5m' })) };
    const r = runAnalysis(busy, sliding);
    const rounds = r.events.filter((e) => e.kind === 'analysis');
    expect(rounds.map((e) => (e.metrics as Entry[])[0].judge.canaryPoints)).toEqual([20, 20]);
  });

  it('scores a marginal result as Inconclusive (Argo’s kayenta provider)', () => {
    const three = {
      interval: '5m',
      count: 1,
      kayenta: { pass: 95, marginal: 60 },
      metrics: [
        { name: 'error-rate', metric: 'errorRate', judge: { direction: 'increase' } },
        { name: 'p99', metric: 'latency.p99', judge: { direction: 'increase' } },
        { name: 'p50', metric: 'latency.p50', judge: { direction: 'increase' } },
      ],
    };
    const r = runAnalysis({ ...busy, candidate: { errorRate: 0.002 } }, three);
    expect((r.events[1].kayenta as { score: number }).score).toBeCloseTo(66.67, 2);
    expect(r.phase).toBe('Inconclusive');
  });

  it('fails outright when a critical metric fails', () => {
    const critical = { ...ACA, metrics: [{ ...ACA.metrics[0], judge: { ...ACA.metrics[0].judge, critical: true } }, ACA.metrics[1]] };
    const r = runAnalysis({ ...busy, candidate: { errorRate: 0.002 } }, critical);
    expect(r.events[1].kayenta).toMatchObject({ score: 0, reason: 'Canary Failed: The metric error-rate was classified as High (Critical)' });
  });

  it('calls a metric with no canary data Nodata, and fails when mustHaveData says so', () => {
    const lenient = { interval: '5m', count: 1, metrics: [ACA.metrics[0], { name: 'conversions', metric: 'conversionRate', judge: {} }] };
    const quiet = { ...busy, canaryWeight: 0 };
    const r = runAnalysis(quiet, lenient);
    // Both metrics have no canary data: ≥ 50% Nodata zeroes the score (Kayenta WeightedSumScorer).
    expect(r.events[1].kayenta).toMatchObject({ score: 0, reason: 'Canary Failed: 50% or more metrics returned NODATA' });
    expect((r.events[1].metrics as Entry[]).map((m) => m.judge.classification)).toEqual(['Nodata', 'Nodata']);
    const strict = { interval: '5m', count: 1, metrics: [{ ...ACA.metrics[0], judge: { mustHaveData: true } }] };
    expect((runAnalysis(quiet, strict).events[1].metrics as Entry[])[0].judge.classification).toBe('NodataFailMetric');
  });

  it('shows the cold-start bias of comparing with warm production, which a fresh baseline removes', () => {
    const p50 = { interval: '5m', count: 1, metrics: [{ name: 'p50', metric: 'latency.p50', judge: { direction: 'increase' } }] };
    const cold = { rps: 20_000, canaryWeight: 10, warmup: 900, deployAt: 30, durationS: 400 };
    const warmProduction = runAnalysis({ ...cold, freshBaseline: false }, p50, { startAt: 30 });
    expect(warmProduction.phase).toBe('Failed');
    expect((warmProduction.events[1].metrics as Entry[])[0].judge.classification).toBe('High');
    const fresh = runAnalysis({ ...cold, freshBaseline: true }, p50, { startAt: 30 });
    expect(fresh.phase).toBe('Successful');
  });
});
