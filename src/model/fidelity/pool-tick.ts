// One replica set over one aggregate tick: how many requests are refused, queued, served,
// failed, slow or timed out, and the latency mixture of those served. The same release
// profile, regressions, warm-up and per-instance limits as the request engine, in counts.
import { binomial } from '../../engine/distributions/binomial.ts';
import type { RandomStream } from '../../engine/random-stream.ts';
import { InstanceState } from '../fleet/instance.ts';
import { survival } from '../metrics/normal-tail.ts';
import type { PoolBacklog } from '../queueing/pool-backlog.ts';
import type { PoolQueueInput } from '../queueing/queue-group.ts';
import { LatencyMix } from '../queueing/latency-mix.ts';
import { LatencyShapeCache } from '../queueing/latency-shape-cache.ts';
import type { World } from '../world.ts';

const shapes = new LatencyShapeCache();
/** The queue's input, rewritten every tick: `advance` keeps none of it, and a literal per pool per tick was garbage. */
const queueInput: PoolQueueInput = { arrivalRate: 0, instances: 0, concurrency: 0, queueLimit: 0, serviceMean: 0, serviceScv: 0, balancer: 'round-robin' };

/** A latency mix per histogram, flushed when the histogram is read (see `AggregateEngine.flush`). */
export type MixFor = (hist: import('../metrics/latency-histogram.ts').LatencyHistogram) => LatencyMix;

/** The outputs of `poolTick`, reused from tick to tick. */
export class PoolTick {
  readonly assigned: number[] = [];
  ok = 0;
  clientErrors = 0;
  errors = 0;
  timeouts = 0;
  dropped = 0;
  conversions = 0;
  slow = 0;
  releaseErrors = 0;
  releaseSlowOk = 0;
  /** Compatibility (issue 5): answered requests failed by a schema / an API fault (in `errors`). */
  compatSchema = 0;
  compatApi = 0;
  // Latency mixture: up to two lognormal components (unaffected, affected) after the queue's waits.
  componentCount = 0;
  readonly mu = [0, 0];
  readonly sigma = [0, 0];
  readonly weight = [0, 0];
  /** Mean wait of the tick's requests, ms (for the shares over the SLO and the timeout). */
  waitMs = 0;
  backlog: PoolBacklog | null = null;

  /** Adds the served requests' latencies into `hist`'s mix, scaled by `scale`. */
  addLatency(mix: LatencyMix, scale = 1): void {
    const waits = this.backlog?.waits;
    for (let k = 0; k < this.componentCount; k++) {
      const n = this.weight[k] * scale;
      if (!(n > 0)) continue;
      if (waits && waits.size > 0) shapes.addMixture(mix, n, this.mu[k], this.sigma[k], waits);
      else shapes.addServed(mix, n, this.mu[k], this.sigma[k], 0, 0);
    }
  }

  reset(): void {
    this.ok = this.clientErrors = this.errors = this.timeouts = this.dropped = 0;
    this.conversions = this.slow = this.releaseErrors = this.releaseSlowOk = 0;
    this.compatSchema = this.compatApi = 0;
    this.componentCount = 0;
    this.waitMs = 0;
  }
}

/**
 * Draws one tick of replica set `p` receiving `arrivals` requests over `dt` seconds, offered
 * at `offeredRate` requests/s (the expected rate: the queue model follows the load, not one
 * tick's Poisson noise), with its queue carried in `backlog`.
 */
export function poolTick(w: World, p: number, arrivals: number, offeredRate: number, backlog: PoolBacklog, now: number, dt: number, rng: RandomStream, out: PoolTick): void {
  out.reset();
  out.backlog = backlog;
  const rs = w.fleet.replicaSets[p];
  const endpoints = rs.endpoints;
  const profile = w.profiles[rs.version];
  let accepting = 0;
  let warmSum = 0;
  let leakHours = 0;
  for (const i of endpoints) {
    if (!i.accepting) continue;
    accepting++;
    warmSum += w.warmupMultiplier(i, now);
    if (i.state !== InstanceState.Gone) leakHours += (now - i.upSince) / 3600;
  }
  if (accepting === 0) {
    out.dropped = arrivals;
    backlog.reset();
    backlog.waits.clear();
    return;
  }
  // Round-robin over the endpoints: the share of requests sent to instances that refuse them.
  const refused = endpoints.length > accepting ? binomial(rng, arrivals, 1 - accepting / endpoints.length) : 0;
  const admitted = arrivals - refused;
  const warm = warmSum / accepting;
  const meanHours = Number.isFinite(leakHours) ? leakHours / accepting : 0;

  // Regressions: the share of requests they touch, and what they do to those.
  const perInstanceRps = admitted / dt / accepting;
  const meanServiceS = (Math.exp(profile.mu + 0.5 * profile.sigma * profile.sigma) * warm) / 1000;
  let addedError = 0;
  let affectedShare = 0;
  let affectedMultiplier = 1;
  let tailSigma = 0;
  let conversionMultiplier = 1;
  for (const r of profile.requestRegressions) {
    const active = activeShare(rs.endpoints, r, now);
    if (active <= 0) continue;
    const share = active * r.requestShare;
    switch (r.kind) {
      case 'error-rate':
        addedError += share * r.errorRate;
        break;
      case 'latency':
        affectedShare = Math.max(affectedShare, share);
        if (r.tailOnly) tailSigma += r.tailSigmaAdd;
        else affectedMultiplier *= r.latencyMultiplier;
        break;
      case 'load':
        if (perInstanceRps > r.aboveRps || perInstanceRps * meanServiceS > r.aboveConcurrency) {
          addedError += share * r.errorRate;
          affectedShare = Math.max(affectedShare, share);
          affectedMultiplier *= r.latencyMultiplier;
        }
        break;
      case 'memory-leak':
        addedError += share * r.growthErrorPerHour * meanHours;
        affectedShare = Math.max(affectedShare, share);
        affectedMultiplier *= 1 + r.growthLatencyPerHour * meanHours;
        break;
      case 'business':
        conversionMultiplier *= 1 - share * (1 - r.conversionMultiplier);
        break;
    }
  }

  // The queue: slots, waiting room and rejections per the balancer's queueing model
  // (src/model/queueing), with the service time the regressions and warm-up give it.
  const slowdown = 1 + affectedShare * (affectedMultiplier - 1);
  const cfg = w.fleetConfig.instance;
  const pool = queueInput;
  pool.arrivalRate = (offeredRate * admitted) / Math.max(arrivals, 1);
  pool.instances = accepting;
  pool.concurrency = cfg.concurrency;
  pool.queueLimit = cfg.queueLimit;
  pool.serviceMean = meanServiceS * slowdown;
  pool.serviceScv = Math.expm1(profile.sigma * profile.sigma);
  pool.balancer = w.router.config.balancer;
  backlog.advance(pool, admitted, dt, rng);
  const served = backlog.served;
  out.dropped = refused + backlog.dropped;
  out.waitMs = meanWaitMs(backlog);

  // Latency components (ms): unaffected and affected requests.
  const mu0 = profile.mu + Math.log(warm);
  const sigma0 = profile.sigma;
  out.componentCount = affectedShare > 0 ? 2 : 1;
  out.mu[0] = mu0;
  out.sigma[0] = sigma0;
  out.weight[0] = served * (1 - affectedShare);
  if (affectedShare > 0) {
    out.mu[1] = mu0 + Math.log(affectedMultiplier);
    out.sigma[1] = sigma0 + tailSigma;
    out.weight[1] = served * affectedShare;
  }
  // Outcomes, in the request engine's order: timeouts, then 5xx, then 4xx.
  out.timeouts = binomial(rng, served, Math.min(1, overShare(out, affectedShare, w.timeoutMs)));
  const answered = served - out.timeouts;
  // Compatibility (issue 5, src/model/compat): schema and API faults fail their share of the
  // answered requests, as the release's; the profile's own errors fall on the rest.
  const compat = w.compat;
  if (compat !== null && answered > 0) {
    compat.shares(rs.version, now);
    out.compatSchema = binomial(compat.rng, answered, compat.pSchema);
    out.compatApi = binomial(compat.rng, answered - out.compatSchema, compat.pApi);
  }
  const compatFailed = out.compatSchema + out.compatApi;
  const pError = Math.min(1, profile.errorRate + addedError);
  const profileErrors = binomial(rng, answered - compatFailed, pError);
  out.errors = compatFailed + profileErrors;
  const stableRate = rs.version === 0 ? profile.errorRate : w.profiles[0].errorRate;
  out.releaseErrors = compatFailed + (pError > 0 ? binomial(rng, profileErrors, Math.max(0, pError - stableRate) / pError) : 0);
  out.clientErrors = pError < 1 ? binomial(rng, answered - out.errors, Math.min(1, profile.clientErrorRate / (1 - pError))) : 0;
  out.ok = answered - out.errors - out.clientErrors;
  out.conversions = binomial(rng, out.ok, Math.min(1, profile.conversionRate * conversionMultiplier));
  const pSlow = overShare(out, affectedShare, w.sloLatencyMs);
  out.slow = binomial(rng, answered, Math.min(1, pSlow));
  if (rs.version !== 0 && affectedShare > 0) {
    const pSlowBase = exceeds(out, w.sloLatencyMs, 0);
    const extra = Math.max(0, pSlow - pSlowBase);
    out.releaseSlowOk = binomial(rng, answered - out.releaseErrors, Math.min(1, extra));
  }
  // Timeouts caused by the release count as affected too.
  if (rs.version !== 0 && out.timeouts > 0 && affectedShare > 0) {
    const base = exceeds(out, w.timeoutMs, 0);
    const all = overShare(out, affectedShare, w.timeoutMs);
    out.releaseErrors += binomial(rng, out.timeouts, all > 0 ? Math.max(0, all - base) / all : 0);
  }
}

// Module functions, not closures inside poolTick: those were two allocations per pool per tick.
/** Share of component k's requests (after the tick's mean wait) slower than `limitMs`. */
function exceeds(out: PoolTick, limitMs: number, k: number): number {
  const room = limitMs - out.waitMs;
  return room <= 0 ? 1 : survival((Math.log(room) - out.mu[k]) / out.sigma[k]);
}

/** Share of all served requests slower than `limitMs`, over both latency components. */
function overShare(out: PoolTick, affectedShare: number, limitMs: number): number {
  return (1 - affectedShare) * exceeds(out, limitMs, 0) + (affectedShare > 0 ? affectedShare * exceeds(out, limitMs, 1) : 0);
}

/** Mean wait of the tick's requests, ms, from the queue's wait mixture. */
function meanWaitMs(backlog: PoolBacklog): number {
  const w = backlog.waits;
  let total = 0;
  let weight = 0;
  for (let i = 0; i < w.size; i++) {
    const fixed = 0.5 * (w.fixedFrom[i] + w.fixedTo[i]);
    const exp = Number.isFinite(w.expMax[i]) ? Math.min(w.expMean[i], w.expMax[i]) : w.expMean[i];
    total += w.weight[i] * (fixed + exp);
    weight += w.weight[i];
  }
  return weight > 0 ? (total / weight) * 1000 : 0;
}

/** Share of a pool's accepting endpoints on which a regression's onset has passed. */
function activeShare(endpoints: readonly { accepting: boolean; upSince: number }[], r: { activeAt(now: number, upSince: number): boolean }, now: number): number {
  let n = 0;
  let active = 0;
  for (const i of endpoints) {
    if (!i.accepting) continue;
    n++;
    if (r.activeAt(now, i.upSince)) active++;
  }
  return n > 0 ? active / n : 0;
}
