// Metric queries over hand-filled scrape windows: sums over the range, rates as ratios of sums,
// latency from merged histograms, the delay, lost scrapes as gaps, and no data as NaN.
import { describe, expect, it } from 'vitest';
import { metricSeries, readMetric, type MetricsSource } from '../../src/analysis/metric-query.ts';
import { RandomStream } from '../../src/engine/random-stream.ts';
import { metricsSchema } from '../../src/model/config/metrics.ts';
import { MetricSeries } from '../../src/model/metrics/metric-series.ts';
import { Outcome } from '../../src/model/metrics/outcome.ts';

interface Window {
  ok?: number;
  clientErrors?: number;
  errors?: number;
  timeouts?: number;
  dropped?: number;
  conversions?: number;
  latencyMs?: number;
}

/** One pool, scraped every 15 s; window k ends at 15·(k+1). */
function source(windows: Window[], config: Record<string, unknown> = {}): MetricsSource {
  const metricsConfig = metricsSchema.parse(config);
  const metrics = new MetricSeries(metricsConfig, new RandomStream('metric-query-test'));
  metrics.addPool();
  windows.forEach((w, k) => {
    const counts: [Outcome, number | undefined][] = [
      [Outcome.Ok, w.ok],
      [Outcome.ClientError, w.clientErrors],
      [Outcome.Error, w.errors],
      [Outcome.Timeout, w.timeouts],
      [Outcome.Dropped, w.dropped],
    ];
    for (const [outcome, n] of counts) if (n) metrics.count(0, outcome, n);
    if (w.conversions) metrics.conversions(0, w.conversions);
    if (w.latencyMs !== undefined) metrics.latency(0).recordN(w.latencyMs, (w.ok ?? 0) + (w.clientErrors ?? 0) + (w.errors ?? 0));
    metrics.scrape(15 * (k + 1));
  });
  return { metrics, metricsConfig };
}

describe('a metric query over a range', () => {
  const windows: Window[] = [
    { ok: 1000, errors: 0, latencyMs: 40 },
    { ok: 900, clientErrors: 50, errors: 30, timeouts: 10, dropped: 10, conversions: 27, latencyMs: 100 },
    { ok: 960, errors: 20, dropped: 20, conversions: 48, latencyMs: 200 },
  ];
  const src = source(windows);

  it('sums the windows that end in (now − window, now]', () => {
    expect(readMetric(src, 0, 'errorRate', 45, 30)).toEqual({ value: 90 / 2000, requests: 2000, windows: 2, lostWindows: 0 });
    expect(readMetric(src, 0, 'errorRate', 45, 45).requests).toBe(3000);
    expect(readMetric(src, 0, 'errorRate', 44.9, 30).requests).toBe(1000 + 1000);
  });

  it('reads rates as ratios of sums: errors, Flagger’s success rate, requests/s, conversions', () => {
    expect(readMetric(src, 0, 'successRate', 45, 30).value).toBeCloseTo(100 * (1 - 90 / 2000), 12);
    expect(readMetric(src, 0, 'requestRate', 45, 30).value).toBeCloseTo(2000 / 30, 12);
    expect(readMetric(src, 0, 'conversionRate', 45, 30).value).toBeCloseTo(75 / 1860, 12);
  });

  it('takes latency percentiles from the merged histograms of the range', () => {
    expect(readMetric(src, 0, 'latency.p50', 30, 15).value).toBeCloseTo(100, 0);
    const p99 = readMetric(src, 0, 'latency.p99', 45, 30).value;
    expect(p99).toBeGreaterThan(190);
    expect(p99).toBeLessThanOrEqual(200 * 1.016);
    expect(readMetric(src, 0, 'latency.p50', 45, 45).value).toBeCloseTo(100, 0);
  });

  it('returns the per-scrape series, with each window’s own value', () => {
    const s = metricSeries(src, 0, 'errorRate', 45, 0);
    expect(s.values).toEqual([0, 50 / 1000, 40 / 1000]);
    expect(s.requests).toBe(3000);
    expect(metricSeries(src, 0, 'latency.p99', 45, 15).values).toEqual([100, 200]);
  });

  it('has no data (NaN) when the range holds no requests', () => {
    const empty = source([{}, {}]);
    expect(readMetric(empty, 0, 'errorRate', 30, 30)).toEqual({ value: NaN, requests: 0, windows: 2, lostWindows: 0 });
    expect(readMetric(empty, 0, 'latency.p99', 30, 30).value).toBeNaN();
    expect(readMetric(empty, 0, 'requestRate', 30, 30).value).toBe(0);
    expect(metricSeries(empty, 0, 'errorRate', 30, 0).values).toEqual([NaN, NaN]);
  });

  it('has no data before the first scrape, and none that the delay still hides', () => {
    expect(readMetric(src, 0, 'errorRate', 10, 30)).toMatchObject({ value: NaN, windows: 0 });
    const late = source(windows, { delay: 30 });
    expect(readMetric(late, 0, 'errorRate', 45, 30)).toMatchObject({ windows: 0, value: NaN });
    // The range is by scrape time, so a delayed point still has to fall inside it once visible.
    expect(readMetric(late, 0, 'errorRate', 75, 60)).toMatchObject({ windows: 2, requests: 2000 });
    expect(readMetric(late, 0, 'errorRate', 75, 75)).toMatchObject({ windows: 3, requests: 3000 });
  });

  it('treats lost scrapes as gaps, and has no data when every scrape was lost', () => {
    const lost = source(windows, { missingShare: 1 });
    expect(readMetric(lost, 0, 'errorRate', 45, 45)).toEqual({ value: NaN, requests: 0, windows: 3, lostWindows: 3 });
    expect(readMetric(lost, 0, 'latency.p99', 45, 45).value).toBeNaN();
    expect(readMetric(lost, 0, 'requestRate', 45, 45).value).toBeNaN();
    expect(metricSeries(lost, 0, 'errorRate', 45, 0)).toEqual({ values: [NaN, NaN, NaN], requests: 0, lostWindows: 3 });
  });
});
