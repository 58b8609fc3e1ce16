// The aggregate fidelity's side of the agreement tests: one PoolBacklog ticked once a second on
// the reference run's own arrival counts, with latency shapes from a LatencyShapeCache.
import { LatencyHistogram } from '../../../src/model/metrics/latency-histogram.ts';
import { LatencyShapeCache } from '../../../src/model/queueing/latency-shape-cache.ts';
import { LatencyShape, serviceShape, withExponentialWait } from '../../../src/model/queueing/latency-shape.ts';
import { PoolBacklog } from '../../../src/model/queueing/pool-backlog.ts';
import type { WaitMixture } from '../../../src/model/queueing/wait-mixture.ts';
import type { ReferencePoolOptions, ReferencePoolResult } from './reference-pool.ts';

export interface AggregatePoolResult {
  /** Expected rejections per second. */
  dropped: Float64Array;
  /** Latency of the requests that arrived in second t. */
  latency: LatencyHistogram[];
}

const cache = new LatencyShapeCache();

/**
 * Runs the aggregate model of `o`'s pool for whole seconds, fed the configured arrival rate
 * (as the traffic curve would give it) and the counts the reference run drew (as the
 * aggregate simulator's Poisson draw would), so both sides see the same requests.
 */
export function runAggregatePool(o: ReferencePoolOptions, reference: ReferencePoolResult): AggregatePoolResult {
  const seconds = reference.arrivals.length;
  const dropped = new Float64Array(seconds);
  const latency: LatencyHistogram[] = [];
  const svc = o.service;
  const meanS = svc.kind === 'lognormal' ? Math.exp(svc.mu + (svc.sigma * svc.sigma) / 2) / 1000 : svc.meanMs / 1000;
  const scv = svc.kind === 'lognormal' ? Math.exp(svc.sigma * svc.sigma) - 1 : 1;
  const backlog = new PoolBacklog();
  for (let t = 0; t < seconds; t++) {
    let rate = o.rates[0].rate;
    for (const r of o.rates) if (r.fromS <= t) rate = r.rate;
    const slow = o.slowdown && t >= o.slowdown.fromS && t < o.slowdown.toS ? o.slowdown.factor : 1;
    backlog.advance(
      { arrivalRate: rate, instances: o.instances, concurrency: o.concurrency, queueLimit: o.queueLimit, serviceMean: meanS * slow, serviceScv: scv, balancer: o.balancer },
      reference.arrivals[t],
      1,
    );
    dropped[t] = backlog.dropped;
    const h = new LatencyHistogram();
    if (svc.kind === 'lognormal') cache.addMixture(h, backlog.served, svc.mu + Math.log(slow), svc.sigma, backlog.waits);
    else addExponentialService(h, backlog.served, svc.meanMs * slow, backlog.waits);
    latency.push(h);
  }
  return { dropped, latency };
}

const pointMass = serviceShape(Math.log(1e-4), 0, 0, 0);
const exponentialShapes = new Map<string, LatencyShape>();

/** Exponential service (the benchmark model's) plus the waits: built from a point mass. */
function addExponentialService(h: LatencyHistogram, n: number, meanMs: number, waits: WaitMixture): void {
  for (let i = 0; i < waits.size; i++) {
    const [from, to, theta, cut] = [waits.fixedFrom[i], waits.fixedTo[i], waits.expMean[i], waits.expMax[i]].map((s) => s * 1000);
    const key = [meanMs, from, to, theta, cut].map((x) => x.toPrecision(4)).join();
    let shape = exponentialShapes.get(key);
    if (!shape) {
      shape = withExponentialWait(to > 0 ? serviceShape(Math.log(1e-4), 0, from, to) : pointMass, meanMs, Infinity);
      if (theta > 0) shape = withExponentialWait(shape, theta, cut);
      exponentialShapes.set(key, shape);
    }
    shape.addTo(h, n * waits.weight[i]);
  }
}
