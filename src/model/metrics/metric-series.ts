// The metrics pipeline as production has it: per replica set, counters and a latency
// histogram per scrape interval; a queryable series of closed windows that can arrive
// late, go missing or carry the wrong label — the "garbage in" knobs of the lessons.
import type { RandomStream } from '../../engine/random-stream.ts';
import type { MetricsConfig } from '../config/metrics.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import { Outcome, OUTCOME_COUNT } from './outcome.ts';

/** One scrape window of one replica set, as a query sees it. */
export interface MetricPoint {
  /** Window end, seconds. */
  t: number;
  requests: number;
  ok: number;
  clientErrors: number;
  errors: number;
  timeouts: number;
  dropped: number;
  conversions: number;
  /** Latency percentiles of the responses in the window, ms; NaN when none. */
  p50: number;
  p95: number;
  p99: number;
}

/** Windows kept with full histograms, for queries over several windows (20 min at 15 s). */
const HISTOGRAM_RING = 80;

export class PoolMetrics {
  readonly points: MetricPoint[] = [];
  /** Counts of the open window by outcome, and conversions. */
  readonly open = new Float64Array(OUTCOME_COUNT + 1);
  readonly openLatency = new LatencyHistogram();
  readonly ring: LatencyHistogram[] = [];
  /** Index into `points` of each ring histogram, −1 when unused. */
  readonly ringPoint = new Int32Array(HISTOGRAM_RING).fill(-1);

  constructor() {
    for (let i = 0; i < HISTOGRAM_RING; i++) this.ring.push(new LatencyHistogram());
  }
}

export class MetricSeries {
  readonly pools: PoolMetrics[] = [];
  /** Closed windows, in order; `visibleAt` says when each can be queried (with the delay). */
  private windowEnds: number[] = [];

  constructor(
    readonly config: MetricsConfig,
    private readonly rng: RandomStream,
  ) {}

  addPool(): number {
    this.pools.push(new PoolMetrics());
    return this.pools.length - 1;
  }

  /** Counts `n` requests with `outcome` in `pool`'s open window. */
  count(pool: number, outcome: Outcome, n: number): void {
    this.pools[pool].open[outcome] += n;
  }

  conversions(pool: number, n: number): void {
    this.pools[pool].open[OUTCOME_COUNT] += n;
  }

  latency(pool: number): LatencyHistogram {
    return this.pools[pool].openLatency;
  }

  /** Closes the open window at `t` (a scrape): a point per pool, unless the scrape is lost. */
  scrape(t: number): void {
    const lost = this.config.missingShare > 0 && this.rng.next() < this.config.missingShare;
    this.windowEnds.push(t);
    for (const pool of this.pools) {
      const c = pool.open;
      const h = pool.openLatency;
      const index = pool.points.length;
      const point: MetricPoint = {
        t,
        requests: lost ? Number.NaN : c[Outcome.Ok] + c[Outcome.ClientError] + c[Outcome.Error] + c[Outcome.Timeout] + c[Outcome.Dropped],
        ok: lost ? Number.NaN : c[Outcome.Ok],
        clientErrors: lost ? Number.NaN : c[Outcome.ClientError],
        errors: lost ? Number.NaN : c[Outcome.Error],
        timeouts: lost ? Number.NaN : c[Outcome.Timeout],
        dropped: lost ? Number.NaN : c[Outcome.Dropped],
        conversions: lost ? Number.NaN : c[OUTCOME_COUNT],
        p50: lost || h.count === 0 ? Number.NaN : h.quantile(0.5),
        p95: lost || h.count === 0 ? Number.NaN : h.quantile(0.95),
        p99: lost || h.count === 0 ? Number.NaN : h.quantile(0.99),
      };
      pool.points.push(point);
      const slot = index % HISTOGRAM_RING;
      if (lost) pool.ring[slot].reset();
      else pool.ring[slot].copyFrom(h);
      pool.ringPoint[slot] = index;
      c.fill(0);
      h.reset();
    }
  }

  /** Points of `pool` that a query at time `now` can see (closed and past the delay), newest last. */
  visible(pool: number, now: number, since = -Infinity): MetricPoint[] {
    const out: MetricPoint[] = [];
    for (const p of this.pools[pool].points) {
      if (p.t + this.config.delay > now + 1e-9) break;
      if (p.t > since + 1e-9) out.push(p);
    }
    return out;
  }

  /**
   * Merges the latency of `pool`'s visible windows ending in (since, now] into `into`;
   * returns how many windows had data. Only the last 80 windows keep histograms.
   */
  mergeLatency(pool: number, now: number, since: number, into: LatencyHistogram): number {
    const m = this.pools[pool];
    let merged = 0;
    for (let slot = 0; slot < m.ringPoint.length; slot++) {
      const index = m.ringPoint[slot];
      if (index < 0) continue;
      const p = m.points[index];
      if (p.t + this.config.delay > now + 1e-9 || p.t <= since + 1e-9 || Number.isNaN(p.requests)) continue;
      into.addFrom(m.ring[slot]);
      merged++;
    }
    return merged;
  }
}
