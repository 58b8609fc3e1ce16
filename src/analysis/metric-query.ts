// What a metrics query returns for one replica set: a metric's value over a range
// (now − window, now], summed over the scrape windows the query can see — late ones are not
// there yet, lost ones are gaps — and the per-scrape series that Kayenta's judge compares.
import { LatencyHistogram } from '../model/metrics/latency-histogram.ts';
import type { MetricsConfig } from '../model/config/metrics.ts';
import type { MetricPoint, MetricSeries as ScrapedSeries } from '../model/metrics/metric-series.ts';
import type { MetricName } from './schema.ts';

/** A metric's value over a range and the traffic behind it. */
export interface MetricReading {
  /** In the metric's unit (fraction, %, ms, requests/s); NaN when there is no data. */
  value: number;
  /** Requests in the range's scrape windows that were not lost. */
  requests: number;
  /** Scrape windows in the range, and how many of them were lost. */
  windows: number;
  lostWindows: number;
}

/** Where queries read: the world's metrics pipeline (a `World` is one). */
export interface MetricsSource {
  readonly metrics: ScrapedSeries;
  readonly metricsConfig: MetricsConfig;
}

/** Shared scratch for merged latency: queries run one at a time. */
const merged = new LatencyHistogram();

const QUANTILE: Partial<Record<MetricName, number>> = { 'latency.p50': 0.5, 'latency.p95': 0.95, 'latency.p99': 0.99 };

/**
 * A latency percentile to 6 significant digits. The histogram resolves 1.56 %; the digits
 * beyond are float noise from summing fractional counts (aggregate fidelity), which a rank
 * test would otherwise read as a consistent difference between two identical versions.
 */
function percentile(ms: number): number {
  return Number.isFinite(ms) ? Number(ms.toPrecision(6)) : ms;
}

/** 5xx, timeouts and drops: what a proxy reports as 5xx (a timeout is a 504, a drop a 503). */
function failures(p: MetricPoint): number {
  return p.errors + p.timeouts + p.dropped;
}

/**
 * The value of `metric` from summed counts. Rates are ratios of sums (as PromQL's
 * sum(rate(bad)) / sum(rate(all))), not means of per-window ratios.
 * - errorRate: (5xx + timeouts + dropped) / requests, fraction 0–1;
 * - successRate: Flagger's request-success-rate, 100 × non-5xx / requests (4xx count as
 *   success; FL pkg/metrics/observers/istio.go);
 * - requestRate: requests / seconds of scrape windows with data (0 is data: a pool with no traffic);
 * - conversionRate: conversions / successful requests (the release's conversionRate);
 * - latency.*: NaN here; see readMetric.
 */
function ratio(metric: MetricName, requests: number, bad: number, ok: number, conversions: number, seconds: number): number {
  switch (metric) {
    case 'errorRate':
      return requests > 0 ? bad / requests : NaN;
    case 'successRate':
      return requests > 0 ? (100 * (requests - bad)) / requests : NaN;
    case 'requestRate':
      return seconds > 0 ? requests / seconds : NaN;
    case 'conversionRate':
      return ok > 0 ? conversions / ok : NaN;
    default:
      return NaN;
  }
}

/** `metric` of replica set `pool` over (now − window, now], as a query at `now` sees it. */
export function readMetric(world: MetricsSource, pool: number, metric: MetricName, now: number, window: number): MetricReading {
  const since = now - window;
  const points = world.metrics.visible(pool, now, since);
  const scrape = world.metricsConfig.scrapeInterval;
  let requests = 0;
  let bad = 0;
  let ok = 0;
  let conversions = 0;
  let lost = 0;
  for (const p of points) {
    if (Number.isNaN(p.requests)) {
      lost++;
      continue;
    }
    requests += p.requests;
    bad += failures(p);
    ok += p.ok;
    conversions += p.conversions;
  }
  const withData = points.length - lost;
  let value: number;
  const q = QUANTILE[metric];
  if (q !== undefined) {
    merged.reset();
    // The pipeline keeps histograms for its last 80 windows (20 min at 15 s); older ones drop out.
    world.metrics.mergeLatency(pool, now, since, merged);
    value = percentile(merged.quantile(q));
  } else if (withData === 0) {
    value = NaN;
  } else {
    value = ratio(metric, requests, bad, ok, conversions, withData * scrape);
  }
  if (metric !== 'requestRate' && !(requests > 0)) value = NaN;
  return { value, requests, windows: points.length, lostWindows: lost };
}

/** `metric` of one scrape window; NaN when the scrape was lost or (but for requestRate) had no requests. */
export function pointValue(p: MetricPoint, metric: MetricName, scrapeInterval: number): number {
  if (Number.isNaN(p.requests)) return NaN;
  switch (metric) {
    case 'latency.p50':
      return p.requests > 0 ? percentile(p.p50) : NaN;
    case 'latency.p95':
      return p.requests > 0 ? percentile(p.p95) : NaN;
    case 'latency.p99':
      return p.requests > 0 ? percentile(p.p99) : NaN;
    default:
      return ratio(metric, p.requests, failures(p), p.ok, p.conversions, scrapeInterval);
  }
}

/** Per-scrape values of a metric and the requests behind them. */
export interface MetricSeries {
  /** One value per scrape window, oldest first; NaN for lost or empty windows. */
  values: number[];
  requests: number;
  lostWindows: number;
}

/** Per-scrape values of `metric` for the windows ending in (since, now] that a query at `now` sees. */
export function metricSeries(world: MetricsSource, pool: number, metric: MetricName, now: number, since: number): MetricSeries {
  const scrape = world.metricsConfig.scrapeInterval;
  const values: number[] = [];
  let requests = 0;
  let lostWindows = 0;
  for (const p of world.metrics.visible(pool, now, since)) {
    values.push(pointValue(p, metric, scrape));
    if (Number.isNaN(p.requests)) lostWindows++;
    else requests += p.requests;
  }
  return { values, requests, lostWindows };
}
