// The aggregate fidelity's queueing per pool per tick: what a steady state, a latency shape and
// a whole two-hour run at 10,000 requests/s cost. Budget: 2 h of 1 s ticks, percentiles
// included, in < 100 ms, so a few µs per pool per tick.
import { poisson } from '../../src/engine/distributions/poisson.ts';
import { lognormalParams } from '../../src/engine/distributions/lognormal.ts';
import { streams } from '../../src/engine/streams.ts';
import { LatencyHistogram } from '../../src/model/metrics/latency-histogram.ts';
import { LatencyMix } from '../../src/model/queueing/latency-mix.ts';
import { LatencyShapeCache } from '../../src/model/queueing/latency-shape-cache.ts';
import { PoolBacklog } from '../../src/model/queueing/pool-backlog.ts';
import { queueGroup, type Balancer } from '../../src/model/queueing/queue-group.ts';
import { QueueTable } from '../../src/model/queueing/queue-table.ts';
import { queueAtLoad } from '../../src/model/queueing/steady-state.ts';
import { median, nowMs, report } from './report.ts';

const { mu, sigma } = lognormalParams(40, 180);
const SERVICE_MEAN = Math.exp(mu + (sigma * sigma) / 2) / 1000;
const SCV = Math.exp(sigma * sigma) - 1;

/** Microseconds per call of `fn(i)`, median of three runs after a warm-up. */
function perCall(calls: number, fn: (i: number) => void): number {
  const once = () => {
    const start = nowMs();
    for (let i = 0; i < calls; i++) fn(i);
    return ((nowMs() - start) * 1000) / calls;
  };
  once();
  return median([once(), once(), once()]);
}

// Steady states: the exact evaluation, and the table the backlog reads every tick.
for (const [label, balancer, instances] of [['round-robin, 10 × 32 slots', 'round-robin', 10], ['least-outstanding, 100 × 32 slots', 'least-outstanding', 100]] as const) {
  const group = queueGroup({ arrivalRate: 0, instances, concurrency: 32, queueLimit: 100, serviceMean: SERVICE_MEAN, serviceScv: SCV, balancer });
  const exact = perCall(20_000, (i) => queueAtLoad(group, 0.5 + (i % 4000) * 1e-4));
  const table = new QueueTable(group);
  const cached = perCall(200_000, (i) => table.at(0.5 + (i % 4000) * 1e-4, SERVICE_MEAN));
  report({ name: `queueing: steady state, ${label}`, result: `${exact.toFixed(2)} µs exact, ${cached.toFixed(3)} µs from the table`, notes: `${table.size} grid points computed` });
}

// Latency shapes: building one (a cache miss) and adding one (a hit).
const fresh = perCall(300, (i) => new LatencyShapeCache().shape(mu + (i % 97) * 1e-3, sigma));
/** µs per shape built on top of a cached service shape; waits 1% apart, so every call misses. */
function missCost(build: (cache: LatencyShapeCache, wait: number) => void): number {
  const once = () => {
    const cache = new LatencyShapeCache(1000);
    cache.shape(mu, sigma);
    const start = nowMs();
    for (let k = 0; k < 300; k++) build(cache, 1.01 ** k);
    return ((nowMs() - start) * 1000) / 300;
  };
  once();
  return median([once(), once(), once()]);
}
const exponential = missCost((c, w) => c.shape(mu, sigma, 0, 0, w));
const truncated = missCost((c, w) => c.shape(mu, sigma, 0, 0, w, 10));
const draining = missCost((c, w) => c.shape(mu, sigma, 100, 100 * w));
report({
  name: 'queueing: shape build (cache miss)',
  result: `service ${fresh.toFixed(0)} µs; + exp wait ${exponential.toFixed(0)} µs, + cut-off ${truncated.toFixed(0)} µs`,
  notes: `lognormal(40 ms, p99 180 ms), ~1,000 buckets; service + uniform backlog ${draining.toFixed(0)} µs`,
});
const cache = new LatencyShapeCache();
const hist = new LatencyHistogram();
const direct = perCall(20_000, () => cache.addServed(hist, 100, mu, sigma, 0.3, 12));
const mix = new LatencyMix();
const viaMix = perCall(1_000_000, () => cache.addServed(mix, 100, mu, sigma, 0.3, 12));
const flush = perCall(5_000, () => {
  cache.addServed(mix, 100, mu, sigma, 0.3, 12);
  mix.flushInto(hist);
});
report({
  name: 'queueing: addServed (cache hit, 2 shapes)',
  result: `${direct.toFixed(2)} µs into a histogram, ${viaMix.toFixed(3)} µs into a LatencyMix`,
  target: 'per tick: LatencyMix',
  notes: `flushing a window's mix into the histogram ${flush.toFixed(1)} µs`,
});

/** Two hours of 1 s ticks: Poisson arrivals, backlog, shapes into a mix, p50/p99 per 15 s window. */
function twoHours(balancer: Balancer, instances: number): { ms: number; shapes: number; p50: number; p99: number } {
  const rng = streams(1).get('bench/queueing');
  const shapes = new LatencyShapeCache();
  const backlog = new PoolBacklog();
  const window = new LatencyMix();
  const windowHist = new LatencyHistogram();
  let p50 = 0;
  let p99 = 0;
  const start = nowMs();
  for (let t = 0; t < 7200; t++) {
    // A diurnal-ish swing of ±25% around 10,000 requests/s: ρ 0.58–0.96 on 20 instances.
    const rate = 10_000 * (1 + 0.25 * Math.sin((2 * Math.PI * t) / 3600));
    const pool = { arrivalRate: rate, instances, concurrency: 32, queueLimit: 100, serviceMean: SERVICE_MEAN, serviceScv: SCV, balancer };
    backlog.advance(pool, poisson(rng, rate), 1, rng);
    shapes.addMixture(window, backlog.served, mu, sigma, backlog.waits);
    if (t % 15 === 14) {
      window.flushInto(windowHist);
      // The window's percentiles, as the results timeline reads them.
      p50 = windowHist.quantile(0.5);
      p99 = Math.max(p99, windowHist.quantile(0.99));
      windowHist.reset();
    }
  }
  return { ms: nowMs() - start, shapes: shapes.size, p50, p99 };
}

for (const [balancer, instances] of [['random', 20], ['round-robin', 20], ['least-outstanding', 20], ['round-robin', 100]] as const) {
  twoHours(balancer, instances);
  const runs = [twoHours(balancer, instances), twoHours(balancer, instances), twoHours(balancer, instances)];
  const ms = median(runs.map((r) => r.ms));
  report({
    name: `queueing: 2 h at 10,000/s, ${instances} instances, ${balancer}`,
    result: `${ms.toFixed(1)} ms (${((ms * 1000) / 7200).toFixed(2)} µs/tick)`,
    target: `< 100 ms ${ms < 100 ? '✓' : '✗'}`,
    notes: `7,200 ticks, 480 windows with p50/p99; ${runs[0].shapes} shapes cached; last p50 ${runs[0].p50.toFixed(0)} ms, worst p99 ${runs[0].p99.toFixed(0)} ms`,
  });
}
